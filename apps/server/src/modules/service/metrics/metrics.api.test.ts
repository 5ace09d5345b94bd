import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { srcPath } from '../../../src-path';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';

// A small constructed data set on two fresh handling units, so the demo county's own requests do
// not move the figures: every assertion reads the groups of these two units (or a unit's own view).
// Tuesday 2026-03-10 09:00 Asia/Shanghai; 当天回应: a dispatch before 16:00 is due by 24:00 that day.
let now = new Date('2026-03-10T01:00:00Z');
const local = (s: string) => new Date(`${s}+08:00`);

let t: TestApp;
let admin: Client;
let operator: Client;
let dispatcher: Client;
let leader: Client;
let unit1: Client;
let unit2: Client;
let entZsy: Client;
let auditor: Client;
const ids = {} as Record<'zsy' | 'u1' | 'u2' | 'r1' | 'r2' | 'r3' | 'r4', string>;
const PASSWORD = 'Metrics#2026';

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
async function dispatched(unitId: string): Promise<string> {
  const res = await operator.post('/api/service/requests', {
    enterpriseId: ids.zsy, channel: 'hotline', title: '检测机构咨询', description: '需要第三方检测报告', contactName: '王经理', contactPhone: '13912345678',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id;
  await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' });
  await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: unitId });
  return id;
}
async function answer(c: Client, id: string) {
  await actOk(c, id, { action: 'sign' });
  await actOk(c, id, { action: 'respond', content: '已联系检测机构' });
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } });
  admin = await t.as('admin');
  ids.zsy = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow()).id;
  for (const [k, name] of [['u1', '指标测试一科'], ['u2', '指标测试二科']] as const) {
    const res = await admin.post('/api/departments', { name });
    expect(res.statusCode, res.body).toBe(201);
    ids[k] = res.json().id;
  }
  operator = await user('m_operator', ['service_operator']);
  dispatcher = await user('m_dispatcher', ['service_dispatcher']);
  leader = await user('m_leader', ['service_leader']);
  unit1 = await user('m_unit1', ['service_unit'], { departmentId: ids.u1 });
  unit2 = await user('m_unit2', ['service_unit'], { departmentId: ids.u2 });
  entZsy = await t.as('ent_zsy');
  auditor = await t.as('auditor');

  // Day 1, 09:00: four requests dispatched (three to unit 1, one to unit 2).
  ids.r1 = await dispatched(ids.u1);
  ids.r2 = await dispatched(ids.u1);
  ids.r3 = await dispatched(ids.u1);
  ids.r4 = await dispatched(ids.u2);
  now = local('2026-03-10T10:00:00');
  await answer(unit1, ids.r1); // in time
  await actOk(unit1, ids.r1, { action: 'resolve', summary: '已办结' });
  await actOk(operator, ids.r1, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
  await answer(unit2, ids.r4); // in time, not resolved
  // Day 2: r2 answered late, resolved, followed up 基本满意 / 未解决.
  now = local('2026-03-11T10:00:00');
  await answer(unit1, ids.r2);
  await actOk(unit1, ids.r2, { action: 'resolve', summary: '已办结' });
  await actOk(operator, ids.r2, { action: 'follow_up', satisfaction: 'basically_satisfied', solved: false });
  // Day 3: r3 is still not answered, past its deadline.
  now = local('2026-03-12T09:00:00');
});
afterAll(() => t.close());

const W = '&from=2026-03-10&to=2026-03-12';

