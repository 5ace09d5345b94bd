import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@zhizhi/contracts';
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { loadVisibleEnterprise } from '../../../core/enterprises/enterprise.service';
import { maskPhone } from '../../../core/privacy/mask';
import { divisionCovers } from '../../../core/identity/scope';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import {
  ACTION_LABELS, allowedActions, applyAction, findTransition, routeRequest, submitRequest,
  type ActionType, type ActorRole, type Applied, type Refusal, type RequestAction, type RequestEvent, type RequestSnapshot,
} from '../domain';
import type { RequestActionInput, RequestDetail, RequestInput } from '../schemas';
import { isOtherEnterprisesRequest, lifecycleActor, lifecycleRoles, requestInScope, serviceView } from '../service-actor';
import { activeRoutingRules, assertActiveUnits, assertUsableCategory, categoryTreeOf, categoryView, loadCategories } from '../settings/catalog';
import { suggestCategory } from '../settings/suggest-category';
import { duplicateTitles, filteredRequests, toSummary, visibleText, withSummaryColumns } from './request.repo';
import { insertEvents, loadSnapshot, saveSnapshot, type RequestRow } from './request.store';
import { applyEventsToSteps, serviceClock, storedStepState, type StepContext } from './service-levels';
import { loadPolicyBook } from '../settings/service-level-policy-store';
import { dispatchers, enterpriseUsers, notifyAll, requestLink, unitStaff } from './notify';
import { assertUnitAgent, autoAssignAgent } from '../agents/unit-agents';
import { INTERNAL_EVENTS, linkAttachments, listAttachments } from '../attachments/attachment.service';

/** What the request services need beyond the Ctx: the working-day calendar and the notifier. */
export interface ServiceDeps {
  calendar: () => WorkdayCalendar;
  notifier: Notifier;
}

function assertCanUse(ctx: Ctx): void {
  if (!serviceView(ctx.actor)) throw new AppError('FORBIDDEN');
}

/** A request the actor may see (FOR UPDATE inside an action); anything else is "not found". */
async function loadVisibleRequest(ctx: Ctx, id: string, tx: Tx = ctx.db, forUpdate = false): Promise<RequestRow> {
  let qb = tx.selectFrom('service_requests as r').selectAll('r').where('r.id', '=', id).where(requestInScope(ctx.actor));
  if (forUpdate) qb = qb.forUpdate();
  const row = await qb.executeTakeFirst();
  if (!row) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
  return row;
}

/** A refusal of the lifecycle as the API's error: its code, its status by kind, its own message. */
export function refusalError(r: Refusal): AppError {
  return new AppError(`SERVICE_${r.code}` as ErrorCode, undefined, r.message);
}

const forAudit = (input: RequestInput) => ({ ...input, contactPhone: maskPhone(input.contactPhone) });

// ---------------------------------------------------------------------------------------------
// Create

