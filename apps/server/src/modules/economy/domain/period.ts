/**
 * A reporting period: a month ('2025-03') or a quarter ('2025-Q1') of a year. Stored as the year
 * and the part ('03' / 'Q1'); the same part a year earlier is the comparison base of 同比.
 */
export interface Period {
  year: number;
  /** '01'..'12' or 'Q1'..'Q4'. */
  part: string;
}

const PERIOD_RE = /^(\d{4})\s*[-/.年]?\s*(?:(0?[1-9]|1[0-2])\s*月?|[Qq]([1-4])|第?([一二三四1-4])季度?)$/;
const CN_QUARTER: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/** '2025-03', '2025-3', '2025年3月', '2025-Q1', '2025Q1', '2025年第一季度' → a period; null otherwise. */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) return { year, part: m[2].padStart(2, '0') };
  const q = m[3] ?? CN_QUARTER[m[4]!] ?? m[4]!;
  return { year, part: `Q${q}` };
}

export function formatPeriod(p: Period): string {
  return `${p.year}-${p.part}`;
}

export function isQuarter(p: Period): boolean {
  return p.part.startsWith('Q');
}

/** The last month the period covers (a quarter's third month). */
export function lastMonthOf(p: Period): number {
  return isQuarter(p) ? Number(p.part.slice(1)) * 3 : Number(p.part);
}

/** The same period a year earlier: the base of a year-on-year comparison. */
export function sameTimeLastYear(p: Period): Period {
  return { year: p.year - 1, part: p.part };
}

/**
 * A period is reportable once it has begun (a month's figures are collected from its own days):
 * a period starting after `today` (YYYY-MM-DD, local) is in the future.
 */
export function isFuturePeriod(p: Period, today: string): boolean {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const firstMonth = isQuarter(p) ? lastMonthOf(p) - 2 : lastMonthOf(p);
  return p.year > y || (p.year === y && firstMonth > m);
}

/** The months of a year that a list of months runs over, in order: '2024-01' … '2026-12'. */
export function monthsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let y = from.year, m = lastMonthOf(from); y < to.year || (y === to.year && m <= lastMonthOf(to)); m === 12 ? (y++, m = 1) : m++) {
    out.push({ year: y, part: String(m).padStart(2, '0') });
  }
  return out;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || lastMonthOf(a) - lastMonthOf(b) || Number(isQuarter(a)) - Number(isQuarter(b));
}