describe('GET /api/service/metrics: the rates of RATES.md on a constructed data set', () => {
  it('per unit: 响应率 1/3 (one in time, one late, one open past its deadline), 解决率 1/2, 满意率 2/2, 回访率 2/2', async () => {
    const res = await leader.get(`/api/service/metrics?groupBy=unit${W}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.scope).toBe('all');
    const g1 = body.groups.find((g: { key: string }) => g.key === ids.u1);
    expect(g1.name).toBe('指标测试一科');
    expect(g1.figures.requests).toBe(3);
    expect(g1.figures.responseRate).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(g1.figures.onTime.respond).toEqual(g1.figures.responseRate);
    expect(g1.figures.resolutionRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(g1.figures.satisfactionRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(g1.figures.followUpRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(g1.figures.satisfactionCounts).toEqual({ satisfied: 1, basically_satisfied: 1, dissatisfied: 0 });
    expect(g1.figures.counts).toEqual({ open: 1, resolved: 2, followedUp: 2, overdue: 1 });
    // Durations: r1 answered 1 h after dispatch, r2 25 h after.
    expect(g1.figures.averageDurationMs.respond).toBe(13 * 3_600_000);
    const g2 = body.groups.find((g: { key: string }) => g.key === ids.u2);
    expect(g2.figures.requests).toBe(1);
    expect(g2.figures.responseRate).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(g2.figures.resolutionRate.value).toBeNull(); // nothing followed up: not 0 %, not 100 %
    expect(g2.rank.resolutionRate).toBeNull();
    expect(g2.rank.responseRate).toBeLessThan(g1.rank.responseRate);
  });

  it('each rate comes with its definition (numerator, denominator; zh and en)', async () => {
    const body = (await leader.get(`/api/service/metrics?unitId=${ids.u1}${W}`)).json();
    for (const k of ['responseRate', 'resolutionRate', 'satisfactionRate', 'followUpRate', 'onTime.accept', 'averageDurationMs.respond']) {
      expect(body.definitions[k].zh.numerator, k).toBeTruthy();
      expect(body.definitions[k].en.denominator, k).toBeTruthy();
    }
    expect(body.definitions.responseRate.zh.name).toBe('响应率');
    expect(body.total.requests).toBe(3);
  });

  it('groups by month, week, category, channel, street and agent', async () => {
    for (const [groupBy, key] of [['month', '2026-03'], ['week', '2026-W11'], ['category', 'testing'], ['channel', 'hotline']] as const) {
      const body = (await leader.get(`/api/service/metrics?groupBy=${groupBy}&unitId=${ids.u1}${W}`)).json();
      expect(body.groups.map((g: { key: string }) => g.key), groupBy).toEqual([key]);
      expect(body.groups[0].figures.requests).toBe(3);
    }
    const agents = (await leader.get(`/api/service/metrics?groupBy=agent&unitId=${ids.u1}${W}`)).json();
    expect(agents.groups.reduce((n: number, g: { figures: { requests: number } }) => n + g.figures.requests, 0)).toBe(3);
    const streets = (await leader.get(`/api/service/metrics?groupBy=street&unitId=${ids.u1}${W}`)).json();
    expect(streets.groups).toHaveLength(1);
  });

  it('a handling unit sees only the requests it leads', async () => {
    const body = (await unit1.get(`/api/service/metrics?groupBy=unit${W}`)).json();
    expect(body.scope).toBe('unit');
    expect(body.groups.map((g: { key: string }) => g.key)).toEqual([ids.u1]);
    expect(body.total.requests).toBe(3);
    const other = (await unit2.get(`/api/service/metrics?unitId=${ids.u1}${W}`)).json();
    expect(other.total.requests).toBe(0);
    expect(other.total.responseRate.value).toBeNull();
  });

  it('401 for strangers, 403 for an enterprise and for users with no part in the service', async () => {
    for (const url of ['/api/service/metrics', '/api/service/metrics/overdue', '/api/service/metrics/export.xlsx']) {
      expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
      expect((await entZsy.get(url)).statusCode, url).toBe(403);
      expect((await auditor.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('GET /api/service/metrics/overdue', () => {
  it('lists open steps past their deadline, the unit its own only', async () => {
    const mine = (await unit1.get('/api/service/metrics/overdue')).json();
    expect(mine.items.map((i: { requestId: string; step: string }) => [i.requestId, i.step])).toEqual([[ids.r3, 'respond']]);
    expect(mine.total).toBe(1);
    expect(mine.items[0].overdueMs).toBe(now.getTime() - new Date(mine.items[0].dueAt).getTime());
    expect((await unit2.get('/api/service/metrics/overdue')).json().total).toBe(0);
    const all = (await leader.get(`/api/service/metrics/overdue?unitId=${ids.u1}`)).json();
    expect(all.items.map((i: { requestId: string }) => i.requestId)).toEqual([ids.r3]);
  });
});

describe('GET /api/service/metrics/export.xlsx', () => {
  it('is the table as an Excel file, and the export is audited', async () => {
    const res = await leader.get(`/api/service/metrics/export.xlsx?groupBy=unit&unitId=${ids.u1}${W}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'service.metrics.export').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ rows: 2, scope: 'all' });
  });
});

