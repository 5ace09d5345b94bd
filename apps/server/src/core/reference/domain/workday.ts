// Chinese working-day calendar (工作日 with 调休), for SLA deadlines counted in working days.
// Data: the holiday/make-up-day tables of the npm package chinese-days (State Council notices,
// one per year). We read its JSON rather than call its functions: its date parsing depends on
// the process time zone (in a UTC−5 zone isWorkday('2026-01-05') returns false), and we want
// the same answer on every server. Dates are plain 'YYYY-MM-DD' strings in Asia/Shanghai.
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export const SERVICE_TIME_ZONE = 'Asia/Shanghai';
/** China has had no daylight saving time since 1991, so the offset is a constant. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const HOLIDAYS: Readonly<Record<string, string>> = calendar.holidays;
/** 调休 make-up working days (a Saturday or Sunday that is worked). */
const MAKEUP_WORKDAYS: Readonly<Record<string, string>> = calendar.workdays;
const COVERED_YEARS: readonly number[] = [...new Set(Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4))))].sort(
  (a, b) => a - b,
);

/**
 * What to do with a date in a year the data does not cover (its State Council notice is not in
 * the package yet): 'throw' (default) refuses to guess; 'weekdays' treats Monday–Friday as
 * working days, which is wrong on every public holiday of that year.
 */
export type OutsideCoverage = 'throw' | 'weekdays';
export interface CalendarOptions {
  outsideCoverage?: OutsideCoverage;
}

export class CalendarNotCoveredError extends RangeError {
  constructor(readonly year: number) {
    super(`working-day calendar has no data for ${year}; update chinese-days (see docs/REFERENCE_DATA.md)`);
    this.name = 'CalendarNotCoveredError';
  }
}

/** Years whose holiday arrangement is in the data, ascending. */
export function calendarCoverage(): number[] {
  return [...COVERED_YEARS];
}

export function isCalendarCovered(date: string): boolean {
  toDayNumber(date); // validates
  return COVERED_YEARS.includes(Number(date.slice(0, 4)));
}

/** Days since 1970-01-01 for a strict 'YYYY-MM-DD'; throws RangeError on anything else. */
function toDayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`not a date: '${date}'`);
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function isWorkdayNumber(day: number, opts: CalendarOptions): boolean {
  const date = fromDayNumber(day);
  const year = Number(date.slice(0, 4));
  if (!COVERED_YEARS.includes(year) && (opts.outsideCoverage ?? 'throw') === 'throw') {
    throw new CalendarNotCoveredError(year);
  }
  if (MAKEUP_WORKDAYS[date]) return true;
  if (HOLIDAYS[date]) return false;
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

export function isWorkday(date: string, opts: CalendarOptions = {}): boolean {
  return isWorkdayNumber(toDayNumber(date), opts);
}

/**
 * The date n working days after `date` (before it when n < 0), not counting `date` itself:
 * "within 3 working days" of a Saturday request ends on Wednesday. n = 0 returns `date`.
 */
export function addWorkdays(date: string, n: number, opts: CalendarOptions = {}): string {
  if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
  let day = toDayNumber(date);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkdayNumber(day, opts)) left--;
  }
  return fromDayNumber(day);
}

/** Working days in the half-open interval (from, to]; negative when `to` is before `from`. */
export function workdaysBetween(from: string, to: string, opts: CalendarOptions = {}): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkdayNumber(day, opts)) count++;
  return sign * count;
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Last millisecond (23:59:59.999 Asia/Shanghai) of the local day containing `instant`, as a UTC Date. */
export function endOfLocalDay(instant: Date): Date {
  const nextDay = toDayNumber(localDateOf(instant)) + 1;
  return new Date(nextDay * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/**
 * Deadline of a "same-day" service level: the end of the local day when that day is a working
 * day, otherwise the end of the next working day (a request on Saturday is due Monday night).
 */
export function endOfLocalWorkday(instant: Date, opts: CalendarOptions = {}): Date {
  const today = localDateOf(instant);
  const due = isWorkday(today, opts) ? today : addWorkdays(today, 1, opts);
  return new Date((toDayNumber(due) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}
