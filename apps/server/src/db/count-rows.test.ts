import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app';
import { countRows, EXACT_COUNT_LIMIT, pageWithCount } from './count-rows';

describe('countRows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const series = (n: number) => t.deps.db.selectFrom(sql<{ g: number }>`generate_series(1, ${sql.lit(n)})`.as('g')).select('g');

  it('counts exactly up to the limit', async () => {
    expect(await countRows(t.deps.db, series(0))).toEqual({ total: 0, totalEstimated: false });
    expect(await countRows(t.deps.db, series(EXACT_COUNT_LIMIT))).toEqual({ total: EXACT_COUNT_LIMIT, totalEstimated: false });
  });

  it("past the limit, answers the planner's estimate and says so", async () => {
    // generate_series with constant bounds is estimated exactly by the planner
    expect(await countRows(t.deps.db, series(54_321))).toEqual({ total: 54_321, totalEstimated: true });
  });

  it('never answers an estimate at or below the limit once the exact count passed it', async () => {
    // the filter makes the planner guess a third of the rows; the exact count already saw 1,001
    const q = series(1_500).where(sql<boolean>`g % 2 = 0 OR g > 0`);
    const c = await countRows(t.deps.db, q);
    expect(c.totalEstimated).toBe(true);
    expect(c.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
  });

  it('ignores the order, limit and offset of the page it is given', async () => {
    const page = series(30).orderBy('g', 'desc').limit(5).offset(10);
    expect(await countRows(t.deps.db, page)).toEqual({ total: 30, totalEstimated: false });
  });

  describe('pageWithCount', () => {
    const pageOf = (q: ReturnType<typeof series>, offset: number, limit: number) =>
      pageWithCount(t.deps.db, q, q.orderBy('g').limit(limit).offset(offset), { offset, limit });

    it('counts a short list in the page query itself, exactly', async () => {
      const r = await pageOf(series(172), 50, 50);
      expect(r).toMatchObject({ total: 172, totalEstimated: false });
      expect(r.rows.map((x) => x.g)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
      expect(Object.keys(r.rows[0]!)).toEqual(['g']);
      expect(await pageOf(series(0), 0, 50)).toEqual({ rows: [], total: 0, totalEstimated: false });
    });

    it('counts a page past the end of a short list', async () => {
      expect(await pageOf(series(30), 50, 50)).toEqual({ rows: [], total: 30, totalEstimated: false });
    });

    it('past the limit, answers the estimate and says so', async () => {
      const r = await pageOf(series(54_321), 100, 50);
      expect(r.rows).toHaveLength(50);
      expect(r).toMatchObject({ total: 54_321, totalEstimated: true });
    });

    it('counts exactly up to the limit, whatever the planner guessed', async () => {
      // estimated at a third of 50,000 rows (no statistics on a function), there are 10
      const q = series(50_000).where(sql<boolean>`g > 49990`);
      expect(await pageOf(q, 0, 50)).toMatchObject({ total: 10, totalEstimated: false });
      expect((await pageOf(series(2_000), 1_990, 50))).toMatchObject({ total: 2_000, totalEstimated: true });
    });

    it('stays right when the planner guesses far too few rows', async () => {
      // two different expressions that are always equal: the planner guesses 0.5 % of the rows
      const many = series(1_500).where(sql<boolean>`g + 0 = g * 1`);
      expect(await pageOf(many, 0, 50)).toMatchObject({ total: 1_500, totalEstimated: true });
      const some = series(600).where(sql<boolean>`g + 0 = g * 1`);
      expect(await pageOf(some, 0, 50)).toMatchObject({ total: 600, totalEstimated: false });
    });

    it('agrees with countRows wherever the count is exact', async () => {
      for (const n of [1, 49, 50, 51, 999, 1_000]) {
        for (const offset of [0, 50, 950]) {
          const r = await pageOf(series(n), offset, 50);
          expect(r.total, `${n} rows, offset ${offset}`).toBe((await countRows(t.deps.db, series(n))).total);
          expect(r.rows).toHaveLength(Math.max(0, Math.min(50, n - offset)));
        }
      }
    });
  });
});
