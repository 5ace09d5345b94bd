/**
 * 走访覆盖率: the share of an area's enterprises visited at least once in a period (0..1, four
 * decimals; 0 for an area without enterprises). Periods are local dates (Asia/Shanghai), both ends
 * included: [from 00:00, the day after `to` 00:00).
 */
export function coverageShare(visited: number, enterprises: number): number {
  if (enterprises <= 0) return 0;
  return Math.round((Math.min(visited, enterprises) / enterprises) * 10_000) / 10_000;
}

/** The instants bounding a period of local dates in China (UTC+8, no daylight saving). */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  return { start, end };
}

export const isValidPeriod = (from: string, to: string) => !Number.isNaN(Date.parse(`${from}T00:00:00Z`)) && !Number.isNaN(Date.parse(`${to}T00:00:00Z`)) && from <= to;
