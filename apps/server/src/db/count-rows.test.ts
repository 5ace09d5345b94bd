import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app';
import { countRows, EXACT_COUNT_LIMIT } from './count-rows';

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
});
