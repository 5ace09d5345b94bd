import type { LevelCriteria, SubjectRules, WarningLevel } from './rollup-rules';

/** What the roll-up knows of one subject's findings (the SQL aggregate, or computed from the rows). */
export interface SubjectStats {
  findings: number;
  amountFen: number;
  /** The largest amount among red-severity findings; null when there is none. */
  maxRedFen: number | null;
  /** The most findings within the red rule's and the orange rule's day windows. */
  maxInRedWindow: number;
  maxInOrangeWindow: number;
}

export type Reason = 'single_red' | 'repeat' | 'sum' | 'min_findings';

/** The criteria in words, for a warning's history. */
export const REASON_ZH: Record<string, string> = {
  'red:single_red': '单条红色疑点金额达到红色门槛', 'red:repeat': '短期内疑点条数达到红色门槛', 'red:sum': '疑点金额合计达到红色门槛',
  'orange:single_red': '有红色疑点', 'orange:repeat': '短期内疑点条数达到橙色门槛', 'orange:sum': '疑点金额合计达到橙色门槛',
  'yellow:min_findings': '疑点条数达到关注门槛', 'yellow:sum': '疑点金额达到关注门槛',
};
export const reasonsText = (reasons: string[]) => reasons.map((r) => REASON_ZH[r] ?? r).join('、');

export interface Evaluation {
  level: WarningLevel | null;
  /** The criteria met at that level, e.g. ['red:single_red', 'red:sum']. */
  reasons: string[];
}

function met(c: LevelCriteria, s: SubjectStats, inWindow: number): Reason[] {
  const out: Reason[] = [];
  if (c.singleRedFen !== null && s.maxRedFen !== null && s.maxRedFen >= c.singleRedFen) out.push('single_red');
  if (c.count !== null && inWindow >= c.count) out.push('repeat');
  if (c.sumFen !== null && s.amountFen >= c.sumFen) out.push('sum');
  return out;
}

/**
 * The level of a subject: red when any red criterion is met, else orange, else yellow, else none.
 * Thresholds are inclusive ("at least").
 */
export function levelOf(stats: SubjectStats, rules: SubjectRules): Evaluation {
  if (stats.findings === 0) return { level: null, reasons: [] };
  const red = met(rules.red, stats, stats.maxInRedWindow);
  if (red.length) return { level: 'red', reasons: red.map((r) => `red:${r}`) };
  const orange = met(rules.orange, stats, stats.maxInOrangeWindow);
  if (orange.length) return { level: 'orange', reasons: orange.map((r) => `orange:${r}`) };
  const yellow: Reason[] = [];
  if (rules.yellow.minFindings !== null && stats.findings >= rules.yellow.minFindings) yellow.push('min_findings');
  if (rules.yellow.sumFen !== null && stats.amountFen >= rules.yellow.sumFen) yellow.push('sum');
  return yellow.length ? { level: 'yellow', reasons: yellow.map((r) => `yellow:${r}`) } : { level: null, reasons: [] };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/**
 * The most findings that fall within any `windowDays` consecutive days (a window of 30 days holds
 * day d and the 29 days before it). `days` are ISO dates in any order.
 */
export function maxInWindow(days: string[], windowDays: number): number {
  const sorted = days.map(dayNumber).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowDays) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * The money a subject's findings put at risk: each settlement once, at its largest finding (two
 * rules flagging the same settlement do not double its amount). Findings without a settlement
 * count one by one.
 */
export function amountOf(findings: { amountFen: number; setlId?: string }[]): number {
  const bySetl = new Map<string, number>();
  let loose = 0;
  for (const f of findings) {
    if (f.setlId === undefined) loose += f.amountFen;
    else bySetl.set(f.setlId, Math.max(bySetl.get(f.setlId) ?? 0, f.amountFen));
  }
  return loose + [...bySetl.values()].reduce((a, b) => a + b, 0);
}

/** The stats of a subject from its findings (the per-subject path; the roll-up computes the same in SQL). */
export function statsOf(findings: { severity: 'red' | 'orange'; amountFen: number; occurredOn: string; setlId?: string }[], rules: SubjectRules): SubjectStats {
  const reds = findings.filter((f) => f.severity === 'red').map((f) => f.amountFen);
  const days = findings.map((f) => f.occurredOn);
  return {
    findings: findings.length,
    amountFen: amountOf(findings),
    maxRedFen: reds.length ? Math.max(...reds) : null,
    maxInRedWindow: maxInWindow(days, rules.red.withinDays),
    maxInOrangeWindow: maxInWindow(days, rules.orange.withinDays),
  };
}

export const LEVEL_RANK: Record<WarningLevel, number> = { yellow: 1, orange: 2, red: 3 };
export const higherLevel = (a: WarningLevel, b: WarningLevel): WarningLevel => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);
