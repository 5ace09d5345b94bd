/**
 * Rule effectiveness (规则成效): per rule and version, how its findings ended, so analysts can
 * tune or retire rules. Pure: computed from plain rows (groups of findings of one rule version
 * with the same case and outcome, counted and summed by the database, and each case's decided and
 * recovered amounts).
 *
 * - precision = confirmed / (confirmed + dismissed + data_quality): of the findings a decision
 *   has settled, the share that were real. A data-quality finding (数据问题，纠正不处罚) counts
 *   against the rule: the money was not at risk. null until something is decided.
 * - A case's recovery belongs to the case, not to a finding: it is shared among the case's
 *   confirmed findings, rule version by rule version, in proportion to what they count toward the
 *   case's money at risk (a settlement once, at its largest finding; equal shares when all are 0), to the fen by the largest-remainder method, so the per-rule amounts add
 *   up to the cases' totals.
 *   A case with a recovery but no confirmed finding leaves it unattributed (reported apart).
 */
export type FindingOutcome = 'confirmed' | 'dismissed' | 'data_quality';

/** Findings of one rule version in one case (or in none) with one outcome: how many, how much. */
export interface EffectivenessGroup {
  ruleCode: string;
  ruleVersion: number;
  /** The case the findings are in (a finding's latest case when several), null when none. */
  caseId: number | null;
  outcome: FindingOutcome | null;
  findings: number;
  /** Every finding's amount (per finding: what the rule found). */
  amountFen: number;
  /**
   * What these findings count toward their case's money at risk: each settlement of the case once,
   * at its largest finding of the same outcome (domain/settlement-amount.ts). The weights of the
   * recovery's split, so a settlement two rules flag does not weigh twice. Default: amountFen.
   */
  countedFen?: number;
}

export interface EffectivenessCase { caseId: number; recoveryDecidedFen: number; recoveredFen: number }

export interface EffectivenessRow {
  ruleCode: string;
  /** null on the rule's total row (all versions). */
  ruleVersion: number | null;
  findings: number;
  amountFen: number;
  inCase: number;
  pending: number;
  confirmed: number;
  dismissed: number;
  dataQuality: number;
  decided: number;
  precision: number | null;
  confirmedAmountFen: number;
  recoveryDecidedFen: number;
  recoveredFen: number;
  /** Enough decisions and few confirmed: a candidate to tune or retire. */
  lowPrecision: boolean;
  /** Most decisions were data problems: the data feeding the rule needs fixing first. */
  mostlyDataQuality: boolean;
}

export interface Effectiveness {
  rules: (EffectivenessRow & { versions: EffectivenessRow[] })[];
  totals: EffectivenessRow;
  unattributed: { cases: number; recoveryDecidedFen: number; recoveredFen: number };
}

/** A rule is flagged only once this many of its findings are decided. */
export const MIN_DECIDED_FOR_FLAGS = 5;
/** Below this precision a rule with enough decisions is flagged lowPrecision. */
export const LOW_PRECISION = 0.3;

/**
 * Splits `total` fen over `weights` by the largest-remainder method: each share is
 * floor(total × w / Σw), and the fen left over go one each to the largest remainders (ties: the
 * earlier weight). Exact in BigInt; equal shares when every weight is 0.
 */
export function allocateFen(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const w = weights.some((x) => x > 0) ? weights.map((x) => BigInt(Math.max(0, Math.round(x)))) : weights.map(() => 1n);
  const sum = w.reduce((a, b) => a + b, 0n);
  const t = BigInt(Math.round(total));
  const shares = w.map((x) => (t * x) / sum);
  const rems = w.map((x, i) => ({ i, r: (t * x) % sum }));
  let left = Number(t - shares.reduce((a, b) => a + b, 0n));
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left <= 0) break;
    shares[i]! += 1n;
    left -= 1;
  }
  return shares.map(Number);
}

function emptyRow(ruleCode: string, ruleVersion: number | null): EffectivenessRow {
  return {
    ruleCode, ruleVersion, findings: 0, amountFen: 0, inCase: 0, pending: 0, confirmed: 0, dismissed: 0, dataQuality: 0, decided: 0,
    precision: null, confirmedAmountFen: 0, recoveryDecidedFen: 0, recoveredFen: 0, lowPrecision: false, mostlyDataQuality: false,
  };
}

