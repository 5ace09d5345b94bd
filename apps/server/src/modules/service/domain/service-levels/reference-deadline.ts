// The obvious way to compute a deadline, kept as the test oracle and the benchmark's baseline
// (bench/service-levels.ts): no precomputation — walk day by day through the calendar, and for
// working hours minute by minute through office hours, asking the calendar about each new day.
// Same semantics as deadline.ts, spelled independently; inputs on whole minutes. Not exported
// from the domain's index: production code uses dueTimesMs.
import { fromDayNumber, toDayNumber, type OutsideCoverage, type WorkdayCalendar } from '../../../../core/reference/domain/workday';
import type { CompiledRule } from './deadline-rule';
import type { DueTimes, PauseMs } from './deadline';

const MINUTE = 60_000;
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const dateOf = (t: number) => new Date(t + OFFSET).toISOString().slice(0, 10);
const minuteOfDay = (t: number) => Math.floor(((t + OFFSET) % DAY) / MINUTE);
const midnightOf = (date: string) => toDayNumber(date) * DAY - OFFSET;
const endOfDate = (date: string) => midnightOf(date) + DAY - 1;
const nextDate = (date: string, n = 1) => fromDayNumber(toDayNumber(date) + n);

export interface ReferenceOptions {
  outsideCoverage?: OutsideCoverage;
  /** Office windows as [fromMinute, toMinute) of the day. */
  windows: readonly (readonly [number, number])[];
}

export function referenceDueTimes(calendar: WorkdayCalendar, rule: CompiledRule, startMs: number, pauses: readonly PauseMs[], o: ReferenceOptions): DueTimes | null {
  const opts = { outsideCoverage: o.outsideCoverage ?? 'throw' };
  const isWorkday = (date: string) => calendar.isWorkday(date, opts);
  const sorted = union(pauses.map((p) => ({ fromMs: Math.max(p.fromMs, startMs), toMs: p.toMs })));
  const late = rule.cutoffMs !== null && ((startMs + OFFSET) % DAY) >= rule.cutoffMs;
  const startDate = dateOf(startMs);

  if (rule.mode === 'days') {
    const working = rule.basis === 'working';
    let arrival = startDate;
    if (late) arrival = working ? (isWorkday(startDate) ? calendar.addWorkdays(startDate, 1, opts) : startDate) : nextDate(startDate);
    let due = !working ? nextDate(arrival, rule.days) : rule.days === 0 ? (isWorkday(arrival) ? arrival : calendar.addWorkdays(arrival, 1, opts)) : calendar.addWorkdays(arrival, rule.days, opts);
    for (const p of sorted) {
      if (p.fromMs >= endOfDate(due)) break;
      if (p.toMs === null) return null;
      // Days from the day the pause began up to the day before it ended.
      for (let d = dateOf(p.fromMs); d < dateOf(p.toMs); d = nextDate(d)) {
        if (!working) due = nextDate(due);
        else if (isWorkday(d)) due = calendar.addWorkdays(due, 1, opts);
      }
    }
    const dueMs = endOfDate(due);
    return { dueMs, warnMs: Math.max(startMs, dueMs + 1 - rule.warnMs) };
  }

  const inOffice = (t: number, workday: boolean) => {
    if (!workday) return false;
    const m = minuteOfDay(t);
    return o.windows.some(([a, b]) => m >= a && m < b);
  };
  let t = startMs;
  if (late && isWorkday(startDate)) t = midnightOf(calendar.addWorkdays(startDate, 1, opts));
  let left = rule.budgetMs / MINUTE;
  let day = '';
  let workday = false;
  while (left > 0) {
    const d = dateOf(t);
    if (d !== day) {
      day = d;
      workday = isWorkday(d);
    }
    const pause = sorted.find((p) => p.fromMs <= t && (p.toMs === null || t < p.toMs));
    if (pause && pause.toMs === null) return null;
    if (!pause && inOffice(t, workday)) left--;
    t += MINUTE;
  }
  const dueMs = t;
  // The warning: step back through office minutes (pauses ignored, as in deadline.ts).
  let back = rule.warnMs / MINUTE;
  let w = dueMs;
  while (back > 0) {
    w -= MINUTE;
    if (inOffice(w, isWorkday(dateOf(w)))) back--;
  }
  // w is the start of an office minute; the earliest instant with that much office time left is the end of the office minute before it.
  if (rule.warnMs > 0) {
    let prev = w - MINUTE;
    while (!inOffice(prev, isWorkday(dateOf(prev)))) prev -= MINUTE;
    w = prev + MINUTE;
  }
  return { dueMs, warnMs: Math.max(startMs, w) };
}

/** Overlapping or touching pauses as one; an open one swallows every later one. Empty pauses dropped. */
function union(pauses: readonly PauseMs[]): PauseMs[] {
  const out: PauseMs[] = [];
  const byStart = pauses.filter((p) => p.toMs === null || p.toMs > p.fromMs).sort((a, b) => a.fromMs - b.fromMs);
  for (const p of byStart) {
    const last = out.at(-1);
    if (!last || (last.toMs !== null && p.fromMs > last.toMs)) out.push({ ...p });
    else if (last.toMs !== null) last.toMs = p.toMs === null ? null : Math.max(last.toMs, p.toMs);
  }
  return out;
}
