import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { localYearOf } from '../../../core/reference/domain/workday';
import { annualRevenue, scaleStatus, type RevenueRow } from '../domain';

/**
 * Derives the above-scale status of `enterpriseIds` for `years` from the revenue figures of the
 * year before each (domain/above-scale.ts) and stores it with its explanation. The status of the
 * current year is the registry's flag too (enterprises.above_scale): a change there is audited.
 */
export async function recomputeScaleStatus(tx: Tx, actx: Omit<Ctx, 'db'>, enterpriseIds: readonly string[], years: readonly number[]): Promise<void> {
  if (enterpriseIds.length === 0 || years.length === 0) return;
  const revenueYears = years.map((y) => y - 1);
  const [enterprises, figures] = await Promise.all([
    tx.selectFrom('enterprises').select(['id', 'industry_code', 'above_scale']).where(sql<boolean>`id = ANY (${[...enterpriseIds]}::uuid[])`).execute(),
    // joined on the primary key per enterprise (an = ANY filter over thousands of ids let the
    // planner scan the whole years through the period index instead)
    sql<{ enterprise_id: string; year: number; period: string; basis: 'cumulative' | 'current'; revenue_fen: number | null }>`
      SELECT f.enterprise_id, f.year, f.period, f.basis, f.revenue_fen
      FROM unnest(${[...enterpriseIds]}::uuid[]) AS k(id)
      JOIN economy_figures f ON f.enterprise_id = k.id AND f.year = ANY (${revenueYears}::smallint[])
      WHERE f.revenue_fen IS NOT NULL AND (f.basis = 'current' OR f.period IN ('12', 'Q4'))`.execute(tx).then((r) => r.rows),
  ]);
  const rowsOf = new Map<string, RevenueRow[]>();
  for (const f of figures) {
    const k = `${f.enterprise_id}|${f.year}`;
    if (!rowsOf.has(k)) rowsOf.set(k, []);
    rowsOf.get(k)!.push({ part: f.period, basis: f.basis, revenueFen: f.revenue_fen === null ? null : Number(f.revenue_fen) });
  }
  const statuses = enterprises.flatMap((e) => years.map((y) => ({ e, s: scaleStatus(e.industry_code, y, annualRevenue(rowsOf.get(`${e.id}|${y - 1}`) ?? [])) })));
  // one JSON document, not ~9 bound parameters per row; a status that did not change is not rewritten
  const doc = JSON.stringify(statuses.map(({ e, s }) => ({
    enterprise_id: e.id, year: s.year, above_scale: s.aboveScale, revenue_year: s.revenueYear, annual_revenue_fen: s.annualRevenueFen,
    threshold_fen: s.thresholdFen, sector: s.sector, reason: s.reason,
  })));
  await sql`
    INSERT INTO economy_scale_status AS t (enterprise_id, year, above_scale, revenue_year, annual_revenue_fen, threshold_fen, sector, reason, computed_at)
    SELECT v.enterprise_id, v.year, v.above_scale, v.revenue_year, v.annual_revenue_fen, v.threshold_fen, v.sector, v.reason, ${actx.now}::timestamptz
    FROM json_to_recordset(${doc}::json) AS v(enterprise_id uuid, year smallint, above_scale boolean, revenue_year smallint, annual_revenue_fen bigint, threshold_fen bigint, sector text, reason text)
    ON CONFLICT (enterprise_id, year) DO UPDATE SET
      above_scale = excluded.above_scale, revenue_year = excluded.revenue_year, annual_revenue_fen = excluded.annual_revenue_fen,
      threshold_fen = excluded.threshold_fen, sector = excluded.sector, reason = excluded.reason, computed_at = excluded.computed_at
    WHERE (t.above_scale, t.revenue_year, t.annual_revenue_fen, t.threshold_fen, t.sector, t.reason)
      IS DISTINCT FROM (excluded.above_scale, excluded.revenue_year, excluded.annual_revenue_fen, excluded.threshold_fen, excluded.sector, excluded.reason)`.execute(tx);

  // The registry's flag follows this year's status (an enterprise without figures keeps its flag).
  const thisYear = localYearOf(actx.now);
  const changes = statuses.filter(({ e, s }) => s.year === thisYear && s.annualRevenueFen !== null && s.aboveScale !== e.above_scale);
  if (changes.length === 0) return;
  for (const flag of [true, false]) {
    const ids = changes.filter(({ s }) => s.aboveScale === flag).map(({ e }) => e.id);
    if (ids.length) await tx.updateTable('enterprises').set({ above_scale: flag, updated_at: actx.now, version: sql`version + 1` }).where('id', 'in', ids).execute();
  }
  await tx.insertInto('audit_log').values(changes.map(({ e, s }) => ({
    actor_id: actx.actor.userId, actor_name: actx.actor.displayName, action: 'enterprise.above_scale', entity_type: 'enterprise', entity_id: e.id,
    enterprise_id: e.id, request_id: actx.requestId, ip: actx.ip || null,
    before: JSON.stringify({ aboveScale: e.above_scale }), after: JSON.stringify({ aboveScale: s.aboveScale, reason: s.reason }),
  }))).execute();
}
