import type { Selectable } from 'kysely';
import type { Tx } from '../../../core/context';
import type { ServiceRequestTable } from '../../../db/schema';
import type { Actor as LifecycleActor, RequestEvent, RequestSnapshot, RequestStatus, WaitableStatus } from '../domain';

/**
 * The lifecycle snapshot in the database: service_requests holds it, with the current dispatch's
 * units in service_request_units and merged duplicates pointing at their primary. Load with
 * `forUpdate` before applyAction; save the next snapshot and its events in the same transaction.
 */
export type RequestRow = Selectable<ServiceRequestTable>;

export async function loadSnapshot(tx: Tx, row: RequestRow): Promise<RequestSnapshot> {
  const [units, merged] = await Promise.all([
    tx.selectFrom('service_request_units').select(['unit_id', 'role']).where('request_id', '=', row.id).orderBy('unit_id').execute(),
    tx.selectFrom('service_requests').select('id').where('merged_into_id', '=', row.id).orderBy('number').execute(),
  ]);
  const lead = units.find((u) => u.role === 'lead');
  return {
    id: row.id,
    status: row.status as RequestStatus,
    statusBeforeWait: row.status_before_wait as WaitableStatus | null,
    categoryId: row.category_id,
    enterpriseIds: row.enterprise_ids,
    assignment: lead
      ? { leadUnitId: lead.unit_id, assistingUnitIds: units.filter((u) => u.role === 'assisting').map((u) => u.unit_id), agentId: row.agent_id }
      : null,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    dispatchCount: row.dispatch_count,
    mergedIntoId: row.merged_into_id,
    mergedIds: merged.map((m) => m.id),
  };
}

/** Writes the next snapshot (version + 1) and, when the dispatch changed, its units. */
export async function saveSnapshot(tx: Tx, next: RequestSnapshot, events: readonly RequestEvent[], now: Date): Promise<void> {
  const resolvedAt = events.find((e) => e.type === 'resolved')?.at;
  const closedAt = events.find((e) => e.type === 'closed' || e.type === 'merged_into')?.at;
  await tx
    .updateTable('service_requests')
    .set((eb) => ({
      status: next.status,
      status_before_wait: next.statusBeforeWait,
      category_id: next.categoryId,
      enterprise_ids: next.enterpriseIds as string[],
      lead_unit_id: next.assignment?.leadUnitId ?? null,
      agent_id: next.assignment?.agentId ?? null,
      return_count: next.returnCount,
      reopen_count: next.reopenCount,
      dispatch_count: next.dispatchCount,
      merged_into_id: next.mergedIntoId,
      // Resolved (again, after a reopen): the follow-up chase starts over.
      ...(resolvedAt ? { resolved_at: resolvedAt, follow_up_reminded_at: null, follow_up_hotline_at: null } : {}),
      ...(closedAt ? { closed_at: closedAt } : {}),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', next.id)
    .execute();
  const dispatched = events.find((e) => e.type === 'dispatched');
  if (dispatched && dispatched.type === 'dispatched') {
    await tx.deleteFrom('service_request_units').where('request_id', '=', next.id).execute();
    await tx.insertInto('service_request_units').values([
      { request_id: next.id, unit_id: dispatched.leadUnitId, role: 'lead', attempt: dispatched.attempt },
      ...dispatched.assistingUnitIds.map((u) => ({ request_id: next.id, unit_id: u, role: 'assisting' as const, attempt: dispatched.attempt })),
    ]).execute();
  }
}

/** Appends events to the timeline, in order. `actorName` names the user (or 系统). */
export async function insertEvents(tx: Tx, events: readonly RequestEvent[], actorName: string): Promise<void> {
  if (events.length === 0) return;
  await tx.insertInto('service_request_events').values(events.map((e) => eventRow(e, actorName))).execute();
}

function eventRow(e: RequestEvent, actorName: string) {
  const { at, actor, requestId, type, ...payload } = e;
  return {
    request_id: requestId,
    type,
    at,
    actor_role: actor.role,
    actor_id: isSystem(actor) ? null : actor.id,
    actor_name: actorName,
    unit_id: actor.unitId ?? null,
    payload: JSON.stringify(payload),
  };
}

const isSystem = (a: LifecycleActor) => a.role === 'system';
