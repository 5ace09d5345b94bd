import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { distanceM } from './domain/geo';
import { STORY_ENTERPRISE, STORY_LAB } from './seed/demo-directory';

let t: TestApp;
let dispatcher: Client;
let agent: Client;
let ent: Client;
let leader: Client;
let storyRequestId: string;
let zsyId: string;

beforeAll(async () => {
  t = await createTestApp();
  [dispatcher, agent, ent, leader] = await Promise.all([t.as('dispatcher'), t.as('agent'), t.as('ent_zsy'), t.as('service_leader')]);
  zsyId = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', STORY_ENTERPRISE.name).executeTakeFirstOrThrow()).id;
  storyRequestId = (await t.deps.db.selectFrom('service_requests').select('id').where('title', '=', '新产品需要第三方检测，急需就近检测机构').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const providerBody = (over: Record<string, unknown> = {}) => ({
  name: '杭州测试近邻检测有限公司', kind: 'testing_lab', address: '良渚街道测试路 1 号', divisionCode: '330110010',
  contactName: '测试', contactPhone: '13800001111', openingHours: '周一至周五',
  location: { lat: STORY_ENTERPRISE.lat + 0.0005, lng: STORY_ENTERPRISE.lng + 0.0005, system: 'gcj02' },
  services: [{ capabilityCode: 'testing.emc', name: 'EMC 预测试' }],
  ...over,
});

describe('the gate', () => {
  it('401 for strangers, 403 for users without the directory permissions', async () => {
    expect((await t.anonymous.get('/api/service/directory/providers')).statusCode).toBe(401);
    expect((await t.anonymous.get(`/api/service/directory/nearest?requestId=${storyRequestId}`)).statusCode).toBe(401);
    expect((await ent.get('/api/service/directory/providers')).statusCode).toBe(403);
    expect((await agent.post('/api/service/directory/providers', providerBody())).statusCode).toBe(403);
    expect((await leader.post('/api/service/directory/recommendations', { providerId: zsyId, capabilityCode: 'testing', enterpriseId: zsyId })).statusCode).toBe(403);
    expect((await agent.post('/api/service/directory/capabilities', { code: 'x', name: 'x' })).statusCode).toBe(403);
    expect((await agent.get('/api/service/directory/providers/import-template.xlsx')).statusCode).toBe(403);
  });
});

describe('nearest matching', () => {
  it('finds the story lab first for 中双元\'s testing request, less than a kilometre away, with the great-circle distance', async () => {
    const res = await agent.get(`/api/service/directory/nearest?requestId=${storyRequestId}&capability=testing&limit=5`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.origin).toMatchObject({ lat: STORY_ENTERPRISE.lat, lng: STORY_ENTERPRISE.lng, enterpriseId: zsyId });
    expect(body.providers[0]).toMatchObject({ name: STORY_LAB.name, contactPhone: expect.stringMatching(/\*{4}/) });
    expect(body.providers[0].distanceM).toBe(Math.round(distanceM(STORY_ENTERPRISE, STORY_LAB)));
    expect(body.providers[0].distanceM).toBeLessThan(1000);
    const d = body.providers.map((p: { distanceM: number }) => p.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(body.providers.every((p: { capabilities: { code: string }[] }) => p.capabilities.some((c) => c.code.startsWith('testing')))).toBe(true);
  });

  it('agrees with a scan of the database for a point, every capability', async () => {
    const from = { lat: 30.3, lng: 120.0 };
    const rows = await t.deps.db.selectFrom('service_providers as p').innerJoin('service_provider_services as s', 's.provider_id', 'p.id')
      .select(['p.id', 'p.lat', 'p.lng', 's.capability_code']).where('p.status', '=', 'active').execute();
    for (const cap of ['finance', 'legal.labor', 'training']) {
      const ids = [...new Set(rows.filter((r) => r.capability_code === cap || r.capability_code.startsWith(`${cap}.`)).map((r) => r.id))];
      const want = ids.map((id) => { const r = rows.find((x) => x.id === id)!; return { id, d: distanceM(from, r) }; }).sort((a, b) => a.d - b.d).slice(0, 4).map((x) => x.id);
      const got = (await agent.get(`/api/service/directory/nearest?lat=${from.lat}&lng=${from.lng}&capability=${cap}&limit=4`)).json();
      expect(got.providers.map((p: { id: string }) => p.id)).toEqual(want);
    }
  });

  it('says what is missing: no origin, two origins, an enterprise without location, an unknown capability, a request out of scope', async () => {
    expect((await agent.get('/api/service/directory/nearest?capability=testing')).json().error.code).toBe('DIRECTORY_ORIGIN_REQUIRED');
    expect((await agent.get(`/api/service/directory/nearest?enterpriseId=${zsyId}&lat=30&lng=120`)).json().error.code).toBe('DIRECTORY_ORIGIN_REQUIRED');
    expect((await agent.get(`/api/service/directory/nearest?enterpriseId=${zsyId}&capability=quantum`)).json().error.code).toBe('DIRECTORY_CAPABILITY_UNKNOWN');
    const other = await t.deps.db.selectFrom('enterprises').select('id').where('id', '!=', zsyId).orderBy('credit_code', 'desc').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('enterprises').set({ lat: null, lng: null }).where('id', '=', other.id).execute();
    const res = await agent.get(`/api/service/directory/nearest?enterpriseId=${other.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DIRECTORY_ORIGIN_WITHOUT_LOCATION');
    // a request the agent's unit was never given: 404, as if it did not exist
    const foreign = await t.deps.db.selectFrom('service_requests as r').select('r.id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('service_request_units as su').select('su.unit_id').whereRef('su.request_id', '=', 'r.id'))))
      .where('r.created_by', 'is not', null).executeTakeFirstOrThrow();
    expect((await agent.get(`/api/service/directory/nearest?requestId=${foreign.id}`)).statusCode).toBe(404);
  });
});

describe('providers', () => {
  it('registers a provider (WGS-84 converted into GCJ-02) with its audit entry, and the next search finds it at once (version counter)', async () => {
    const before = (await agent.get(`/api/service/directory/nearest?enterpriseId=${zsyId}&capability=testing.emc&limit=1`)).json();
    const res = await dispatcher.post('/api/service/directory/providers', providerBody({ location: { lat: STORY_ENTERPRISE.lat, lng: STORY_ENTERPRISE.lng, system: 'wgs84' } }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p.lng).toBeGreaterThan(STORY_ENTERPRISE.lng); // GCJ-02 lies east of WGS-84 here
    expect(distanceM(p, STORY_ENTERPRISE)).toBeGreaterThan(300);
    const after = (await agent.get(`/api/service/directory/nearest?enterpriseId=${zsyId}&capability=testing.emc&limit=1`)).json();
    expect(after.directoryVersion).toBeGreaterThan(before.directoryVersion);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'service.provider.create').where('entity_id', '=', p.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).not.toContain('13800001111');

    // deactivated: out of the search
    const upd = await dispatcher.put(`/api/service/directory/providers/${p.id}`, { ...providerBody(), status: 'inactive', version: p.version });
    expect(upd.statusCode).toBe(200);
    const gone = (await agent.get(`/api/service/directory/nearest?enterpriseId=${zsyId}&capability=testing.emc&limit=20`)).json();
    expect(gone.providers.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await dispatcher.put(`/api/service/directory/providers/${p.id}`, { ...providerBody(), status: 'active', version: p.version })).statusCode).toBe(409);
    // the full phone: audited
    const reveal = await agent.post(`/api/service/directory/providers/${p.id}/reveal`);
    expect(reveal.json()).toEqual({ contactPhone: '13800001111' });
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'service.provider.reveal').where('entity_id', '=', p.id).executeTakeFirst()).toBeDefined();
  });

  it('refuses a location outside the county, swapped numbers and an unknown capability, each saying so', async () => {
    const far = await dispatcher.post('/api/service/directory/providers', providerBody({ name: 'x1', location: { lat: 39.9, lng: 116.4, system: 'gcj02' } }));
    expect(far.statusCode).toBe(400);
    expect(far.json().error).toMatchObject({ code: 'DIRECTORY_LOCATION_INVALID', message: expect.stringContaining('不在本区县范围内') });
    const swapped = await dispatcher.post('/api/service/directory/providers', providerBody({ name: 'x2', location: { lat: 120.03, lng: 30.38, system: 'gcj02' } }));
    expect(swapped.statusCode).toBe(400);
    const unknown = await dispatcher.post('/api/service/directory/providers', providerBody({ name: 'x3', services: [{ capabilityCode: 'magic', name: 'x' }] }));
    expect(unknown.json().error).toMatchObject({ code: 'DIRECTORY_CAPABILITY_UNKNOWN', message: expect.stringContaining('magic') });
    expect(await t.deps.db.selectFrom('service_providers').select('id').where('name', 'in', ['x1', 'x2', 'x3']).execute()).toEqual([]);
  });

  it('keeps a configurable capability tree: a child needs its parent, codes are unique', async () => {
    expect((await dispatcher.post('/api/service/directory/capabilities', { code: 'nothere.child', name: '孤儿' })).json().error.code).toBe('DIRECTORY_CAPABILITY_PARENT_MISSING');
    const ok = await dispatcher.post('/api/service/directory/capabilities', { code: 'testing.noise', name: '噪声检测' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'testing.noise', parentCode: 'testing', providerCount: 0 });
    expect((await dispatcher.post('/api/service/directory/capabilities', { code: 'testing.noise', name: '噪声检测' })).statusCode).toBe(409);
  });

  it('imports from a file with a row error report, writes only the valid rows when asked, and a second import changes nothing', async () => {
    const header = '机构名称,机构类型,能力分类,服务项目,联系电话,地址,街道代码,纬度,经度,坐标系';
    const rows = [
      '导入甲检测有限公司,检验检测机构,材料检测,拉伸试验,0571-88880001,良渚街道甲路 1 号,330110010,30.381,120.031,',
      '导入乙律师事务所,律师事务所,legal.labor,,,仓前街道乙路 2 号,330110012,30.29,119.99,百度',
      '导入丙银行,银行,量子金融,,,五常街道丙路 3 号,330110005,30.28,120.05,',
      '导入丁检测有限公司,检验检测机构,testing,,,远方,,39.9,116.4,',
    ];
    const csv = Buffer.from(`\uFEFF${[header, ...rows].join('\n')}\n`, 'utf8');
    const batch = (await dispatcher.upload('/api/service/directory/providers/imports', '服务机构.csv', csv)).json();
    expect(batch).toMatchObject({ kind: 'service_providers', totalRows: 4, validRows: 2 });
    expect(batch.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[4, '能力分类'], [5, '纬度/经度']]);
    expect((await dispatcher.post(`/api/imports/${batch.id}/commit`, { onlyValid: false })).json().error.code).toBe('IMPORT_HAS_ERRORS');
    expect((await dispatcher.post(`/api/imports/${batch.id}/commit`, { onlyValid: true })).statusCode).toBe(202);
    await t.deps.jobs.drain();
    const created = await t.deps.db.selectFrom('service_providers').select(['name', 'lat', 'lng']).where('name', 'like', '导入%').orderBy('name').execute();
    expect(created.map((c) => c.name)).toEqual(['导入乙律师事务所', '导入甲检测有限公司']);
    expect(created[0]!.lng).toBeLessThan(119.99); // BD-09 converted: Baidu's numbers lie east of GCJ-02

    const again = (await dispatcher.upload('/api/service/directory/providers/imports', 'again.csv', Buffer.from(`${[header, rows[0], rows[1]].join('\n')}\n`))).json();
    const job = (await dispatcher.post(`/api/imports/${again.id}/commit`, { onlyValid: false })).json();
    await t.deps.jobs.drain();
    expect((await dispatcher.get(`/api/jobs/${job.jobId}`)).json().result).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const exp = await dispatcher.get('/api/service/directory/providers/export.xlsx?q=导入');
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(3);
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('机构名称');
  });

  it('imports an Excel file filled in from the template: numbers as numbers, each bad row reported by its line', async () => {
    // The template as a user downloads it, filled in with exceljs (what the platform reads and writes .xlsx with).
    const template = await dispatcher.get('/api/service/directory/providers/import-template.xlsx');
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const put = (line: number, cells: Record<string, string | number>) => {
      for (const [column, value] of Object.entries(cells)) {
        const index = headers.indexOf(column);
        expect(index, column).toBeGreaterThanOrEqual(0);
        sheet.getRow(line).getCell(index + 1).value = value;
      }
    };
    put(2, { 机构名称: 'Excel甲检测有限公司', 机构类型: '检验检测机构', 能力分类: '材料检测', 服务项目: '硬度试验', 联系电话: '0571-88880002', 地址: '良渚街道 Excel 路 1 号', 街道代码: '330110010', 纬度: 30.3815, 经度: 120.0302 });
    // longitude and latitude the wrong way round, as numbers
    put(3, { 机构名称: 'Excel乙检测有限公司', 机构类型: '检验检测机构', 能力分类: 'testing', 地址: '仓前街道 Excel 路 2 号', 纬度: 120.0302, 经度: 30.3815 });
    put(4, { 机构名称: 'Excel丙咨询有限公司', 机构类型: '咨询机构', 能力分类: '星际咨询', 地址: '五常街道 Excel 路 3 号', 纬度: 30.28, 经度: 120.05 });
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const batch = (await dispatcher.upload('/api/service/directory/providers/imports', '服务机构.xlsx', file)).json();
    expect(batch).toMatchObject({ kind: 'service_providers', totalRows: 3, validRows: 1 });
    expect(batch.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([[3, '纬度/经度'], [4, '能力分类']]);
    expect(batch.errors[0].message).toBe('经度和纬度似乎填反了（纬度 120.0302，经度 30.3815）');
    expect(batch.errors[1].message).toContain('未知的能力分类“星际咨询”');
    expect((await dispatcher.post(`/api/imports/${batch.id}/commit`, { onlyValid: false })).json().error.code).toBe('IMPORT_HAS_ERRORS');
    const job = (await dispatcher.post(`/api/imports/${batch.id}/commit`, { onlyValid: true })).json();
    await t.deps.jobs.drain();
    expect((await dispatcher.get(`/api/jobs/${job.jobId}`)).json().result).toEqual({ created: 1, updated: 0, unchanged: 0 });

    const created = await t.deps.db.selectFrom('service_providers').select(['id', 'name', 'kind', 'lat', 'lng', 'division_code', 'contact_phone']).where('name', 'like', 'Excel%').execute();
    expect(created).toEqual([expect.objectContaining({ name: 'Excel甲检测有限公司', kind: 'testing_lab', lat: 30.3815, lng: 120.0302, division_code: '330110010', contact_phone: '0571-88880002' })]);
    const services = await t.deps.db.selectFrom('service_provider_services').select(['capability_code', 'name']).where('provider_id', '=', created[0]!.id).execute();
    expect(services).toEqual([{ capability_code: 'testing.materials', name: '硬度试验' }]);
  });
});

describe('recommendations', () => {
  it('records the recommended provider on the request\'s timeline, then whether it helped', async () => {
    const open = await t.deps.db.selectFrom('service_requests as r').innerJoin('service_request_units as su', 'su.request_id', 'r.id')
      .innerJoin('users as u', 'u.department_id', 'su.unit_id').select(['r.id', 'r.enterprise_id'])
      .where('u.username', '=', 'agent').where('r.enterprise_id', 'is not', null).where('r.status', 'not in', ['closed', 'merged']).executeTakeFirstOrThrow();
    const near = (await agent.get(`/api/service/directory/nearest?requestId=${open.id}&capability=finance&limit=1`)).json();
    const rec = await agent.post('/api/service/directory/recommendations', { providerId: near.providers[0].id, capabilityCode: 'finance', requestId: open.id, note: '科技贷款对接' });
    expect(rec.statusCode).toBe(201);
    expect(rec.json()).toMatchObject({ outcome: 'pending', enterpriseId: open.enterprise_id, distanceM: near.providers[0].distanceM, recommendedByName: '助企服务员 沈佳' });
    const timeline = (await agent.get(`/api/service/requests/${open.id}`)).json().events;
    expect(timeline.at(-1)).toMatchObject({ type: 'resource_recommended', actorRole: 'service_agent', payload: { providerName: near.providers[0].name, distanceM: near.providers[0].distanceM } });

    const out = await agent.put(`/api/service/directory/recommendations/${rec.json().id}/outcome`, { outcome: 'helped', note: '已放款', version: 1 });
    expect(out.json()).toMatchObject({ outcome: 'helped', outcomeNote: '已放款', version: 2 });
    expect((await agent.put(`/api/service/directory/recommendations/${rec.json().id}/outcome`, { outcome: 'not_helped', version: 1 })).statusCode).toBe(409);
    expect((await agent.get(`/api/service/requests/${open.id}`)).json().events.at(-1)).toMatchObject({ type: 'resource_outcome', payload: { outcome: 'helped' } });
    // in the enterprise's file, and counted in its park's
    const list = (await agent.get(`/api/service/directory/recommendations?enterpriseId=${open.enterprise_id}`)).json();
    expect(list.map((r: { id: string }) => r.id)).toContain(rec.json().id);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'service.recommendation.outcome').where('entity_id', '=', rec.json().id).executeTakeFirst()).toBeDefined();
  });

  it('shows the demo story on the park file: the lab helped 中双元', async () => {
    const park = await t.deps.db.selectFrom('enterprises').select('park_id').where('id', '=', zsyId).executeTakeFirstOrThrow();
    const fig = (await leader.get(`/api/service/directory/parks/${park.park_id}/recommendations`)).json();
    expect(fig.total).toBeGreaterThan(0);
    expect(fig.topProviders.map((p: { name: string }) => p.name)).toContain(STORY_LAB.name);
    expect(fig.helped + fig.notHelped + fig.pending).toBe(fig.total);
    expect((await agent.get(`/api/service/directory/parks/${park.park_id}/recommendations`)).statusCode).toBe(403);
  });

  it('sets an enterprise\'s location from a GPS reading, audited', async () => {
    const res = await agent.put(`/api/service/directory/enterprises/${zsyId}/location`, { location: { lat: 30.38, lng: 120.025, system: 'wgs84' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().lng).toBeGreaterThan(120.025);
    expect((await agent.put(`/api/service/directory/enterprises/${zsyId}/location`, { location: { lat: 31.5, lng: 121.5, system: 'gcj02' } })).statusCode).toBe(400);
    await agent.put(`/api/service/directory/enterprises/${zsyId}/location`, { location: { lat: STORY_ENTERPRISE.lat, lng: STORY_ENTERPRISE.lng, system: 'gcj02' } });
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'enterprise.location').where('entity_id', '=', zsyId).execute()).toHaveLength(2); // the refused one wrote nothing
  });
});
