// Chinese working-day calendar (工作日 with 调休), for SLA deadlines counted in working days.
// A calendar is built from plain data (createWorkdayCalendar): the holidays and make-up working
// days of the years it covers. The app's calendar merges two sources (core/reference/
// workday-calendar.ts): the tables of the npm package chinese-days (State Council notices,
// 2004–2026) and the years an administrator entered from a newer notice, which replace the
// package's data for their year. This file stays pure: no database, no clock.
//
// We read the package's JSON rather than call its functions: its date parsing depends on the
// process time zone (in a UTC−5 zone isWorkday('2026-01-05') returns false), and we want the same
// answer on every server. Dates are plain 'YYYY-MM-DD' strings in Asia/Shanghai.
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export const SERVICE_TIME_ZONE = 'Asia/Shanghai';
/** China has had no daylight saving time since 1991, so the offset is a constant. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * What to do with a date in a year the data does not cover (its State Council notice is not in
 * the data yet): 'throw' (default) refuses to guess; 'weekdays' treats Monday–Friday as
 * working days, which is wrong on every public holiday of that year.
 */
export type OutsideCoverage = 'throw' | 'weekdays';
export interface CalendarOptions {
  outsideCoverage?: OutsideCoverage;
}

export class CalendarNotCoveredError extends RangeError {
  constructor(readonly year: number) {
    super(`working-day calendar has no data for ${year}; enter the State Council notice (see docs/REFERENCE_DATA.md)`);
    this.name = 'CalendarNotCoveredError';
  }
}

/** The plain data a calendar is built from. Names are the holiday's Chinese name (春节). */
export interface WorkdayCalendarData {
  /** date → holiday name: days off (a weekday or a weekend day of a holiday period). */
  holidays: Readonly<Record<string, string>>;
  /** date → the holiday it makes up for ('' when unknown): a Saturday or Sunday that is worked (调休上班). */
  makeupWorkdays: Readonly<Record<string, string>>;
  /** Years whose arrangement is complete in this data. A year without holidays is still covered if listed. */
  coveredYears: readonly number[];
}

export type CalendarDayKind = 'holiday' | 'makeup_workday';
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** One year's arrangement (the days of one State Council notice). */
export interface CalendarYearDays {
  year: number;
  days: readonly CalendarDay[];
}

export interface WorkdayCalendar {
  /** Years covered, ascending. */
  coveredYears(): number[];
  isYearCovered(year: number): boolean;
  /** Whether the date's year is covered; throws RangeError on a malformed date. */
  isCovered(date: string): boolean;
  isWorkday(date: string, opts?: CalendarOptions): boolean;
  /**
   * The date n working days after `date` (before it when n < 0), not counting `date` itself:
   * "within 3 working days" of a Saturday request ends on Wednesday. n = 0 returns `date`.
   */
  addWorkdays(date: string, n: number, opts?: CalendarOptions): string;
  /** Working days in the half-open interval (from, to]; negative when `to` is before `from`. */
  workdaysBetween(from: string, to: string, opts?: CalendarOptions): number;
  /**
   * Deadline of a "same-day" service level: the end of the local day when that day is a working
   * day, otherwise the end of the next working day (a request on Saturday is due Monday night).
   */
  endOfLocalWorkday(instant: Date, opts?: CalendarOptions): Date;
  /** The special days of a year (holidays and make-up working days), in date order. */
  yearDays(year: number): CalendarDay[];
}

export function createWorkdayCalendar(data: WorkdayCalendarData): WorkdayCalendar {
  const holidays = new Map(Object.entries(data.holidays));
  const makeup = new Map(Object.entries(data.makeupWorkdays));
  const covered = new Set(data.coveredYears);
  const years = [...covered].sort((a, b) => a - b);

  const isWorkdayNumber = (day: number, opts: CalendarOptions): boolean => {
    const date = fromDayNumber(day);
    const year = Number(date.slice(0, 4));
    if (!covered.has(year)) {
      if ((opts.outsideCoverage ?? 'throw') === 'throw') throw new CalendarNotCoveredError(year);
      return isWeekdayNumber(day);
    }
    if (makeup.has(date)) return true;
    if (holidays.has(date)) return false;
    return isWeekdayNumber(day);
  };

  const calendar: WorkdayCalendar = {
    coveredYears: () => [...years],
    isYearCovered: (year) => covered.has(year),
    isCovered: (date) => covered.has(Number(fromDayNumber(toDayNumber(date)).slice(0, 4))),
    isWorkday: (date, opts = {}) => isWorkdayNumber(toDayNumber(date), opts),
    addWorkdays(date, n, opts = {}) {
      if (!Number.isInteger(n)) throw new RangeError('n must be an integer');
      let day = toDayNumber(date);
      const step = Math.sign(n);
      for (let left = Math.abs(n); left > 0; ) {
        day += step;
        if (isWorkdayNumber(day, opts)) left--;
      }
      return fromDayNumber(day);
    },
    workdaysBetween(from, to, opts = {}) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let day = lo + 1; day <= hi; day++) if (isWorkdayNumber(day, opts)) count++;
      return sign * count;
    },
    endOfLocalWorkday(instant, opts = {}) {
      const today = localDateOf(instant);
      const due = calendar.isWorkday(today, opts) ? today : calendar.addWorkdays(today, 1, opts);
      return new Date((toDayNumber(due) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
    },
    yearDays(year) {
      const prefix = `${year}-`;
      const out: CalendarDay[] = [];
      for (const [date, name] of holidays) if (date.startsWith(prefix)) out.push({ date, kind: 'holiday', name });
      for (const [date, name] of makeup) if (date.startsWith(prefix)) out.push({ date, kind: 'makeup_workday', name });
      return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    },
  };
  return calendar;
}

