import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { DEMO_STREETS } from '../../db/seed/demo-county';

/**
 * The audit log (/api/audit): filters, paging, the Excel export (itself audited), and the
 * guarantee that nothing can change an entry once written.
 */
let t: TestApp;
let auditor: Client;
let officer: Client;
let admin: Client;
let officerId: string;
let auditorId: string;
let zsyId: string;
let parkId: string;

type Entry = { id: number; at: string; actorName: string; action: string; entityType: string; entityId: string | null; enterpriseId: string | null; before: unknown; after: unknown; ip: string | null };
type Page = { items: Entry[]; total: number; totalEstimated: boolean };

const page = async (query: string, c: Client = auditor): Promise<Page> => {
  const res = await c.get(`/api/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
type AuditRows = SelectQueryBuilder<DB, 'audit_log', {}>;
/** How many audit entries there are, straight from the table, optionally narrowed. */
const count = async (where: (q: AuditRows) => AuditRows = (q) => q) =>
  Number((await where(t.deps.db.selectFrom('audit_log')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// Entries written "in the past", around Beijing midnight, for the date filters. Inserting is
// allowed (the log is append-only, not read-only).
const HISTORY = [
  { at: '2025-03-01T15:59:59.000Z', note: '北京时间 3月1日 23:59:59' },
  { at: '2025-03-01T16:00:00.000Z', note: '北京时间 3月2日 00:00:00' },
  { at: '2025-03-02T15:59:59.999Z', note: '北京时间 3月2日 23:59:59.999' },
  { at: '2025-03-02T16:00:00.000Z', note: '北京时间 3月3日 00:00:00' },
];

beforeAll(async () => {
  t = await createTestApp();
  [auditor, officer, admin] = await Promise.all([t.as('auditor'), t.as('officer'), t.as('admin')]);
  const db = t.deps.db;
  const idOf = async (username: string) => (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  [officerId, auditorId] = [await idOf('officer'), await idOf('auditor')];
  zsyId = (await db.selectFrom('enterprises').select('id').where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow()).id;

  // A few real changes, through the API, by different people.
  const park = await officer.post('/api/parks', { name: '审计测试园', kind: 'incubator', divisionCode: DEMO_STREETS.wuchang });
  expect(park.statusCode).toBe(201);
  parkId = park.json().id;
  const contact = await db.selectFrom('enterprise_contacts').select('id').where('enterprise_id', '=', zsyId).executeTakeFirstOrThrow();
  expect((await officer.post(`/api/enterprises/${zsyId}/contacts/${contact.id}/reveal`)).statusCode).toBe(200);
  const other = await db.selectFrom('enterprise_contacts').select(['id', 'enterprise_id']).where('enterprise_id', '<>', zsyId).executeTakeFirstOrThrow();
  expect((await officer.post(`/api/enterprises/${other.enterprise_id}/contacts/${other.id}/reveal`)).statusCode).toBe(200);
  expect((await admin.post('/api/roles', { code: 'audit_probe', name: '审计探针', permissions: ['park.read'] })).statusCode).toBe(201);

  await db.insertInto('audit_log').values(HISTORY.map((h) => ({
    at: h.at, actor_name: '历史导入', action: 'history.note', entity_type: 'history', after: JSON.stringify({ note: h.note }),
  }))).execute();
  // Enough entries for more than one default page.
  await db.insertInto('audit_log').values(Array.from({ length: 20 }, (_, i) => ({
    at: `2024-06-01T0${Math.floor(i / 10)}:${String(i % 10).padStart(2, '0')}:00Z`, actor_name: '历史导入', action: 'bulk.note', entity_type: 'history',
  }))).execute();
});
afterAll(() => t.close());

describe('reading the audit log', () => {
  it('lists newest first, 20 to a page, with the exact total', async () => {
    const body = await page('');
    expect(body.total).toBe(await count());
    expect(body.total).toBeGreaterThan(20);
    expect(body.totalEstimated).toBe(false);
    expect(body.items).toHaveLength(20);
    const ids = body.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('pages without overlap or gap', async () => {
    const [p1, p2, p3] = [await page('pageSize=4&page=1'), await page('pageSize=4&page=2'), await page('pageSize=8&page=1')];
    expect([...p1.items, ...p2.items].map((e) => e.id)).toEqual(p3.items.map((e) => e.id));
    expect(p1.total).toBe(p3.total);
    const last = Math.ceil(p1.total / 4);
    expect((await page(`pageSize=4&page=${last}`)).items.length).toBeGreaterThan(0);
    expect((await page(`pageSize=4&page=${last + 1}`)).items).toEqual([]);
  });

  it('shows who did what, to what, with before/after and the address', async () => {
    const [entry] = (await page(`entityId=${parkId}`)).items;
    expect(entry).toMatchObject({
      actorName: '陈建国', action: 'park.create', entityType: 'park', entityId: parkId, before: null,
      after: { name: '审计测试园', kind: 'incubator', divisionCode: DEMO_STREETS.wuchang },
    });
    expect(entry!.ip).toBe('127.0.0.1');
    expect(new Date(entry!.at).toISOString()).toBe(entry!.at);
  });

  it.each([
    ['actor=officer (a username)', 'actor=officer', (e: Entry) => e.actorName === '陈建国', (q: AuditRows) => q.where('actor_id', '=', officerId)],
    ['actor=陈建国 (a display name)', `actor=${encodeURIComponent('陈建国')}`, (e: Entry) => e.actorName === '陈建国', (q: AuditRows) => q.where('actor_id', '=', officerId)],
    ['action=contact. (a prefix)', 'action=contact.', (e: Entry) => e.action.startsWith('contact.'), (q: AuditRows) => q.where('action', 'like', 'contact.%')],
    ['action=user.login (prefix: also user.login_failed)', 'action=user.login', (e: Entry) => e.action.startsWith('user.login'), (q: AuditRows) => q.where('action', 'like', 'user.login%')],
    ['entityType=role', 'entityType=role', (e: Entry) => e.entityType === 'role', (q: AuditRows) => q.where('entity_type', '=', 'role')],
    ['enterpriseId', () => `enterpriseId=${zsyId}`, (e: Entry) => e.enterpriseId === zsyId, (q: AuditRows) => q.where('enterprise_id', '=', zsyId)],
    ['actor and action together', 'actor=admin&action=role.', (e: Entry) => e.actorName === '平台管理员' && e.action.startsWith('role.'), (q: AuditRows) => q.where('action', 'like', 'role.%').where('actor_name', '=', '平台管理员')],
  ])('filters by %s', async (_what, query, holds, where) => {
    const body = await page(`pageSize=100&${typeof query === 'function' ? query() : query}`);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBe(await count(where));
    expect(body.items.every(holds)).toBe(true);
  });

  it('filters by enterprise: the reveal of 中双元’s contact is there, the other enterprise’s is not', async () => {
    const body = await page(`enterpriseId=${zsyId}&action=contact.reveal`);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ actorName: '陈建国', enterpriseId: zsyId, after: { fields: ['phone', 'email'] } });
  });

  it('treats _ in the action prefix literally', async () => {
    expect((await page('action=user_')).total).toBe(0);
  });

  it('finds nothing for an actor who did nothing', async () => {
    expect((await page('actor=nobody_at_all')).total).toBe(0);
  });

  it.each([
    // Dates are days in Beijing time: from = start of the day, to = end of the day (inclusive).
    ['from=2025-03-02&to=2025-03-02', [1, 2]],
    ['from=2025-03-01&to=2025-03-01', [0]],
    ['from=2025-03-02', [1, 2, 3]],
    ['to=2025-03-02', [0, 1, 2]],
    ['from=2025-03-03&to=2025-03-03', [3]],
    ['from=2025-03-02T00:00:00%2B08:00&to=2025-03-02T12:00:00%2B08:00', [1]],
    ['from=2025-03-01T16:00:00Z&to=2025-03-02T16:00:00Z', [1, 2]],
  ])('reads %s in Beijing time', async (query, expected) => {
    const body = await page(`action=history.&${query}`);
    expect(body.items.map((e) => e.at).sort()).toEqual(expected.map((i) => HISTORY[i]!.at));
    expect(body.total).toBe(expected.length);
  });

  it.each(['pageSize=101', 'page=0', 'from=2025-13-01', 'to=yesterday', 'enterpriseId=not-a-uuid'])('refuses %s (400)', async (query) => {
    const res = await auditor.get(`/api/audit?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it.each(['officer', 'leader', 'ent_zsy'])('is closed to %s (403)', async (username) => {
    const c = await t.as(username);
    expect((await c.get('/api/audit')).statusCode).toBe(403);
    expect((await c.get('/api/audit/export.xlsx')).statusCode).toBe(403);
  });
});

