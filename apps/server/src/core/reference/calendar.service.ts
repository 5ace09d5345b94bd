import {
  checkCalendarYear,
  editableCalendarYears,
  type CalendarDayInput,
  type CalendarImportResult,
  type CalendarIssue,
  type CalendarOverview,
  type CalendarYearInput,
  type CalendarYearSummary,
  type CalendarYearView,
} from '@zhizhi/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { changedFields, recordAudit } from '../audit/audit';
import type { Ctx, Tx } from '../context';
import { readUploadedTable } from '../imports/read-uploaded-table';
import { saveBatch } from '../imports/import-batch';
import { parseCalendarFile, sortDays } from './domain/calendar-import';
import { localYearOf, PACKAGE_CALENDAR_DATA, packageCalendar, type WorkdayCalendar } from './domain/workday';
import type { CalendarHolder } from './workday-calendar';

/**
 * The working-day calendar's administration: a year's arrangement entered from the State
 * Council notice, replaced as a whole, deleted (the year falls back to the package's data, or to
 * "not covered"). Every change is audited with before/after in its transaction, bumps
 * calendar_version, and reloads this process's calendar.
 */

interface EnteredYear {
  year: number;
  noticeNumber: string;
  noticeTitle: string;
  noticeUrl: string;
  enteredBy: string;
  enteredAt: Date;
  days: CalendarDayInput[];
}

const packageCovers = (year: number) => PACKAGE_CALENDAR_DATA.coveredYears.includes(year);

async function readEntered(db: Tx, year?: number): Promise<EnteredYear[]> {
  let yq = db.selectFrom('calendar_years').select(['year', 'notice_number', 'notice_title', 'notice_url', 'entered_by_name', 'entered_at']);
  let dq = db.selectFrom('calendar_days').select(['date', 'year', 'kind', 'name']);
  if (year !== undefined) {
    yq = yq.where('year', '=', year);
    dq = dq.where('year', '=', year);
  }
  const [years, days] = await Promise.all([yq.orderBy('year').execute(), dq.orderBy('date').execute()]);
  return years.map((y) => ({
    year: y.year,
    noticeNumber: y.notice_number,
    noticeTitle: y.notice_title,
    noticeUrl: y.notice_url,
    enteredBy: y.entered_by_name,
    enteredAt: y.entered_at,
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }));
}

export async function calendarOverview(db: Kysely<DB>, calendar: WorkdayCalendar, now: Date): Promise<CalendarOverview> {
  const currentYear = localYearOf(now);
  const entered = new Map((await readEntered(db)).map((e) => [e.year, e]));
  const years: CalendarYearSummary[] = calendar.coveredYears().map((year) => {
    const e = entered.get(year);
    const days = calendar.yearDays(year);
    return {
      year,
      source: e ? 'entered' : 'package',
      noticeNumber: e?.noticeNumber ?? null,
      noticeTitle: e?.noticeTitle ?? null,
      noticeUrl: e?.noticeUrl ?? null,
      enteredBy: e?.enteredBy ?? null,
      enteredAt: e?.enteredAt.toISOString() ?? null,
      holidays: days.filter((d) => d.kind === 'holiday').length,
      makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').length,
      replacesPackage: !!e && packageCovers(year),
    };
  });
  return { currentYear, editable: editableCalendarYears(currentYear), nextYearCovered: calendar.isYearCovered(currentYear + 1), years };
}

export async function calendarYearView(db: Tx, year: number): Promise<CalendarYearView> {
  const [e] = await readEntered(db, year);
  if (e) {
    return {
      year,
      source: 'entered',
      packageAlsoCovers: packageCovers(year),
      noticeNumber: e.noticeNumber,
      noticeTitle: e.noticeTitle,
      noticeUrl: e.noticeUrl,
      enteredBy: e.enteredBy,
      enteredAt: e.enteredAt.toISOString(),
      days: e.days,
    };
  }
  const covered = packageCovers(year);
  return {
    year,
    source: covered ? 'package' : null,
    packageAlsoCovers: covered,
    noticeNumber: null,
    noticeTitle: null,
    noticeUrl: null,
    enteredBy: null,
    enteredAt: null,
    days: covered ? packageCalendar.yearDays(year) : [],
  };
}

function assertEditableYear(year: number, now: Date): void {
  const { from, to } = editableCalendarYears(localYearOf(now));
  if (year < from || year > to) throw new AppError('CALENDAR_YEAR_OUT_OF_RANGE', { year: `${year} 年不在可录入范围内（${from}–${to} 年）` });
}

/** Field paths of the request body (days.3.kind) → the message naming the date and the reason. */
function issueFields(issues: CalendarIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) fields[i.index === null ? 'days' : `days.${i.index}.${i.field}`] ??= i.message;
  return fields;
}

/** What the audit log shows of a year: one readable line per day. */
function auditView(y: { noticeNumber: string; noticeTitle: string; noticeUrl: string; days: readonly CalendarDayInput[] }) {
  return {
    noticeNumber: y.noticeNumber,
    noticeTitle: y.noticeTitle,
    noticeUrl: y.noticeUrl,
    days: y.days.map((d) => `${d.date} ${d.kind === 'holiday' ? '放假' : '调休上班'}${d.name ? ` ${d.name}` : ''}`),
  };
}

