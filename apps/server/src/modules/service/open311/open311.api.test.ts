import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';

// Conformance with Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), rule by rule.
let now = new Date('2026-03-10T01:00:00Z'); // Tuesday 09:00 in Asia/Shanghai
const BASE = '/api/open311/v2';
const W3C_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'];

let t: TestApp;
let admin: Client;
let dispatcher: Client;
let leader: Client;
let operator: Client;
let apiKey: string;
let keyId: string;
let zsy: { id: string; credit_code: string; name: string };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (fields: Record<string, string>, url = `${BASE}/requests.json`) =>
  t.app.inject({ method: 'POST', url, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
const get = (url: string) => t.app.inject({ method: 'GET', url });

const valid = (over: Record<string, string> = {}) => ({
  api_key: apiKey, service_code: 'testing', address_string: '良渚街道 良渚大道 618 号', lat: '30.3712', long: '120.0301',
  description: '新研发的仪器需要第三方检测报告', first_name: '经理', last_name: '王', phone: '13912345678', email: 'wang@example.com',
  'attribute[credit_code]': zsy.credit_code, ...over,
});

/** The spec's error body: an array of { code, description }. */
function expectErrors(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(typeof e.description).toBe('string');
    expect(e.description.length).toBeGreaterThan(0);
  }
  return body as { code: number | string; description: string }[];
}

/** Every field of a request as GET requests returns it. */
function expectRequestShape(r: Record<string, unknown>) {
  expect(typeof r.service_request_id).toBe('string');
  expect(['open', 'closed']).toContain(r.status);
  expect(r.requested_datetime).toMatch(W3C_WITH_ZONE);
  expect(r.updated_datetime).toMatch(W3C_WITH_ZONE);
  if (r.expected_datetime !== null) expect(r.expected_datetime).toMatch(W3C_WITH_ZONE);
  if (r.service_code !== null) expect(typeof r.service_code).toBe('string');
  for (const k of ['status_notes', 'service_name', 'description', 'agency_responsible', 'service_notice', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']) {
    expect(r, k).toHaveProperty(k);
  }
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } });
  admin = await t.as('admin');
  for (const [name, role] of [['o_dispatcher', 'service_dispatcher'], ['o_leader', 'service_leader'], ['o_operator', 'service_operator']]) {
    expect((await admin.post('/api/users', { username: name, displayName: name, password: 'Open311#2026', roles: [role] })).statusCode).toBe(201);
  }
  dispatcher = await t.as('o_dispatcher', 'Open311#2026');
  leader = await t.as('o_leader', 'Open311#2026');
  operator = await t.as('o_operator', 'Open311#2026');
  zsy = await t.deps.db.selectFrom('enterprises').select(['id', 'credit_code', 'name']).where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow();
  const res = await dispatcher.post('/api/service/open311-keys', { name: '县政务 App' });
  expect(res.statusCode, res.body).toBe(201);
  apiKey = res.json().key;
  keyId = res.json().id;
});
afterAll(() => t.close());

