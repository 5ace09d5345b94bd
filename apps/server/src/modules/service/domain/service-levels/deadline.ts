// Deadlines (办理时限) of one step: from the step's start instant, its rule, the service clock
// and the pauses (waiting for the enterprise). Semantics: docs/service/SERVICE_LEVELS.md.
//
//   days mode   arrival day R (the start's local day; the next day — next working day on a
//               working basis — when the start is at/after the cut-off); due day D = R + N days
//               (calendar) or the N-th working day after R (working; N = 0: R itself if a working
//               day, else the next working day); due at 23:59:59.999 of D. Each pause that begins
//               before the running deadline moves D by the days it spans: the days from the day it
//               began up to the day before it ended (calendar), or the working days among them.
//   hours mode  effective start = start, or 00:00 of the next working day when the start is at/after
//               the cut-off on a working day; due = the instant `hours` of office time later. Each
//               pause that begins before the running deadline adds the office time inside it.
//   A pause still open (to = null) that begins before the running deadline stops the clock: no
//   deadline (null) until it ends.
import { CalendarNotCoveredError } from '../../../../core/reference/domain/workday';
import type { CompiledRule } from './deadline-rule';
import { dayEndMs, dayStartMs, localDay, localMsOfDay, type ServiceClock } from './service-clock';

/** A pause of the clock, [fromMs, toMs); toMs null while it lasts. */
export interface PauseMs {
  fromMs: number;
  toMs: number | null;
}

export interface DueTimes {
  /** The deadline: the step is met when completed at or before it. */
  dueMs: number;
  /** Where the warning window opens (never before the start). */
  warnMs: number;
}

/**
 * Pauses clipped to [startMs, ∞), sorted, overlapping ones joined. Returns the input itself when
 * it is already clean (the common case: none or one), to spare the sweep an allocation.
 */
export function normalizePauses(pauses: readonly PauseMs[], startMs: number): readonly PauseMs[] {
  if (pauses.length === 0) return pauses;
  if (pauses.length === 1) {
    const p = pauses[0]!;
    if (p.fromMs >= startMs && (p.toMs === null || p.toMs > p.fromMs)) return pauses;
  }
  const clipped = pauses
    .map((p) => ({ fromMs: Math.max(p.fromMs, startMs), toMs: p.toMs }))
    .filter((p) => p.toMs === null || p.toMs > p.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs);
  const out: PauseMs[] = [];
  for (const p of clipped) {
    const last = out[out.length - 1];
    if (last && (last.toMs === null || p.fromMs <= last.toMs)) {
      if (last.toMs !== null) last.toMs = p.toMs === null ? null : Math.max(last.toMs, p.toMs);
    } else out.push({ ...p });
  }
  return out;
}

/** The step's deadline and warning instant, or null while an open pause holds the clock. Throws CalendarNotCoveredError. */
export function dueTimesMs(clock: ServiceClock, rule: CompiledRule, startMs: number, pauses: readonly PauseMs[] = []): DueTimes | null {
  const clean = normalizePauses(pauses, startMs);
  return rule.mode === 'days' ? daysDue(clock, rule, startMs, clean) : hoursDue(clock, rule, startMs, clean);
}

function daysDue(clock: ServiceClock, rule: CompiledRule, startMs: number, pauses: readonly PauseMs[]): DueTimes | null {
  const working = rule.basis === 'working';
  const startDay = localDay(startMs);
  const late = rule.cutoffMs !== null && localMsOfDay(startMs) >= rule.cutoffMs;
  let arrival = startDay;
  if (late) arrival = working ? (clock.isWorkday(startDay) ? clock.addWorkdays(startDay, 1) : startDay) : startDay + 1;
  let due: number;
  if (!working) due = arrival + rule.days;
  else if (rule.days === 0) due = clock.isWorkday(arrival) ? arrival : clock.addWorkdays(arrival, 1);
  else due = clock.addWorkdays(arrival, rule.days);

  for (const p of pauses) {
    if (p.fromMs >= dayEndMs(due)) break;
    if (p.toMs === null) return null;
    const from = localDay(p.fromMs);
    const to = localDay(p.toMs);
    due = working ? clock.addWorkdays(due, clock.workdaysFromTo(from, to)) : due + (to - from);
  }
  const dueMs = dayEndMs(due);
  return { dueMs, warnMs: Math.max(startMs, dueMs + 1 - rule.warnMs) };
}

function hoursDue(clock: ServiceClock, rule: CompiledRule, startMs: number, pauses: readonly PauseMs[]): DueTimes | null {
  let from = startMs;
  if (rule.cutoffMs !== null && localMsOfDay(startMs) >= rule.cutoffMs) {
    const day = localDay(startMs);
    if (clock.isWorkday(day)) from = dayStartMs(clock.addWorkdays(day, 1));
  }
  // Walk the pauses with the budget left: office time before a pause uses the budget, the pause
  // itself does not. A pause counts when it begins before the deadline it would otherwise have.
  let left = rule.budgetMs;
  let cursor = from;
  for (const p of pauses) {
    const pFrom = Math.max(p.fromMs, cursor);
    if (pFrom >= deadlineOrInfinity(clock, cursor, left)) break;
    const work = clock.workingMsBetween(cursor, pFrom);
    if (p.toMs === null) return null;
    left -= work;
    cursor = Math.max(cursor, p.toMs);
  }
  const dueMs = clock.addWorkingMs(cursor, left);
  return { dueMs, warnMs: Math.max(startMs, clock.addWorkingMs(dueMs, -rule.warnMs)) };
}

/**
 * The deadline if no further pause came, or Infinity when it lies in a year the calendar does not
 * cover: a pause before it may still stop the clock or need only covered years.
 */
function deadlineOrInfinity(clock: ServiceClock, cursor: number, left: number): number {
  try {
    return clock.addWorkingMs(cursor, left);
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return Infinity;
    throw err;
  }
}
