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
    tx.selectFrom('enterprises').select(['id', 'industry_code', 'above_scale']).where('id', 'in', [...enterpriseIds]).execute(),
    tx.selectFrom('economy_figures').select(['enterprise_id', 'year', 'period', 'basis', 'revenue_fen'])
      .where('enterprise_id', 'in', [...enterpriseIds]).where('year', 'in', revenueYears).where('revenue_fen', 'is not', null)
      .where((eb) => eb.or([eb('basis', '=', 'current'), eb('period', 'in', ['12', 'Q4'])]))
      .execute(),
  ]);
  const rowsOf = new Map<string, RevenueRow[]>();
  for (const f of figures) {
    const k = `${f.enterprise_id}|${f.year}`;
    if (!rowsOf.has(k)) rowsOf.set(k, []);
    rowsOf.get(k)!.push({ part: f.period, basis: f.basis, revenueFen: f.revenue_fen === null ? null : Number(f.revenue_fen) });
  }
  const statuses = enterprises.flatMap((e) => years.map((y) => ({ e, s: scaleStatus(e.industry_code, y, annualRevenue(rowsOf.get(`${e.id}|${y - 1}`) ?? [])) })));
  await tx.insertInto('economy_scale_status')
    .values(statuses.map(({ e, s }) => ({
      enterprise_id: e.id, year: s.year, above_scale: s.aboveScale, revenue_year: s.revenueYear, annual_revenue_fen: s.annualRevenueFen,
      threshold_fen: s.thresholdFen, sector: s.sector, reason: s.reason, computed_at: actx.now,
    })))
    .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet((eb) => ({
      above_scale: eb.ref('excluded.above_scale'), revenue_year: eb.ref('excluded.revenue_year'), annual_revenue_fen: eb.ref('excluded.annual_revenue_fen'),
      threshold_fen: eb.ref('excluded.threshold_fen'), sector: eb.ref('excluded.sector'), reason: eb.ref('excluded.reason'), computed_at: eb.ref('excluded.computed_at'),
    })))
    .execute();

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
