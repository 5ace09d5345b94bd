import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { countMetrics } from './metrics.count';
import { recountMetrics } from './metrics.recount';
import { METRIC_GROUPS, type MetricGroup, type MetricsFilter } from './schemas';

// The report's fast path (countMetrics over the figures rows of migration 0023, kept by triggers)
// against the straightforward recount over the step rows (metrics.recount.ts), on the demo county
// (six months of requests: returns, reopenings, merges) plus live actions through the API that
// return and re-dispatch, reopen after a dissatisfied follow-up, merge, pause and resume.
let now = new Date('2026-03-10T01:00:00Z');
const local = (s: string) => new Date(`${s}+08:00`);

let t: TestApp;
let admin: Client;
let operator: Client;
let dispatcher: Client;
let unit1: Client;
let unit2: Client;
const ids = {} as Record<'zsy' | 'u1' | 'u2', string>;
const PASSWORD = 'Figures#2026';

async function user(username: string, roles: string[], scope: { departmentId?: string } = {}): Promise<Client> {
  const res = await admin.post('/api/users', { username, displayName: username, password: PASSWORD, roles, ...scope });
  expect(res.statusCode, res.body).toBe(201);
  return t.as(username, PASSWORD);
}
async function actOk(c: Client, id: string, body: Record<string, unknown>) {
  const version = (await dispatcher.get(`/api/service/requests/${id}`)).json().version;
  const res = await c.post(`/api/service/requests/${id}/actions`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
}
async function created(): Promise<string> {
  const res = await operator.post('/api/service/requests', {
    enterpriseId: ids.zsy, channel: 'hotline', title: '用电报装', description: '新厂房需要报装', contactName: '王经理', contactPhone: '13912345678',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function dispatched(unitId: string): Promise<string> {
  const id = await created();
  await actOk(dispatcher, id, { action: 'accept', categoryId: 'factors.power' });
  await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: unitId });
  return id;
}

const figuresDrift = async () => (await sql<{ n: number }>`
  SELECT count(*)::int AS n FROM (
    (SELECT * FROM service_request_figures EXCEPT SELECT * FROM service_request_figures_source)
    UNION ALL
    (SELECT * FROM service_request_figures_source EXCEPT SELECT * FROM service_request_figures)
  ) d`.execute(t.deps.db)).rows[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } });
  admin = await t.as('admin');
  ids.zsy = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow()).id;
  for (const [k, name] of [['u1', '口径核对一科'], ['u2', '口径核对二科']] as const) {
    const res = await admin.post('/api/departments', { name });
    expect(res.statusCode, res.body).toBe(201);
    ids[k] = res.json().id;
  }
  operator = await user('f_operator', ['service_operator']);
  dispatcher = await user('f_dispatcher', ['service_dispatcher']);
  unit1 = await user('f_unit1', ['service_unit'], { departmentId: ids.u1 });
  unit2 = await user('f_unit2', ['service_unit'], { departmentId: ids.u2 });

  // Returned late by unit 1, re-dispatched to unit 2, answered, resolved, followed up dissatisfied (reopened), resolved again.
  const returned = await dispatched(ids.u1);
  now = local('2026-03-11T10:00:00');
  await actOk(unit1, returned, { action: 'return', reason: 'not_our_remit', note: '不属本科' });
  await actOk(dispatcher, returned, { action: 'dispatch', leadUnitId: ids.u2 });
  await actOk(unit2, returned, { action: 'sign' });
  await actOk(unit2, returned, { action: 'respond', content: '已联系' });
  await actOk(unit2, returned, { action: 'resolve', summary: '已办结' });
  await actOk(operator, returned, { action: 'follow_up', satisfaction: 'dissatisfied', solved: false, note: '未解决' });
  await actOk(dispatcher, returned, { action: 'dispatch', leadUnitId: ids.u2 });
  // Returned and re-dispatched twice (the second re-dispatch a day late), and one returned and left
  // waiting for its re-dispatch past the deadline (an open extra holding of the office).
  const twice = await dispatched(ids.u1);
  const waitingRedispatch = await dispatched(ids.u2);
  await actOk(unit1, twice, { action: 'return', reason: 'not_our_remit', note: '不属本科' });
  await actOk(dispatcher, twice, { action: 'dispatch', leadUnitId: ids.u2 });
  await actOk(unit2, twice, { action: 'return', reason: 'not_our_remit', note: '也不属本科' });
  await actOk(unit2, waitingRedispatch, { action: 'return', reason: 'not_our_remit', note: '不属本科' });
  // A request waiting for the enterprise (its clock paused), one resumed, a duplicate merged into another.
  const waiting = await created();
  await actOk(operator, waiting, { action: 'accept', categoryId: 'factors.power' });
  await actOk(operator, waiting, { action: 'wait_for_enterprise', reason: '请补充用电容量' });
  const resumed = await created();
  await actOk(operator, resumed, { action: 'accept', categoryId: 'testing' });
  await actOk(operator, resumed, { action: 'wait_for_enterprise', reason: '请补充型号' });
  now = local('2026-03-12T09:00:00');
  await actOk(operator, resumed, { action: 'resume', note: '已补充' });
  await actOk(dispatcher, twice, { action: 'dispatch', leadUnitId: ids.u1 }); // late: due 03-11 24:00
  const primary = await dispatched(ids.u1);
  const duplicate = await created();
  await actOk(operator, duplicate, { action: 'merge', primaryId: primary });
  await actOk(unit1, primary, { action: 'sign' });
  await actOk(unit1, primary, { action: 'respond', content: '已联系' });
  await actOk(unit1, primary, { action: 'resolve', summary: '已办结' });
  await actOk(operator, primary, { action: 'follow_up', satisfaction: 'basically_satisfied', solved: true });
  now = local('2026-03-13T15:00:00');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const office: Actor = {
  userId: '00000000-0000-4000-8000-000000000001', username: 'figures', displayName: 'figures', roles: [],
  permissions: new Set(['service.read', 'service.all']), scope: { enterpriseId: null, departmentId: null, divisionCode: null },
  sessionId: '', csrfToken: '', locale: 'zh-CN',
};

