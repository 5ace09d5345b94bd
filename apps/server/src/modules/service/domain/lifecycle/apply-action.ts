// The request state machine: applyAction(request, action, actor, at) → the next snapshot and
// the events to record, or a typed refusal. Pure: the caller loads the snapshot, stores the
// result (events in order) and turns a refusal into an HTTP error.
//
// Checks, in this order (the first that fails is the answer):
//   1. the request is finished (closed, merged)              → REQUEST_FINISHED
//   2. a follow-up before resolution                          → FOLLOW_UP_BEFORE_RESOLUTION
//   3. the (status, action) pair is not in TRANSITIONS        → TRANSITION_NOT_ALLOWED
//   4. the actor's role is not allowed for that pair          → ROLE_NOT_ALLOWED
//   5. the actor is not of the lead unit / of the enterprise  → NOT_LEAD_UNIT / NOT_REQUEST_ENTERPRISE
//   6. the payload (reason, text, one lead …)                 → CATEGORY_REQUIRED, REASON_REQUIRED, …
//   7. the policy (return limit)                              → RETURN_LIMIT_REACHED
import { refuse, type Refusal, type RefusalCode } from './refusals';
import {
  DEFAULT_LIFECYCLE_POLICY,
  newRequestSnapshot,
  type Actor,
  type Assignment,
  type Channel,
  type DispatchUnit,
  type LifecyclePolicy,
  type RequestAction,
  type RequestEvent,
  type RequestSnapshot,
} from './request';
import { BEFORE_RESOLUTION, FINISHED_STATUSES, ROLE_LABELS, type RequestStatus, type WaitableStatus } from './states';
import { findTransition } from './transitions';

export interface Applied {
  ok: true;
  next: RequestSnapshot;
  events: RequestEvent[];
  /** A second request the action changed (merge: the primary, which takes the duplicate's enterprises). */
  related?: { next: RequestSnapshot; events: RequestEvent[] };
}
export type ActionResult = Applied | Refusal;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EventBody = DistributiveOmit<RequestEvent, 'at' | 'actor' | 'requestId'>;

const isBlank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

export function applyAction(
  request: RequestSnapshot,
  action: RequestAction,
  actor: Actor,
  at: Date,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): ActionResult {
  const status = request.status;
  const no = (code: RefusalCode): Refusal => refuse(code, { status, action: action.type, role: actor.role, maxReturns: policy.maxReturns });
  const event = (body: EventBody, requestId = request.id): RequestEvent => ({ ...body, at, actor, requestId }) as RequestEvent;
  const done = (next: Partial<RequestSnapshot>, ...bodies: EventBody[]): Applied => ({
    ok: true,
    next: { ...request, ...next },
    events: bodies.map((b) => event(b)),
  });

  if (FINISHED_STATUSES.includes(status)) return no('REQUEST_FINISHED');
  if (action.type === 'follow_up' && BEFORE_RESOLUTION.includes(status)) return no('FOLLOW_UP_BEFORE_RESOLUTION');
  const transition = findTransition(status, action.type);
  if (!transition) return no('TRANSITION_NOT_ALLOWED');
  if (!transition.roles.includes(actor.role)) return no('ROLE_NOT_ALLOWED');
  if ((actor.role === 'handling_unit' || actor.role === 'service_agent') && !isOfLeadUnit(request.assignment, actor)) return no('NOT_LEAD_UNIT');
  if (actor.role === 'enterprise' && !request.enterpriseIds.includes(actor.enterpriseId ?? '')) return no('NOT_REQUEST_ENTERPRISE');

  switch (action.type) {
    case 'accept':
      if (isBlank(action.categoryId)) return no('CATEGORY_REQUIRED');
      return done({ status: 'accepted', categoryId: action.categoryId }, { type: 'accepted', categoryId: action.categoryId });

    case 'dispatch': {
      const checked = checkDispatch(action.units);
      if (typeof checked === 'string') return no(checked);
      const assignment: Assignment = { ...checked, agentId: action.agentId ?? null };
      const attempt = request.dispatchCount + 1;
      return done(
        { status: 'dispatched', assignment, dispatchCount: attempt },
        { type: 'dispatched', leadUnitId: assignment.leadUnitId, assistingUnitIds: assignment.assistingUnitIds, agentId: assignment.agentId, attempt, ...(action.note ? { note: action.note } : {}) },
      );
    }

    case 'sign': {
      const assignment = request.assignment!; // checked by isOfLeadUnit
      const agentId = actor.role === 'service_agent' ? actor.id : assignment.agentId;
      return done({ status: 'signed', assignment: { ...assignment, agentId } }, { type: 'signed', unitId: assignment.leadUnitId });
    }

    case 'return':
      if (action.reason === null || isBlank(action.note)) return no('REASON_REQUIRED');
      if (request.returnCount >= policy.maxReturns) return no('RETURN_LIMIT_REACHED');
      return done(
        { status: 'returned', returnCount: request.returnCount + 1 },
        { type: 'returned', unitId: request.assignment!.leadUnitId, reason: action.reason, note: action.note },
      );

    case 'respond':
      if (isBlank(action.content)) return no('TEXT_REQUIRED');
      return done({ status: 'responded' }, { type: 'responded', content: action.content, notifyEnterpriseIds: request.enterpriseIds });

    case 'resolve': {
      if (isBlank(action.summary)) return no('TEXT_REQUIRED');
      const resolved: EventBody = { type: 'resolved', summary: action.summary, notifyEnterpriseIds: request.enterpriseIds };
      if (status === 'signed') {
        return done({ status: 'resolved' }, { type: 'responded', content: action.summary, notifyEnterpriseIds: request.enterpriseIds }, resolved);
      }
      return done({ status: 'resolved' }, resolved);
    }

    case 'follow_up': {
      const followedUp: EventBody = { type: 'followed_up', satisfaction: action.satisfaction, solved: action.solved, ...(action.note ? { note: action.note } : {}) };
      if (action.satisfaction !== 'dissatisfied') return done({ status: 'followed_up' }, followedUp);
      if (request.reopenCount >= policy.maxReopens) {
        return done({ status: 'followed_up' }, followedUp, { type: 'reopen_limit_reached', reopenCount: request.reopenCount });
      }
      const reopenCount = request.reopenCount + 1;
      return done({ status: 'accepted', reopenCount }, followedUp, { type: 'reopened', reopenCount });
    }

    case 'close':
      return done({ status: 'closed' }, { type: 'closed', withoutFollowUp: status === 'resolved', ...(action.note ? { note: action.note } : {}) });

    case 'merge': {
      const primary = action.primary;
      if (primary.id === request.id) return no('MERGE_INTO_SELF');
      if (!MERGE_TARGETS.includes(primary.status)) return no('MERGE_TARGET_NOT_OPEN');
      const added = request.enterpriseIds.filter((e) => !primary.enterpriseIds.includes(e));
      const result = done(
        { status: 'merged', mergedIntoId: primary.id, statusBeforeWait: null },
        { type: 'merged_into', primaryId: primary.id },
      );
      result.related = {
        next: { ...primary, enterpriseIds: [...primary.enterpriseIds, ...added], mergedIds: [...primary.mergedIds, request.id] },
        events: [event({ type: 'duplicate_merged', duplicateId: request.id, enterpriseIds: request.enterpriseIds }, primary.id)],
      };
      return result;
    }

    case 'wait_for_enterprise':
      if (isBlank(action.reason)) return no('REASON_REQUIRED');
      return done(
        { status: 'waiting_for_enterprise', statusBeforeWait: status as WaitableStatus },
        { type: 'paused', reason: action.reason, from: status as WaitableStatus },
      );

    case 'resume': {
      const to = request.statusBeforeWait!;
      return done({ status: to, statusBeforeWait: null }, { type: 'resumed', to, ...(action.note ? { note: action.note } : {}) });
    }

    case 'supervise':
      return done({}, { type: 'supervised', ...(action.note ? { note: action.note } : {}) });
  }
}

