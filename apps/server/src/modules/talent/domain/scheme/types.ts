// The points-scheme document (积分办法) as a county writes it, after zod has parsed it.
// docs/talent/SCHEME_FORMAT.md explains every field with examples.

export interface Label {
  zh: string;
  en: string;
}

/**
 * personal: a talent's points; enterprise: an enterprise's points and tiers; evaluation_bonus: the
 * bonus (0–8) an enterprise's points add to the county's industrial enterprise comprehensive
 * evaluation (工业企业综合评价), computed from the enterprise score.
 */
export type SchemeKind = 'personal' | 'enterprise' | 'evaluation_bonus';

// ---------------------------------------------------------------- facts

export interface EnumValueDoc {
  value: string;
  label: Label;
}

export interface EnumFactType {
  type: 'enum';
  values: EnumValueDoc[];
}
export interface NumberFactType {
  type: 'number';
  unit?: Label;
  min?: number;
  max?: number;
  integer?: boolean;
}
export interface BooleanFactType {
  type: 'boolean';
}
export interface DateFactType {
  type: 'date';
}
export type ScalarFactType = EnumFactType | NumberFactType | BooleanFactType | DateFactType;

export type FieldDoc = ScalarFactType & { key: string; label: Label };

export interface ListFactType {
  type: 'list';
  /** The fields of one entry, e.g. awards: [{ level, year }]. */
  fields: FieldDoc[];
}

export type FactDoc = (ScalarFactType | ListFactType) & { key: string; label: Label };

// ---------------------------------------------------------------- conditions

export interface ComparisonOps {
  eq?: string | number | boolean;
  ne?: string | number | boolean;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  in?: Array<string | number | boolean>;
  notIn?: Array<string | number | boolean>;
  /** true: the fact is provided; false: it is missing. */
  present?: boolean;
}

export type ConditionDoc =
  | (ComparisonOps & { fact: string })
  /** Inside a list rule's `where`: a field of the entry. */
  | (ComparisonOps & { field: string })
  /** The points another item scored (makes this item depend on it). */
  | (ComparisonOps & { item: string })
  | { all: ConditionDoc[] }
  | { any: ConditionDoc[] }
  | { not: ConditionDoc };

// ---------------------------------------------------------------- rules

export interface BandDoc {
  /** Inclusive lower bound; omitted = no lower bound. */
  min?: number;
  /** Exclusive upper bound; omitted = no upper bound. */
  max?: number;
  points: number;
  label?: Label;
}
export interface CategoryDoc {
  value: string | boolean;
  points: number;
}

/** Lookup table over one fact (or one field of a list entry). */
export interface TableRuleDoc {
  type: 'table';
  fact?: string;
  field?: string;
  bands?: BandDoc[];
  categories?: CategoryDoc[];
  /** Bands cover the whole range of the fact / categories list every enum value. */
  complete?: boolean;
  cap?: number;
}

/** Points per unit: base + per × units, units = ⌊value / unitSize⌋ − after (never below 0). */
export interface PerUnitRuleDoc {
  type: 'perUnit';
  fact?: string;
  field?: string;
  points: number;
  /** 每满 unitSize 计一单位 (default 1). */
  unitSize?: number;
  /** The first `after` units score nothing ("after N units, k per unit"). */
  after?: number;
  /** Count down from this value instead of up (e.g. age: 2 points per year younger than 56). */
  countDownFrom?: number;
  base?: number;
  cap?: number;
}

export interface AxisDoc {
  fact?: string;
  field?: string;
  /** Enum values (or booleans) in row/column order … */
  categories?: Array<string | boolean>;
  /** … or bands over a number. */
  bands?: Array<{ min?: number; max?: number; label?: Label }>;
}

/** Two-factor interaction table: points[r][c] for the row band/value × column band/value. */
export interface GridRuleDoc {
  type: 'grid';
  rows: AxisDoc;
  columns: AxisDoc;
  points: number[][];
  cap?: number;
}

/** Several rules, combined by a hit policy: `max` (不累计取最高) or `sum`. */
export interface CombineRuleDoc {
  type: 'combine';
  policy: 'max' | 'sum';
  of: RuleDoc[];
  cap?: number;
}

/** A rule applied to each entry of a list fact, combined by a hit policy. */
export interface ListRuleDoc {
  type: 'list';
  fact: string;
  policy: 'max' | 'sum';
  entry: RuleDoc;
  /** Only entries that meet this condition (conditions on `field`s) count. */
  where?: ConditionDoc;
  /** Only entries whose `field` (a year) lies within the last `years` years before asOf count. */
  withinYears?: { field: string; years: number };
  cap?: number;
}

/** Conditions that switch which rule applies: the first case whose `if` holds. */
export interface WhenRuleDoc {
  type: 'when';
  cases: Array<{ if: ConditionDoc; then: RuleDoc }>;
  /** When no case holds; omitted = 0 points. */
  else?: RuleDoc;
  cap?: number;
}

/** A fixed number of points (useful inside `when`). */
export interface FixedRuleDoc {
  type: 'fixed';
  points: number;
}

export type RuleDoc = TableRuleDoc | PerUnitRuleDoc | GridRuleDoc | CombineRuleDoc | ListRuleDoc | WhenRuleDoc | FixedRuleDoc;

// ---------------------------------------------------------------- items, groups, tiers

export type ItemKind = 'bonus' | 'deduction' | 'gate' | 'veto';

export interface ItemDoc {
  id: string;
  label: Label;
  /** bonus (default): adds points; deduction: subtracts them; gate: a requirement; veto: one-vote veto. */
  kind?: ItemKind;
  group?: string;
  /** Legal basis, e.g. 天政办发〔2024〕1号 第五条. */
  reference?: string;
  /** bonus / deduction items. */
  rule?: RuleDoc;
  /** Item counts only when this holds (status 'gated' otherwise). */
  requires?: ConditionDoc;
  /** gate: must hold; veto: vetoes the result when it holds. */
  condition?: ConditionDoc;
  cap?: number;
}

export interface GroupDoc {
  id: string;
  label: Label;
  parent?: string;
  /** sum (default) of members, or only the highest member (不累计取最高). */
  policy?: 'sum' | 'max';
  cap?: number;
  reference?: string;
}

export interface TierDoc {
  id: string;
  label: Label;
  /** thresholds: lowest total of the tier (inclusive). */
  min?: number;
  /** rankShare: share of the ranked population (0 < share ≤ 1). */
  share?: number;
}

export interface TieringDoc {
  method: 'thresholds' | 'rankShare';
  /** Best tier first. */
  tiers: TierDoc[];
}

export interface SchemeDoc {
  code: string;
  name: Label;
  kind: SchemeKind;
  version: string;
  effective: { from: string; to?: string };
  legalReference?: string;
  example?: boolean;
  facts: FactDoc[];
  groups?: GroupDoc[];
  items: ItemDoc[];
  totalCap?: number;
  passMark?: number;
  tiering?: TieringDoc;
}
