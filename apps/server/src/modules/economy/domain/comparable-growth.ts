/**
 * Year-on-year growth on a comparable basis (同口径), as the statistics bureau computes it:
 * the cohort is the enterprises counted this period (e.g. the above-scale list of this year);
 * growth = Σ this period's figure / Σ the SAME enterprises' figure for the same period a year
 * earlier − 1, over the enterprises that have both figures. Never this year's total against last
 * year's published total: enterprises entering or leaving the set would move that ratio although
 * no enterprise grew (shared/domain/economy.md §4; NBS 2018: profits "fell" 1,749 亿 yet +16.5%).
 */
export interface GrowthInput {
  /** The figure this period, per enterprise of the cohort (missing = not reported). */
  current: ReadonlyMap<string, number>;
  /** The same enterprises' figure for the same period a year earlier (missing = not reported). */
  base: ReadonlyMap<string, number>;
  /** The enterprises counted this period (the cohort); default: every enterprise in `current`. */
  cohort?: ReadonlySet<string>;
}

export interface Growth {
  /** Σ this period over the cohort enterprises that reported it (the level shown as the total). */
  total: number;
  /** Σ this period over the enterprises compared (those with both figures). */
  comparableCurrent: number;
  /** Σ a year earlier over the same enterprises. */
  comparableBase: number;
  /** comparableCurrent / comparableBase − 1; null when there is no positive base. */
  rate: number | null;
  /** Enterprises in the cohort, compared, without last year's figure, without this period's figure. */
  cohortSize: number;
  compared: number;
  withoutBase: number;
  withoutCurrent: number;
}

export function comparableGrowth(input: GrowthInput): Growth {
  const cohort = input.cohort ?? new Set(input.current.keys());
  let total = 0, cur = 0, base = 0, compared = 0, withoutBase = 0, withoutCurrent = 0;
  for (const id of cohort) {
    const c = input.current.get(id);
    const b = input.base.get(id);
    if (c === undefined) {
      withoutCurrent++;
      continue;
    }
    total += c;
    if (b === undefined) {
      withoutBase++;
      continue;
    }
    cur += c;
    base += b;
    compared++;
  }
  return {
    total, comparableCurrent: cur, comparableBase: base, rate: growthRate(cur, base),
    cohortSize: cohort.size, compared, withoutBase, withoutCurrent,
  };
}

/** cur / base − 1, null when the base is not positive (a loss a year earlier has no growth rate). */
export function growthRate(cur: number, base: number): number | null {
  return base > 0 ? cur / base - 1 : null;
}

/** The naive way (this total against last year's total), kept only to show why it is wrong. */
export function naiveGrowth(currentTotal: number, lastYearTotal: number): number | null {
  return growthRate(currentTotal, lastYearTotal);
}

/**
 * A share and its change in percentage points (百分点): 32.5% → 35.0% is +2.5 points, not +7.7%.
 */
export function shareChange(part: number, whole: number, partBefore: number, wholeBefore: number): {
  share: number | null; shareBefore: number | null; changePoints: number | null;
} {
  const share = whole > 0 ? (part / whole) * 100 : null;
  const shareBefore = wholeBefore > 0 ? (partBefore / wholeBefore) * 100 : null;
  return { share, shareBefore, changePoints: share === null || shareBefore === null ? null : round(share - shareBefore, 6) };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
