import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from './schema';

/** Lists count exactly up to this many rows; beyond it the count is the planner's estimate. */
export const EXACT_COUNT_LIMIT = 1_000;

export interface RowCount {
  total: number;
  /** true when there are more than EXACT_COUNT_LIMIT rows and `total` is an estimate ("约"). */
  totalEstimated: boolean;
}

/**
 * How many rows `qb` selects, as a list page shows it. An exact count stops scanning at
 * EXACT_COUNT_LIMIT + 1 rows; past that the planner's estimate is used (EXPLAIN, no execution),
 * so that the count of a long list costs about as much as its page does. Counting 10,000 rows
 * exactly on every request was the list's main cost on the embedded database (bench/RESULTS.md).
 */
export async function countRows(
  db: Kysely<DB>,
  // any: the builder's aliases and selection do not matter here, they are cleared
  qb: SelectQueryBuilder<any, any, any>,
): Promise<RowCount> {
  const rows = bareRows(qb);
  const exact = await cappedCount(db, rows);
  if (exact <= EXACT_COUNT_LIMIT) return { total: exact, totalEstimated: false };
  return { total: Math.max(EXACT_COUNT_LIMIT + 1, await estimateRows(rows)), totalEstimated: true };
}

/**
 * A page of rows and the count of all of them, as countRows counts, in as few statements as the
 * planner's estimate allows (bench/RESULTS.md, run 6):
 * - the planner expects at most EXACT_COUNT_LIMIT rows: then the page query has to fetch and sort
 *   them all anyway, so it counts them in the same pass (`count(*) OVER ()`) — one statement
 *   instead of two. Should the estimate be far too low, the answer stays right (the count is
 *   exact; past the limit it is flagged like an estimate), only slower;
 * - otherwise the page walks an index and stops early, and the capped exact count runs beside it;
 *   past the limit, the estimate already in hand is the total.
 * `filtered` is the query of all the rows (its selection, order, limit and offset are ignored);
 * `page` selects the page of them at `offset`, at most `limit` rows.
 */
export async function pageWithCount<O>(
  db: Kysely<DB>,
  // any: as in countRows, only the FROM and WHERE of `filtered` are used
  filtered: SelectQueryBuilder<any, any, any>,
  page: SelectQueryBuilder<any, any, O>,
  at: { offset: number; limit: number },
): Promise<{ rows: O[] } & RowCount> {
  const all = bareRows(filtered);
  const estimate = await estimateRows(all);
  const counted = (n: number): RowCount => ({ total: n, totalEstimated: n > EXACT_COUNT_LIMIT });
  if (estimate <= EXACT_COUNT_LIMIT) {
    const withTotal = await page.select(sql<number>`count(*) OVER ()`.as('zz_total')).execute();
    if (withTotal.length > 0 || at.offset === 0) {
      const n = withTotal.length > 0 ? Number((withTotal[0] as { zz_total: number }).zz_total) : 0;
      return { rows: withTotal.map(({ zz_total: _, ...row }) => row as O), ...counted(n) };
    }
    return { rows: [], ...(await countOrEstimate(db, all, estimate)) };
  }
  // Both at once: on PostgreSQL they run side by side on two connections (PGlite queues them).
  const [rows, count] = await Promise.all([page.execute(), countOrEstimate(db, all, estimate)]);
  return { rows, ...count };
}

async function countOrEstimate(db: Kysely<DB>, rows: SelectQueryBuilder<any, any, any>, estimate: number): Promise<RowCount> {
  const exact = await cappedCount(db, rows);
  if (exact <= EXACT_COUNT_LIMIT) return { total: exact, totalEstimated: false };
  return { total: Math.max(EXACT_COUNT_LIMIT + 1, estimate), totalEstimated: true };
}

/** `SELECT 1` over the rows of `qb`: its FROM and WHERE, nothing else. */
function bareRows(qb: SelectQueryBuilder<any, any, any>) {
  return qb.clearSelect().clearOrderBy().clearLimit().clearOffset().select((eb) => eb.lit(1).as('one'));
}

/** The exact count, but scanning at most EXACT_COUNT_LIMIT + 1 rows. */
async function cappedCount(db: Kysely<DB>, rows: SelectQueryBuilder<any, any, any>): Promise<number> {
  const row = await db
    .selectFrom(rows.limit(EXACT_COUNT_LIMIT + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The planner's estimate of how many rows there are (EXPLAIN, nothing is executed). */
async function estimateRows(rows: SelectQueryBuilder<any, any, any>): Promise<number> {
  const plan = await rows.explain<{ 'QUERY PLAN': unknown }>('json');
  return planRows(plan[0]?.['QUERY PLAN']);
}

/** The top node's "Plan Rows" of an EXPLAIN (FORMAT JSON) answer (a string on some drivers). */
function planRows(queryPlan: unknown): number {
  const parsed = typeof queryPlan === 'string' ? (JSON.parse(queryPlan) as unknown) : queryPlan;
  const top = Array.isArray(parsed) ? (parsed[0] as { Plan?: { 'Plan Rows'?: number } }) : undefined;
  return Math.round(Number(top?.Plan?.['Plan Rows'] ?? 0));
}
