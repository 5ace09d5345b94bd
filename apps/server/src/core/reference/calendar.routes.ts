import '@fastify/multipart';
import { z } from 'zod';
import { CALENDAR_DAY_KINDS, CALENDAR_IMPORT_COLUMNS, CalendarYearInput } from '@zhizhi/contracts';
import { AppError } from '../../http/app-error';
import { ctxOf, type Routes } from '../../http/deps';
import { attachment, writeXlsx, XLSX_MIME } from '../excel/write-xlsx';
import { calendarOverview, calendarYearView, deleteCalendarYear, putCalendarYear, validateCalendarImport } from './calendar.service';

const TAG = ['reference'];
const YearParams = z.object({ year: z.coerce.number().int().min(1900).max(2200) });
const Day = z.object({ date: z.string(), kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() });
const YearView = z.object({
  year: z.number(),
  source: z.enum(['package', 'entered']).nullable(),
  packageAlsoCovers: z.boolean(),
  noticeNumber: z.string().nullable(),
  noticeTitle: z.string().nullable(),
  noticeUrl: z.string().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
  days: z.array(Day),
});
const Overview = z.object({
  currentYear: z.number(),
  editable: z.object({ from: z.number(), to: z.number() }),
  nextYearCovered: z.boolean(),
  years: z.array(z.object({
    year: z.number(),
    source: z.enum(['package', 'entered']),
    noticeNumber: z.string().nullable(),
    noticeTitle: z.string().nullable(),
    noticeUrl: z.string().nullable(),
    enteredBy: z.string().nullable(),
    enteredAt: z.string().nullable(),
    holidays: z.number(),
    makeupWorkdays: z.number(),
    replacesPackage: z.boolean(),
  })),
});
const ImportResult = z.object({
  year: z.number(),
  fileName: z.string(),
  totalRows: z.number(),
  days: z.array(Day),
  errorCount: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
  batchId: z.string().nullable(),
});

/**
 * 工作日历: everyone signed in reads it; reference.manage enters a year from the State Council
 * notice (PUT), imports one from a file, or deletes an entered year. Registered by referenceRoutes.
 */
export const calendarRoutes: Routes = (app, deps) => {
  app.get('/reference/calendar', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '工作日历：已收录的年份及来源', response: { 200: Overview } },
  }, async () => calendarOverview(deps.db, await deps.calendar.fresh(), deps.now()));

  app.get('/reference/calendar/import-template.xlsx', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '节假日安排导入模板' },
  }, async (_req, reply) => {
    const c = CALENDAR_IMPORT_COLUMNS;
    const example = [
      { date: 'YYYY-01-01', kind: '放假', name: '元旦' },
      { date: 'YYYY-MM-DD', kind: '调休上班', name: '春节' },
    ];
    const buffer = await writeXlsx('节假日安排', [
      { header: c.date, width: 14, value: (r) => r.date },
      { header: c.kind, width: 12, value: (r) => r.kind },
      { header: c.name, width: 14, value: (r) => r.name },
    ], example);
    return reply.type(XLSX_MIME).header('content-disposition', attachment('节假日安排导入模板.xlsx')).send(buffer);
  });

  app.get('/reference/calendar/:year', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '某年的放假日和调休上班日（source 为 null 表示尚未收录）', params: YearParams, response: { 200: YearView } },
  }, async (req) => calendarYearView(deps.db, req.params.year));

  app.put('/reference/calendar/:year', {
    config: { access: 'reference.manage' },
    schema: {
      tags: TAG,
      summary: '录入（整体替换）某年的节假日安排（国务院办公厅通知）',
      params: YearParams,
      body: CalendarYearInput,
      response: { 200: YearView },
    },
  }, async (req) => putCalendarYear(ctxOf(req, deps), deps.calendar, req.params.year, req.body));

  app.delete('/reference/calendar/:year', {
    config: { access: 'reference.manage' },
    schema: { tags: TAG, summary: '删除录入的年份（回到内置数据，或不再收录）', params: YearParams, response: { 200: YearView } },
  }, async (req) => deleteCalendarYear(ctxOf(req, deps), deps.calendar, req.params.year));

  app.post('/reference/calendar/:year/import', {
    config: { access: 'reference.manage' },
    schema: {
      tags: TAG,
      summary: '从 .xlsx / .csv 读取某年的节假日安排（列：日期、类型、节日名称），只校验不保存',
      consumes: ['multipart/form-data'],
      params: YearParams,
      response: { 200: ImportResult },
    },
  }, async (req) => {
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE_UNREADABLE');
    const buffer = await file.toBuffer();
    return validateCalendarImport(ctxOf(req, deps), req.params.year, file.filename, buffer);
  });
};
