import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import type { Ctx, Tx } from '../../../core/context';
import { lifecycleRoles } from '../service-actor';
import { distanceM } from './domain/geo';
import { assertUsableCapability } from './capabilities';
import { visibleEnterprise, visibleRequestEnterprise } from './origin';
import type { RecommendationView } from './schemas';
import type { z } from 'zod';
import type { OutcomeInput, RecommendationInput } from './schemas';

function recommendationsQuery(db: Tx, ctx: Ctx) {
  return db.selectFrom('service_recommendations as rc')
    .innerJoin('enterprises as e', 'e.id', 'rc.enterprise_id')
    .innerJoin('service_providers as p', 'p.id', 'rc.provider_id')
    .innerJoin('service_capabilities as c', 'c.code', 'rc.capability_code')
    .leftJoin('service_requests as r', 'r.id', 'rc.request_id')
    .select([
      'rc.id', 'rc.enterprise_id', 'e.name as enterprise_name', 'rc.request_id', 'r.number as request_number', 'p.id as provider_id', 'p.name as provider_name',
      'p.kind as provider_kind', 'rc.capability_code', 'c.name as capability_name', 'rc.distance_m', 'rc.note', 'rc.recommended_by_name', 'rc.recommended_at',
      'rc.outcome', 'rc.outcome_note', 'rc.outcome_by_name', 'rc.outcome_at', 'rc.version',
    ])
    .where(enterpriseInScope(ctx.actor));
}
type Row = Awaited<ReturnType<ReturnType<typeof recommendationsQuery>['executeTakeFirstOrThrow']>>;

const toView = (r: Row): RecommendationView => ({
  id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, requestId: r.request_id, requestNumber: r.request_number,
  provider: { id: r.provider_id, name: r.provider_name, kind: r.provider_kind }, capabilityCode: r.capability_code, capabilityName: r.capability_name,
  distanceM: r.distance_m, note: r.note, recommendedByName: r.recommended_by_name, recommendedAt: r.recommended_at, outcome: r.outcome,
  outcomeNote: r.outcome_note, outcomeByName: r.outcome_by_name, outcomeAt: r.outcome_at, version: r.version,
});

/** The role the timeline shows for the user (one of the lifecycle's), the office's when none. */
const timelineRole = (ctx: Ctx) => lifecycleRoles(ctx.actor).find((r) => r !== 'enterprise') ?? 'office_operator';

async function addTimelineEvent(tx: Tx, ctx: Ctx, requestId: string, type: string, payload: Record<string, unknown>) {
  await tx.insertInto('service_request_events').values({
    request_id: requestId, type, at: ctx.now, actor_role: timelineRole(ctx), actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName,
    unit_id: ctx.actor.scope.departmentId, payload: JSON.stringify(payload),
  }).execute();
}

