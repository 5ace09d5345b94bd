import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../core/context';
import { ratesFromCounts, REQUEST_STATUSES, type RequestStatus } from '../domain';
import { countMetrics } from '../metrics/metrics.count';
import { metricsScope } from '../metrics/metrics.repo';
import { requestInScope } from '../service-actor';

/**
 * The park file's 诉求 figures (一园一档): the requests raised by its enterprises (the park stored
 * on each request), counted by status, and the three rates over them — the same definitions as
 * the dashboard (metrics countMetrics with the park filter, docs/service/RATES.md), counted in
 * the database. Within the user's scope.
 */
export async function parkRequestFigures(ctx: Ctx, parkId: string) {
  const scope = metricsScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const park = await ctx.db.selectFrom('parks').select(['id', 'name']).where('id', '=', parkId).executeTakeFirst();
  if (!park) throw new AppError('PARK_NOT_FOUND');
  const counted = await ctx.db.selectFrom('service_requests as r')
    .select(['r.status', sql<number>`count(*)::int`.as('n')])
    .where('r.park_id', '=', parkId)
    .where(requestInScope(ctx.actor))
    .groupBy('r.status')
    .execute();
  // the rates over the requests in the user's scope (as the request list shows them), the park's only
  const { total } = await countMetrics(ctx.db, ctx.actor, 'all', { parkId }, null, ctx.now);
  const rates = ratesFromCounts(total.counts);
  const byStatus = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, 0])) as Record<RequestStatus, number>;
  for (const c of counted) byStatus[c.status as RequestStatus] = c.n;
  return {
    parkId: park.id,
    parkName: park.name,
    total: counted.reduce((a, c) => a + c.n, 0),
    byStatus,
    responseRate: rates.responseRate,
    resolutionRate: rates.resolutionRate,
    satisfactionRate: rates.satisfactionRate,
    asOf: ctx.now,
  };
}
