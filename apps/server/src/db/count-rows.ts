import type { Kysely, SelectQueryBuilder } from 'kysely';
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
  const rows = qb.clearSelect().clearOrderBy().clearLimit().clearOffset().select((eb) => eb.lit(1).as('one'));
  const row = await db
    .selectFrom(rows.limit(EXACT_COUNT_LIMIT + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const exact = Number(row.n);
  if (exact <= EXACT_COUNT_LIMIT) return { total: exact, totalEstimated: false };
  const plan = await rows.explain<{ 'QUERY PLAN': unknown }>('json');
  const estimate = planRows(plan[0]?.['QUERY PLAN']);
  return { total: Math.max(EXACT_COUNT_LIMIT + 1, estimate), totalEstimated: true };
}

/** The top node's "Plan Rows" of an EXPLAIN (FORMAT JSON) answer (a string on some drivers). */
function planRows(queryPlan: unknown): number {
  const parsed = typeof queryPlan === 'string' ? (JSON.parse(queryPlan) as unknown) : queryPlan;
  const top = Array.isArray(parsed) ? (parsed[0] as { Plan?: { 'Plan Rows'?: number } }) : undefined;
  return Math.round(Number(top?.Plan?.['Plan Rows'] ?? 0));
}
