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

/** The stats of a subject from its findings (the per-subject path; the roll-up computes the same in SQL). */
export function statsOf(findings: { severity: 'red' | 'orange'; amountFen: number; occurredOn: string }[], rules: SubjectRules): SubjectStats {
  const reds = findings.filter((f) => f.severity === 'red').map((f) => f.amountFen);
  const days = findings.map((f) => f.occurredOn);
  return {
    findings: findings.length,
    amountFen: findings.reduce((a, f) => a + f.amountFen, 0),
    maxRedFen: reds.length ? Math.max(...reds) : null,
    maxInRedWindow: maxInWindow(days, rules.red.withinDays),
    maxInOrangeWindow: maxInWindow(days, rules.orange.withinDays),
  };
}

export const LEVEL_RANK: Record<WarningLevel, number> = { yellow: 1, orange: 2, red: 3 };
export const higherLevel = (a: WarningLevel, b: WarningLevel): WarningLevel => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);