/** Records that the agent recommended a provider for a request (its enterprise) or an enterprise; on the request's timeline too. */
export async function recommend(ctx: Ctx, input: z.infer<typeof RecommendationInput>): Promise<RecommendationView> {
  if ((input.requestId === null) === (input.enterpriseId === null)) throw new AppError('DIRECTORY_ORIGIN_REQUIRED');
  const id = await ctx.db.transaction().execute(async (tx) => {
    let enterprise: { id: string; lat: number | null; lng: number | null };
    if (input.requestId) {
      const r = await visibleRequestEnterprise(ctx, input.requestId, tx);
      if (!r.enterprise_id) throw new AppError('VALIDATION_FAILED', { requestId: '未登记单位的诉求不能记录推荐' });
      enterprise = { id: r.enterprise_id, lat: r.lat, lng: r.lng };
    } else {
      enterprise = await visibleEnterprise(ctx, input.enterpriseId!, tx);
    }
    const provider = await tx.selectFrom('service_providers').select(['id', 'name', 'lat', 'lng', 'status']).where('id', '=', input.providerId).executeTakeFirst();
    if (!provider || provider.status !== 'active') throw new AppError('DIRECTORY_PROVIDER_NOT_FOUND');
    const capability = await assertUsableCapability(tx, input.capabilityCode);
    const distance = enterprise.lat !== null && enterprise.lng !== null ? Math.round(distanceM({ lat: enterprise.lat, lng: enterprise.lng }, provider)) : null;
    const { id } = await tx.insertInto('service_recommendations').values({
      enterprise_id: enterprise.id, request_id: input.requestId, provider_id: provider.id, capability_code: capability.code, distance_m: distance,
      note: input.note, recommended_by: ctx.actor.userId, recommended_by_name: ctx.actor.displayName, recommended_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.requestId) {
      await addTimelineEvent(tx, ctx, input.requestId, 'resource_recommended', {
        recommendationId: id, providerId: provider.id, providerName: provider.name, capabilityCode: capability.code, capabilityName: capability.name, distanceM: distance, note: input.note,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'service.recommendation.create', entityType: 'service_recommendation', entityId: id, enterpriseId: enterprise.id,
      after: { providerId: provider.id, capabilityCode: capability.code, requestId: input.requestId, distanceM: distance, note: input.note },
    });
    return id;
  });
  return getRecommendation(ctx, id);
}

async function getRecommendation(ctx: Ctx, id: string, tx: Tx = ctx.db): Promise<RecommendationView> {
  const r = await recommendationsQuery(tx, ctx).where('rc.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('RECOMMENDATION_NOT_FOUND');
  return toView(r);
}

/** Whether the recommended provider helped (回访 of the recommendation); may be corrected later, with its version. */
export async function recordOutcome(ctx: Ctx, id: string, input: z.infer<typeof OutcomeInput>): Promise<RecommendationView> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await recommendationsQuery(tx, ctx).where('rc.id', '=', id).forUpdate('rc').executeTakeFirst();
    if (!cur) throw new AppError('RECOMMENDATION_NOT_FOUND');
    if (cur.request_id) await visibleRequestEnterprise(ctx, cur.request_id, tx).catch(() => { throw new AppError('RECOMMENDATION_NOT_FOUND'); });
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    await tx.updateTable('service_recommendations').set({
      outcome: input.outcome, outcome_note: input.note, outcome_by_name: ctx.actor.displayName, outcome_at: ctx.now, version: cur.version + 1,
    }).where('id', '=', id).execute();
    if (cur.request_id) {
      await addTimelineEvent(tx, ctx, cur.request_id, 'resource_outcome', {
        recommendationId: id, providerId: cur.provider_id, providerName: cur.provider_name, outcome: input.outcome, note: input.note,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'service.recommendation.outcome', entityType: 'service_recommendation', entityId: id, enterpriseId: cur.enterprise_id,
      before: { outcome: cur.outcome, note: cur.outcome_note }, after: { outcome: input.outcome, note: input.note },
    });
  });
  return getRecommendation(ctx, id);
}

/** A request's recommendations (the request must be visible), an enterprise's, or a park's enterprises'. */
export async function listRecommendations(ctx: Ctx, q: { requestId?: string; enterpriseId?: string; parkId?: string }): Promise<RecommendationView[]> {
  let qb = recommendationsQuery(ctx.db, ctx);
  if (q.requestId) {
    await visibleRequestEnterprise(ctx, q.requestId);
    qb = qb.where('rc.request_id', '=', q.requestId);
  } else if (q.enterpriseId) {
    await visibleEnterprise(ctx, q.enterpriseId);
    qb = qb.where('rc.enterprise_id', '=', q.enterpriseId);
  } else if (q.parkId) {
    qb = qb.where('e.park_id', '=', q.parkId);
  } else {
    throw new AppError('VALIDATION_FAILED', { requestId: '须指定诉求、企业或园区' });
  }
  return (await qb.orderBy('rc.recommended_at', 'desc').orderBy('rc.id').limit(500).execute()).map(toView);
}

/** The park file's 服务资源 figures (一园一档): its enterprises' recommendations, counted and grouped. */
export async function parkRecommendationFigures(ctx: Ctx, parkId: string) {
  const park = await ctx.db.selectFrom('parks').select('id').where('id', '=', parkId).executeTakeFirst();
  if (!park) throw new AppError('PARK_NOT_FOUND');
  const base = ctx.db.selectFrom('service_recommendations as rc').innerJoin('enterprises as e', 'e.id', 'rc.enterprise_id')
    .where('e.park_id', '=', parkId).where(enterpriseInScope(ctx.actor));
  const helped = sql<number>`(count(*) FILTER (WHERE rc.outcome = 'helped'))::int`;
  const [totals, byCapability, topProviders, recent] = await Promise.all([
    base.select([
      sql<number>`count(*)::int`.as('total'), helped.as('helped'),
      sql<number>`(count(*) FILTER (WHERE rc.outcome = 'not_helped'))::int`.as('not_helped'),
      sql<number>`(count(*) FILTER (WHERE rc.outcome = 'pending'))::int`.as('pending'),
      sql<number>`count(DISTINCT rc.enterprise_id)::int`.as('enterprises'),
    ]).executeTakeFirstOrThrow(),
    base.innerJoin('service_capabilities as c', 'c.code', 'rc.capability_code')
      .select(['c.code', 'c.name', sql<number>`count(*)::int`.as('total'), helped.as('helped')]).groupBy(['c.code', 'c.name']).orderBy('total', 'desc').execute(),
    base.innerJoin('service_providers as p', 'p.id', 'rc.provider_id')
      .select(['p.id', 'p.name', sql<number>`count(*)::int`.as('total'), helped.as('helped')]).groupBy(['p.id', 'p.name']).orderBy('total', 'desc').orderBy('p.name').limit(10).execute(),
    recommendationsQuery(ctx.db, ctx).where('e.park_id', '=', parkId).orderBy('rc.recommended_at', 'desc').orderBy('rc.id').limit(10).execute(),
  ]);
  return {
    parkId, total: totals.total, helped: totals.helped, notHelped: totals.not_helped, pending: totals.pending, enterprises: totals.enterprises,
    byCapability, topProviders, recent: recent.map(toView),
  };
}

/** Sets an enterprise's location (GCJ-02, converted already); audited as an enterprise change. */
export async function setEnterpriseLocation(ctx: Ctx, enterpriseId: string, p: { lat: number; lng: number } | null) {
  return ctx.db.transaction().execute(async (tx) => {
    const e = await visibleEnterprise(ctx, enterpriseId, tx);
    await tx.updateTable('enterprises').set({ lat: p?.lat ?? null, lng: p?.lng ?? null, updated_at: ctx.now }).where('id', '=', enterpriseId).execute();
    await recordAudit(tx, ctx, {
      action: 'enterprise.location', entityType: 'enterprise', entityId: enterpriseId, enterpriseId,
      before: { lat: e.lat, lng: e.lng }, after: { lat: p?.lat ?? null, lng: p?.lng ?? null },
    });
    return { enterpriseId, lat: p?.lat ?? null, lng: p?.lng ?? null };
  });
}

