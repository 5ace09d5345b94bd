import { seededRandom } from '../../../db/seed/random';

/** The platform's seeded PRNG (mulberry32) with a seasonal month: the same seed gives the same district-year on every machine. */
export function prng(seed: number) {
  const r = seededRandom(seed);
  return {
    ...r,
    /** A month (0-11) weighted by the season: more visits in winter. */
    month: () => {
      let left = r.next() * MONTH_TOTAL;
      for (let m = 0; m < 12; m++) if ((left -= MONTH_WEIGHTS[m]!) < 0) return m;
      return 11;
    },
  };
}
export type Prng = ReturnType<typeof prng>;

const MONTH_WEIGHTS = [1.35, 1.2, 1.05, 0.95, 0.85, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.3];
const MONTH_TOTAL = MONTH_WEIGHTS.reduce((a, b) => a + b, 0);
