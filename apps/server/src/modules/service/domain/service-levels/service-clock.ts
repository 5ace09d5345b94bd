// The service clock: the working-day calendar and the office hours, precomputed per year into
// typed arrays, so a deadline costs a few array look-ups instead of a walk over days or minutes.
//
//   isWork[i]   whether day firstDay + i is a working day (the calendar's answer, 调休 included)
//   ord[i]      working days in [firstDay, firstDay + i)
//   workDays[k] the k-th working day (day numbers, ascending)
//
// Working time W(t) = ord(day) × dayMs + (office ms elapsed that day, if a working day): a
// working-hours deadline is W⁻¹(W(start) + budget). Years are loaded on demand, one at a time,
// through calendar.isWorkday — so a year the calendar does not cover throws its
// CalendarNotCoveredError exactly when a deadline needs it (or is treated as Monday–Friday with
// outsideCoverage: 'weekdays'). All instants are epoch ms; days are days since 1970-01-01 in
// Asia/Shanghai (UTC+8, no daylight saving).
import { fromDayNumber, toDayNumber, type OutsideCoverage, type WorkdayCalendar } from '../../../../core/reference/domain/workday';
import { compileOfficeHours, msOfDayAtOfficeMs, officeMsUpTo, type CompiledOfficeHours, type OfficeHours } from './office-hours';

export const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai day number of an instant. */
export const localDay = (t: number): number => Math.floor((t + OFFSET_MS) / DAY_MS);
/** Ms since local midnight of an instant. */
export const localMsOfDay = (t: number): number => t + OFFSET_MS - localDay(t) * DAY_MS;
/** The instant local midnight of a day starts. */
export const dayStartMs = (day: number): number => day * DAY_MS - OFFSET_MS;
/** The last ms of a local day (23:59:59.999), as endOfLocalDay in workday.ts. */
export const dayEndMs = (day: number): number => (day + 1) * DAY_MS - OFFSET_MS - 1;

export interface ServiceClock {
  readonly calendar: WorkdayCalendar;
  readonly officeHours: CompiledOfficeHours;
  readonly outsideCoverage: OutsideCoverage;
  isWorkday(day: number): boolean;
  /** The day n working days after `day` (before it when n < 0), not counting `day`: calendar.addWorkdays on day numbers. */
  addWorkdays(day: number, n: number): number;
  /** Working days d with from ≤ d < to (0 when to ≤ from). */
  workdaysFromTo(from: number, to: number): number;
  /** Office ms between two instants (0 when b ≤ a). */
  workingMsBetween(a: number, b: number): number;
  /** The earliest instant at which `ms` office ms (may be negative) have run since `t`. */
  addWorkingMs(t: number, ms: number): number;
}

export interface ServiceClockOptions {
  outsideCoverage?: OutsideCoverage;
}

const yearOfDay = (day: number): number => Number(fromDayNumber(day).slice(0, 4));
const firstDayOfYear = (year: number): number => toDayNumber(`${String(year).padStart(4, '0')}-01-01`);

