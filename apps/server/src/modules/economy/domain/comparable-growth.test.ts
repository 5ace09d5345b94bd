import { describe, expect, it } from 'vitest';
import { comparableGrowth, naiveGrowth, shareChange } from './comparable-growth';

// Hand-worked example (figures in 万元, June cumulative). The 2025 above-scale list is A, B, C;
// the 2024 list was A, B, D: C entered in 2025 (its 2024 revenue reached the threshold), D left.
//        2024-06   2025-06
//   A     1000      1200
//   B      500       600
//   C      300       330   entered: compared against its own 2024 figure
//   D      800       500   left: not in the 2025 cohort, in neither sum
const june2025 = new Map([['A', 1200], ['B', 600], ['C', 330], ['D', 500]]);
const june2024 = new Map([['A', 1000], ['B', 500], ['C', 300], ['D', 800]]);
const cohort2025 = new Set(['A', 'B', 'C']);

describe('comparable-basis growth (同口径)', () => {
  it('compares the same enterprises: (1200+600+330)/(1000+500+300) − 1 = 18.33%', () => {
    const g = comparableGrowth({ current: june2025, base: june2024, cohort: cohort2025 });
    expect(g.total).toBe(2130);
    expect(g.comparableCurrent).toBe(2130);
    expect(g.comparableBase).toBe(1800);
    expect(g.rate).toBeCloseTo(2130 / 1800 - 1, 10);
    expect(Math.round(g.rate! * 10000) / 100).toBe(18.33);
    expect(g).toMatchObject({ cohortSize: 3, compared: 3, withoutBase: 0, withoutCurrent: 0 });
  });

  it('is not the naive ratio of published totals: 2130 against 2024\'s list total 2300 would read −7.39%', () => {
    const published2024 = 1000 + 500 + 800; // the 2024 list: A, B, D
    expect(Math.round(naiveGrowth(2130, published2024)! * 10000) / 100).toBe(-7.39);
    expect(comparableGrowth({ current: june2025, base: june2024, cohort: cohort2025 }).rate).toBeGreaterThan(0);
  });

  it('follows a corrected figure: B corrected from 600 to 540 → 2070/1800 − 1 = 15%', () => {
    const corrected = new Map(june2025).set('B', 540);
    const g = comparableGrowth({ current: corrected, base: june2024, cohort: cohort2025 });
    expect(g.rate).toBeCloseTo(0.15, 12);
  });

  it('leaves out an enterprise without last year\'s figure (new) and one that did not report this month', () => {
    // E is new (no 2024-06), F did not report 2025-06 (a missing month): neither is compared;
    // E still counts in this period's total.
    const current = new Map(june2025).set('E', 100);
    const base = new Map(june2024).set('F', 400);
    const g = comparableGrowth({ current, base, cohort: new Set(['A', 'B', 'C', 'E', 'F']) });
    expect(g).toMatchObject({ total: 2230, comparableCurrent: 2130, comparableBase: 1800, compared: 3, withoutBase: 1, withoutCurrent: 1, cohortSize: 5 });
    expect(g.rate).toBeCloseTo(2130 / 1800 - 1, 12);
  });

  it('has no rate when the base is not positive (a loss a year earlier)', () => {
    const g = comparableGrowth({ current: new Map([['A', 50]]), base: new Map([['A', -20]]) });
    expect(g.rate).toBeNull();
  });
});

describe('shares in percentage points', () => {
  it('32.5% → 35.0% is +2.5 points (not +7.7%)', () => {
    expect(shareChange(35, 100, 32.5, 100)).toEqual({ share: 35, shareBefore: 32.5, changePoints: 2.5 });
  });
  it('no share of an empty whole', () => {
    expect(shareChange(0, 0, 1, 2).changePoints).toBeNull();
  });
});