export async function createRequest(ctx: Ctx, deps: ServiceDeps, input: RequestInput): Promise<RequestDetail> {
  assertCanUse(ctx);
  const roles = lifecycleRoles(ctx.actor);
  const role: ActorRole | undefined = roles.includes('enterprise') ? 'enterprise' : roles.includes('office_operator') ? 'office_operator' : roles[0];
  if (!role) throw new AppError('FORBIDDEN');
  const own = ctx.actor.scope.enterpriseId;
  if (own && input.enterpriseId && input.enterpriseId !== own) throw invalid({ enterpriseId: '只能为本企业提出诉求' });
  const enterpriseId = own ?? input.enterpriseId;
  const channel = own ? 'web' : input.channel;
  const id = randomUUID();

  const submitted = submitRequest({ id, enterpriseId: enterpriseId ?? '', channel, categoryId: input.categoryId }, lifecycleActor(ctx.actor, role), ctx.now);
  if (!submitted.ok) throw refusalError(submitted);

  await ctx.db.transaction().execute(async (tx) => {
    // A street-bound office user sees only its street: an unregistered contact's request is placed
    // there by default, and one outside it is refused (it would be created and then be invisible).
    const street = ctx.actor.scope.divisionCode;
    if (!enterpriseId && street && input.divisionCode && !divisionCovers(street, input.divisionCode)) {
      throw invalid({ divisionCode: '只能登记本街道的诉求' });
    }
    let place: { division_code: string | null; park_id: string | null } = { division_code: input.divisionCode ?? street ?? null, park_id: null };
    if (enterpriseId) {
      try {
        const e = await loadVisibleEnterprise(ctx, enterpriseId, tx);
        place = { division_code: e.division_code.length >= 9 ? e.division_code.slice(0, 9) : e.division_code, park_id: e.park_id };
      } catch {
        throw invalid({ enterpriseId: '企业不存在' });
      }
    } else if (!input.organizationName) {
      throw invalid({ organizationName: '未登记的企业请填写单位名称' });
    } else if (input.divisionCode) {
      const d = await tx.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst();
      if (!d) throw invalid({ divisionCode: '街道不存在' });
    }
    if (input.categoryId) await assertUsableCategory(tx, input.categoryId);
    const suggestion = suggestCategory((await loadCategories(tx)).map(categoryView), `${input.title}\n${input.description}`);

    await tx.insertInto('service_requests').values({
      id,
      channel,
      category_id: input.categoryId,
      suggested_category_id: suggestion?.categoryId ?? null,
      title: input.title,
      description: input.description,
      enterprise_id: enterpriseId,
      enterprise_ids: enterpriseId ? [enterpriseId] : [],
      organization_name: enterpriseId ? '' : input.organizationName,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      division_code: place.division_code,
      park_id: place.park_id,
      location: input.location,
      submitted_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    }).execute();
    await insertEvents(tx, submitted.events, ctx.actor.displayName);
    const policies = await loadPolicyBook(tx, deps.calendar());
    await applyEventsToSteps(tx, id, submitted.events, { clock: serviceClock(deps.calendar()), policies, categoryPath: [], round: 0 }, ctx.now);
    await recordAudit(tx, ctx, {
      action: 'service.request.create', entityType: 'service_request', entityId: id, enterpriseId,
      after: forAudit({ ...input, enterpriseId, channel }),
    });
  });
  return getRequest(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Read


export async function getRequest(ctx: Ctx, id: string): Promise<RequestDetail> {
  assertCanUse(ctx);
  const row = await loadVisibleRequest(ctx, id);
  const base = (await filteredRequests(ctx.db, ctx.actor, {}, ctx.now)).where('r.id', '=', id);
  const summaryRow = await withSummaryColumns(base, ctx.actor, ctx.now).select(visibleText(ctx.actor, 'description').as('description')).executeTakeFirstOrThrow();
  const summary = toSummary(summaryRow, ctx.actor);
  // An enterprise following another enterprise's request (through a merge): status, category and
  // the office's replies, not the other enterprise's contact, name, location or its users' names.
  const foreign = isOtherEnterprisesRequest(ctx.actor, row.enterprise_id);
  const [snapshot, units, agent, events, steps, pauses, attachments] = await Promise.all([
    loadSnapshot(ctx.db, row),
    ctx.db.selectFrom('service_request_units as su').innerJoin('departments as d', 'd.id', 'su.unit_id')
      .select(['d.id', 'd.name', 'su.role']).where('su.request_id', '=', id).orderBy('d.name').execute(),
    row.agent_id ? ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.agent_id).executeTakeFirst() : undefined,
    ctx.db.selectFrom('service_request_events').selectAll().where('request_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('service_request_steps').selectAll().where('request_id', '=', id).orderBy('round').orderBy('id').execute(),
    ctx.db.selectFrom('service_pauses').selectAll().where('request_id', '=', id).orderBy('from_at').execute(),
    listAttachments(ctx.db, ctx, row),
  ]);
  const paused = pauses.some((p) => p.to_at === null);
  const view = serviceView(ctx.actor);
  return {
    ...summary,
    description: summaryRow.description,
    location: foreign ? '' : row.location,
    organizationName: foreign ? '' : row.organization_name,
    suggestedCategoryId: row.suggested_category_id,
    assistingUnits: units.filter((u) => u.role === 'assisting').map((u) => ({ id: u.id, name: u.name })),
    agent: agent ? { id: agent.id, name: agent.display_name } : null,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    dispatchCount: row.dispatch_count,
    mergedIntoId: row.merged_into_id,
    mergedIds: [...snapshot.mergedIds],
    pauses: pauses.map((p) => ({ from: p.from_at, to: p.to_at, reason: p.reason })),
    events: events
      .filter((e) => view !== 'enterprise' || !INTERNAL_EVENTS.has(e.type))
      .map((e) => ({
        id: e.id, type: e.type, at: e.at, actorRole: e.actor_role as ActorRole,
        actorName: foreign && e.actor_role === 'enterprise' ? '' : e.actor_name, unitId: e.unit_id,
        // … nor the other enterprise's own words (its online rating's comment).
        payload: foreign && e.actor_role === 'enterprise' ? withoutFreeText(e.payload) : e.payload,
      })),
    steps: steps.map((s) => ({
      step: s.step as RequestDetail['steps'][number]['step'],
      round: s.round, startedAt: s.started_at, dueAt: s.due_at, warnAt: s.warn_at, completedAt: s.completed_at, met: s.met,
      cancelled: s.cancelled_at !== null, returned: s.returned, redispatch: s.redispatch, unitId: s.unit_id, state: storedStepState(s, paused, ctx.now),
    })),
    attachments,
    allowedActions: actionsFor(ctx, snapshot, row.enterprise_id),
    suggestedDispatch: view === 'all' && (row.status === 'accepted' || row.status === 'returned') ? await suggestDispatch(ctx.db, row) : null,
    followUpRemindedAt: row.follow_up_reminded_at,
    followUpHotlineAt: row.follow_up_hotline_at,
    version: row.version,
  };
}

const withoutFreeText = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([k]) => !['note', 'reason'].includes(k)));