function add(row: EffectivenessRow, f: EffectivenessGroup, decidedFen: number, recoveredFen: number) {
  row.findings += f.findings;
  row.amountFen += f.amountFen;
  if (f.caseId !== null) row.inCase += f.findings;
  if (f.caseId !== null && f.outcome === null) row.pending += f.findings;
  if (f.outcome === 'confirmed') {
    row.confirmed += f.findings;
    row.confirmedAmountFen += f.amountFen;
  }
  if (f.outcome === 'dismissed') row.dismissed += f.findings;
  if (f.outcome === 'data_quality') row.dataQuality += f.findings;
  row.recoveryDecidedFen += decidedFen;
  row.recoveredFen += recoveredFen;
}

function finish(row: EffectivenessRow): EffectivenessRow {
  row.decided = row.confirmed + row.dismissed + row.dataQuality;
  row.precision = row.decided ? Math.round((row.confirmed / row.decided) * 10_000) / 10_000 : null;
  row.lowPrecision = row.decided >= MIN_DECIDED_FOR_FLAGS && (row.precision ?? 1) < LOW_PRECISION;
  row.mostlyDataQuality = row.decided >= MIN_DECIDED_FOR_FLAGS && row.dataQuality * 2 > row.decided;
  return row;
}

export function ruleEffectiveness(findings: readonly EffectivenessGroup[], cases: readonly EffectivenessCase[], ruleOrder: readonly string[] = []): Effectiveness {
  // each case's amounts shared over its confirmed findings
  const confirmedOf = new Map<number, EffectivenessGroup[]>();
  for (const f of findings) {
    if (f.caseId === null || f.outcome !== 'confirmed') continue;
    const list = confirmedOf.get(f.caseId) ?? [];
    list.push(f);
    confirmedOf.set(f.caseId, list);
  }
  const share = new Map<EffectivenessGroup, { decided: number; recovered: number }>();
  const unattributed = { cases: 0, recoveryDecidedFen: 0, recoveredFen: 0 };
  for (const c of cases) {
    const list = (confirmedOf.get(c.caseId) ?? []).slice().sort((a, b) => a.ruleCode.localeCompare(b.ruleCode) || a.ruleVersion - b.ruleVersion);
    if (list.length === 0) {
      if (c.recoveryDecidedFen || c.recoveredFen) {
        unattributed.cases += 1;
        unattributed.recoveryDecidedFen += c.recoveryDecidedFen;
        unattributed.recoveredFen += c.recoveredFen;
      }
      continue;
    }
    const weights = list.map((f) => f.countedFen ?? f.amountFen);
    const decided = allocateFen(c.recoveryDecidedFen, weights);
    const recovered = allocateFen(c.recoveredFen, weights);
    list.forEach((f, i) => share.set(f, { decided: decided[i]!, recovered: recovered[i]! }));
  }

  const byRule = new Map<string, { total: EffectivenessRow; versions: Map<number, EffectivenessRow> }>();
  // every known rule has a row, also one that never fired (a candidate to retire or loosen)
  for (const code of ruleOrder) byRule.set(code, { total: emptyRow(code, null), versions: new Map() });
  const totals = emptyRow('', null);
  for (const f of findings) {
    const s = share.get(f) ?? { decided: 0, recovered: 0 };
    const r = byRule.get(f.ruleCode) ?? { total: emptyRow(f.ruleCode, null), versions: new Map() };
    const v = r.versions.get(f.ruleVersion) ?? emptyRow(f.ruleCode, f.ruleVersion);
    add(r.total, f, s.decided, s.recovered);
    add(v, f, s.decided, s.recovered);
    add(totals, f, s.decided, s.recovered);
    r.versions.set(f.ruleVersion, v);
    byRule.set(f.ruleCode, r);
  }
  const order = new Map(ruleOrder.map((c, i) => [c, i]));
  const rules = [...byRule.values()]
    .map((r) => ({ ...finish(r.total), versions: [...r.versions.values()].sort((a, b) => a.ruleVersion! - b.ruleVersion!).map(finish) }))
    .sort((a, b) => (order.get(a.ruleCode) ?? 1e9) - (order.get(b.ruleCode) ?? 1e9) || a.ruleCode.localeCompare(b.ruleCode));
  return { rules, totals: finish(totals), unattributed };
}
