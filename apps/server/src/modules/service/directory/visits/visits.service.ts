import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import { AppError } from '../../../../http/app-error';
import { recordAudit } from '../../../../core/audit/audit';
import { enterpriseInScope } from '../../../../core/identity/scope';
import { can } from '../../../../core/identity/actor';
import { countRows } from '../../../../db/count-rows';
import type { Ctx, Tx } from '../../../../core/context';
import { createRequest, type ServiceDeps } from '../../requests/request.service';
import { periodBounds } from '../domain/coverage';
import { visibleEnterprise } from '../origin';
import type { z } from 'zod';
import type { ProblemToRequestInput, VisitInput, VisitListQuery, VisitUpdate, VisitView } from './schemas';

/** A visit may be recorded up to 5 minutes ahead of the server's clock (a phone's clock runs fast), not later. */
const CLOCK_SLACK_MS = 5 * 60_000;

function visitsQuery(db: Tx, ctx: Ctx) {
  return db.selectFrom('service_visits as v')
    .innerJoin('enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('divisions as d', 'd.code', 'v.division_code')
    .select(['v.id', 'v.enterprise_id', 'e.name as enterprise_name', 'v.division_code', 'd.name as division_name', 'v.park_id', 'v.plan_id', 'v.visited_at',
      'v.visitor_id', 'v.visitor_name', 'v.companions', 'v.discussed', 'v.follow_ups', 'v.version'])
    .where(enterpriseInScope(ctx.actor));
}
type Row = Awaited<ReturnType<ReturnType<typeof visitsQuery>['executeTakeFirstOrThrow']>>;

/** The visitor edits their own visit; whoever plans visits (the office) may correct any. */
const canEdit = (ctx: Ctx, r: { visitor_id: string | null }) => (r.visitor_id === ctx.actor.userId && can(ctx.actor, 'service.visit')) || can(ctx.actor, 'service.visit.plan');

async function withProblems(db: Tx, ctx: Ctx, rows: Row[]): Promise<VisitView[]> {
  const problems = rows.length
    ? await db.selectFrom('service_visit_problems as vp').leftJoin('service_requests as r', 'r.id', 'vp.request_id')
      .select(['vp.id', 'vp.visit_id', 'vp.position', 'vp.text', 'vp.request_id', 'r.number as request_number', 'r.status as request_status'])
      .where('vp.visit_id', 'in', rows.map((r) => r.id)).orderBy('vp.visit_id').orderBy('vp.position').execute()
    : [];
  const byVisit = new Map<string, typeof problems>();
  for (const p of problems) byVisit.set(p.visit_id, [...(byVisit.get(p.visit_id) ?? []), p]);
  return rows.map((r) => ({
    id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, divisionCode: r.division_code, divisionName: r.division_name ?? r.division_code,
    parkId: r.park_id, planId: r.plan_id, visitedAt: r.visited_at, visitorId: r.visitor_id, visitorName: r.visitor_name, companions: r.companions,
    discussed: r.discussed, followUps: r.follow_ups, canEdit: canEdit(ctx, r), version: r.version,
    problems: (byVisit.get(r.id) ?? []).map((p) => ({
      id: p.id, position: p.position, text: p.text, requestId: p.request_id, requestNumber: p.request_number, requestStatus: p.request_status,
    })),
  }));
}

function filtered(db: Kysely<DB>, ctx: Ctx, q: Omit<VisitListQuery, 'page' | 'pageSize'>) {
  let qb = visitsQuery(db, ctx);
  if (q.enterpriseId) qb = qb.where('v.enterprise_id', '=', q.enterpriseId);
  if (q.divisionCode) qb = qb.where('v.division_code', 'like', `${q.divisionCode}%`);
  if (q.parkId) qb = qb.where('v.park_id', '=', q.parkId);
  if (q.visitorId) qb = qb.where('v.visitor_id', '=', q.visitorId);
  if (q.planId) qb = qb.where('v.plan_id', '=', q.planId);
  if (q.from) qb = qb.where('v.visited_at', '>=', periodBounds(q.from, q.from).start);
  if (q.to) qb = qb.where('v.visited_at', '<', periodBounds(q.to, q.to).end);
  return qb;
}

export async function listVisits(db: Kysely<DB>, ctx: Ctx, q: VisitListQuery) {
  const base = filtered(db, ctx, q);
  const [rows, count] = await Promise.all([
    base.orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(db, base.clearSelect().select('v.id')),
  ]);
  return { items: await withProblems(db, ctx, rows), total: count.total, totalEstimated: count.totalEstimated };
}

export async function visitsForExport(db: Kysely<DB>, ctx: Ctx, q: Omit<VisitListQuery, 'page' | 'pageSize'>) {
  const rows = await filtered(db, ctx, q).orderBy('v.visited_at', 'desc').orderBy('v.id', 'desc').limit(50_000).execute();
  return withProblems(db, ctx, rows);
}

export async function getVisit(ctx: Ctx, id: string, tx: Tx = ctx.db): Promise<VisitView> {
  const row = await visitsQuery(tx, ctx).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VISIT_NOT_FOUND');
  return (await withProblems(tx, ctx, [row]))[0]!;
}

function assertNotFuture(ctx: Ctx, at: Date) {
  if (at.getTime() > ctx.now.getTime() + CLOCK_SLACK_MS) throw new AppError('VISIT_IN_FUTURE', { visitedAt: '走访时间不能晚于现在' });
}

async function assertPlan(tx: Tx, planId: string | null, enterprise: { division_code: string }) {
  if (!planId) return;
  const plan = await tx.selectFrom('service_visit_plans').select(['id', 'division_code']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('VISIT_PLAN_NOT_FOUND');
  if (!enterprise.division_code.startsWith(plan.division_code)) throw new AppError('VALIDATION_FAILED', { planId: '企业不在该走访计划的街道内' });
}

export async function createVisit(ctx: Ctx, input: VisitInput): Promise<VisitView> {
  assertNotFuture(ctx, input.visitedAt);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const e = await visibleEnterprise(ctx, input.enterpriseId, tx);
    await assertPlan(tx, input.planId, e);
    const { id } = await tx.insertInto('service_visits').values({
      enterprise_id: e.id, division_code: e.division_code.slice(0, 9), park_id: e.park_id, plan_id: input.planId, visited_at: input.visitedAt,
      visitor_id: ctx.actor.userId, visitor_name: ctx.actor.displayName, companions: input.companions, discussed: input.discussed,
      follow_ups: input.followUps, created_by: ctx.actor.userId, updated_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.problems.length) await tx.insertInto('service_visit_problems').values(input.problems.map((text, i) => ({ visit_id: id, position: i + 1, text }))).execute();
    await recordAudit(tx, ctx, { action: 'service.visit.create', entityType: 'service_visit', entityId: id, enterpriseId: e.id, after: input });
    return id;
  });
  return getVisit(ctx, id);
}

/**
 * Corrects a visit (its visitor, or the office). Problems already turned into requests stay as
 * they are; the others are replaced by the list given (after those kept).
 */
export async function updateVisit(ctx: Ctx, id: string, input: VisitUpdate): Promise<VisitView> {
  assertNotFuture(ctx, input.visitedAt);
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await visitsQuery(tx, ctx).where('v.id', '=', id).forUpdate('v').executeTakeFirst();
    if (!cur) throw new AppError('VISIT_NOT_FOUND');
    if (!canEdit(ctx, cur)) throw new AppError('FORBIDDEN');
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    const e = await visibleEnterprise(ctx, cur.enterprise_id, tx);
    await assertPlan(tx, input.planId, e);
    const problems = await tx.selectFrom('service_visit_problems').selectAll().where('visit_id', '=', id).orderBy('position').execute();
    const kept = problems.filter((p) => p.request_id);
    await tx.deleteFrom('service_visit_problems').where('visit_id', '=', id).where('request_id', 'is', null).execute();
    const fresh = input.problems.filter((t) => !kept.some((k) => k.text === t));
    const start = kept.reduce((m, p) => Math.max(m, p.position), 0);
    if (fresh.length) await tx.insertInto('service_visit_problems').values(fresh.map((text, i) => ({ visit_id: id, position: start + i + 1, text }))).execute();
    await tx.updateTable('service_visits').set({
      visited_at: input.visitedAt, companions: input.companions, discussed: input.discussed, follow_ups: input.followUps, plan_id: input.planId,
      updated_at: ctx.now, version: cur.version + 1,
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'service.visit.update', entityType: 'service_visit', entityId: id, enterpriseId: cur.enterprise_id,
      before: { visitedAt: cur.visited_at, companions: cur.companions, discussed: cur.discussed, followUps: cur.follow_ups, planId: cur.plan_id, problems: problems.map((p) => p.text) },
      after: { ...input, problems: [...kept.map((p) => p.text), ...fresh] },
    });
  });
  return getVisit(ctx, id);
}