/** Serialises calendar changes and marks a new version for the other processes. */
async function bumpVersion(tx: Tx, now: Date): Promise<void> {
  await tx.selectFrom('calendar_version').select('version').forUpdate().executeTakeFirstOrThrow();
  await tx.updateTable('calendar_version').set((eb) => ({ version: eb('version', '+', 1), changed_at: now })).execute();
}

/** Thrown inside a transaction to roll it back when there is nothing to change. */
class NoChange extends Error {}

/** Enters (or replaces) a year's arrangement as a whole. */
export async function putCalendarYear(ctx: Ctx, holder: CalendarHolder, year: number, input: CalendarYearInput): Promise<CalendarYearView> {
  assertEditableYear(year, ctx.now);
  const issues = checkCalendarYear(year, input.days);
  if (issues.length) throw new AppError('CALENDAR_DAYS_INVALID', issueFields(issues));
  const days = sortDays(input.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name.trim() })));
  const next = { noticeNumber: input.noticeNumber, noticeTitle: input.noticeTitle, noticeUrl: input.noticeUrl, days };

  const changed = await ctx.db.transaction().execute(async (tx) => {
    await bumpVersion(tx, ctx.now);
    const [before] = await readEntered(tx, year);
    const diff = before ? changedFields(auditView(before), auditView(next)) : { before: null, after: auditView(next) };
    if (!diff) throw new NoChange(); // the same arrangement again: roll back the version bump, write nothing
    const meta = {
      notice_number: next.noticeNumber,
      notice_title: next.noticeTitle,
      notice_url: next.noticeUrl,
      entered_by: ctx.actor.userId,
      entered_by_name: ctx.actor.displayName,
      entered_at: ctx.now,
    };
    await tx.insertInto('calendar_years').values({ year, ...meta }).onConflict((oc) => oc.column('year').doUpdateSet(meta)).execute();
    await tx.deleteFrom('calendar_days').where('year', '=', year).execute();
    if (days.length) await tx.insertInto('calendar_days').values(days.map((d) => ({ ...d, year }))).execute();
    await recordAudit(tx, ctx, {
      action: before ? 'calendar.update' : 'calendar.create',
      entityType: 'calendar_year',
      entityId: String(year),
      before: diff.before,
      after: { ...diff.after, ...(input.importedFrom ? { importedFrom: input.importedFrom } : {}), ...(!before && packageCovers(year) ? { replacesPackage: true } : {}) },
    });
    return true;
  }).catch((err: unknown) => {
    if (err instanceof NoChange) return false;
    throw err;
  });
  if (changed) await holder.reload();
  return calendarYearView(ctx.db, year);
}


/** Deletes an entered year: it falls back to the package's data, or is no longer covered. */
export async function deleteCalendarYear(ctx: Ctx, holder: CalendarHolder, year: number): Promise<CalendarYearView> {
  await ctx.db.transaction().execute(async (tx) => {
    await bumpVersion(tx, ctx.now);
    const [before] = await readEntered(tx, year);
    if (!before) throw new AppError('CALENDAR_YEAR_NOT_ENTERED', { year: `${year} 年没有录入的节假日安排` });
    await tx.deleteFrom('calendar_years').where('year', '=', year).execute(); // its days go with it (ON DELETE CASCADE)
    await recordAudit(tx, ctx, {
      action: 'calendar.delete',
      entityType: 'calendar_year',
      entityId: String(year),
      before: auditView(before),
      after: { fallsBackTo: packageCovers(year) ? 'package' : 'none' },
    });
  });
  await holder.reload();
  return calendarYearView(ctx.db, year);
}

/**
 * Reads a file (.xlsx / .csv: 日期, 类型, 节日名称) for a year and checks every row, writing
 * nothing to the calendar: clean days go back to the editor, where the administrator adds the
 * notice number and saves (PUT). Bad rows are kept as a failed import batch, so that the usual
 * error report (GET /api/imports/:id/errors.xlsx) lists each of them.
 */
export async function validateCalendarImport(ctx: Ctx, year: number, fileName: string, buffer: Buffer): Promise<CalendarImportResult> {
  assertEditableYear(year, ctx.now);
  const table = await readUploadedTable(buffer, fileName);
  const { days, errors } = parseCalendarFile(year, table.headers, table.rows);
  let batchId: string | null = null;
  if (errors.length) {
    const batch = await saveBatch(ctx, { kind: 'calendar', fileName, totalRows: table.rows.length, rows: [], errors });
    // Nothing is ever committed from it: 'failed' keeps POST /imports/:id/commit from queueing a job.
    await ctx.db.updateTable('import_batches').set({ status: 'failed' }).where('id', '=', batch.id).execute();
    batchId = batch.id;
  }
  return { year, fileName, totalRows: table.rows.length, days, errorCount: errors.length, errors: errors.slice(0, 200), batchId };
}