describe('exporting the audit log', () => {
  let res: Awaited<ReturnType<Client['get']>>;
  let sheet: ExcelJS.Worksheet;
  const exportedAt = new Date();

  beforeAll(async () => {
    res = await auditor.get('/api/audit/export.xlsx?action=park.');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    sheet = wb.worksheets[0]!;
  });

  it('answers a real .xlsx file as an attachment', () => {
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK'); // a zip container
    expect(sheet.name).toBe('审计日志');
  });

  it('has the header row and one row per filtered entry, times in Beijing time', async () => {
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['时间（北京时间）', '操作人', '操作', '对象类型', '对象', '修改前', '修改后', 'IP']);
    const expected = await count((q) => q.where('action', 'like', 'park.%'));
    expect(sheet.rowCount - 1).toBe(expected);

    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    const created = rows.find((r) => r[4] === parkId)!;
    expect(created.slice(1, 5)).toEqual(['陈建国', 'park.create', 'park', parkId]);
    expect(JSON.parse(String(created[6]))).toMatchObject({ name: '审计测试园' });
    expect(created[7]).toBe('127.0.0.1');
    const stored = await t.deps.db.selectFrom('audit_log').select('at').where('entity_id', '=', parkId).where('action', '=', 'park.create').executeTakeFirstOrThrow();
    const beijing = new Date(stored.at.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    expect(created[0]).toBe(beijing);
  });

  it('writes Beijing time across midnight (history rows)', async () => {
    const r = await auditor.get('/api/audit/export.xlsx?action=history.&from=2025-03-02&to=2025-03-02');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const times = [2, 3].map((i) => ws.getRow(i).getCell(1).value).sort();
    expect(times).toEqual(['2025-03-02 00:00:00', '2025-03-02 23:59:59']);
    expect(ws.rowCount).toBe(3);
  });

  it('names the file after the Beijing date of the export', async () => {
    const early = await createTestApp({ now: () => new Date('2026-03-01T17:30:00Z') }); // 2026-03-02 01:30 北京时间
    try {
      const r = await (await early.as('auditor')).get('/api/audit/export.xlsx?action=demo.');
      expect(r.statusCode).toBe(200);
      expect(decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('审计日志-2026-03-02.xlsx');
    } finally {
      await early.close();
    }
  });

  it('is itself audited, with its filters and the number of rows', async () => {
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.export').orderBy('id').execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const first = rows[0]!;
    expect(first).toMatchObject({ actor_id: auditorId, actor_name: '纪检监察组', entity_type: 'audit_log', request_id: res.headers['x-request-id'] });
    expect(first.after).toMatchObject({ filters: { action: 'park.' }, rows: sheet.rowCount - 1 });
    expect(first.at.getTime()).toBeGreaterThanOrEqual(exportedAt.getTime() - 60_000);
    // …and the export shows up in the log it exported from.
    expect((await page('action=audit.export')).total).toBe(rows.length);
  });
});

describe('the audit log is append-only', () => {
  const oneEntry = () => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'park.create').where('entity_id', '=', parkId).executeTakeFirstOrThrow();

  it('refuses an UPDATE, even straight through the database', async () => {
    const entry = await oneEntry();
    await expect(t.deps.db.updateTable('audit_log').set({ action: 'park.nothing_happened' }).where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(t.deps.db.updateTable('audit_log').set({ actor_name: '别人' }).execute()).rejects.toThrow(/append-only/);
    expect(await oneEntry()).toEqual(entry);
  });

  it('refuses a DELETE and a TRUNCATE', async () => {
    const before = await count();
    const entry = await oneEntry();
    await expect(t.deps.db.deleteFrom('audit_log').where('id', '=', entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    expect(await oneEntry()).toEqual(entry);
  });

  it('refuses them inside a transaction too, which then rolls back whole', async () => {
    const before = await count();
    await expect(t.deps.db.transaction().execute(async (tx) => {
      await tx.insertInto('audit_log').values({ action: 'sneaky.insert', entity_type: 'x' }).execute();
      await tx.deleteFrom('audit_log').where('action', '=', 'demo.seed').execute();
    })).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });

  it('has no route that changes it', async () => {
    const auditRoutes = t.deps.routes.filter((r) => r.url.startsWith('/api/audit'));
    expect(auditRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/audit', 'GET /api/audit/export.xlsx']);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      for (const url of ['/api/audit', '/api/audit/1']) {
        const r = await t.app.inject({ method, url, headers: { cookie: admin.session!.cookie, 'x-csrf-token': admin.session!.csrf }, payload: {} });
        expect(r.statusCode, `${method} ${url}`).toBe(404);
      }
    }
  });
});
