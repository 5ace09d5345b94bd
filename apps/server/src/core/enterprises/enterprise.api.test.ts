import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { makeCreditCode } from '../reference/domain/credit-code';
import { DEMO_ENTERPRISE_COUNT, DEMO_STREETS } from '../../db/seed/demo-county';

let t: TestApp;
let officer: Client;
let streetOfficer: Client;
let ent: Client;
let zsyId: string;
let otherStreetId: string;

const newEnterprise = (over: Record<string, unknown> = {}) => ({
  creditCode: makeCreditCode('91330110MA2TKT001'),
  name: '杭州测试智能科技有限公司',
  industryCode: '6513',
  divisionCode: DEMO_STREETS.liangzhu,
  employees: 120,
  revenueFen: 5_000 * 1_000_000,
  tags: ['测试'],
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  [officer, streetOfficer, ent] = await Promise.all([t.as('officer'), t.as('street_officer'), t.as('ent_zsy')]);
  zsyId = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow()).id;
  otherStreetId = (await t.deps.db.selectFrom('enterprises').select('id').where('division_code', '=', DEMO_STREETS.cangqian).limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('enterprise list', () => {
  it('pages the whole county for a county officer', async () => {
    const res = await officer.get('/api/enterprises?pageSize=50&page=2&sort=name&order=asc');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // the demo's generated enterprises, and the companies its landed projects and transfers registered
    const registered = Number((await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(registered).toBeGreaterThanOrEqual(DEMO_ENTERPRISE_COUNT);
    expect(body.total).toBe(registered);
    expect(body.totalEstimated).toBe(false);
    expect(body.items).toHaveLength(50);
    const names = body.items.map((i: { name: string }) => i.name);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  });

  it.each([
    ['q=中双元', (e: any) => e.name.includes('中双元')],
    ['industry=C', (e: any) => /^(1[3-9]|[2-3]\d|4[0-3])/.test(e.industryCode)],
    ['industry=65', (e: any) => e.industryCode.startsWith('65')],
    [`division=${DEMO_STREETS.wuchang}`, (e: any) => e.divisionCode === DEMO_STREETS.wuchang],
    ['sizeClass=small', (e: any) => e.sizeClass === 'small'],
    ['tag=数字经济', (e: any) => e.tags.includes('数字经济')],
    ['aboveScale=true', (e: any) => e.aboveScale],
    ['highTech=false', (e: any) => !e.highTech],
    ['status=active', (e: any) => e.status === 'active'],
  ])('filters by %s', async (query, holds) => {
    const body = (await officer.get(`/api/enterprises?pageSize=100&${encodeURI(query)}`)).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every(holds)).toBe(true);
  });

  it('finds exactly the enterprises whose name contains the term, with or without the bigram index', async () => {
    const everyPage = async (query: string) => {
      const items: { id: string; name: string }[] = [];
      for (let page = 1; ; page++) {
        const body = (await officer.get(`/api/enterprises?pageSize=100&page=${page}${query}`)).json();
        items.push(...body.items);
        if (items.length >= body.total) return items;
      }
    };
    const all = await everyPage('');
    for (const term of ['科技', '州', '检测技术', '（杭州）', '良渚正信检测', '不存在的名字', '%', '_']) {
      const found = (await everyPage(`&q=${encodeURIComponent(term)}`)).map((e) => e.id).sort();
      expect(found, term).toEqual(all.filter((e) => e.name.includes(term)).map((e) => e.id).sort());
    }
  });

  it('finds an enterprise by the start of its credit code', async () => {
    const cc = (await t.deps.db.selectFrom('enterprises').select('credit_code').where('id', '=', zsyId).executeTakeFirstOrThrow()).credit_code;
    const body = (await officer.get(`/api/enterprises?q=${cc.slice(0, 12)}`)).json();
    expect(body.items.map((i: any) => i.id)).toContain(zsyId);
  });

  it('shows a street officer only the enterprises of the street, in lists and counts', async () => {
    const body = (await streetOfficer.get('/api/enterprises?pageSize=100')).json();
    const { n } = await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('division_code', '=', DEMO_STREETS.liangzhu).executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(n));
    expect(body.items.every((e: any) => e.divisionCode === DEMO_STREETS.liangzhu)).toBe(true);
    // Asking for another street explicitly gives nothing rather than leaking it.
    expect((await streetOfficer.get(`/api/enterprises?division=${DEMO_STREETS.cangqian}`)).json().total).toBe(0);
  });

  it('shows an enterprise user only its own enterprise', async () => {
    const body = (await ent.get('/api/enterprises')).json();
    expect(body.total).toBe(1);
    expect(body.items[0].id).toBe(zsyId);
    expect((await ent.get('/api/enterprises?q=检测')).json().total).toBe(0);
  });

  it('rejects a bad filter with a field error', async () => {
    const res = await officer.get('/api/enterprises?pageSize=1000&sizeClass=huge');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(expect.arrayContaining(['pageSize', 'sizeClass']));
  });
});

describe('enterprise file (一企一档)', () => {
  it('returns profile, contacts with masked phones, and what the reader may edit', async () => {
    const file = (await officer.get(`/api/enterprises/${zsyId}`)).json();
    expect(file).toMatchObject({ name: '中双元（杭州）科技有限公司', industryName: '实验分析仪器制造', divisionName: '良渚街道', canEdit: true });
    expect(file.contacts.length).toBeGreaterThan(0);
    for (const c of file.contacts) expect(c.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(file.editableFields).toContain('creditCode');
    const own = (await ent.get(`/api/enterprises/${zsyId}`)).json();
    expect(own.editableFields).not.toContain('creditCode');
    expect(own.editableFields).toContain('employees');
  });

  it.each(['', '/history'])('is not found for someone outside its scope (%s)', async (suffix) => {
    for (const [who, id] of [[ent, otherStreetId], [streetOfficer, otherStreetId]] as const) {
      const res = await who.get(`/api/enterprises/${id}${suffix}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ENTERPRISE_NOT_FOUND');
    }
  });

  it('reveals a contact phone only on request, and audits the read', async () => {
    const file = (await officer.get(`/api/enterprises/${zsyId}`)).json();
    const contact = file.contacts[0];
    const res = await officer.post(`/api/enterprises/${zsyId}/contacts/${contact.id}/reveal`);
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toMatch(/^1\d{10}$/);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact.reveal').where('entity_id', '=', contact.id).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(res.json().phone);
    expect((await ent.post(`/api/enterprises/${otherStreetId}/contacts/${contact.id}/reveal`)).statusCode).toBe(404);
  });
});

describe('creating and editing', () => {
  it('creates an enterprise, derives its size class and audits it', async () => {
    const res = await officer.post('/api/enterprises', newEnterprise());
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file.sizeClass).toBe('medium'); // software: 120 people, 5,000 万元 revenue
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'enterprise.create').where('entity_id', '=', file.id).executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe('陈建国');
    expect(audit.after).toMatchObject({ creditCode: file.creditCode });
  });

  it('rejects a credit code with a wrong check character, naming the field', async () => {
    const good = makeCreditCode('91330110MA2TKT002');
    const bad = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const res = await officer.post('/api/enterprises', newEnterprise({ creditCode: bad, name: '校验位错误有限公司' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.creditCode).toContain('校验位');
  });

  it.each([
    [{ industryCode: '6510' }, 'industryCode'],
    [{ divisionCode: '330110999' }, 'divisionCode'],
    [{ parkId: '00000000-0000-4000-8000-000000000000' }, 'parkId'],
  ])('rejects references that do not exist: %j', async (over, field) => {
    const res = await officer.post('/api/enterprises', newEnterprise({ creditCode: makeCreditCode('91330110MA2TKT003'), ...over }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(field);
  });

  it('refuses a second enterprise with the same credit code', async () => {
    const res = await officer.post('/api/enterprises', newEnterprise({ name: '重复代码有限公司' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('lets a street officer register only in the street', async () => {
    const res = await streetOfficer.post('/api/enterprises', newEnterprise({ creditCode: makeCreditCode('91330110MA2TKT004'), divisionCode: DEMO_STREETS.cangqian }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.divisionCode).toBeDefined();
  });

  it('updates with optimistic locking and keeps the history of changes', async () => {
    const file = (await officer.get(`/api/enterprises/${zsyId}`)).json();
    const input = { ...pickInput(file), employees: 300, version: file.version };
    const res = await officer.put(`/api/enterprises/${zsyId}`, input);
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(file.version + 1);
    expect(res.json().sizeClass).toBe('medium'); // 300 people, 8,600 万元: both at 中型 level
    const stale = await officer.put(`/api/enterprises/${zsyId}`, { ...input, employees: 10 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    const history = (await officer.get(`/api/enterprises/${zsyId}/history`)).json();
    expect(history[0]).toMatchObject({ action: 'enterprise.update', actorName: '陈建国', before: { employees: 126 }, after: { employees: 300 } });
  });

  it('lets an enterprise edit its own figures but not its identity or official flags', async () => {
    const file = (await ent.get(`/api/enterprises/${zsyId}`)).json();
    const ok = await ent.put(`/api/enterprises/${zsyId}`, { ...pickInput(file), address: '良渚街道新址 1 号', version: file.version });
    expect(ok.statusCode).toBe(200);
    const latest = ok.json();
    for (const change of [{ name: '改名有限公司' }, { highTech: !latest.highTech }, { tags: ['自封标签'] }]) {
      const res = await ent.put(`/api/enterprises/${zsyId}`, { ...pickInput(latest), ...change, version: latest.version });
      expect(res.statusCode, JSON.stringify(change)).toBe(403);
      expect(Object.keys(res.json().error.fields)).toEqual(Object.keys(change));
    }
    expect((await ent.put(`/api/enterprises/${otherStreetId}`, { ...pickInput(latest), version: 1 })).statusCode).toBe(404);
    expect((await ent.post('/api/enterprises', newEnterprise({ creditCode: makeCreditCode('91330110MA2TKT005') }))).statusCode).toBe(403);
  });

  it('manages contacts with one primary contact at a time', async () => {
    const created = await ent.post(`/api/enterprises/${zsyId}/contacts`, { name: '王芳', title: '人事经理', phone: '13812345678', email: 'hr@example.com', isPrimary: true });
    expect(created.statusCode).toBe(201);
    expect(created.json().phone).toBe('138****5678');
    const file = (await ent.get(`/api/enterprises/${zsyId}`)).json();
    expect(file.contacts.filter((c: any) => c.isPrimary).map((c: any) => c.name)).toEqual(['王芳']);
    const bad = await ent.post(`/api/enterprises/${zsyId}/contacts`, { name: '李四', phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.phone).toBeDefined();
    const id = created.json().id;
    expect((await ent.put(`/api/enterprises/${zsyId}/contacts/${id}`, { name: '王芳', title: '人力总监', phone: '13812345678' })).json().title).toBe('人力总监');
    expect((await ent.delete(`/api/enterprises/${zsyId}/contacts/${id}`)).statusCode).toBe(204);
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['contact.create', 'contact.update', 'contact.delete']);
    const logged = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', id).execute();
    expect(JSON.stringify(logged)).not.toContain('13812345678');
  });
});

describe('export', () => {
  it('exports exactly the filtered list, in the import template columns', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await officer.get(`/api/enterprises/export.xlsx?division=${DEMO_STREETS.wuchang}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    const total = (await officer.get(`/api/enterprises?division=${DEMO_STREETS.wuchang}`)).json().total;
    expect(ws.rowCount - 1).toBe(total);
    const audit = await t.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'enterprise.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: total });
  });

  it('gives an enterprise user nothing but its own row', async () => {
    const tagged = await t.as('leader');
    expect((await tagged.get('/api/enterprises/export.xlsx')).statusCode).toBe(200);
    expect((await ent.get('/api/enterprises/export.xlsx')).statusCode).toBe(403);
  });
});

function pickInput(f: any) {
  const keys = ['creditCode', 'name', 'legalRepresentative', 'establishedOn', 'registeredCapitalFen', 'industryCode', 'divisionCode', 'parkId',
    'address', 'employees', 'revenueFen', 'assetsFen', 'aboveScale', 'highTech', 'listed', 'tags', 'status', 'businessScope'];
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}
