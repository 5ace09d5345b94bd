/**
 * Ranks as a notice shows them: by points, highest first; equal points share a rank and the next
 * rank skips (1, 2, 2, 4 — "competition" ranking, so a correction moves nobody else's tie).
 */
export function competitionRanks(points: readonly number[]): number[] {
  const order = points.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  const ranks = new Array<number>(points.length);
  order.forEach((x, k) => {
    ranks[x.i] = k > 0 && order[k - 1]!.p === x.p ? ranks[order[k - 1]!.i]! : k + 1;
  });
  return ranks;
}