/** The actions the user may attempt now, over their lifecycle roles (a unit only when it leads). */
function actionsFor(ctx: Ctx, s: RequestSnapshot, raisedBy: string | null): ActionType[] {
  const out = new Set<ActionType>();
  for (const role of lifecycleRoles(ctx.actor)) {
    if ((role === 'handling_unit' || role === 'service_agent') && s.assignment?.leadUnitId !== ctx.actor.scope.departmentId) continue;
    for (const a of allowedActions(s.status, role)) {
      // An enterprise rates (回访 online) only what it raised itself, not what it follows through a merge.
      if (role === 'enterprise' && a === 'follow_up' && raisedBy !== ctx.actor.scope.enterpriseId) continue;
      out.add(a);
    }
  }
  return [...out];
}

async function suggestDispatch(db: Tx, row: RequestRow) {
  const rules = await activeRoutingRules(db);
  if (rules.length === 0) return null;
  const tree = categoryTreeOf(await loadCategories(db));
  const d = routeRequest(rules, tree, {
    categoryId: row.category_id, title: row.title, description: row.description,
    divisionCode: row.division_code, parkIds: row.park_id ? [row.park_id] : [],
  });
  if (!d) return null;
  const matched = Object.fromEntries(Object.entries(d.matched).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
  return { ruleId: d.ruleId, unitId: d.unitId, assistingUnitIds: [...d.assistingUnitIds], agentStrategy: d.agentStrategy, matched };
}

/** The full contact phone. Every reveal is written to the audit log. */
export async function revealRequestContact(ctx: Ctx, id: string): Promise<{ contactPhone: string }> {
  assertCanUse(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await loadVisibleRequest(ctx, id, tx);
    // An enterprise reveals only its own contact, not that of a request it follows through a merge.
    if (isOtherEnterprisesRequest(ctx.actor, row.enterprise_id)) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'service.request.reveal', entityType: 'service_request', entityId: id, enterpriseId: row.enterprise_id, after: { fields: ['contactPhone'] } });
    return { contactPhone: row.contact_phone };
  });
}

// ---------------------------------------------------------------------------------------------
// Act

/** The role the user acts in for this step: the first of theirs that the transition allows. */
function roleFor(roles: readonly ActorRole[], s: RequestSnapshot, action: ActionType): ActorRole {
  const allowed = findTransition(s.status, action)?.roles ?? [];
  return roles.find((r) => allowed.includes(r)) ?? roles[0]!;
}

