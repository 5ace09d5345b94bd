/**
 * Splits a case's recovered amount over its confirmed findings in proportion to their amounts,
 * to the fen: floors first, then the fen left over go to the largest remainders (ties: the
 * lower key). The parts always add up to the whole, so totals per rule add up to the total.
 */
export function allocateFen<K extends string | number>(totalFen: number, weights: { key: K; weight: number }[]): Map<K, number> {
  const out = new Map<K, number>();
  if (weights.length === 0) return out;
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  if (sum <= 0) {
    // no weight to go by: evenly
    const even = weights.map((w) => ({ key: w.key, weight: 1 }));
    return allocateFen(totalFen, even);
  }
  const parts = weights.map((w) => {
    const exact = (totalFen * w.weight) / sum;
    return { key: w.key, fen: Math.floor(exact), rem: exact - Math.floor(exact) };
  });
  let left = totalFen - parts.reduce((s, p) => s + p.fen, 0);
  const order = [...parts].sort((a, b) => b.rem - a.rem || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const p of order) {
    if (left <= 0) break;
    p.fen += 1;
    left -= 1;
  }
  for (const p of parts) out.set(p.key, (out.get(p.key) ?? 0) + p.fen);
  return out;
}