describe('the 三率 report over the figures rows', () => {
  it('the triggers keep every figures row equal to its definition after returns, reopenings, merges and pauses', async () => {
    expect(await t.deps.db.selectFrom('service_request_figures').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow())
      .toEqual(await t.deps.db.selectFrom('service_requests').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow());
    expect(await figuresDrift()).toBe(0);
    // A direct write to a step row (not through the service) is followed too.
    await sql`UPDATE service_request_steps SET completed_at = NULL WHERE id = (SELECT max(id) FROM service_request_steps WHERE completed_at IS NOT NULL)`.execute(t.deps.db);
    expect(await figuresDrift()).toBe(0);
  });

  it('gives the same counts as the recount over the step rows, for every grouping, filter and scope', async () => {
    const db = t.deps.db;
    const varied = await db.selectFrom('service_requests').select(['category_id', 'division_code', 'park_id', 'lead_unit_id'])
      .where('park_id', 'is not', null).where('lead_unit_id', 'is not', null).limit(1).executeTakeFirst();
    const anyUnit = (await db.selectFrom('service_request_steps').select('unit_id').where('unit_id', 'is not', null).where('returned', '=', true).limit(1).executeTakeFirstOrThrow()).unit_id!;
    const filters: MetricsFilter[] = [
      {},
      { from: '2025-12-01', to: '2026-02-28' },
      { unitId: ids.u1 },
      { unitId: ids.u2 },
      { unitId: anyUnit },
      { categoryId: 'factors' },
      { channel: 'hotline' },
      ...(varied ? [{ parkId: varied.park_id! }, { divisionCode: varied.division_code!.slice(0, 9) }] : []),
    ];
    const groups: (MetricGroup | null)[] = [null, ...METRIC_GROUPS];
    let compared = 0;
    for (const f of filters) {
      for (const g of groups) {
        const fast = await countMetrics(db, office, 'all', f, g, now);
        const recount = await recountMetrics(db, office, 'all', f, g, now);
        expect(fast, `${g} ${JSON.stringify(f)}`).toEqual(recount);
        compared++;
      }
    }
    // A unit's own view, and a street-bound leader's.
    const unitActor: Actor = { ...office, permissions: new Set(['service.read', 'service.handle']), scope: { ...office.scope, departmentId: anyUnit } };
    const streetActor: Actor = { ...office, scope: { ...office.scope, divisionCode: varied?.division_code?.slice(0, 9) ?? null } };
    for (const g of groups) {
      expect(await countMetrics(db, unitActor, 'unit', {}, g, now), `unit view ${g}`).toEqual(await recountMetrics(db, unitActor, 'unit', {}, g, now));
      expect(await countMetrics(db, streetActor, 'all', {}, g, now), `street ${g}`).toEqual(await recountMetrics(db, streetActor, 'all', {}, g, now));
    }
    expect(compared).toBe(filters.length * groups.length);
    // The data is varied: returned holdings, reopened rounds, merged duplicates, pauses, several units.
    const has = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);
    expect(await has(`SELECT count(*)::int AS n FROM service_request_steps WHERE returned`)).toBeGreaterThan(0);
    expect(await has(`SELECT count(*)::int AS n FROM service_request_steps WHERE superseded`)).toBeGreaterThan(0);
    expect(await has(`SELECT count(*)::int AS n FROM service_requests WHERE status = 'merged'`)).toBeGreaterThan(0);
    expect(await has(`SELECT count(*)::int AS n FROM service_pauses`)).toBeGreaterThan(0);
    expect(await has(`SELECT count(*)::int AS n FROM service_request_steps WHERE redispatch AND completed_at > due_at`)).toBeGreaterThan(0);
    expect(await has(`SELECT count(*)::int AS n FROM service_request_figures WHERE redispatch_open_due_at < '${now.toISOString()}'`)).toBeGreaterThan(0);
    const total = await countMetrics(db, office, 'all', {}, 'unit', now);
    expect(total.groups.length).toBeGreaterThan(3);
  }, 180_000); // ~200 reports both ways: 18 s on PGlite at load 24

  it('groups by park through the API, with the park\'s name', async () => {
    const res = await (await user('f_leader', ['service_leader'])).get('/api/service/metrics?period=all&groupBy=park');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.groups.length).toBeGreaterThan(1);
    expect(body.groupBy).toBe('park');
    const named = body.groups.filter((g: { key: string }) => g.key !== '-');
    const parks = new Map((await t.deps.db.selectFrom('parks').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
    for (const g of named) expect(g.name).toBe(parks.get(g.key));
    expect(body.groups.reduce((a: number, g: { figures: { requests: number } }) => a + g.figures.requests, 0)).toBe(body.total.requests);
  });
});
