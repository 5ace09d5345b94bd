import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { CALENDAR_CHECK_INTERVAL_MS, CalendarHolder } from './workday-calendar';

/**
 * The working-day calendar over HTTP: an administrator enters next year's arrangement, the app's
 * working-day answers change at once, every change is audited, a file with a bad row gets an
 * error report, and deleting an entered year falls back to the package's data.
 */
let t: TestApp;
let admin: Client;
let officer: Client;
let ent: Client;

// Today is fixed at 2026-11-29 (Beijing time): years 2025–2028 may be entered.
const NOW = new Date('2026-11-29T02:00:00Z');

// An arrangement for 2027 made up for the tests (not the State Council's): 元旦 Fri 1/1–Sun 1/3;
// 春节 Sat 2/6–Sun 2/14 with Sunday 1/31 and Saturday 2/20 worked.
const DAYS_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-01-02', kind: 'holiday', name: '元旦' },
  { date: '2027-01-03', kind: 'holiday', name: '元旦' },
  { date: '2027-01-31', kind: 'makeup_workday', name: '春节' },
  ...['06', '07', '08', '09', '10', '11', '12', '13', '14'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' })),
  { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
];
const YEAR_2027 = { noticeNumber: '国办发明电〔2026〕99号', noticeTitle: '测试用：2027 年部分节假日安排', noticeUrl: 'https://www.gov.cn/test', days: DAYS_2027 };

const addWorkdays = (c: Client, date: string, n: number) => c.get(`/api/reference/workdays/add?date=${date}&n=${n}`);
type AuditEntry = { action: string; entityType: string; entityId: string; before: Record<string, unknown> | null; after: Record<string, unknown> };
const auditEntries = async (): Promise<AuditEntry[]> => {
  const res = await admin.get('/api/audit?action=calendar.&pageSize=100');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  [admin, officer, ent] = await Promise.all([t.as('admin'), t.as('officer'), t.as('ent_zsy')]);
});
afterAll(() => t.close());

