// What an evaluation returns. Results are plain JSON (no functions, no Maps) so they can be
// stored and re-rendered later by explain.ts without the scheme.
import type { ItemKind, Label } from '../scheme/types';

export type ItemStatus = 'scored' | 'not_evaluated' | 'gated' | 'vetoed';

export interface CapApplied {
  level: 'rule' | 'item' | 'group' | 'total';
  /** The item or group id; the scheme code for 'total'. */
  at: string;
  cap: number;
  /** Points before the cap. */
  before: number;
}

/** The fact (or list-entry field) a step read, with its labels for explanations. */
export interface SourceRef {
  key: string;
  label: Label;
  unit?: Label;
  /** Set when this is a field of an entry of that list fact. */
  list?: string;
}

export type Trace =
  | { kind: 'row'; source: SourceRef; value: string | number | boolean; valueLabel?: Label; rowLabel: Label; points: number; cap?: CapApplied }
  | { kind: 'noRow'; source: SourceRef; value: string | number | boolean; valueLabel?: Label; points: 0 }
  | {
      kind: 'perUnit';
      source: SourceRef;
      value: number | string;
      units: number;
      per: number;
      unitSize: number;
      after: number;
      base: number;
      countDownFrom?: number;
      points: number;
      cap?: CapApplied;
    }
  | {
      kind: 'grid';
      row: { source: SourceRef; value: string | number | boolean; label: Label };
      column: { source: SourceRef; value: string | number | boolean; label: Label };
      points: number;
      cap?: CapApplied;
    }
  | { kind: 'gridMiss'; points: 0 }
  | { kind: 'combine'; policy: 'max' | 'sum'; parts: Trace[]; chosen?: number; points: number; cap?: CapApplied }
  | {
      kind: 'list';
      source: SourceRef;
      policy: 'max' | 'sum';
      /** Entries that counted (index in the list as given, and their trace). */
      entries: Array<{ index: number; trace: Trace }>;
      /** How many entries the list had, and how many were left out by where / withinYears. */
      given: number;
      excluded: number;
      chosen?: number;
      points: number;
      cap?: CapApplied;
    }
  | { kind: 'when'; case: number | null; condition?: Label; then: Trace | null; points: number; cap?: CapApplied }
  | { kind: 'fixed'; points: number };

export interface ItemResult {
  itemId: string;
  label: Label;
  kind: ItemKind;
  group: string | null;
  reference: string | null;
  status: ItemStatus;
  /** Points the rule gave, before the item cap (and before the sign of a deduction); null if not scored. */
  rawPoints: number | null;
  /** What the item adds to the total: negative for deductions, 0 unless scored. */
  points: number;
  capsApplied: CapApplied[];
  /** How the points were found: the matched row(s), units, chosen case …; null if not scored. */
  trace: Trace | null;
  /** gate / veto condition, or the `requires` that gated the item, in words. */
  condition: Label | null;
  /** gate: met? veto: triggered? requires: met? null when not evaluated or no condition. */
  conditionMet: boolean | null;
  /** Facts the item reads, as given; a missing one is undefined (absent once stored as JSON) and listed in missingFacts. */
  factsUsed: Record<string, unknown>;
  /** What was missing when status is 'not_evaluated': a fact key, or e.g. 'awards[2].level'. */
  missingFacts: Array<{ key: string; label: Label }>;
}

export interface GroupResult {
  groupId: string;
  label: Label;
  parent: string | null;
  policy: 'sum' | 'max';
  /** Items and child groups, in document order. */
  members: string[];
  rawPoints: number;
  points: number;
  capsApplied: CapApplied[];
}

export interface EvaluationResult {
  schemeCode: string;
  schemeVersion: string;
  schemeHash: string;
  asOf: string;
  /** asOf lies within the scheme's effective period. */
  inEffect: boolean;
  items: ItemResult[];
  groups: GroupResult[];
  /** Bonus points after group and total caps, before deductions. */
  bonusTotal: number;
  /** Sum of deductions (≤ 0). */
  deductionTotal: number;
  total: number;
  capsApplied: CapApplied[];
  /** Every item was evaluated (no 'not_evaluated'). */
  complete: boolean;
  notEvaluated: string[];
  vetoed: boolean;
  vetoedBy: string[];
  gatesFailed: string[];
  passMark: number | null;
  /** false: failed (veto, gate, below pass mark); null: cannot tell because facts are missing. */
  passed: boolean | null;
  /** Threshold tiering only, on complete and not vetoed results. */
  tier: { id: string; label: Label } | null;
}
