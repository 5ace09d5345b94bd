import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../core/identity/actor';
import { divisionPrefix } from '../../../core/identity/scope';
import type { Period } from '../domain';
import type { JobHandler } from '../../../core/jobs/job-runner';

/**
 * The per-period sums of the leaders' screen (migration 0039): for each period, per street × park ×
 * industry code, the sums growth.repo.ts: growthSums computes live — the above-scale cohort's
 * revenue and tax this period and a year earlier, and every reporting enterprise's employees.
 * Triggers mark a period changed; `refreshPeriodSums` sums the marked ones again (the import job
 * at its end, the screen for a period it needs). docs/economy/GROWTH.md "Period sums".
 */

export type SumsBasis = 'cumulative' | 'current';
export interface PeriodKey { year: number; part: string; basis: SumsBasis }
export type SumsRow = DB['economy_period_sums'] extends infer T ? { [K in keyof T]: T[K] } : never;

/** Sums one period again: its rows replaced, summed_seq set to the changed_seq read before summing. */
async function sumPeriod(db: Kysely<DB>, k: PeriodKey): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // one summer at a time (two would both delete and insert the same rows)
    await sql`SELECT pg_advisory_xact_lock(hashtext('economy_period_sums'))`.execute(tx);
    const mark = await tx.selectFrom('economy_sums_periods').select(['changed_seq', 'summed_seq'])
      .where('year', '=', k.year).where('period', '=', k.part).where('basis', '=', k.basis).executeTakeFirst();
    if (!mark || (mark.summed_seq !== null && Number(mark.summed_seq) >= Number(mark.changed_seq))) return; // done meanwhile
    await tx.deleteFrom('economy_period_sums').where('year', '=', k.year).where('period', '=', k.part).where('basis', '=', k.basis).execute();
    const y = k.year;
    await sql`
      INSERT INTO economy_period_sums (year, period, basis, division_code, park_key, industry_code, as_size, as_with_row,
        rev_reported, rev_compared, rev_total, rev_cur, rev_base, tax_reported, tax_compared, tax_total, tax_cur, tax_base,
        emp_reported, emp_compared, emp_total, emp_cur, emp_base)
      SELECT ${y}::smallint, ${k.part}, ${k.basis}, e.division_code, coalesce(e.park_id::text, ''), e.industry_code,
        count(*) FILTER (WHERE s.enterprise_id IS NOT NULL),
        count(f.enterprise_id) FILTER (WHERE s.enterprise_id IS NOT NULL),
        count(f.revenue_fen) FILTER (WHERE s.enterprise_id IS NOT NULL),
        count(*) FILTER (WHERE s.enterprise_id IS NOT NULL AND f.revenue_fen IS NOT NULL AND b.revenue_fen IS NOT NULL),
        coalesce(sum(f.revenue_fen) FILTER (WHERE s.enterprise_id IS NOT NULL), 0),
        coalesce(sum(f.revenue_fen) FILTER (WHERE s.enterprise_id IS NOT NULL AND b.revenue_fen IS NOT NULL), 0),
        coalesce(sum(b.revenue_fen) FILTER (WHERE s.enterprise_id IS NOT NULL AND f.revenue_fen IS NOT NULL), 0),
        count(f.tax_fen) FILTER (WHERE s.enterprise_id IS NOT NULL),
        count(*) FILTER (WHERE s.enterprise_id IS NOT NULL AND f.tax_fen IS NOT NULL AND b.tax_fen IS NOT NULL),
        coalesce(sum(f.tax_fen) FILTER (WHERE s.enterprise_id IS NOT NULL), 0),
        coalesce(sum(f.tax_fen) FILTER (WHERE s.enterprise_id IS NOT NULL AND b.tax_fen IS NOT NULL), 0),
        coalesce(sum(b.tax_fen) FILTER (WHERE s.enterprise_id IS NOT NULL AND f.tax_fen IS NOT NULL), 0),
        count(f.employees),
        count(*) FILTER (WHERE f.employees IS NOT NULL AND b.employees IS NOT NULL),
        coalesce(sum(f.employees), 0),
        coalesce(sum(f.employees) FILTER (WHERE b.employees IS NOT NULL), 0),
        coalesce(sum(b.employees) FILTER (WHERE f.employees IS NOT NULL), 0)
      FROM enterprises e
      LEFT JOIN economy_scale_status s ON s.enterprise_id = e.id AND s.year = ${y} AND s.above_scale
      LEFT JOIN economy_figures f ON f.enterprise_id = e.id AND f.year = ${y} AND f.period = ${k.part} AND f.basis = ${k.basis}
      LEFT JOIN economy_figures b ON b.enterprise_id = e.id AND b.year = ${y - 1} AND b.period = ${k.part} AND b.basis = ${k.basis}
      WHERE s.enterprise_id IS NOT NULL OR f.employees IS NOT NULL
      GROUP BY e.division_code, coalesce(e.park_id::text, ''), e.industry_code`.execute(tx);
    await tx.updateTable('economy_sums_periods').set({ summed_seq: mark.changed_seq, summed_at: new Date() })
      .where('year', '=', k.year).where('period', '=', k.part).where('basis', '=', k.basis).execute();
  });
}

/**
 * Sums again every period marked changed — or only those of `only` — and returns how many it
 * summed. Each period in its own transaction, so the screen never waits for all of them.
 */
export async function refreshPeriodSums(db: Kysely<DB>, only?: readonly PeriodKey[]): Promise<number> {
  let q = db.selectFrom('economy_sums_periods').select(['year', 'period', 'basis'])
    .where((eb) => eb.or([eb('summed_seq', 'is', null), eb('summed_seq', '<', eb.ref('changed_seq'))]));
  if (only) {
    if (only.length === 0) return 0;
    q = q.where(sql<boolean>`(year, period, basis) IN (${sql.join(only.map((k) => sql`(${k.year}::smallint, ${k.part}, ${k.basis})`))})`);
  }
  const stale = await q.orderBy('year', 'desc').orderBy('period', 'desc').execute();
  for (const s of stale) await sumPeriod(db, { year: Number(s.year), part: s.period, basis: s.basis });
  return stale.length;
}

export const PERIOD_SUMS_JOB = 'economy.period_sums';

/** The job the figures import queues at its end: sums again every period marked changed, newest first. */
export const periodSumsJob: JobHandler = async (_job, jctx) => ({ summed: await refreshPeriodSums(jctx.db) });

/** The scope the stored sums can answer: the whole county or a street prefix; one enterprise's user cannot (its figures are live). */
export function sumsServeScope(actor: Actor): boolean {
  return !actor.scope.enterpriseId;
}

/** The stored rows of these periods inside the actor's street, brought up to date first. */
export async function periodSumRows(db: Kysely<DB>, actor: Actor, periods: readonly Period[], basis: SumsBasis): Promise<SumsRow[]> {
  if (periods.length === 0) return [];
  await refreshPeriodSums(db, periods.map((p) => ({ year: p.year, part: p.part, basis })));
  const prefix = actor.scope.divisionCode ? `${divisionPrefix(actor.scope.divisionCode)}%` : null;
  const rows = await db.selectFrom('economy_period_sums').selectAll()
    .where('basis', '=', basis)
    .where(sql<boolean>`(year, period) IN (${sql.join(periods.map((p) => sql`(${p.year}::smallint, ${p.part})`))})`)
    .$if(prefix !== null, (qb) => qb.where('division_code', 'like', prefix!))
    .execute();
  // numeric and bigint come back as numbers (db/type-parsers.ts); counts are integers
  return rows as SumsRow[];
}
