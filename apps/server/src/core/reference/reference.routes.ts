import { z } from 'zod';
import { AppError } from '../../http/app-error';
import type { Routes } from '../../http/deps';
import { divisionPrefix } from '../identity/scope';
import { CalendarNotCoveredError } from './domain/workday';
import { calendarRoutes } from './calendar.routes';
import { containing, startingWith } from '../../db/like';

const CodeRow = z.object({ code: z.string(), name: z.string(), level: z.number(), parentCode: z.string().nullable() });
const TAG = ['reference'];
const MAX_CALENDAR_DAYS = 400;

/**
 * Reference data: readable by everyone signed in; changed by migrations and seeds, except the
 * working-day calendar, where an administrator enters a year (calendar.routes.ts).
 */
export const referenceRoutes: Routes = (app, deps) => {
  app.get('/reference/county', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '本平台服务的县（区）及其街道（乡镇）',
      response: { 200: z.object({ code: z.string(), name: z.string(), streets: z.array(z.object({ code: z.string(), name: z.string() })) }) },
    },
  }, async () => {
    const code = deps.config.COUNTY_CODE;
    const county = await deps.db.selectFrom('divisions').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
    if (!county) throw new AppError('NOT_FOUND');
    const streets = await deps.db.selectFrom('divisions').select(['code', 'name'])
      .where('parent_code', '=', code).orderBy('code').execute();
    return { ...county, streets };
  });

  app.get('/reference/industries', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: 'GB/T 4754-2017 国民经济行业分类（按上级或关键字）',
      querystring: z.object({ parent: z.string().max(4).optional(), q: z.string().trim().max(30).optional() }),
      response: { 200: z.array(CodeRow) },
    },
  }, async (req) => {
    let qb = deps.db.selectFrom('industries').select(['code', 'name', 'level', 'parent_code']);
    if (req.query.q) {
      const q = req.query.q;
      qb = qb.where((eb) => eb.or([eb('code', 'like', startingWith(q)), eb('name', 'like', containing(q))])).limit(50);
    } else {
      qb = req.query.parent ? qb.where('parent_code', '=', req.query.parent) : qb.where('level', '=', 1);
    }
    const rows = await qb.orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  });

  app.get('/reference/divisions', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '行政区划（按上级）',
      querystring: z.object({ parent: z.string().regex(/^\d{6}(\d{3})?$/).optional(), within: z.string().regex(/^\d{6}$/).optional() }),
      response: { 200: z.array(CodeRow) },
    },
  }, async (req) => {
    let qb = deps.db.selectFrom('divisions').select(['code', 'name', 'level', 'parent_code']);
    if (req.query.parent) qb = qb.where('parent_code', '=', req.query.parent);
    else if (req.query.within) qb = qb.where('code', 'like', `${divisionPrefix(req.query.within)}%`);
    else qb = qb.where('level', '=', 1);
    const rows = await qb.orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  });

  app.get('/reference/workdays', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '工作日历（含调休）',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
      response: { 200: z.object({ coveredYears: z.array(z.number()), days: z.array(z.object({ date: z.string(), workday: z.boolean() })) }) },
    },
  }, async (req) => {
    const calendar = await deps.calendar.fresh();
    const days: { date: string; workday: boolean }[] = [];
    const start = Date.parse(`${req.query.from}T00:00:00Z`);
    const end = Date.parse(`${req.query.to}T00:00:00Z`);
    if (end < start || (end - start) / 86_400_000 > MAX_CALENDAR_DAYS) throw new AppError('VALIDATION_FAILED', { to: `最多 ${MAX_CALENDAR_DAYS} 天` });
    for (let t = start; t <= end; t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (!calendar.isCovered(date)) throw new AppError('VALIDATION_FAILED', { to: `${date.slice(0, 4)} 年的节假日安排尚未收录` });
      days.push({ date, workday: calendar.isWorkday(date) });
    }
    return { coveredYears: calendar.coveredYears(), days };
  });

  app.get('/reference/workdays/add', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '某日之后（n 为负时之前）第 n 个工作日（不含当天）',
      querystring: z.object({ date: z.iso.date(), n: z.coerce.number().int().min(-366).max(366) }),
      response: { 200: z.object({ date: z.string(), n: z.number(), result: z.string() }) },
    },
  }, async (req) => {
    const calendar = await deps.calendar.fresh();
    try {
      return { date: req.query.date, n: req.query.n, result: calendar.addWorkdays(req.query.date, req.query.n) };
    } catch (err) {
      if (err instanceof CalendarNotCoveredError) throw new AppError('VALIDATION_FAILED', { n: `${err.year} 年的节假日安排尚未收录` });
      throw err;
    }
  });

  calendarRoutes(app, deps);
};
