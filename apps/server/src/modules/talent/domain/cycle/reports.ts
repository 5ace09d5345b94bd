/**
 * The cycle's reports (docs/talent/CYCLE.md#reports), computed from the published entries of two
 * years. Pure: the service reads the rows, these functions count.
 */
export interface TierOf {
  enterpriseId: string;
  points: number;
  tier: string | null;
  /** 0 = the top tier. */
  tierOrder: number | null;
}

export type TierMove = 'up' | 'down' | 'same' | 'new' | 'untiered';

/** How an enterprise's tier moved from last year: up (a better tier), down, same, new (not tiered last year). */
export function tierMove(prev: TierOf | undefined, cur: TierOf): TierMove {
  if (cur.tierOrder === null) return 'untiered';
  if (!prev || prev.tierOrder === null) return 'new';
  if (cur.tierOrder < prev.tierOrder) return 'up';
  if (cur.tierOrder > prev.tierOrder) return 'down';
  return 'same';
}

export interface TierChanges {
  up: number;
  down: number;
  same: number;
  new: number;
  untiered: number;
  /** Enterprises tiered last year and absent (or untiered) this year. */
  dropped: number;
  /** from tier → to tier → count, over enterprises tiered in both years. */
  matrix: Record<string, Record<string, number>>;
}

export function tierChanges(prev: readonly TierOf[], cur: readonly TierOf[]): TierChanges {
  const before = new Map(prev.map((p) => [p.enterpriseId, p]));
  const out: TierChanges = { up: 0, down: 0, same: 0, new: 0, untiered: 0, dropped: 0, matrix: {} };
  const seen = new Set<string>();
  for (const c of cur) {
    seen.add(c.enterpriseId);
    const p = before.get(c.enterpriseId);
    const move = tierMove(p, c);
    out[move] += 1;
    if (p?.tier && c.tier && (move === 'up' || move === 'down' || move === 'same')) {
      const row = (out.matrix[p.tier] ??= {});
      row[c.tier] = (row[c.tier] ?? 0) + 1;
    }
  }
  for (const p of prev) {
    if (p.tierOrder === null) continue;
    const c = cur.find((x) => x.enterpriseId === p.enterpriseId);
    if (!seen.has(p.enterpriseId) || !c || c.tierOrder === null) out.dropped += 1;
  }
  return out;
}

export interface PointsGrowth {
  /** Sum of enterprise points this year and last year, over all enterprises of each list. */
  totalThisYear: number;
  totalLastYear: number;
  /** (this − last) / last; null when last year's total is 0 or there was no last year. */
  totalGrowth: number | null;
  /** Over enterprises published in both years: their sums and growth (like for like). */
  both: number;
  bothThisYear: number;
  bothLastYear: number;
  bothGrowth: number | null;
  /** Enterprises in both years whose points grew / fell / stayed. */
  grew: number;
  fell: number;
  unchanged: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const growth = (cur: number, prev: number) => (prev > 0 ? round4((cur - prev) / prev) : null);

export function pointsGrowth(prev: readonly TierOf[] | null, cur: readonly TierOf[]): PointsGrowth {
  const sum = (xs: readonly TierOf[]) => xs.reduce((s, x) => s + x.points, 0);
  const totalThisYear = sum(cur);
  const totalLastYear = prev ? sum(prev) : 0;
  const before = new Map((prev ?? []).map((p) => [p.enterpriseId, p.points]));
  let both = 0, bothThisYear = 0, bothLastYear = 0, grew = 0, fell = 0, unchanged = 0;
  for (const c of cur) {
    const p = before.get(c.enterpriseId);
    if (p === undefined) continue;
    both += 1;
    bothThisYear += c.points;
    bothLastYear += p;
    if (c.points > p) grew += 1;
    else if (c.points < p) fell += 1;
    else unchanged += 1;
  }
  return {
    totalThisYear, totalLastYear, totalGrowth: prev ? growth(totalThisYear, totalLastYear) : null,
    both, bothThisYear, bothLastYear, bothGrowth: prev ? growth(bothThisYear, bothLastYear) : null, grew, fell, unchanged,
  };
}

export interface Bin {
  /** [min, max) */
  min: number;
  max: number;
  count: number;
}

/** A histogram of points in bins of `width` from 0 (negative points fall in the first bin). */
export function histogram(points: readonly number[], width: number): Bin[] {
  if (!(width > 0)) throw new RangeError('bin width must be positive');
  if (points.length === 0) return [];
  const top = Math.max(...points);
  const n = Math.max(1, Math.floor(top / width) + 1);
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ min: i * width, max: (i + 1) * width, count: 0 }));
  for (const p of points) bins[Math.min(n - 1, Math.max(0, Math.floor(p / width)))]!.count += 1;
  return bins;
}

/** A bin width that gives about 10–20 bins for the range (1, 2, 5 × 10^k). */
export function niceBinWidth(max: number): number {
  if (!(max > 0)) return 10;
  const raw = max / 15;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((s) => s * mag >= raw)! * mag;
  return step;
}