/**
 * 一键转诉求: a problem found on a visit becomes a request through the request creation of part 1
 * (channel 'visit', the enterprise's primary contact unless given), then the problem points at it
 * (a conditional update: only while it has none). createRequest runs its own transaction, so the
 * two steps are not one: two clicks racing each other could each make a request, and the second
 * link is refused (409) — the web disables the button while the first is on its way.
 */
export async function problemToRequest(ctx: Ctx, deps: ServiceDeps, visitId: string, problemId: string, input: z.infer<typeof ProblemToRequestInput>) {
  const visit = await getVisit(ctx, visitId);
  const problem = visit.problems.find((p) => p.id === problemId);
  if (!problem) throw new AppError('VISIT_PROBLEM_NOT_FOUND');
  if (problem.requestId) throw new AppError('VISIT_PROBLEM_ALREADY_REQUEST');
  let contactName = input.contactName;
  let contactPhone = input.contactPhone;
  if (!contactName || !contactPhone) {
    const c = await ctx.db.selectFrom('enterprise_contacts').select(['name', 'phone']).where('enterprise_id', '=', visit.enterpriseId)
      .orderBy('is_primary', 'desc').orderBy('created_at').executeTakeFirst();
    contactName ??= c?.name;
    contactPhone ??= c?.phone || undefined;
  }
  if (!contactName || !contactPhone) throw new AppError('VALIDATION_FAILED', { contactPhone: '企业没有登记联系人电话，请填写联系人和电话' });
  const title = input.title ?? (problem.text.length > 40 ? `${problem.text.slice(0, 39)}…` : problem.text);
  const request = await createRequest(ctx, deps, {
    enterpriseId: visit.enterpriseId, organizationName: '', channel: 'visit', categoryId: input.categoryId, title,
    description: `走访发现的问题（${visit.visitorName}，${visit.visitedAt.toISOString().slice(0, 10)}）：\n${problem.text}`,
    location: '', divisionCode: null, contactName, contactPhone,
  });
  await ctx.db.transaction().execute(async (tx) => {
    const linked = await tx.updateTable('service_visit_problems').set({ request_id: request.id })
      .where('id', '=', problemId).where('request_id', 'is', null).returning('id').executeTakeFirst();
    if (!linked) throw new AppError('VISIT_PROBLEM_ALREADY_REQUEST');
    await recordAudit(tx, ctx, {
      action: 'service.visit.problem_to_request', entityType: 'service_visit', entityId: visitId, enterpriseId: visit.enterpriseId,
      after: { problemId, requestId: request.id, requestNumber: request.number },
    });
  });
  return getVisit(ctx, visitId);
}

/** The users who may be given a visit plan: active holders of service.visit (agents, unit officers). */
export async function visitAgents(db: Tx) {
  return db.selectFrom('users as u')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.display_name as name', 'd.name as departmentName'])
    .where('u.status', '=', 'active')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND 'service.visit' = ANY(ro.permissions))`)
    .orderBy('u.display_name').execute();
}
