// A step against its deadline: met or not once completed; ok / warning / overdue / paused while
// open (what the escalation sweep reads). Dates at the edges, epoch ms inside.
import { CalendarNotCoveredError } from '../../../../core/reference/domain/workday';
import { compileDeadlineRule, type CompiledRule, type DeadlineRule } from './deadline-rule';
import { dueTimesMs, type PauseMs } from './deadline';
import type { ServiceClock } from './service-clock';

/** A pause of the clock while waiting for the enterprise: [from, to); to null while it lasts. */
export interface Pause {
  from: Date;
  to: Date | null;
}

export interface StepTiming {
  /** When the step's clock starts (see STEP_STARTS). */
  start: Date;
  pauses?: readonly Pause[];
}

const toPausesMs = (pauses: readonly Pause[] | undefined): PauseMs[] =>
  (pauses ?? []).map((p) => ({ fromMs: p.from.getTime(), toMs: p.to === null ? null : p.to.getTime() }));
const compiled = (rule: DeadlineRule | CompiledRule): CompiledRule => ('mode' in rule ? rule : compileDeadlineRule(rule));

/**
 * The deadline of a step, or null while an open pause (begun before the deadline) holds the
 * clock. Throws CalendarNotCoveredError when the deadline needs a year the calendar does not
 * cover (unless the clock was made with outsideCoverage: 'weekdays').
 */
export function stepDeadline(clock: ServiceClock, rule: DeadlineRule | CompiledRule, timing: StepTiming): Date | null {
  const due = dueTimesMs(clock, compiled(rule), timing.start.getTime(), toPausesMs(timing.pauses));
  return due === null ? null : new Date(due.dueMs);
}

export interface CompletedStep {
  dueAt: Date;
  met: boolean;
  /** ms after the deadline (0 when met). */
  lateByMs: number;
}

/** Whether a completed step met its deadline: completedAt ≤ dueAt. A pause still open at completion ends there. */
export function completedStepOutcome(clock: ServiceClock, rule: DeadlineRule | CompiledRule, timing: StepTiming & { completedAt: Date }): CompletedStep {
  const done = timing.completedAt.getTime();
  const pauses = toPausesMs(timing.pauses)
    .filter((p) => p.fromMs < done)
    .map((p) => ({ fromMs: p.fromMs, toMs: p.toMs === null ? done : Math.min(p.toMs, done) }));
  const due = dueTimesMs(clock, compiled(rule), timing.start.getTime(), pauses)!; // no open pause left
  return { dueAt: new Date(due.dueMs), met: done <= due.dueMs, lateByMs: Math.max(0, done - due.dueMs) };
}

export const OPEN_STEP_STATES = ['ok', 'warning', 'overdue', 'paused', 'calendar_not_covered'] as const;
export type OpenStepState = (typeof OPEN_STEP_STATES)[number];

export interface OpenStepStatus {
  state: OpenStepState;
  dueMs: number | null;
  warnMs: number | null;
  /** For calendar_not_covered: the year the calendar lacks. */
  year?: number;
}

/**
 * The state of an open step at `nowMs`: overdue after the deadline; warning from the warning
 * instant; paused while an open pause begun before the deadline holds the clock; ok otherwise.
 * A deadline in a year the calendar does not cover gives calendar_not_covered (one request must
 * not stop the sweep) — unless the clock falls back to weekdays.
 */
export function openStepStatusMs(clock: ServiceClock, rule: CompiledRule, startMs: number, pauses: readonly PauseMs[], nowMs: number): OpenStepStatus {
  // Pauses that have not begun by now are not known yet; ones not ended by now are open.
  let seen: readonly PauseMs[] = pauses;
  for (const p of pauses) {
    if (p.fromMs > nowMs || (p.toMs !== null && p.toMs > nowMs)) {
      seen = pauses.filter((q) => q.fromMs <= nowMs).map((q) => (q.toMs !== null && q.toMs > nowMs ? { fromMs: q.fromMs, toMs: null } : q));
      break;
    }
  }
  let due;
  try {
    due = dueTimesMs(clock, rule, startMs, seen);
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return { state: 'calendar_not_covered', dueMs: null, warnMs: null, year: err.year };
    throw err;
  }
  if (due === null) return { state: 'paused', dueMs: null, warnMs: null };
  const state: OpenStepState = nowMs > due.dueMs ? 'overdue' : nowMs >= due.warnMs ? 'warning' : 'ok';
  return { state, dueMs: due.dueMs, warnMs: due.warnMs };
}

/** openStepStatusMs with Dates. */
export function openStepStatus(clock: ServiceClock, rule: DeadlineRule | CompiledRule, timing: StepTiming, now: Date): OpenStepStatus {
  return openStepStatusMs(clock, compiled(rule), timing.start.getTime(), toPausesMs(timing.pauses), now.getTime());
}

/** One open step for the sweep: compile the rules once (compileServiceLevelPolicy) and pass epoch ms. */
export interface OpenStepInput {
  rule: CompiledRule;
  startMs: number;
  pauses: readonly PauseMs[];
}

/** The escalation sweep: the status of every open step at `nowMs`, in input order. */
export function sweepOpenSteps(clock: ServiceClock, steps: readonly OpenStepInput[], nowMs: number): OpenStepStatus[] {
  const out = new Array<OpenStepStatus>(steps.length);
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    out[i] = openStepStatusMs(clock, s.rule, s.startMs, s.pauses, nowMs);
  }
  return out;
}
