// evaluateScheme: one subject's facts → points, item by item, with caps, gates, vetoes and the
// trace of how each number was found.
//
// Order: items in dependency order (an item whose condition reads another item's points comes
// after it) → item cap → groups, children before parents (sum or max of members, then the group
// cap) → bonus total (top-level groups + ungrouped bonus items) → total cap → deductions →
// vetoes and gates → pass mark → tier.
import type { CompiledScheme } from '../scheme/compile';
import type { Label } from '../scheme/types';
import type { CapApplied, EvaluationResult, GroupResult, ItemResult, ItemStatus } from './types';
import type { EvalContext } from './context';

export interface EvaluateOptions {
  /** 'YYYY-MM-DD': the date the facts describe and the rules are read at. */
  asOf: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Shared by every result that has nothing to list (frozen: results are read-only data). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

export function evaluateScheme(scheme: CompiledScheme, facts: Readonly<Record<string, unknown>>, opts: EvaluateOptions): EvaluationResult {
  const { asOf } = opts;
  if (!ISO_DATE.test(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  const n = scheme.items.length;
  const itemPoints: number[] = new Array<number>(n).fill(NaN); // plain arrays: cheaper to allocate than typed ones
  const missing: string[] = [];
  const ctx: EvalContext = { facts, entry: undefined, entryList: '', entryIndex: -1, asOf, asOfYear: Number(asOf.slice(0, 4)), itemPoints, missing };
  const results = new Array<ItemResult>(n);

  for (const i of scheme.evalOrder) {
    const item = scheme.items[i]!;
    if (missing.length > 0) missing.length = 0;
    let status: ItemStatus = 'scored';
    let rawPoints: number | null = null;
    let points = 0;
    let trace: ItemResult['trace'] = null;
    let condition: ItemResult['condition'] = null;
    let conditionMet: boolean | null = null;
    let capsApplied: CapApplied[] = NONE;

    let gatedByRequires = false;
    if (item.requires) {
      condition = item.requires.text;
      const met = item.requires.test(ctx);
      conditionMet = met ?? null;
      if (met === undefined) status = 'not_evaluated';
      else if (!met) {
        status = 'gated';
        gatedByRequires = true;
      }
    }
    if (status === 'scored' && !gatedByRequires) {
      if (item.rule) {
        const t = item.rule(ctx);
        if (t === undefined) status = 'not_evaluated';
        else {
          trace = t;
          rawPoints = t.points;
          let p = t.points;
          const ruleCap = 'cap' in t ? t.cap : undefined;
          if (ruleCap) capsApplied = [ruleCap];
          if (item.cap !== undefined && p > item.cap) {
            const c: CapApplied = { level: 'item', at: item.id, cap: item.cap, before: p };
            capsApplied = ruleCap ? [ruleCap, c] : [c];
            p = item.cap;
          }
          points = item.kind === 'deduction' ? 0 - p : p; // 0 - 0 is +0, -0 would not be
        }
      } else if (item.condition) {
        condition = item.condition.text;
        const met = item.condition.test(ctx);
        conditionMet = met ?? null;
        if (met === undefined) status = 'not_evaluated';
        else if (item.kind === 'veto' && met) status = 'vetoed';
        else if (item.kind === 'gate' && !met) status = 'gated';
        rawPoints = status === 'not_evaluated' ? null : 0;
      }
    }
    if (status === 'gated') rawPoints = null;
    itemPoints[i] = status === 'not_evaluated' ? NaN : points;

    const factsUsed = item.pickFacts(facts); // a missing fact reads as undefined (absent in JSON)
    results[i] = {
      itemId: item.id,
      label: item.label,
      kind: item.kind,
      group: item.group,
      reference: item.reference,
      status,
      rawPoints,
      points,
      capsApplied,
      trace,
      condition,
      conditionMet,
      factsUsed,
      missingFacts: status === 'not_evaluated' ? [...new Set(missing)].map((k) => missingLabel(scheme, k)) : NONE,
    };
  }

  // Groups: children come before their parents in scheme.groups.
  // (no closures here: this runs for every subject)
  const ng = scheme.groups.length;
  const groupRaw: number[] = new Array<number>(ng).fill(0);
  const groupMax: number[] = new Array<number>(ng).fill(-Infinity);
  let bonus = 0;
  let deductions = 0;
  for (const item of scheme.items) {
    const p = results[item.index]!.points;
    const g = item.groupIndex;
    if (item.kind === 'deduction') deductions += p;
    else if (g >= 0) {
      groupRaw[g] = groupRaw[g]! + p;
      if (p > groupMax[g]!) groupMax[g] = p;
    } else bonus += p;
  }
  const groups: GroupResult[] = [];
  for (const g of scheme.groups) {
    const raw = g.policy === 'max' ? (groupMax[g.index] === -Infinity ? 0 : groupMax[g.index]!) : groupRaw[g.index]!;
    let caps: CapApplied[] = NONE;
    let p = raw;
    if (g.cap !== undefined && p > g.cap) {
      caps = [{ level: 'group', at: g.id, cap: g.cap, before: p }];
      p = g.cap;
    }
    const parent = g.parentIndex;
    if (parent >= 0) {
      groupRaw[parent] = groupRaw[parent]! + p;
      if (p > groupMax[parent]!) groupMax[parent] = p;
    } else bonus += p;
    groups.push({ groupId: g.id, label: g.label, parent: g.parent, policy: g.policy, members: g.members, rawPoints: raw, points: p, capsApplied: caps });
  }

  const capsApplied: CapApplied[] = [];
  if (scheme.totalCap !== undefined && bonus > scheme.totalCap) {
    capsApplied.push({ level: 'total', at: scheme.code, cap: scheme.totalCap, before: bonus });
    bonus = scheme.totalCap;
  }
  const total = round(bonus + deductions);

  const notEvaluated: string[] = [];
  const vetoedBy: string[] = [];
  const gatesFailed: string[] = [];
  let unknownDeductionOrCheck = false;
  for (const r of results) {
    if (r.status === 'not_evaluated') {
      notEvaluated.push(r.itemId);
      if (r.kind !== 'bonus') unknownDeductionOrCheck = true;
    }
    if (r.status === 'vetoed') vetoedBy.push(r.itemId);
    if (r.kind === 'gate' && r.status === 'gated') gatesFailed.push(r.itemId);
  }
  const vetoed = vetoedBy.length > 0;
  const complete = notEvaluated.length === 0;
  const passMark = scheme.passMark ?? null;
  let passed: boolean | null;
  if (vetoed || gatesFailed.length) passed = false;
  else if (unknownDeductionOrCheck) passed = null;
  else if (passMark === null) passed = complete ? true : null;
  // Missing bonus items could only add points (up to the caps): below the mark is undecided.
  else if (total >= passMark) passed = true;
  else passed = complete ? false : null;

  let tier: EvaluationResult['tier'] = null;
  if (scheme.tiering?.method === 'thresholds' && complete && !vetoed) {
    for (const t of scheme.tiering.tiers)
      if (t.min !== undefined && total >= t.min) {
        tier = { id: t.id, label: t.label };
        break;
      }
  }
  const { from, to } = scheme.doc.effective;

  return {
    schemeCode: scheme.code,
    schemeVersion: scheme.version,
    schemeHash: scheme.hash,
    asOf,
    inEffect: asOf >= from && (to === undefined || asOf <= to),
    items: results,
    groups,
    bonusTotal: round(bonus),
    deductionTotal: round(deductions),
    total,
    capsApplied,
    complete,
    notEvaluated,
    vetoed,
    vetoedBy,
    gatesFailed,
    passMark,
    passed,
    tier,
  };
}

/** 'annualSalary' → 年薪; 'awards[2].level' → 获奖第 3 项的级别. */
function missingLabel(scheme: CompiledScheme, key: string): { key: string; label: Label } {
  const m = /^([^[]+)\[(\d+)\](?:\.(.+))?$/.exec(key);
  const fact = scheme.facts.get(m ? m[1]! : key);
  if (!fact) return { key, label: { zh: key, en: key } };
  if (!m) return { key, label: fact.label };
  const n = Number(m[2]) + 1;
  const field = m[3] && fact.type === 'list' ? fact.fields.find((f) => f.key === m[3])?.label : undefined;
  return {
    key,
    label: {
      zh: `${fact.label.zh}第 ${n} 项${field ? `的${field.zh}` : ''}`,
      en: `${field ? `${field.en} of ` : ''}${fact.label.en} entry ${n}`,
    },
  };
}

/** Points are kept to 6 decimals so 0.1 + 0.2 style sums compare equal. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