export function createServiceClock(calendar: WorkdayCalendar, officeHours: OfficeHours, options: ServiceClockOptions = {}): ServiceClock {
  const hours = compileOfficeHours(officeHours);
  const outsideCoverage = options.outsideCoverage ?? 'throw';
  const opts = { outsideCoverage };
  let firstYear = 0;
  let lastYear = -1; // empty
  let firstDay = 0;
  let isWork = new Uint8Array(0);
  let ord = new Int32Array(1);
  let workDays = new Int32Array(0);

  /** Rebuilds the arrays for years [fromYear, toYear] (calls the calendar for each day: this is where an uncovered year throws). */
  function load(fromYear: number, toYear: number): void {
    const start = firstDayOfYear(fromYear);
    const end = firstDayOfYear(toYear + 1);
    const n = end - start;
    const nextIsWork = new Uint8Array(n);
    const nextOrd = new Int32Array(n + 1);
    const days: number[] = [];
    for (let i = 0; i < n; i++) {
      const day = start + i;
      const oldIndex = day - firstDay;
      const work = oldIndex >= 0 && oldIndex < isWork.length ? isWork[oldIndex] === 1 : calendar.isWorkday(fromDayNumber(day), opts);
      nextIsWork[i] = work ? 1 : 0;
      nextOrd[i + 1] = nextOrd[i]! + (work ? 1 : 0);
      if (work) days.push(day);
    }
    firstYear = fromYear;
    lastYear = toYear;
    firstDay = start;
    isWork = nextIsWork;
    ord = nextOrd;
    workDays = Int32Array.from(days);
  }

  /** Makes day `day` (and the next one, for ord[i + 1]) part of the arrays. */
  function ensure(day: number): number {
    let i = day - firstDay;
    if (i >= 0 && i < isWork.length) return i;
    const year = yearOfDay(day);
    if (lastYear < firstYear) load(year, year);
    else if (year < firstYear) load(year, lastYear);
    else load(firstYear, year);
    i = day - firstDay;
    return i;
  }
  const extendForward = () => ensure(firstDay + isWork.length);
  const extendBackward = () => ensure(firstDay - 1);

  /** Working days strictly before `day` since firstDay; `day` must be loaded. */
  const ordOf = (day: number) => ord[day - firstDay]!;

  function workingPosition(t: number): number {
    const day = localDay(t);
    const i = ensure(day);
    return ord[i]! * hours.dayMs + (isWork[i] === 1 ? officeMsUpTo(hours, t + OFFSET_MS - day * DAY_MS) : 0);
  }

  return {
    calendar,
    officeHours: hours,
    outsideCoverage,
    isWorkday(day) {
      const i = ensure(day); // first: ensure may replace the arrays
      return isWork[i] === 1;
    },
    addWorkdays(day, n) {
      if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
      if (n === 0) return day;
      for (;;) {
        const i = ensure(day);
        // Working days up to and including `day`: ord[i + 1]; the n-th after it is workDays[ord[i + 1] + n - 1].
        const k = n > 0 ? ord[i + 1]! + n - 1 : ord[i]! + n;
        if (k >= workDays.length) extendForward();
        else if (k < 0) extendBackward();
        else return workDays[k]!;
      }
    },
    workdaysFromTo(from, to) {
      if (to <= from) return 0;
      ensure(from);
      ensure(to);
      return ordOf(to) - ordOf(from);
    },
    workingMsBetween(a, b) {
      if (b <= a) return 0;
      ensure(localDay(a));
      ensure(localDay(b));
      return workingPosition(b) - workingPosition(a);
    },
    addWorkingMs(t, ms) {
      for (;;) {
        const target = workingPosition(t) + ms;
        if (target <= 0) {
          extendBackward();
          continue;
        }
        // The working day k (0-based) holds positions (k × dayMs, (k + 1) × dayMs].
        const k = Math.ceil(target / hours.dayMs) - 1;
        if (k >= workDays.length) {
          extendForward();
          continue;
        }
        const day = workDays[k]!;
        return dayStartMs(day) + msOfDayAtOfficeMs(hours, target - k * hours.dayMs);
      }
    },
  };
}

/**
 * One clock per (calendar, office hours, fallback): the arrays are built once per calendar
 * object (deps.calendar.get() gives a new object when an administrator enters a year).
 */
const clocks = new WeakMap<WorkdayCalendar, Map<string, ServiceClock>>();
export function serviceClockFor(calendar: WorkdayCalendar, officeHours: OfficeHours, options: ServiceClockOptions = {}): ServiceClock {
  const key = `${compileOfficeHours(officeHours).key}|${options.outsideCoverage ?? 'throw'}`;
  let byKey = clocks.get(calendar);
  if (!byKey) clocks.set(calendar, (byKey = new Map()));
  let clock = byKey.get(key);
  if (!clock) byKey.set(key, (clock = createServiceClock(calendar, officeHours, options)));
  return clock;
}
