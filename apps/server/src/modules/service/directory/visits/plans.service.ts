import { sql } from 'kysely';
import { AppError } from '../../../../http/app-error';
import { recordAudit } from '../../../../core/audit/audit';
import { divisionPrefix, enterpriseInScope } from '../../../../core/identity/scope';
import type { Ctx, Tx } from '../../../../core/context';
import { coverageShare, isValidPeriod, periodBounds } from '../domain/coverage';
import type { z } from 'zod';
import type { Notifier } from '../../../../core/notifications/notifier';
import { changedFields } from '../../../../core/audit/audit';
import { planChangeText } from '../domain/plan-change';
import type { PlanInput, PlanListQuery, PlanUpdate, PlanView } from './schemas';

/** A street-bound user plans and sees its own street only. */
function assertStreetInScope(ctx: Ctx, divisionCode: string) {
  const own = ctx.actor.scope.divisionCode;
  if (own && !divisionCode.startsWith(divisionPrefix(own))) throw new AppError('VISIT_PLAN_NOT_FOUND');
}

async function checkPlan(tx: Tx, ctx: Ctx, input: PlanInput) {
  if (!isValidPeriod(input.periodFrom, input.periodTo)) throw new AppError('VALIDATION_FAILED', { periodTo: '结束日期不能早于开始日期' });
  assertStreetInScope(ctx, input.divisionCode);
  const street = await tx.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst();
  if (!street) throw new AppError('VALIDATION_FAILED', { divisionCode: '街道不存在' });
  const agent = await tx.selectFrom('users as u').select('u.id').where('u.id', '=', input.agentId).where('u.status', '=', 'active')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND 'service.visit' = ANY(ro.permissions))`)
    .executeTakeFirst();
  if (!agent) throw new AppError('VISIT_PLAN_AGENT_INVALID', { agentId: '须是在岗的助企服务员或承办单位人员' });
  const ids = [...new Set(input.enterpriseIds)];
  if (ids.length) {
    const found = await tx.selectFrom('enterprises as e').select('e.id').where('e.id', 'in', ids).where('e.division_code', 'like', `${input.divisionCode}%`).where(enterpriseInScope(ctx.actor)).execute();
    if (found.length !== ids.length) throw new AppError('VALIDATION_FAILED', { enterpriseIds: `有 ${ids.length - found.length} 家企业不存在或不在该街道` });
  }
  return ids;
}

async function planViews(tx: Tx, ctx: Ctx, ids: string[]): Promise<PlanView[]> {
  if (!ids.length) return [];
  const plans = await tx.selectFrom('service_visit_plans as p').innerJoin('users as u', 'u.id', 'p.agent_id').leftJoin('divisions as d', 'd.code', 'p.division_code')
    .select(['p.id', 'p.agent_id', 'u.display_name as agent_name', 'p.division_code', 'd.name as division_name', 'p.period_from', 'p.period_to', 'p.note', 'p.enterprise_ids', 'p.version', 'p.updated_at', 'p.updated_by_name'])
    .where('p.id', 'in', ids).orderBy('p.period_from', 'desc').orderBy('p.id').execute();
  const out: PlanView[] = [];
  for (const p of plans) {
    const { start, end } = periodBounds(p.period_from, p.period_to);
    const [enterprises, visits] = await Promise.all([
      p.enterprise_ids.length
        ? tx.selectFrom('enterprises as e').select(['e.id', 'e.name',
          sql<Date | null>`(SELECT max(v.visited_at) FROM service_visits v WHERE v.enterprise_id = e.id AND v.visited_at >= ${start} AND v.visited_at < ${end})`.as('last')])
          .where('e.id', 'in', p.enterprise_ids).where(enterpriseInScope(ctx.actor)).orderBy('e.name').execute()
        : Promise.resolve([]),
      tx.selectFrom('service_visits').select(sql<number>`count(*)::int`.as('n')).where('plan_id', '=', p.id).executeTakeFirstOrThrow(),
    ]);
    out.push({
      id: p.id, agentId: p.agent_id, agentName: p.agent_name, divisionCode: p.division_code, divisionName: p.division_name ?? p.division_code,
      periodFrom: p.period_from, periodTo: p.period_to, note: p.note, version: p.version, updatedAt: p.updated_at, updatedByName: p.updated_by_name,
      enterprises: enterprises.map((e) => ({ id: e.id, name: e.name, visited: e.last !== null, lastVisitedAt: e.last })),
      planned: enterprises.length, visited: enterprises.filter((e) => e.last !== null).length, visitCount: visits.n,
    });
  }
  return out;
}

export async function listPlans(ctx: Ctx, q: z.infer<typeof PlanListQuery>) {
  let qb = ctx.db.selectFrom('service_visit_plans as p').select('p.id');
  if (q.agentId) qb = qb.where('p.agent_id', '=', q.agentId);
  if (q.divisionCode) qb = qb.where('p.division_code', 'like', `${q.divisionCode}%`);
  if (q.activeOn) qb = qb.where('p.period_from', '<=', q.activeOn).where('p.period_to', '>=', q.activeOn);
  if (ctx.actor.scope.divisionCode) qb = qb.where('p.division_code', 'like', `${divisionPrefix(ctx.actor.scope.divisionCode)}%`);
  const ids = (await qb.orderBy('p.period_from', 'desc').limit(200).execute()).map((r) => r.id);
  return planViews(ctx.db, ctx, ids);
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanView> {
  const [plan] = await planViews(ctx.db, ctx, [id]);
  if (!plan) throw new AppError('VISIT_PLAN_NOT_FOUND');
  assertStreetInScope(ctx, plan.divisionCode);
  return plan;
}

export async function createPlan(ctx: Ctx, input: PlanInput): Promise<PlanView> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const ids = await checkPlan(tx, ctx, input);
    const { id } = await tx.insertInto('service_visit_plans').values({
      agent_id: input.agentId, division_code: input.divisionCode, period_from: input.periodFrom, period_to: input.periodTo, enterprise_ids: ids,
      note: input.note, created_by: ctx.actor.userId, updated_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'service.visit_plan.create', entityType: 'service_visit_plan', entityId: id, after: { ...input, enterpriseIds: ids } });
    return id;
  });
  return getPlan(ctx, id);
}

/**
 * Edits a plan (who, which street, when, which enterprises, the note), version-checked, audited
 * with the fields that changed; the agent it names — and the one it named before, when that
 * changes — is told in-app what changed. Unchanged input changes nothing.
 */
export async function updatePlan(ctx: Ctx, notifier: Notifier, id: string, input: z.infer<typeof PlanUpdate>): Promise<PlanView> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('service_visit_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('VISIT_PLAN_NOT_FOUND');
    assertStreetInScope(ctx, cur.division_code);
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    const ids = await checkPlan(tx, ctx, input);
    const before = { agentId: cur.agent_id, divisionCode: cur.division_code, periodFrom: cur.period_from, periodTo: cur.period_to, enterpriseIds: [...cur.enterprise_ids].sort(), note: cur.note };
    const after = { agentId: input.agentId, divisionCode: input.divisionCode, periodFrom: input.periodFrom, periodTo: input.periodTo, enterpriseIds: [...ids].sort(), note: input.note };
    const diff = changedFields(before, after);
    if (!diff) return;
    await tx.updateTable('service_visit_plans').set({
      agent_id: input.agentId, division_code: input.divisionCode, period_from: input.periodFrom, period_to: input.periodTo, enterprise_ids: ids,
      note: input.note, updated_at: ctx.now, updated_by: ctx.actor.userId, updated_by_name: ctx.actor.displayName, version: cur.version + 1,
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'service.visit_plan.update', entityType: 'service_visit_plan', entityId: id, before: diff.before, after: diff.after });
    const text = planChangeText(before, after);
    for (const agent of new Set([cur.agent_id, input.agentId])) {
      await notifier.notify(tx, agent, {
        title: agent === input.agentId ? `走访计划已调整：${input.periodFrom} ~ ${input.periodTo}` : '走访计划已改由他人负责',
        body: `${ctx.actor.displayName}修改了走访计划：${text}`,
        link: '/service/visits',
      });
    }
  });
  return getPlan(ctx, id);
}

/**
 * 走访覆盖率 per street (or park) of the actor's scope over a period: active enterprises there,
 * how many of them were visited at least once, the visits, and the share. Counted in the database.
 */
export async function coverage(ctx: Ctx, q: { from: string; to: string; by: 'street' | 'park' }) {
  if (!isValidPeriod(q.from, q.to)) throw new AppError('VALIDATION_FAILED', { to: '结束日期不能早于开始日期' });
  const { start, end } = periodBounds(q.from, q.to);
  const keyExpr = q.by === 'street' ? sql<string>`left(e.division_code, 9)` : sql<string>`e.park_id::text`;
  const rows = await ctx.db.selectFrom('enterprises as e')
    .select([
      keyExpr.as('key'),
      sql<number>`count(*)::int`.as('enterprises'),
      sql<number>`(count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_visits v WHERE v.enterprise_id = e.id AND v.visited_at >= ${start} AND v.visited_at < ${end})))::int`.as('visited'),
      sql<number>`coalesce(sum((SELECT count(*) FROM service_visits v WHERE v.enterprise_id = e.id AND v.visited_at >= ${start} AND v.visited_at < ${end})), 0)::int`.as('visits'),
    ])
    .where('e.status', '=', 'active')
    .where(enterpriseInScope(ctx.actor))
    .$if(q.by === 'park', (qb) => qb.where('e.park_id', 'is not', null))
    .groupBy(keyExpr)
    .execute();
  const keys = rows.map((r) => r.key);
  const names = new Map<string, string>(
    keys.length
      ? q.by === 'street'
        ? (await ctx.db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', keys).execute()).map((d) => [d.code, d.name])
        : (await ctx.db.selectFrom('parks').select(['id', 'name']).where('id', 'in', keys).execute()).map((p) => [p.id, p.name])
      : [],
  );
  const out = rows.map((r) => ({ key: r.key, name: names.get(r.key) ?? r.key, enterprises: r.enterprises, visited: r.visited, visits: r.visits, share: coverageShare(r.visited, r.enterprises) }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name, 'zh-CN'));
  const sum = (k: 'enterprises' | 'visited' | 'visits') => out.reduce((a, r) => a + r[k], 0);
  const total = { key: 'total', name: '合计', enterprises: sum('enterprises'), visited: sum('visited'), visits: sum('visits'), share: coverageShare(sum('visited'), sum('enterprises')) };
  return { from: q.from, to: q.to, by: q.by, rows: out, total };
}