/** Statuses a duplicate may be merged into: open and not resolved, so its enterprises still get the answer. */
const MERGE_TARGETS: readonly RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'signed', 'returned', 'responded', 'waiting_for_enterprise'];

function isOfLeadUnit(assignment: Assignment | null, actor: Actor): boolean {
  return assignment !== null && actor.unitId !== undefined && actor.unitId === assignment.leadUnitId;
}

function checkDispatch(units: readonly DispatchUnit[]): Omit<Assignment, 'agentId'> | RefusalCode {
  const leads = units.filter((u) => u.role === 'lead');
  if (leads.length !== 1) return 'DISPATCH_ONE_LEAD';
  if (new Set(units.map((u) => u.unitId)).size !== units.length) return 'DISPATCH_UNIT_REPEATED';
  return { leadUnitId: leads[0]!.unitId, assistingUnitIds: units.filter((u) => u.role === 'assisting').map((u) => u.unitId) };
}

/**
 * A new request: an enterprise submits its own, an office operator records one from a call or
 * a visit (any channel). Anyone else is refused.
 */
export function submitRequest(
  input: { id: string; enterpriseId: string; channel: Channel; categoryId?: string | null },
  actor: Actor,
  at: Date,
): ActionResult {
  const context = { status: 'submitted' as const, action: 'accept' as const, role: actor.role, maxReturns: 0 };
  // a service agent records what it found on a visit to an enterprise (走访, channel 'visit')
  const agentOnVisit = actor.role === 'service_agent' && input.channel === 'visit';
  if (actor.role !== 'enterprise' && actor.role !== 'office_operator' && !agentOnVisit) {
    return { ...refuse('ROLE_NOT_ALLOWED', context), message: { zh: `${ROLE_LABELS[actor.role].zh}不能登记诉求`, en: 'only an enterprise or an office operator can submit a request' } };
  }
  if (actor.role === 'enterprise' && actor.enterpriseId !== input.enterpriseId) return refuse('NOT_REQUEST_ENTERPRISE', context);
  return {
    ok: true,
    next: newRequestSnapshot(input.id, input.enterpriseId, input.categoryId ?? null),
    events: [{ type: 'submitted', at, actor, requestId: input.id, enterpriseId: input.enterpriseId, channel: input.channel }],
  };
}
