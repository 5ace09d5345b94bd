/**
 * An enterprise's age in full years on a day: the years since it was established whose
 * anniversary has come (established 2020-03-01 → 3 on 2023-03-01, 2 on 2023-02-28). One founded
 * on 29 February has its anniversary on 1 March in other years.
 */
export function ageInYears(establishedOn: string, today: string): number {
  const [y0, m0, d0] = split(establishedOn);
  const [y1, m1, d1] = split(today);
  const passed = m1 > m0 || (m1 === m0 && d1 >= d0);
  return y1 - y0 - (passed ? 0 : 1);
}

/**
 * The latest founding day with an age of at least `years` on `today`, as a comparable string:
 * age ≥ years ⇔ establishedOn ≤ cutoff (string order is date order for 'YYYY-MM-DD'). The cutoff
 * may be a day that does not exist ('2023-02-29'); comparing with it is still right.
 */
export function ageCutoff(today: string, years: number): string {
  const [y, m, d] = split(today);
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function split(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}
