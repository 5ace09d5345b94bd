import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  createWorkdayCalendar,
  PACKAGE_CALENDAR_DATA,
  withYears,
  type CalendarYearDays,
  type WorkdayCalendar,
} from './domain/workday';

/**
 * The app's working-day calendar: the chinese-days package's data (2004–2026) with the years an
 * administrator entered (calendar_years / calendar_days) laid over it; an entered year replaces
 * the package's data for that year. Built once at start (app.ts, deps.calendar) and rebuilt:
 *  - in this process, right after an administrator changes it (calendar.service.ts calls reload);
 *  - in other API processes, when the one-row calendar_version has moved on: checked at most
 *    every 60 s (a timer, and `fresh()` before a calendar route answers), one primary-key read.
 */
export const CALENDAR_CHECK_INTERVAL_MS = 60_000;

/** The entered years, as plain data for the pure calendar. */
export async function readEnteredYears(db: Kysely<DB>): Promise<CalendarYearDays[]> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').select('year').orderBy('year').execute(),
    db.selectFrom('calendar_days').select(['date', 'year', 'kind', 'name']).orderBy('date').execute(),
  ]);
  const byYear = new Map<number, CalendarYearDays & { days: CalendarYearDays['days'][number][] }>(
    years.map((y) => [y.year, { year: y.year, days: [] }]),
  );
  for (const d of days) byYear.get(d.year)?.days.push({ date: d.date, kind: d.kind, name: d.name });
  return [...byYear.values()];
}

export async function readCalendarVersion(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('calendar_version').select('version').executeTakeFirst();
  return Number(row?.version ?? 0);
}

export interface CalendarLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Holds the current calendar for the process; `get()` is synchronous for the pure callers. */
export class CalendarHolder {
  private calendar: WorkdayCalendar;
  private version: number;
  private checkedAt: number;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: Kysely<DB>,
    loaded: { calendar: WorkdayCalendar; version: number },
    private readonly clock: () => number = Date.now,
  ) {
    this.calendar = loaded.calendar;
    this.version = loaded.version;
    this.checkedAt = this.clock();
  }

  static async load(db: Kysely<DB>, clock: () => number = Date.now): Promise<CalendarHolder> {
    return new CalendarHolder(db, await build(db), clock);
  }

  /** The calendar as last loaded (at most about 60 s behind another process's change). */
  get(): WorkdayCalendar {
    return this.calendar;
  }

  get loadedVersion(): number {
    return this.version;
  }

  /** Rebuilds from the database now (after a change made by this process). */
  async reload(): Promise<WorkdayCalendar> {
    const loaded = await build(this.db);
    this.calendar = loaded.calendar;
    this.version = loaded.version;
    this.checkedAt = this.clock();
    return this.calendar;
  }

  /** The calendar, first reloaded if another process changed it; the version is read at most every 60 s. */
  async fresh(): Promise<WorkdayCalendar> {
    if (this.clock() - this.checkedAt < CALENDAR_CHECK_INTERVAL_MS) return this.calendar;
    this.checkedAt = this.clock();
    if ((await readCalendarVersion(this.db)) !== this.version) await this.reload();
    return this.calendar;
  }

  /** Checks for other processes' changes every 60 s in the background; returns the stop function. */
  startPolling(log: CalendarLog): () => void {
    this.stopPolling();
    this.timer = setInterval(() => {
      const before = this.version;
      this.fresh().then(
        () => {
          if (this.version !== before) log.info({ version: this.version, years: this.calendar.coveredYears().slice(-3) }, 'working-day calendar reloaded');
        },
        (err: unknown) => log.error({ err }, 'working-day calendar: version check failed'),
      );
    }, CALENDAR_CHECK_INTERVAL_MS);
    this.timer.unref();
    return () => this.stopPolling();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

async function build(db: Kysely<DB>): Promise<{ calendar: WorkdayCalendar; version: number }> {
  // The version first: a change committed between the two reads is then seen again next time.
  const version = await readCalendarVersion(db);
  const entered = await readEnteredYears(db);
  return { calendar: createWorkdayCalendar(withYears(PACKAGE_CALENDAR_DATA, entered)), version };
}

/**
 * What the start-up log should warn about: this year or next year not covered. The State Council
 * publishes next year's arrangement around November; until it is entered, working-day
 * deadlines that reach into next year cannot be computed.
 */
export function calendarCoverageWarnings(calendar: WorkdayCalendar, currentYear: number): { year: number; message: string }[] {
  return [currentYear, currentYear + 1]
    .filter((year) => !calendar.isYearCovered(year))
    .map((year) => ({ year, message: `${year} 年节假日安排尚未录入：国务院通知发布后请在 系统管理 → 工作日历 中录入` }));
}