describe('API keys (/api/service/open311-keys, service.configure)', () => {
  it('a key is shown once; the list shows its prefix only; creating and revoking are audited', async () => {
    expect(apiKey).toMatch(/^zz311_[\w-]{43}$/);
    const list = (await dispatcher.get('/api/service/open311-keys')).json();
    expect(list.find((k: { id: string }) => k.id === keyId)).toMatchObject({ name: '县政务 App', prefix: apiKey.slice(0, 10), revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(apiKey);
    const stored = await t.deps.db.selectFrom('service_open311_keys').selectAll().where('id', '=', keyId).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(apiKey.slice(6));
    const other = (await dispatcher.post('/api/service/open311-keys', { name: '试用' })).json();
    const revoked = await dispatcher.post(`/api/service/open311-keys/${other.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expectErrors(await post(valid({ api_key: other.key })), 403);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'service_open311_key').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['service.open311_key.create', 'service.open311_key.create', 'service.open311_key.revoke']);
    expect(JSON.stringify(audit)).not.toContain(other.key);
  });

  it('401 for strangers, 403 without service.configure, 404 for an unknown key', async () => {
    expect((await t.anonymous.get('/api/service/open311-keys')).statusCode).toBe(401);
    expect((await leader.get('/api/service/open311-keys')).statusCode).toBe(403);
    expect((await leader.post('/api/service/open311-keys', { name: 'x' })).statusCode).toBe(403);
    expect((await dispatcher.post('/api/service/open311-keys/00000000-0000-4000-8000-000000000000/revoke')).statusCode).toBe(404);
  });
});

describe('discovery', () => {
  it('has changeset, contact, key_service and the GeoReport v2 endpoint with its formats (JSON only)', async () => {
    const res = await get(`${BASE}/discovery.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = res.json();
    expect(d.changeset).toMatch(W3C_WITH_ZONE);
    expect(d.contact).toBeTruthy();
    expect(d.key_service).toBeTruthy();
    expect(d.endpoints).toEqual([{ specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/api\/open311\/v2$/), changeset: d.changeset, type: 'production', formats: ['application/json'] }]);
  });
  it('XML is not offered: a 400 in the spec\'s error format says so', async () => {
    expect(expectErrors(await get(`${BASE}/discovery.xml`), 400)[0]!.description).toMatch(/XML/);
    expectErrors(await get(`${BASE}/services.xml`), 400);
    expectErrors(await get(`${BASE}/services/policy.xml`), 400);
  });
});

describe('GET services and service definitions', () => {
  it('lists the active categories with every field the spec names, codes as strings', async () => {
    const res = await get(`${BASE}/services.json`);
    expect(res.statusCode).toBe(200);
    const services = res.json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual(expect.arrayContaining(['policy', 'factors', 'factors.land', 'testing']));
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
      expect(typeof s.keywords).toBe('string'); // a comma separated list
    }
    expect(services.find((s: { service_code: string }) => s.service_code === 'factors.land')).toMatchObject({ service_name: '用地', group: '要素保障', type: 'realtime' });
  });

  it('a definition: service_code and attributes with the spec\'s fields; unknown codes 404', async () => {
    const res = await get(`${BASE}/services/factors.land.json`);
    expect(res.statusCode).toBe(200);
    const def = res.json();
    expect(def.service_code).toBe('factors.land');
    const orders = def.attributes.map((a: { order: number }) => a.order);
    expect(new Set(orders).size).toBe(orders.length);
    for (const a of def.attributes) {
      expect(typeof a.variable).toBe('boolean');
      expect(typeof a.code).toBe('string');
      expect(DATATYPES).toContain(a.datatype);
      expect(typeof a.required).toBe('boolean');
      expect(Number.isInteger(a.order) && a.order > 0).toBe(true);
      expect(typeof a.description).toBe('string');
    }
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['credit_code', 'organization_name', 'title']);
    expectErrors(await get(`${BASE}/services/nothing.json`), 404);
  });

  it('jurisdiction_id: ours (the county code) or empty is fine, another is a 404', async () => {
    expect((await get(`${BASE}/services.json?jurisdiction_id=330110`)).statusCode).toBe(200);
    expect((await get(`${BASE}/services.json?jurisdiction_id=`)).statusCode).toBe(200);
    expectErrors(await get(`${BASE}/services.json?jurisdiction_id=sfgov.org`), 404);
    expectErrors(await get(`${BASE}/requests.json?jurisdiction_id=sfgov.org`), 404);
  });
});