describe('who may do what', () => {
  it('refuses anyone not signed in (401)', async () => {
    expect((await t.anonymous.get('/api/reference/calendar')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/reference/calendar/2027')).statusCode).toBe(401);
    expect((await t.anonymous.put('/api/reference/calendar/2027', YEAR_2027)).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/reference/workdays/add?date=2026-12-01&n=1')).statusCode).toBe(401);
  });

  it('lets everyone signed in read, and only reference.manage write (403)', async () => {
    for (const c of [officer, ent]) {
      expect((await c.get('/api/reference/calendar')).statusCode).toBe(200);
      expect((await c.get('/api/reference/calendar/2026')).statusCode).toBe(200);
      const put = await c.put('/api/reference/calendar/2027', YEAR_2027);
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('FORBIDDEN');
      expect((await c.delete('/api/reference/calendar/2027')).statusCode).toBe(403);
      expect((await c.upload('/api/reference/calendar/2027/import', 'a.csv', Buffer.from('日期,类型\n'))).statusCode).toBe(403);
    }
  });

  it('gives the admin role reference.manage', async () => {
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.permissions).toContain('reference.manage');
  });
});

describe('reading', () => {
  it('lists the package years 2004–2026, says 2027 is not covered', async () => {
    const o = (await officer.get('/api/reference/calendar')).json();
    expect(o.currentYear).toBe(2026);
    expect(o.editable).toEqual({ from: 2025, to: 2028 });
    expect(o.nextYearCovered).toBe(false);
    expect(o.years.map((y: { year: number }) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(o.years.at(-1)).toMatchObject({ year: 2026, source: 'package', noticeNumber: null, makeupWorkdays: 6 });
  });

  it("gives a year's days, and an empty uncovered year", async () => {
    const y = (await officer.get('/api/reference/calendar/2026')).json();
    expect(y.source).toBe('package');
    expect(y.days).toContainEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节' });
    expect(y.days).toContainEqual({ date: '2026-02-16', kind: 'holiday', name: '春节' });
    const none = (await officer.get('/api/reference/calendar/2027')).json();
    expect(none).toMatchObject({ year: 2027, source: null, packageAlsoCovers: false, days: [] });
  });
});

describe('entering a year', () => {
  const put = (body: unknown, year = 2027) => admin.put(`/api/reference/calendar/${year}`, body);
  const withDay = (extra: object) => ({ ...YEAR_2027, days: [...DAYS_2027, extra] });

  it.each([
    ['a make-up working day on a Tuesday', withDay({ date: '2027-01-05', kind: 'makeup_workday', name: '' }), 'days.14.kind', '2027-01-05 是星期二，调休上班日只能是星期六或星期日'],
    ['a date outside the year', withDay({ date: '2028-01-01', kind: 'holiday', name: '元旦' }), 'days.14.date', '2028-01-01 不在 2027 年内'],
    ['a date twice', withDay({ date: '2027-02-10', kind: 'holiday', name: '春节' }), 'days.14.date', '2027-02-10 重复出现（第 9 行已有这一天）'],
    ['a holiday without a name', withDay({ date: '2027-04-05', kind: 'holiday', name: ' ' }), 'days.14.name', '2027-04-05 是放假日，请填写节日名称（如 春节）'],
  ])('refuses %s (400), naming the date and the reason', async (_what, body, field, message) => {
    const res = await put(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CALENDAR_DAYS_INVALID');
    expect(res.json().error.message).toBe('节假日安排有误，请检查标注的日期');
    expect(res.json().error.fields).toEqual({ [field]: message });
  });

  it('refuses an arrangement without a notice number (400)', async () => {
    for (const body of [{ ...YEAR_2027, noticeNumber: '  ' }, { days: DAYS_2027 }]) {
      const res = await put(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields.noticeNumber).toMatch(/请填写通知文号/);
    }
  });

  it('refuses a year outside last year … two years ahead (400)', async () => {
    for (const year of [2024, 2029]) {
      const res = await put({ ...YEAR_2027, days: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦' }] }, year);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('CALENDAR_YEAR_OUT_OF_RANGE');
      expect(res.json().error.fields.year).toBe(`${year} 年不在可录入范围内（2025–2028 年）`);
    }
  });

  it('nothing was written by the refused requests', async () => {
    expect((await t.deps.db.selectFrom('calendar_years').selectAll().execute())).toEqual([]);
    expect(await auditEntries()).toEqual([]);
  });

  it('changes the working-day answers at once', async () => {
    const before = await addWorkdays(officer, '2026-12-29', 3);
    expect(before.statusCode).toBe(400);
    expect(before.json().error.fields.n).toBe('2027 年的节假日安排尚未收录');

    const res = await put(YEAR_2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, source: 'entered', noticeNumber: YEAR_2027.noticeNumber, enteredBy: expect.any(String) });
    expect(res.json().days).toHaveLength(DAYS_2027.length);
    expect(res.json().days.map((d: { date: string }) => d.date)).toEqual(DAYS_2027.map((d) => d.date).sort());

    // Wed 12-30, Thu 12-31, then 元旦 1/1–1/3: the third working day is Monday 2027-01-04.
    expect((await addWorkdays(officer, '2026-12-29', 3)).json()).toEqual({ date: '2026-12-29', n: 3, result: '2027-01-04' });
    expect((await addWorkdays(officer, '2027-02-05', 1)).json().result).toBe('2027-02-15');
    const days = (await officer.get('/api/reference/workdays?from=2027-01-29&to=2027-02-01')).json();
    expect(days.days).toEqual([
      { date: '2027-01-29', workday: true },
      { date: '2027-01-30', workday: false },
      { date: '2027-01-31', workday: true }, // Sunday worked
      { date: '2027-02-01', workday: true },
    ]);
    expect(days.coveredYears.at(-1)).toBe(2027);
    expect(t.deps.calendar.get().isWorkday('2027-01-01')).toBe(false); // deps, for the modules' own use

    const o = (await ent.get('/api/reference/calendar')).json();
    expect(o.nextYearCovered).toBe(true);
    expect(o.years.at(-1)).toMatchObject({ year: 2027, source: 'entered', noticeNumber: '国办发明电〔2026〕99号', holidays: 12, makeupWorkdays: 2, replacesPackage: false });
  });

  it('audits the entry with what was entered, and a change with before/after', async () => {
    let entries = await auditEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'calendar.create', entityType: 'calendar_year', entityId: '2027', before: null });
    expect(entries[0]!.after).toMatchObject({ noticeNumber: '国办发明电〔2026〕99号', days: expect.arrayContaining(['2027-01-01 放假 元旦', '2027-01-31 调休上班 春节']) });

    // The same arrangement again changes nothing and logs nothing.
    expect((await put(YEAR_2027)).statusCode).toBe(200);
    expect(await auditEntries()).toHaveLength(1);

    // A correction: 2/20 is not worked after all.
    const corrected = { ...YEAR_2027, noticeNumber: '国办发明电〔2026〕100号', days: DAYS_2027.filter((d) => d.date !== '2027-02-20') };
    expect((await put(corrected)).statusCode).toBe(200);
    entries = await auditEntries();
    expect(entries).toHaveLength(2);
    const update = entries.find((e) => e.action === 'calendar.update')!;
    expect(update.before).toMatchObject({ noticeNumber: '国办发明电〔2026〕99号' });
    expect(update.after).toMatchObject({ noticeNumber: '国办发明电〔2026〕100号' });
    expect(update.before!.days).toContain('2027-02-20 调休上班 春节');
    expect(update.after.days).not.toContain('2027-02-20 调休上班 春节');
    expect(update.before).not.toHaveProperty('noticeTitle'); // only what changed
    expect((await officer.get('/api/reference/workdays?from=2027-02-20&to=2027-02-20')).json().days[0].workday).toBe(false);
  });

  it('lets another process see the change within 60 s (version check)', async () => {
    let clock = Date.now();
    const other = await CalendarHolder.load(t.deps.db, () => clock);
    expect(other.get().isWorkday('2027-02-20')).toBe(false);
    expect((await put(YEAR_2027)).statusCode).toBe(200); // 2/20 worked again
    expect((await other.fresh()).isWorkday('2027-02-20')).toBe(false); // checked less than 60 s ago
    clock += CALENDAR_CHECK_INTERVAL_MS;
    expect((await other.fresh()).isWorkday('2027-02-20')).toBe(true);
    expect(other.loadedVersion).toBe(t.deps.calendar.loadedVersion);
  });
});

describe('importing a year from a file', () => {
  const csv = (rows: string[]) => Buffer.from(`\uFEFF日期,类型,节日名称\n${rows.join('\n')}\n`);

  it('reads a clean file into days, writing nothing', async () => {
    const res = await admin.upload('/api/reference/calendar/2028/import', '2028.csv', csv(['2028/1/1,放假,元旦', '2028-01-30,调休上班,春节']));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2028, fileName: '2028.csv', totalRows: 2, errorCount: 0, errors: [], batchId: null });
    expect(res.json().days).toEqual([
      { date: '2028-01-01', kind: 'holiday', name: '元旦' },
      { date: '2028-01-30', kind: 'makeup_workday', name: '春节' },
    ]);
    expect((await officer.get('/api/reference/calendar/2028')).json().source).toBeNull();
  });

  it('lists every bad row and writes the usual error report', async () => {
    const res = await admin.upload('/api/reference/calendar/2028/import', '2028.csv', csv([
      '2028-01-01,放假,元旦',
      '2028-01-04,调休上班,', // a Tuesday
      '2029-01-01,放假,元旦',
      '明天,放假,元旦',
    ]));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.days).toEqual([]);
    expect(r.errors).toEqual([
      { line: 3, column: '类型', message: '2028-01-04 是星期二，调休上班日只能是星期六或星期日' },
      { line: 4, column: '日期', message: '2029-01-01 不在 2028 年内' },
      { line: 5, column: '日期', message: '“明天”不是日期（应写作 2028-01-01）' },
    ]);
    const report = await admin.get(`/api/imports/${r.batchId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const batch = (await admin.get(`/api/imports/${r.batchId}`)).json();
    expect(batch).toMatchObject({ kind: 'calendar', status: 'failed', errorCount: 3 });
    expect((await admin.post(`/api/imports/${r.batchId}/commit`, { onlyValid: true })).statusCode).toBe(409);
  });

  it('refuses a file that is not a table, and a year out of range', async () => {
    expect((await admin.upload('/api/reference/calendar/2028/import', 'a.txt', Buffer.from('x'))).json().error.code).toBe('IMPORT_FILE_UNREADABLE');
    expect((await admin.upload('/api/reference/calendar/2030/import', 'a.csv', csv(['2030-01-01,放假,元旦']))).json().error.code).toBe('CALENDAR_YEAR_OUT_OF_RANGE');
  });

  it('serves a template with the three columns', async () => {
    const res = await officer.get('/api/reference/calendar/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('deleting an entered year', () => {
  it('falls back to "not covered" for a year the package lacks', async () => {
    const res = await admin.delete('/api/reference/calendar/2027');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, source: null, days: [] });
    expect((await addWorkdays(officer, '2026-12-29', 3)).statusCode).toBe(400);
    expect((await officer.get('/api/reference/calendar')).json().nextYearCovered).toBe(false);
    const del = (await auditEntries()).find((e) => e.action === 'calendar.delete')!;
    expect(del).toMatchObject({ entityId: '2027', after: { fallsBackTo: 'none' } });
    expect(del.before).toMatchObject({ noticeNumber: '国办发明电〔2026〕99号' });
    expect(await t.deps.db.selectFrom('calendar_days').selectAll().execute()).toEqual([]);
  });

  it('falls back to the package for a year it covers, which an entered year had replaced', async () => {
    const correction = { noticeNumber: '国办发明电〔2025〕7号', days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] };
    const put = await admin.put('/api/reference/calendar/2026', correction);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ source: 'entered', packageAlsoCovers: true });
    expect((await officer.get('/api/reference/workdays?from=2026-02-16&to=2026-02-16')).json().days[0].workday).toBe(true);
    expect((await officer.get('/api/reference/calendar')).json().years.at(-1)).toMatchObject({ year: 2026, source: 'entered', replacesPackage: true });

    const del = await admin.delete('/api/reference/calendar/2026');
    expect(del.json()).toMatchObject({ source: 'package', noticeNumber: null });
    expect((await officer.get('/api/reference/workdays?from=2026-02-16&to=2026-02-16')).json().days[0].workday).toBe(false);
    expect((await auditEntries()).filter((e) => e.entityId === '2026').map((e) => e.action).sort()).toEqual(['calendar.create', 'calendar.delete']);
  });

  it('refuses to delete a year that was not entered (404)', async () => {
    const res = await admin.delete('/api/reference/calendar/2026');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CALENDAR_YEAR_NOT_ENTERED');
  });
});

describe('start-up', () => {
  it('warns once in the log when next year is not covered', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const other = await createTestApp({ now: () => NOW, config: { LOG_LEVEL: 'warn' }, logStream: stream });
    await other.close();
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; calendarYear?: number }).filter((l) => l.calendarYear);
    expect(warnings).toEqual([expect.objectContaining({ level: 40, calendarYear: 2027, msg: '2027 年节假日安排尚未录入：国务院通知发布后请在 系统管理 → 工作日历 中录入' })]);
  });
});
