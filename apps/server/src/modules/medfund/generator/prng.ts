/** A seeded PRNG (mulberry32): the same seed gives the same district-year on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** A month (0-11) weighted by the season: more visits in winter. */
    month: () => {
      const w = MONTH_WEIGHTS;
      let r = next() * MONTH_TOTAL;
      for (let m = 0; m < 12; m++) if ((r -= w[m]!) < 0) return m;
      return 11;
    },
  };
}
export type Prng = ReturnType<typeof prng>;

const MONTH_WEIGHTS = [1.35, 1.2, 1.05, 0.95, 0.85, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.3];
const MONTH_TOTAL = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
