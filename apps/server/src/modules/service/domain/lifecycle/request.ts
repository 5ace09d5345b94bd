// The shapes the lifecycle works on: a request's snapshot (what the state machine needs to
// know of a request), the actor, the actions with their payloads, and the events recorded.
import type { ActorRole, RequestStatus, Satisfaction, WaitableStatus } from './states';

/** One handling unit of a dispatch: exactly one 主办 (lead) per dispatch, any number of 协办 (assisting). */
export interface DispatchUnit {
  unitId: string;
  role: 'lead' | 'assisting';
}

export interface Assignment {
  leadUnitId: string;
  assistingUnitIds: readonly string[];
  /** The service agent (助企服务员) of the lead unit who works on it, when one is named. */
  agentId: string | null;
}

export interface RequestSnapshot {
  id: string;
  status: RequestStatus;
  /** While waiting for the enterprise: the status `resume` returns to; otherwise null. */
  statusBeforeWait: WaitableStatus | null;
  categoryId: string | null;
  /** The enterprises to answer: [0] raised it; the others' duplicates were merged into it. */
  enterpriseIds: readonly string[];
  /** The current dispatch (kept after a return or a reopen, for the dispatcher's next choice). */
  assignment: Assignment | null;
  /** Returns (退单) so far, over the request's life. */
  returnCount: number;
  /** Reopens after a dissatisfied follow-up so far. */
  reopenCount: number;
  /** Dispatches so far (1 = the first; more after returns or reopens). */
  dispatchCount: number;
  /** When merged: the request it was merged into. */
  mergedIntoId: string | null;
  /** Duplicates merged into this one. */
  mergedIds: readonly string[];
}

export interface Actor {
  role: ActorRole;
  /** The user (or 'system'). */
  id: string;
  /** For handling_unit and service_agent: the unit the actor belongs to. */
  unitId?: string;
  /** For enterprise: the enterprise the actor acts for. */
  enterpriseId?: string;
}

/** Channels a request comes in by (渠道). `open311`: posted through the Open311 API with a key (never chosen by a person). */
export const CHANNELS = ['hotline', 'web', 'app', 'visit', 'letter', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A reason for a return (退单): why the dispatch was wrong. */
export const RETURN_REASONS = ['not_our_remit', 'wrong_area', 'unclear_ownership', 'shared_remit', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export type RequestAction =
  | { type: 'accept'; categoryId: string }
  | { type: 'dispatch'; units: readonly DispatchUnit[]; agentId?: string | null; note?: string }
  | { type: 'sign' }
  | { type: 'return'; reason: ReturnReason | null; note: string }
  | { type: 'respond'; content: string }
  | { type: 'resolve'; summary: string }
  | { type: 'follow_up'; satisfaction: Satisfaction; solved: boolean; note?: string }
  | { type: 'close'; note?: string }
  | { type: 'merge'; primary: RequestSnapshot }
  | { type: 'wait_for_enterprise'; reason: string }
  | { type: 'resume'; note?: string }
  | { type: 'supervise'; note?: string };

interface EventBase {
  at: Date;
  actor: Actor;
  requestId: string;
}
/** What the store records: one row per event, in order. */
export type RequestEvent = EventBase &
  (
    | { type: 'submitted'; enterpriseId: string; channel: Channel }
    | { type: 'accepted'; categoryId: string }
    | { type: 'dispatched'; leadUnitId: string; assistingUnitIds: readonly string[]; agentId: string | null; attempt: number; note?: string }
    | { type: 'signed'; unitId: string }
    | { type: 'returned'; unitId: string; reason: ReturnReason; note: string }
    | { type: 'responded'; content: string; notifyEnterpriseIds: readonly string[] }
    | { type: 'resolved'; summary: string; notifyEnterpriseIds: readonly string[] }
    | { type: 'followed_up'; satisfaction: Satisfaction; solved: boolean; note?: string }
    | { type: 'reopened'; reopenCount: number }
    | { type: 'reopen_limit_reached'; reopenCount: number }
    | { type: 'closed'; withoutFollowUp: boolean; note?: string }
    | { type: 'merged_into'; primaryId: string }
    | { type: 'duplicate_merged'; duplicateId: string; enterpriseIds: readonly string[] }
    | { type: 'paused'; reason: string; from: WaitableStatus }
    | { type: 'resumed'; to: WaitableStatus; note?: string }
    | { type: 'supervised'; note?: string }
  );
export type RequestEventType = RequestEvent['type'];

/** The limits that keep a request from ping-ponging; data, configured per county. */
export interface LifecyclePolicy {
  /** Returns allowed over a request's life; a further one is refused and the dispatch stands (审定). */
  maxReturns: number;
  /** Dissatisfied follow-ups that reopen; past this, a dissatisfied answer is recorded and the request is followed up. */
  maxReopens: number;
}
export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = { maxReturns: 2, maxReopens: 1 };

/** A new request, as recorded on submission (by the enterprise, or by an operator from a call). */
export function newRequestSnapshot(id: string, enterpriseId: string, categoryId: string | null = null): RequestSnapshot {
  return {
    id,
    status: 'submitted',
    statusBeforeWait: null,
    categoryId,
    enterpriseIds: [enterpriseId],
    assignment: null,
    returnCount: 0,
    reopenCount: 0,
    dispatchCount: 0,
    mergedIntoId: null,
    mergedIds: [],
  };
}