/**
 * The base data with each given year replacing the base's data for that year (all of it: a
 * holiday the base had and the year leaves out is no longer a holiday). The result covers the
 * base's years plus the given ones.
 */
export function withYears(base: WorkdayCalendarData, years: readonly CalendarYearDays[]): WorkdayCalendarData {
  const replaced = new Set(years.map((y) => y.year));
  const keep = ([date]: [string, string]) => !replaced.has(Number(date.slice(0, 4)));
  const holidays = Object.fromEntries(Object.entries(base.holidays).filter(keep));
  const makeupWorkdays = Object.fromEntries(Object.entries(base.makeupWorkdays).filter(keep));
  for (const y of years) {
    for (const d of y.days) {
      if (Number(d.date.slice(0, 4)) !== y.year) throw new RangeError(`${d.date} is not in ${y.year}`);
      if (d.kind === 'holiday') holidays[d.date] = d.name;
      else makeupWorkdays[d.date] = d.name;
    }
  }
  const coveredYears = [...new Set([...base.coveredYears, ...replaced])].sort((a, b) => a - b);
  return { holidays, makeupWorkdays, coveredYears };
}

/** chinese-days stores "English name,中文名,n"; we keep the Chinese name. */
function chineseName(entry: string): string {
  const parts = entry.split(',');
  return (parts.length >= 2 ? parts[1] : entry)!.trim();
}

/** The npm package's data: 2004–2026 (chinese-days 1.5.7). */
export const PACKAGE_CALENDAR_DATA: WorkdayCalendarData = (() => {
  const holidays = Object.fromEntries(Object.entries(packageData.holidays as Record<string, string>).map(([d, v]) => [d, chineseName(v)]));
  const makeupWorkdays = Object.fromEntries(Object.entries(packageData.workdays as Record<string, string>).map(([d, v]) => [d, chineseName(v)]));
  const coveredYears = [...new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  return Object.freeze({ holidays: Object.freeze(holidays), makeupWorkdays: Object.freeze(makeupWorkdays), coveredYears: Object.freeze(coveredYears) });
})();

/**
 * The package-only calendar. The app's calendar (deps.calendar) also knows the years entered by
 * an administrator; use this one only where the database cannot be reached (tests, scripts).
 */
export const packageCalendar: WorkdayCalendar = createWorkdayCalendar(PACKAGE_CALENDAR_DATA);

/** Years whose holiday arrangement is in the package data, ascending. */
export function calendarCoverage(): number[] {
  return packageCalendar.coveredYears();
}

export function isCalendarCovered(date: string): boolean {
  return packageCalendar.isCovered(date);
}

export function isWorkday(date: string, opts: CalendarOptions = {}): boolean {
  return packageCalendar.isWorkday(date, opts);
}

/** See WorkdayCalendar.addWorkdays (package data only). */
export function addWorkdays(date: string, n: number, opts: CalendarOptions = {}): string {
  return packageCalendar.addWorkdays(date, n, opts);
}

/** See WorkdayCalendar.workdaysBetween (package data only). */
export function workdaysBetween(from: string, to: string, opts: CalendarOptions = {}): number {
  return packageCalendar.workdaysBetween(from, to, opts);
}

/** See WorkdayCalendar.endOfLocalWorkday (package data only). */
export function endOfLocalWorkday(instant: Date, opts: CalendarOptions = {}): Date {
  return packageCalendar.endOfLocalWorkday(instant, opts);
}

/** Days since 1970-01-01 for a strict 'YYYY-MM-DD'; throws RangeError on anything else. */
export function toDayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(ms) || fromDayNumber(ms / DAY_MS) !== date) throw new RangeError(`not a date: '${date}'`);
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a strict 'YYYY-MM-DD'. */
export function weekdayOf(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function isWeekdayNumber(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai calendar year of an instant. */
export function localYearOf(instant: Date): number {
  return Number(localDateOf(instant).slice(0, 4));
}

/** Last millisecond (23:59:59.999 Asia/Shanghai) of the local day containing `instant`, as a UTC Date. */
export function endOfLocalDay(instant: Date): Date {
  const nextDay = toDayNumber(localDateOf(instant)) + 1;
  return new Date(nextDay * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}
