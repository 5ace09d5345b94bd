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

type StepRow = { id: number; step: string; round: number; started_at: Date; completed_at: Date | null; cancelled_at: Date | null };

/**
 * What a request's events do to its steps (STEP_STARTS, docs/service/SERVICE_LEVELS.md) and
 * pauses, in the caller's transaction; then every open step's deadline is computed again
 * (pauses and the category move it). Completed steps get their deadline and whether it was met.
 */
export async function applyEventsToSteps(tx: Tx, requestId: string, events: readonly RequestEvent[], sc: StepContext, now: Date): Promise<void> {
  const steps: StepRow[] = await tx
    .selectFrom('service_request_steps')
    .select(['id', 'step', 'round', 'started_at', 'completed_at', 'cancelled_at'])
    .where('request_id', '=', requestId)
    .execute();
  const isOpen = (s: StepRow) => s.completed_at === null && s.cancelled_at === null;
  const completed = new Map<number, Date>();
  const open = async (step: ServiceStep, round: number, at: Date) => {
    if (steps.some((s) => s.step === step && s.round === round)) return;
    const row = await tx
      .insertInto('service_request_steps')
      .values({ request_id: requestId, step, round, started_at: at })
      .returning(['id', 'step', 'round', 'started_at', 'completed_at', 'cancelled_at'])
      .executeTakeFirstOrThrow();
    steps.push(row);
  };
  const complete = (step: ServiceStep, at: Date) => {
    for (const s of steps) {
      if (s.step === step && isOpen(s)) {
        s.completed_at = at;
        completed.set(s.id, at);
      }
    }
  };

  for (const e of events) {
    switch (e.type) {
      case 'submitted':
        await open('accept', 0, e.at);
        break;
      case 'accepted':
        complete('accept', e.at);
        await open('dispatch', sc.round, e.at);
        break;
      case 'dispatched':
        complete('dispatch', e.at);
        // Respond and resolve count from the first dispatch of the round: a return does not restart them.
        await open('respond', sc.round, e.at);
        await open('resolve', sc.round, e.at);
        break;
      case 'responded':
        complete('respond', e.at);
        break;
      case 'resolved':
        complete('respond', e.at);
        complete('resolve', e.at);
        await open('follow_up', sc.round, e.at);
        break;
      case 'followed_up':
      case 'closed':
        complete('follow_up', e.at);
        break;
      case 'reopened':
        await open('dispatch', e.reopenCount, e.at);
        await open('respond', e.reopenCount, e.at);
        await open('resolve', e.reopenCount, e.at);
        break;
      case 'merged_into':
        await tx.updateTable('service_request_steps').set({ cancelled_at: e.at })
          .where('request_id', '=', requestId).where('completed_at', 'is', null).where('cancelled_at', 'is', null).execute();
        for (const s of steps) if (isOpen(s)) s.cancelled_at = e.at;
        await tx.updateTable('service_pauses').set({ to_at: e.at }).where('request_id', '=', requestId).where('to_at', 'is', null).execute();
        break;
      case 'paused':
        await tx.insertInto('service_pauses').values({ request_id: requestId, from_at: e.at, reason: e.reason }).execute();
        break;
      case 'resumed':
        await tx.updateTable('service_pauses').set({ to_at: e.at }).where('request_id', '=', requestId).where('to_at', 'is', null).execute();
        break;
      default:
        break;
    }
  }

  const pauses = await loadPauses(tx, requestId);
  for (const s of steps) {
    const p = sc.policies?.at(s.started_at);
    const clock = p?.clock ?? sc.clock;
    const rule = (p?.levels ?? SERVICE_LEVELS).ruleFor(sc.categoryPath, s.step as ServiceStep);
    const timing = { start: s.started_at, pauses };
    const doneAt = completed.get(s.id);
    if (doneAt) {
      const outcome = guard(() => completedStepOutcome(clock, rule, { ...timing, completedAt: doneAt }));
      await tx.updateTable('service_request_steps')
        .set({ completed_at: doneAt, due_at: outcome?.dueAt ?? null, warn_at: null, met: outcome ? outcome.met : null })
        .where('id', '=', s.id).execute();
    } else if (isOpen(s)) {
      const status = openStepStatus(clock, rule, timing, now);
      await tx.updateTable('service_request_steps')
        .set({ due_at: msDate(status.dueMs), warn_at: msDate(status.warnMs) })
        .where('id', '=', s.id).execute();
    }
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
