import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { CalendarNotCoveredError } from '../../../core/reference/domain/workday';
import type { Tx } from '../../../core/context';
import {
  compileServiceLevelPolicy,
  completedStepOutcome,
  DEFAULT_SERVICE_LEVEL_POLICY,
  openStepStatus,
  serviceClockFor,
  type OpenStepState,
  type Pause,
  type RequestEvent,
  type ServiceClock,
  type ServiceStep,
  type Satisfaction,
  type StepHolding,
  applyEventsToHoldings,
} from '../domain';
import type { PolicyBook } from '../settings/service-level-policy-store';

/**
 * The built-in service-level policy: DEFAULT_SERVICE_LEVEL_POLICY (当天受理、当天交办、当天回应;
 * 办结 5 and 回访 3 working days), in force until a county stores its own
 * (settings/service-level-policy-store.ts, docs/service/SERVICE_LEVELS.md).
 */
export const SERVICE_LEVELS = compileServiceLevelPolicy(DEFAULT_SERVICE_LEVEL_POLICY);

export function serviceClock(calendar: WorkdayCalendar): ServiceClock {
  const p = SERVICE_LEVELS.policy;
  return serviceClockFor(calendar, p.officeHours, { outsideCoverage: p.outsideCoverage });
}

export interface StepContext {
  /** The default policy's clock: used when no `policies` are given (the demo seed). */
  clock: ServiceClock;
  /** The stored policy versions (settings/service-level-policy-store.ts): each step follows the one in force when it opened. */
  policies?: PolicyBook;
  /** The request's category path (CategoryTree.pathOf), for the per-category rules. */
  categoryPath: readonly string[];
  /** The reopen round the events belong to (the snapshot's reopenCount after the action). */
  round: number;
}

type StepRow = StepHolding & { id: number | null; dueAt: Date | null; warnAt: Date | null; met: boolean | null };

const STEP_COLUMNS = [
  'id', 'step', 'round', 'started_at', 'completed_at', 'cancelled_at', 'due_at', 'warn_at', 'met',
  'unit_id', 'agent_id', 'returned', 'redispatch', 'superseded', 'satisfaction', 'solved',
] as const;

/**
 * What a request's events do to its steps (STEP_STARTS, docs/service/SERVICE_LEVELS.md; who holds
 * each step: the domain's applyEventsToHoldings) and pauses, in the caller's transaction; then
 * every open step's deadline is computed again (pauses and the category move it). Completed steps
 * get their deadline and whether it was met; a step handed back by a return, whether its unit
 * held it past the deadline (met false) or not (met null: not judged).
 */
export async function applyEventsToSteps(tx: Tx, requestId: string, events: readonly RequestEvent[], sc: StepContext, now: Date): Promise<void> {
  const loaded = await tx.selectFrom('service_request_steps').select([...STEP_COLUMNS]).where('request_id', '=', requestId).execute();
  const rows: StepRow[] = loaded.map((r) => ({
    id: r.id, step: r.step as ServiceStep, round: r.round, startedAt: r.started_at, completedAt: r.completed_at, cancelledAt: r.cancelled_at,
    dueAt: r.due_at, warnAt: r.warn_at, met: r.met, unitId: r.unit_id, agentId: r.agent_id, returned: r.returned, redispatch: r.redispatch, superseded: r.superseded,
    satisfaction: r.satisfaction as Satisfaction | null, solved: r.solved,
  }));
  const changes = applyEventsToHoldings(rows, events, sc.round, (h) => ({ ...h, id: null, dueAt: null, warnAt: null, met: null }));

  for (const e of events) {
    if (e.type === 'merged_into' || e.type === 'resumed') {
      await tx.updateTable('service_pauses').set({ to_at: e.at }).where('request_id', '=', requestId).where('to_at', 'is', null).execute();
    } else if (e.type === 'paused') {
      await tx.insertInto('service_pauses').values({ request_id: requestId, from_at: e.at, reason: e.reason }).execute();
    }
  }

  const pauses = await loadPauses(tx, requestId);
  for (const s of rows) {
    // each step under the policy version in force when it opened (the default without stored ones)
    const p = sc.policies?.at(s.startedAt);
    const clock = p?.clock ?? sc.clock;
    const rule = (p?.levels ?? SERVICE_LEVELS).ruleFor(sc.categoryPath, s.step);
    const timing = { start: s.startedAt, pauses };
    if (changes.completed.has(s)) {
      const outcome = guard(() => completedStepOutcome(clock, rule, { ...timing, completedAt: s.completedAt! }));
      Object.assign(s, { dueAt: outcome?.dueAt ?? null, warnAt: null, met: outcome ? outcome.met : null });
    } else if (changes.returned.has(s)) {
      const due = openStepStatus(clock, rule, timing, s.cancelledAt!).dueMs;
      Object.assign(s, { dueAt: msDate(due), warnAt: null, met: due !== null && s.cancelledAt!.getTime() > due ? false : null });
    } else if (s.completedAt === null && s.cancelledAt === null) {
      const status = openStepStatus(clock, rule, timing, now);
      s.dueAt = msDate(status.dueMs);
      s.warnAt = msDate(status.warnMs);
      if (s.id !== null) changes.changed.add(s);
    }
  }
  const values = (s: StepRow) => ({
    started_at: s.startedAt, completed_at: s.completedAt, cancelled_at: s.cancelledAt, due_at: s.dueAt, warn_at: s.warnAt, met: s.met,
    unit_id: s.unitId, agent_id: s.agentId, returned: s.returned, redispatch: s.redispatch, superseded: s.superseded, satisfaction: s.satisfaction, solved: s.solved,
  });
  if (changes.added.length) {
    await tx.insertInto('service_request_steps')
      .values(changes.added.map((s) => ({ request_id: requestId, step: s.step, round: s.round, ...values(s) }))).execute();
  }
  for (const s of changes.changed) {
    if (s.id !== null) await tx.updateTable('service_request_steps').set(values(s)).where('id', '=', s.id).execute();
  }
}

export async function loadPauses(tx: Tx, requestId: string): Promise<Pause[]> {
  const rows = await tx.selectFrom('service_pauses').select(['from_at', 'to_at']).where('request_id', '=', requestId).orderBy('from_at').execute();
  return rows.map((p) => ({ from: p.from_at, to: p.to_at }));
}

const msDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** A deadline the calendar cannot compute (a year not entered yet) is unknown, not an error. */
function guard<T>(f: () => T): T | null {
  try {
    return f();
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return null;
    throw err;
  }
}

/** The state of an open step as stored (the list and the file show it without recomputing). */
export function storedStepState(s: { due_at: Date | null; warn_at: Date | null; completed_at: Date | null; cancelled_at: Date | null }, paused: boolean, now: Date): OpenStepState | null {
  if (s.completed_at || s.cancelled_at) return null;
  if (s.due_at === null) return paused ? 'paused' : 'calendar_not_covered';
  if (now > s.due_at) return 'overdue';
  if (s.warn_at && now >= s.warn_at) return 'warning';
  return 'ok';
}