// A week later: two requests dispatched to unit 1 and returned, re-dispatched to unit 2 and
// answered there. rb was returned within its 当天回应 deadline, ra only the next day.
describe('returned and re-dispatched: each unit is judged on the time it held the step (RATES.md)', () => {
  const W2 = '&from=2026-03-16&to=2026-03-17';
  let ra = '';
  let rb = '';
  beforeAll(async () => {
    now = local('2026-03-16T09:00:00');
    ra = await dispatched(ids.u1);
    rb = await dispatched(ids.u1);
    now = local('2026-03-16T10:00:00');
    await actOk(unit1, rb, { action: 'return', reason: 'not_our_remit', note: '不属于本科室职责' });
    await actOk(dispatcher, rb, { action: 'dispatch', leadUnitId: ids.u2 });
    await answer(unit2, rb);
    await actOk(unit2, rb, { action: 'resolve', summary: '已办结' });
    await actOk(operator, rb, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
    now = local('2026-03-17T10:00:00');
    await actOk(unit1, ra, { action: 'return', reason: 'not_our_remit', note: '不属于本科室职责' });
    await actOk(dispatcher, ra, { action: 'dispatch', leadUnitId: ids.u2 });
    await answer(unit2, ra);
    await actOk(unit2, ra, { action: 'resolve', summary: '已办结' });
    await actOk(operator, ra, { action: 'follow_up', satisfaction: 'basically_satisfied', solved: false });
  });

  it('stores one holding per unit: the returning unit\'s ends with the return (late only past the deadline), the next starts with the same clock', async () => {
    const rows = (id: string) => t.deps.db.selectFrom('service_request_steps').select(['step', 'unit_id', 'returned', 'met', 'started_at', 'due_at', 'completed_at'])
      .where('request_id', '=', id).where('step', 'in', ['respond', 'resolve']).orderBy('step').orderBy('id').execute();
    const a = await rows(ra);
    expect(a.map((r) => [r.step, r.unit_id, r.returned, r.met])).toEqual([
      ['resolve', ids.u1, true, null], ['resolve', ids.u2, false, true], ['respond', ids.u1, true, false], ['respond', ids.u2, false, false],
    ]);
    expect(a[3]!.started_at).toEqual(a[2]!.started_at);
    expect(a[3]!.due_at).toEqual(new Date(local('2026-03-17T00:00:00').getTime() - 1)); // 当天: by 24:00
    const b = await rows(rb);
    expect(b.map((r) => [r.step, r.unit_id, r.returned, r.met])).toEqual([
      ['resolve', ids.u1, true, null], ['resolve', ids.u2, false, true], ['respond', ids.u1, true, null], ['respond', ids.u2, false, true],
    ]);
  });

  it('by unit: unit 1 is late on ra and not judged on rb; unit 2 answers for both and for their follow-ups', async () => {
    const body = (await leader.get(`/api/service/metrics?groupBy=unit${W2}`)).json();
    const g1 = body.groups.find((g: { key: string }) => g.key === ids.u1).figures;
    expect(g1.requests).toBe(2);
    expect(g1.responseRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(g1.onTime.resolve.denominator).toBe(0);
    expect(g1.resolutionRate.value).toBeNull();
    expect(g1.counts).toEqual({ open: 0, resolved: 0, followedUp: 0, overdue: 0 });
    const g2 = body.groups.find((g: { key: string }) => g.key === ids.u2).figures;
    expect(g2.requests).toBe(2);
    expect(g2.responseRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(g2.resolutionRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(g2.satisfactionRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
    expect(g2.counts).toMatchObject({ resolved: 2, followedUp: 2 });
    // The office's own steps are a group of their own, not a unit's.
    expect(body.groups.find((g: { key: string }) => g.key === '-').figures.onTime.accept.denominator).toBeGreaterThanOrEqual(2);
    // Overall each request counts once, by its last holding: rb in time, ra late.
    expect(body.total.requests).toBe(2);
    expect(body.total.responseRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    const total = (await leader.get(`/api/service/metrics?${W2.slice(1)}`)).json().total;
    expect(total.responseRate).toEqual(body.total.responseRate);
  });

  it('a unit\'s own view and the unitId filter are the steps it held; the agent is the unit\'s user who completed the step', async () => {
    const mine = (await unit1.get(`/api/service/metrics?${W2.slice(1)}`)).json();
    expect(mine.scope).toBe('unit');
    expect(mine.total.requests).toBe(2);
    expect(mine.total.responseRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    const filtered = (await leader.get(`/api/service/metrics?unitId=${ids.u2}${W2}`)).json();
    expect(filtered.total.responseRate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(filtered.total.satisfactionRate).toEqual({ numerator: 2, denominator: 2, value: 1 });
    const agents = (await leader.get(`/api/service/metrics?groupBy=agent&unitId=${ids.u2}${W2}`)).json();
    const unit2User = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'm_unit2').executeTakeFirstOrThrow()).id;
    expect(agents.groups.map((g: { key: string; name: string }) => [g.key, g.name])).toEqual([[unit2User, 'm_unit2']]);
  });

  it('defaults to this month and resolves the presets against the clock', async () => {
    const body = (await leader.get('/api/service/metrics?groupBy=unit')).json();
    expect([body.period, body.from, body.to]).toEqual(['this_month', '2026-03-01', '2026-03-17']);
    expect(body.groups.find((g: { key: string }) => g.key === ids.u1).figures.requests).toBe(5);
    const last = (await leader.get(`/api/service/metrics?period=last_month&unitId=${ids.u1}`)).json();
    expect([last.from, last.to, last.total.requests]).toEqual(['2026-02-01', '2026-02-28', 0]);
    expect((await leader.get('/api/service/metrics?period=someday')).statusCode).toBe(400);
  });

  it('the back-fills of migrations 0015 and 0022 give every step row (the demo county\'s too) the holder, answers, rounds and re-dispatches the live code wrote', async () => {
    const db = t.deps.db;
    const snapshot = () => db.selectFrom('service_request_steps')
      .select(['request_id', 'step', 'round', 'started_at', 'completed_at', 'cancelled_at', 'due_at', 'met', 'unit_id', 'agent_id', 'returned', 'redispatch', 'superseded', 'satisfaction', 'solved'])
      .orderBy('request_id').orderBy('step').orderBy('round').orderBy('returned', 'desc').orderBy('redispatch').orderBy('started_at').orderBy('cancelled_at').orderBy('unit_id').execute();
    const live = await snapshot();
    expect(live.filter((r) => r.returned).length).toBeGreaterThanOrEqual(4);
    expect(live.filter((r) => r.redispatch).length).toBeGreaterThanOrEqual(4);
    // Before 0022 a return opened no re-dispatch step.
    await db.deleteFrom('service_request_steps').where('redispatch', '=', true).execute();
    // The rows as they were before 0015: one per step and round (still open while a returned request
    // waits for its re-dispatch; cancelled by a merge), nothing about holders.
    await sql`UPDATE service_request_steps s SET returned = false, met = NULL,
        cancelled_at = (SELECT r.closed_at FROM service_requests r WHERE r.id = s.request_id AND r.status = 'merged')
      WHERE s.returned AND s.id = (SELECT min(m.id) FROM service_request_steps m WHERE m.request_id = s.request_id AND m.step = s.step AND m.round = s.round)
        AND NOT EXISTS (SELECT 1 FROM service_request_steps n WHERE n.request_id = s.request_id AND n.step = s.step AND n.round = s.round AND NOT n.returned)`.execute(db);
    await db.deleteFrom('service_request_steps').where('returned', '=', true).execute();
    await db.updateTable('service_request_steps').set({ unit_id: null, agent_id: null, superseded: false, satisfaction: null, solved: null }).execute();
    const file = fs.readFileSync(srcPath('db/migrations/0015_service_step_holdings.sql'), 'utf8');
    await t.deps.database.runScript(file.slice(file.indexOf('-- Back-fill')));
    const file22 = fs.readFileSync(srcPath('db/migrations/0022_service_attachments_redispatch.sql'), 'utf8');
    await t.deps.database.runScript(file22.slice(file22.indexOf('-- Back-fill')));
    const filled = await snapshot();
    // A returned holding's deadline is the step's; where the request paused after the return the live
    // code (deadline at the return) and the back-fill (the final deadline) may differ: not compared there.
    const paused = new Set((await db.selectFrom('service_pauses').select('request_id').execute()).map((p) => p.request_id));
    // A back-filled re-dispatch has no deadline (SQL has no working-day calendar): not judged.
    const comparable = (rows: typeof live) => rows.map((r) => (r.redispatch || (r.returned && paused.has(r.request_id)) ? { ...r, due_at: null, met: null } : r));
    expect(comparable(filled)).toEqual(comparable(live));
  }, 120_000); // every replayed UPDATE also refreshes the figures rows (0023's triggers): ~26 s on PGlite at load 24
});

// RATES.md "Re-dispatches", the hand-worked example: a request returned and re-dispatched twice.
// Mon 2026-03-23 09:00 accepted and dispatched to unit 1 (the first dispatch: 0 h, in time);
// 10:00 unit 1 returns it → re-dispatch 1 (due Mon 24:00), done 11:00 to unit 2 (1 h, in time);
// 17:00 unit 2 returns it → re-dispatch 2 (after the 16:00 cut-off: due Tue 24:00), done only
// Wed 09:00 to unit 1 (40 h, late); unit 1 answers Wed 10:00 (its respond deadline was Mon 24:00).
describe('re-dispatches are extra holdings of the office (RATES.md)', () => {
  const W3 = '&from=2026-03-23&to=2026-03-23';
  let rc = '';
  const H = 3_600_000;
  const office = (body: { groups: { key: string; figures: Record<string, any> }[] }) => body.groups.find((g) => g.key === '-')!.figures;
  beforeAll(async () => {
    now = local('2026-03-23T09:00:00');
    rc = await dispatched(ids.u1);
    now = local('2026-03-23T10:00:00');
    await actOk(unit1, rc, { action: 'return', reason: 'not_our_remit', note: '不属于本科室职责' });
    now = local('2026-03-23T11:00:00');
    await actOk(dispatcher, rc, { action: 'dispatch', leadUnitId: ids.u2 });
    now = local('2026-03-23T17:00:00');
    await actOk(unit2, rc, { action: 'return', reason: 'not_our_remit', note: '也不属于本科室' });
    now = local('2026-03-25T08:00:00');
  });

  it('while the second re-dispatch is open past its deadline: the office holds it open and overdue, and so does the total', async () => {
    const row = await t.deps.db.selectFrom('service_request_figures').select(['redispatch_open_started_at', 'redispatch_open_due_at']).where('request_id', '=', rc).executeTakeFirstOrThrow();
    expect(row).toEqual({ redispatch_open_started_at: local('2026-03-23T17:00:00'), redispatch_open_due_at: new Date(local('2026-03-25T00:00:00').getTime() - 1) });
    const body = (await leader.get(`/api/service/metrics?groupBy=unit${W3}`)).json();
    expect(body.total.requests).toBe(1);
    const o = office(body);
    expect(o.counts).toMatchObject({ open: 1, overdue: 1 });
    expect(o.onTime.dispatch).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 }); // the open one is due and late
    expect(body.total.onTime.dispatch).toEqual({ numerator: 1, denominator: 1, value: 1 }); // each request's dispatch once: its first
    expect(body.total.counts).toMatchObject({ open: 1, overdue: 1 });
    const plain = (await leader.get(`/api/service/metrics?${W3.slice(1)}`)).json().total;
    expect(plain.counts).toEqual(body.total.counts);
    const overdue = (await leader.get('/api/service/metrics/overdue')).json();
    expect(overdue.items.filter((i: { requestId: string }) => i.requestId === rc).map((i: { step: string }) => i.step)).toEqual(['dispatch']);
    // Neither unit holds anything open: both returned it in time, so neither is judged on respond.
    for (const u of [ids.u1, ids.u2]) {
      const g = body.groups.find((x: { key: string }) => x.key === u).figures;
      expect(g.requests).toBe(1);
      expect(g.counts).toMatchObject({ open: 0, overdue: 0 });
      expect(g.responseRate.denominator).toBe(0);
    }
  });

  it('once re-dispatched and answered: 交办按时率 of the office 2 / 3, average (0 + 1 + 40) / 3 h; the total counts the first dispatch only', async () => {
    now = local('2026-03-25T09:00:00');
    await actOk(dispatcher, rc, { action: 'dispatch', leadUnitId: ids.u1 });
    now = local('2026-03-25T10:00:00');
    await answer(unit1, rc);
    const body = (await leader.get(`/api/service/metrics?groupBy=unit${W3}`)).json();
    const o = office(body);
    expect(o.requests).toBe(1);
    expect(o.counts).toMatchObject({ open: 0, overdue: 0 });
    expect(o.onTime.dispatch).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(o.averageDurationMs.dispatch).toBe((0 + 1 * H + 40 * H) / 3);
    expect(o.onTime.accept).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(body.total.onTime.dispatch).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(body.total.averageDurationMs.dispatch).toBe(0);
    expect(body.total.counts).toMatchObject({ open: 1, overdue: 0 }); // answered, not resolved
    // Unit 1 held respond twice: returned in time (not judged), then answered late (due Mon 24:00).
    const g1 = body.groups.find((x: { key: string }) => x.key === ids.u1).figures;
    expect(g1.responseRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(body.total.responseRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    // The re-dispatches are the office's: by agent they count for nobody.
    const agents = (await leader.get(`/api/service/metrics?groupBy=agent${W3}`)).json();
    expect(agents.groups.every((g: { figures: { onTime: { dispatch: { denominator: number } } } }) => g.figures.onTime.dispatch.denominator === 0)).toBe(true);
  });
});