function toDomainAction(input: RequestActionInput, row: RequestRow, primary: RequestSnapshot | null): RequestAction {
  switch (input.action) {
    case 'accept':
      return { type: 'accept', categoryId: input.categoryId ?? row.category_id ?? '' };
    case 'dispatch':
      return {
        type: 'dispatch',
        units: [{ unitId: input.leadUnitId, role: 'lead' }, ...input.assistingUnitIds.map((unitId) => ({ unitId, role: 'assisting' as const }))],
        agentId: input.agentId,
        ...(input.note ? { note: input.note } : {}),
      };
    case 'sign':
      return { type: 'sign' };
    case 'return':
      return { type: 'return', reason: input.reason, note: input.note };
    case 'respond':
      return { type: 'respond', content: input.content };
    case 'resolve':
      return { type: 'resolve', summary: input.summary };
    case 'follow_up':
      return { type: 'follow_up', satisfaction: input.satisfaction, solved: input.solved, ...(input.note ? { note: input.note } : {}) };
    case 'close':
      return { type: 'close', ...(input.note ? { note: input.note } : {}) };
    case 'merge':
      return { type: 'merge', primary: primary! };
    case 'wait_for_enterprise':
      return { type: 'wait_for_enterprise', reason: input.reason };
    case 'resume':
      return { type: 'resume', ...(input.note ? { note: input.note } : {}) };
    case 'supervise':
      return { type: 'supervise', ...(input.note ? { note: input.note } : {}) };
  }
}

/**
 * One step of the lifecycle: the snapshot is loaded FOR UPDATE and its version compared (two
 * dispatchers cannot both act), the domain decides, and the next snapshot, its events, the steps'
 * deadlines and outcomes and the audit entry are written in one transaction. A refusal is the
 * domain's code and message: 409 (state), 403 (role, unit, enterprise) or 400 (payload).
 */
export async function actOnRequest(ctx: Ctx, deps: ServiceDeps, id: string, input: RequestActionInput): Promise<RequestDetail> {
  assertCanUse(ctx);
  const roles = lifecycleRoles(ctx.actor);
  if (roles.length === 0) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (tx) => {
    const row = await loadVisibleRequest(ctx, id, tx, true);
    if (row.version !== input.version) throw new AppError('CONFLICT');
    const snapshot = await loadSnapshot(tx, row);
    let primaryRow: RequestRow | null = null;
    if (input.action === 'merge') {
      primaryRow = input.primaryId === id ? row : await tx.selectFrom('service_requests as r').selectAll('r')
        .where('r.id', '=', input.primaryId).where(requestInScope(ctx.actor)).forUpdate().executeTakeFirst() ?? null;
      if (!primaryRow) throw new AppError('SERVICE_MERGE_TARGET_NOT_FOUND', { primaryId: '要合并到的诉求不存在' });
    }
    const primary = primaryRow ? await loadSnapshot(tx, primaryRow) : null;
    const role = roleFor(roles, snapshot, input.action);
    const actor = lifecycleActor(ctx.actor, role);
    // A dispatch that names no agent gets one picked first (the unit's or the rule's strategy), so
    // the lifecycle decides once, on the action as it will be recorded.
    const agentId = input.action === 'dispatch' && findTransition(snapshot.status, 'dispatch')?.roles.includes(role)
      ? await dispatchAgent(tx, ctx, row, input)
      : undefined;
    const action = toDomainAction(input, row, primary);
    const result = applyAction(snapshot, action.type === 'dispatch' && agentId ? { ...action, agentId } : action, actor, ctx.now);
    if (!result.ok) throw refusalError(result);
    if (input.action === 'follow_up' && role === 'enterprise' && row.enterprise_id !== ctx.actor.scope.enterpriseId) {
      throw new AppError('SERVICE_RATING_NOT_OWN');
    }
    // What only the database knows, checked once the lifecycle has agreed.
    if (input.action === 'accept') await assertUsableCategory(tx, result.next.categoryId!);

    const clock = { clock: serviceClock(deps.calendar()), policies: await loadPolicyBook(tx, deps.calendar()) };
    const tree = categoryTreeOf(await loadCategories(tx));
    await store(tx, ctx, result, clock, tree.pathOf(result.next.categoryId ?? ''));
    if (result.related) await store(tx, ctx, result.related as Applied, clock, tree.pathOf(result.related.next.categoryId ?? ''));
    await linkAttachments(tx, ctx, id, input.attachmentIds);
    await recordAudit(tx, ctx, {
      action: `service.request.${input.action}`, entityType: 'service_request', entityId: id, enterpriseId: row.enterprise_id,
      before: { status: snapshot.status, version: row.version },
      after: { status: result.next.status, version: row.version + 1, role, events: result.events.map((e) => e.type), ...actionDetails(input) },
    });
    await notify(tx, deps.notifier, row, [...result.events, ...(result.related?.events ?? [])]);
  });
  return getRequest(ctx, id);
}

