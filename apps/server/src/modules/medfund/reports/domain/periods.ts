/**
 * Report periods (报告期): a month 'YYYY-MM' or a quarter 'YYYY-Qn'. Pure date arithmetic on
 * calendar months; dates are 'YYYY-MM-DD' strings (the claims' local dates, Asia/Shanghai).
 */
export type PeriodKind = 'month' | 'quarter';

export interface ReportPeriod {
  kind: PeriodKind;
  year: number;
  /** 1-12 for a month, 1-4 for a quarter. */
  index: number;
}

export const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

export function parseReportPeriod(text: string): ReportPeriod | null {
  const m = PERIOD_PATTERN.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  return m[2] ? { kind: 'month', year, index: Number(m[2]) } : { kind: 'quarter', year, index: Number(m[3]) };
}

export function formatReportPeriod(p: ReportPeriod): string {
  return p.kind === 'month' ? `${p.year}-${String(p.index).padStart(2, '0')}` : `${p.year}-Q${p.index}`;
}

const perYear = (kind: PeriodKind) => (kind === 'month' ? 12 : 4);

/** The period `n` periods after `p` (before it when n < 0). */
export function shiftPeriod(p: ReportPeriod, n: number): ReportPeriod {
  const k = perYear(p.kind);
  const abs = p.year * k + (p.index - 1) + n;
  return { kind: p.kind, year: Math.floor(abs / k), index: (abs % k) + 1 };
}

/** `count` periods ending with `p`, oldest first. */
export function trailingPeriods(p: ReportPeriod, count: number): ReportPeriod[] {
  return Array.from({ length: count }, (_, i) => shiftPeriod(p, i - count + 1));
}

/** The calendar months 'YYYY-MM' a period covers. */
export function periodMonths(p: ReportPeriod): string[] {
  const first = p.kind === 'month' ? p.index : (p.index - 1) * 3 + 1;
  const n = p.kind === 'month' ? 1 : 3;
  return Array.from({ length: n }, (_, i) => `${p.year}-${String(first + i).padStart(2, '0')}`);
}

/** First day and the day after the last ('YYYY-MM-DD'): the half-open range [from, until). */
export function periodRange(p: ReportPeriod): { from: string; until: string } {
  const months = periodMonths(p);
  const next = shiftPeriod({ kind: 'month', year: p.year, index: Number(months[months.length - 1]!.slice(5)) }, 1);
  return { from: `${months[0]}-01`, until: `${formatReportPeriod(next)}-01` };
}

/** The period of a kind that holds a month 'YYYY-MM'. */
export function periodOfMonth(month: string, kind: PeriodKind): ReportPeriod {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return kind === 'month' ? { kind, year, index: m } : { kind, year, index: Math.floor((m - 1) / 3) + 1 };
}

/** The last day of a period ('YYYY-MM-DD'). */
export function periodLastDay(p: ReportPeriod): string {
  const { until } = periodRange(p);
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
