// The transition table: for each (status, action) that is allowed, the status it leads to and
// the roles that may perform it. Anything not in the table is refused. Conditions that depend
// on the payload (a return needs a reason; a dissatisfied follow-up reopens) are in
// apply-action.ts; the table holds the usual target.
import type { ActionType, ActorRole, RequestStatus } from './states';

export interface Transition {
  from: RequestStatus;
  action: ActionType;
  /** The usual next status; `resume` goes back to the status before the wait, a dissatisfied follow-up to `accepted`. */
  to: RequestStatus | 'status_before_wait';
  roles: readonly ActorRole[];
  /** Also possible, depending on the payload or the policy. */
  alsoTo?: readonly RequestStatus[];
}

const OFFICE: readonly ActorRole[] = ['office_operator', 'office_dispatcher'];
const UNIT: readonly ActorRole[] = ['handling_unit', 'service_agent'];

/** Statuses a duplicate may be merged from: before anyone has answered it. */
const MERGEABLE: readonly RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'signed', 'returned', 'waiting_for_enterprise'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'submitted', action: 'accept', to: 'accepted', roles: OFFICE },
  { from: 'accepted', action: 'dispatch', to: 'dispatched', roles: ['office_dispatcher'] },
  { from: 'returned', action: 'dispatch', to: 'dispatched', roles: ['office_dispatcher'] },
  { from: 'dispatched', action: 'sign', to: 'signed', roles: UNIT },
  { from: 'dispatched', action: 'return', to: 'returned', roles: ['handling_unit'] },
  { from: 'signed', action: 'return', to: 'returned', roles: ['handling_unit'] },
  { from: 'signed', action: 'respond', to: 'responded', roles: UNIT },
  // Resolving a signed request answers it at the same time (a consultation answered at once).
  { from: 'signed', action: 'resolve', to: 'resolved', roles: UNIT },
  { from: 'responded', action: 'resolve', to: 'resolved', roles: UNIT },
  // 回访: by the hotline, or online by the enterprise itself (its own rating, the same rules).
  { from: 'resolved', action: 'follow_up', to: 'followed_up', roles: [...OFFICE, 'enterprise'], alsoTo: ['accepted'] },
  { from: 'followed_up', action: 'close', to: 'closed', roles: [...OFFICE, 'system'] },
  // Closing without a follow-up: the enterprise could not be reached, or the follow-up window passed.
  { from: 'resolved', action: 'close', to: 'closed', roles: ['office_dispatcher', 'system'] },
  ...MERGEABLE.map((from): Transition => ({ from, action: 'merge', to: 'merged', roles: OFFICE })),
  { from: 'accepted', action: 'wait_for_enterprise', to: 'waiting_for_enterprise', roles: OFFICE },
  { from: 'signed', action: 'wait_for_enterprise', to: 'waiting_for_enterprise', roles: UNIT },
  { from: 'responded', action: 'wait_for_enterprise', to: 'waiting_for_enterprise', roles: UNIT },
  { from: 'waiting_for_enterprise', action: 'resume', to: 'status_before_wait', roles: [...OFFICE, ...UNIT, 'enterprise', 'system'] },
  // 督办: recorded on a request in a handling unit's hands; the status does not change.
  { from: 'dispatched', action: 'supervise', to: 'dispatched', roles: ['office_dispatcher', 'system'] },
  { from: 'signed', action: 'supervise', to: 'signed', roles: ['office_dispatcher', 'system'] },
  { from: 'responded', action: 'supervise', to: 'responded', roles: ['office_dispatcher', 'system'] },
];

const BY_KEY = new Map(TRANSITIONS.map((t) => [`${t.from}|${t.action}`, t]));

export function findTransition(from: RequestStatus, action: ActionType): Transition | undefined {
  return BY_KEY.get(`${from}|${action}`);
}

/** The actions a role may attempt on a request in this status (for the UI's buttons). */
export function allowedActions(status: RequestStatus, role: ActorRole): ActionType[] {
  return TRANSITIONS.filter((t) => t.from === status && t.roles.includes(role)).map((t) => t.action);
}