describe('POST requests', () => {
  it('403 without an api_key or with a wrong one, before anything else is looked at', async () => {
    const { api_key: _k, ...noKey } = valid();
    expect(expectErrors(await post(noKey), 403)[0]!.code).toBe(403);
    expectErrors(await post(valid({ api_key: '' })), 403);
    expectErrors(await post({ api_key: 'zz311_wrong' }), 403);
  });

  it('400 when service_code is missing, 404 when it does not exist', async () => {
    expectErrors(await post(valid({ service_code: '' })), 400);
    expectErrors(await post(valid({ service_code: 'potholes' })), 404);
  });

  it('400 without a location (lat & long, address_string or address_id), or with lat alone', async () => {
    const { lat: _a, long: _b, address_string: _c, ...noPlace } = valid();
    expect(expectErrors(await post(noPlace), 400)[0]!.description).toMatch(/location/);
    const { long: _d, address_string: _e, ...latOnly } = valid();
    expectErrors(await post(latOnly), 400);
    expectErrors(await post(valid({ lat: '95', long: '120' })), 400);
  });

  it('400 for a missing description, HTML in it, or an unregistered organisation without a name; several errors at once', async () => {
    expectErrors(await post(valid({ description: '' })), 400);
    expectErrors(await post(valid({ description: '<script>alert(1)</script>' })), 400);
    expectErrors(await post(valid({ 'attribute[credit_code]': '' })), 400);
    const many = expectErrors(await post(valid({ description: '', phone: 'call me', 'attribute[credit_code]': '' })), 400);
    expect(many.length).toBe(3);
  });

  it('creates a request through the lifecycle: [{ service_request_id (a string), service_notice, account_id }], no token', async () => {
    const res = await post(valid({ account_id: 'acct-42', media_url: 'https://example.com/p.jpg' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json();
    expect(body).toHaveLength(1);
    expect(Object.keys(body[0]).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(body[0].service_request_id).toMatch(/^\d+$/);
    expect(body[0].service_notice).toMatch(/当天受理/);
    expect(body[0].account_id).toBe('acct-42');

    // Inside: the same request as the hotline records, on channel open311, for the enterprise of the credit code.
    const list = (await operator.get(`/api/service/requests?q=${body[0].service_request_id}`)).json();
    expect(list.items).toHaveLength(1);
    const detail = (await operator.get(`/api/service/requests/${list.items[0].id}`)).json();
    expect(detail).toMatchObject({ channel: 'open311', status: 'submitted', enterpriseId: zsy.id, categoryId: 'testing', contactName: '王经理', location: '良渚街道 良渚大道 618 号' });
    expect(detail.events[0]).toMatchObject({ type: 'submitted', actorRole: 'office_operator', actorName: 'Open311：县政务 App' });
    expect(detail.steps[0]).toMatchObject({ step: 'accept', completedAt: null });
    expect(detail.steps[0].dueAt).toBe('2026-03-10T15:59:59.999Z'); // 当天受理: by the end of the local day
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', detail.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'service.request.create', actor_id: null, actor_name: 'Open311：县政务 App' });
    expect(JSON.stringify(audit.after)).not.toContain('13912345678');
  });

  it('an unregistered organisation is recorded with its name; JSON bodies with attribute objects work too', async () => {
    const res = await t.app.inject({
      method: 'POST', url: `${BASE}/requests.json`,
      payload: { api_key: apiKey, service_code: 'finance', address_id: 'A-17', description: '想了解转贷政策', attribute: { organization_name: '未登记的小微企业' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json()[0].service_request_id;
    const inside = (await operator.get(`/api/service/requests?q=${id}`)).json().items[0];
    expect(inside).toMatchObject({ enterpriseId: null, enterpriseName: '未登记的小微企业', channel: 'open311' });
  });
});

describe('GET requests and GET request', () => {
  let posted: string;
  let hotline: { id: string; number: number };
  beforeAll(async () => {
    posted = (await post(valid({ description: '公开可见的诉求描述' }))).json()[0].service_request_id;
    const res = await operator.post('/api/service/requests', {
      enterpriseId: zsy.id, channel: 'hotline', title: '私密的热线诉求', description: '热线里讲的经营困难，不公开', contactName: '李会计', contactPhone: '13800001111',
    });
    hotline = res.json();
  });

  it('GET request: an array of one, with every field; times in W3C with a time zone; ids as strings', async () => {
    const res = await get(`${BASE}/requests/${posted}.json`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toHaveLength(1);
    expectRequestShape(body[0]);
    expect(body[0]).toMatchObject({
      service_request_id: posted, status: 'open', service_code: 'testing', service_name: '检测认证', description: '公开可见的诉求描述',
      requested_datetime: '2026-03-10T09:00:00+08:00', address: '良渚街道 良渚大道 618 号', lat: 30.3712, long: 120.0301,
    });
    expect(body[0].expected_datetime).toBeNull(); // the resolve step's deadline exists once dispatched
  });

  it('never shows personal data, nor what a request from another channel said', async () => {
    const all = (await get(`${BASE}/requests.json`)).body;
    for (const secret of ['13912345678', '王经理', 'wang@example.com', '13800001111', '李会计', '热线里讲的经营困难', zsy.name, zsy.credit_code]) {
      expect(all, secret).not.toContain(secret);
    }
    const h = (await get(`${BASE}/requests/${hotline.number}.json`)).json()[0];
    expect(h).toMatchObject({ service_request_id: String(hotline.number), description: null, address: null, lat: null });
  });

  it('404 for an unknown or malformed service_request_id', async () => {
    expectErrors(await get(`${BASE}/requests/999999999.json`), 404);
    expectErrors(await get(`${BASE}/requests/abc.json`), 404);
    expectErrors(await get(`${BASE}/requests/${posted}`), 404);
  });

  it('default: the last 90 days, at most 1000, newest first', async () => {
    const body = (await get(`${BASE}/requests.json`)).json();
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThanOrEqual(1000);
    const earliest = now.getTime() - 90 * 86_400_000;
    for (const r of body) {
      expectRequestShape(r);
      expect(new Date(r.requested_datetime).getTime()).toBeGreaterThanOrEqual(earliest);
    }
    const times = body.map((r: { requested_datetime: string }) => new Date(r.requested_datetime).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters: service_code (comma list), status, start_date / end_date; service_request_id overrides the rest', async () => {
    const testing = (await get(`${BASE}/requests.json?service_code=testing,finance`)).json();
    expect(testing.length).toBeGreaterThan(0);
    expect(new Set(testing.map((r: { service_code: string }) => r.service_code))).toEqual(new Set(['testing', 'finance']));
    expect((await get(`${BASE}/requests.json?status=closed&service_code=testing`)).json().every((r: { status: string }) => r.status === 'closed')).toBe(true);
    expect((await get(`${BASE}/requests.json?status=open`)).json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(posted);
    const window = (await get(`${BASE}/requests.json?start_date=2026-03-10T08:59:00%2B08:00&end_date=2026-03-10T01:01:00Z`)).json();
    expect(window.map((r: { service_request_id: string }) => r.service_request_id)).toContain(posted);
    expect((await get(`${BASE}/requests.json?start_date=2026-03-11T00:00:00Z&end_date=2026-03-12T00:00:00Z`)).json()).toEqual([]);
    const byId = (await get(`${BASE}/requests.json?service_request_id=${posted},${hotline.number}&status=closed&service_code=policy`)).json();
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([posted, String(hotline.number)].sort());
  });

  it('400 for a date without a time zone, a range over 90 days, an unknown status; 404 for an unknown service_code', async () => {
    expect(expectErrors(await get(`${BASE}/requests.json?start_date=2026-03-01T00:00:00`), 400)[0]!.description).toMatch(/time zone/);
    expectErrors(await get(`${BASE}/requests.json?end_date=2026-03-01`), 400);
    expectErrors(await get(`${BASE}/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z`), 400);
    expectErrors(await get(`${BASE}/requests.json?status=pending`), 400);
    expectErrors(await get(`${BASE}/requests.json?service_code=potholes`), 404);
  });

  it('status follows the lifecycle: closed once resolved, updated_datetime then the time it was resolved', async () => {
    const units = (await dispatcher.get('/api/service/units')).json();
    const unit = units.find((u: { active: boolean }) => u.active);
    expect((await admin.post('/api/users', { username: 'o_unit', displayName: 'o_unit', password: 'Open311#2026', roles: ['service_unit'], departmentId: unit.id })).statusCode).toBe(201);
    const unitUser = await t.as('o_unit', 'Open311#2026');
    const id = (await operator.get(`/api/service/requests?q=${posted}`)).json().items[0].id;
    const act = async (c: Client, body: Record<string, unknown>) => {
      const version = (await dispatcher.get(`/api/service/requests/${id}`)).json().version;
      const res = await c.post(`/api/service/requests/${id}/actions`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await act(dispatcher, { action: 'accept' });
    await act(dispatcher, { action: 'dispatch', leadUnitId: unit.id });
    let r = (await get(`${BASE}/requests/${posted}.json`)).json()[0];
    expect(r).toMatchObject({ status: 'open', agency_responsible: expect.stringContaining(unit.name) });
    expect(r.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/); // 办结 within 5 working days
    now = new Date('2026-03-10T03:30:00Z');
    await act(unitUser, { action: 'sign' });
    await act(unitUser, { action: 'resolve', summary: '已推荐检测机构' });
    r = (await get(`${BASE}/requests/${posted}.json`)).json()[0];
    expect(r).toMatchObject({ status: 'closed', updated_datetime: '2026-03-10T11:30:00+08:00', expected_datetime: null });
    expect((await get(`${BASE}/requests.json?status=closed`)).json().map((x: { service_request_id: string }) => x.service_request_id)).toContain(posted);
  });
});

describe('tokens and unknown resources', () => {
  it('GET tokens: every service is realtime, so no token exists: 404 in the spec\'s format', async () => {
    expectErrors(await get(`${BASE}/tokens/12345.json`), 404);
  });
  it('anything else under the endpoint is a 404 in the spec\'s format', async () => {
    expectErrors(await get(`${BASE}/nothing.json`), 404);
    expectErrors(await t.app.inject({ method: 'DELETE', url: `${BASE}/requests.json` }), 404);
  });
});