/**
 * The units of a dispatch exist and are active; the named agent is one of the lead unit's, or,
 * when none is named, the routing rule that suggests this lead unit (else the unit) picks one
 * (round_robin / least_loaded). Null: no agent (strategy none, or nobody available).
 */
async function dispatchAgent(tx: Tx, ctx: Ctx, row: RequestRow, input: Extract<RequestActionInput, { action: 'dispatch' }>): Promise<string | null> {
  await assertActiveUnits(tx, [
    { field: 'leadUnitId', id: input.leadUnitId },
    ...input.assistingUnitIds.map((u, i) => ({ field: `assistingUnitIds.${i}`, id: u })),
  ]);
  if (input.agentId) {
    await assertUnitAgent(tx, input.leadUnitId, input.agentId);
    return input.agentId;
  }
  const rule = await suggestDispatch(tx, row);
  return autoAssignAgent(tx, input.leadUnitId, rule?.unitId === input.leadUnitId ? rule.agentStrategy : null, ctx.now);
}

async function store(tx: Tx, ctx: Ctx, applied: Pick<Applied, 'next' | 'events'>, levels: Pick<StepContext, 'clock' | 'policies'>, categoryPath: string[]) {
  await saveSnapshot(tx, applied.next, applied.events, ctx.now);
  await insertEvents(tx, applied.events, ctx.actor.displayName);
  await applyEventsToSteps(tx, applied.next.id, applied.events, { ...levels, categoryPath, round: applied.next.reopenCount }, ctx.now);
}

/** The payload fields worth keeping in the audit log (no free text beyond the reason code). */
function actionDetails(input: RequestActionInput): Record<string, unknown> {
  const { action: _a, version: _v, attachmentIds, ...rest } = input;
  if (attachmentIds.length) return { ...rest, attachmentIds };
  return rest;
}

/** In-app notifications for the people whose turn it now is. */
async function notify(tx: Tx, notifier: Notifier, row: RequestRow, events: readonly RequestEvent[]): Promise<void> {
  const send = (users: string[], title: string) => notifyAll(notifier, tx, users, { title, body: row.title, link: requestLink(row.id) });
  for (const e of events) {
    if (e.requestId !== row.id) continue;
    const label = `诉求 ${row.number}`;
    if (e.type === 'dispatched') await send(await unitStaff(tx, [e.leadUnitId, ...e.assistingUnitIds]), `${label} 已交办给您的单位`);
    if (e.type === 'returned') await send(await dispatchers(tx), `${label} 被退单，请重新交办`);
    if (e.type === 'reopened') await send(await dispatchers(tx), `${label} 回访不满意，已重办`);
    if (e.type === 'responded' || e.type === 'resolved') {
      // Each enterprise reads its own words: another's title never reaches it through a merge.
      const titles = await duplicateTitles(tx, row.id);
      for (const enterpriseId of e.notifyEnterpriseIds) {
        const body = enterpriseId === row.enterprise_id ? row.title : titles.get(enterpriseId) ?? '';
        await notifyAll(notifier, tx, await enterpriseUsers(tx, [enterpriseId]), {
          title: `${label} ${ACTION_LABELS[e.type === 'responded' ? 'respond' : 'resolve'].zh}`, body, link: requestLink(row.id),
        });
      }
    }
  }
}
