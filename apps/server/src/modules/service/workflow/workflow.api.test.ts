import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { testDbKind } from '../../../../test/template-db';
import { LogOnlyAdapter } from '../../../core/notifications/notifier';
import { DEFAULT_SERVICE_LEVEL_POLICY } from '../domain';

// The workflow gaps of issue 5: agents within a unit, the merge leak, the hotline's phone lookup,
// the sweep's audit rows and SMS / e-mail, online rating and its chase, the park file, the stored policy.
// The clock: Tuesday 2026-03-10 09:00 in Asia/Shanghai, moved by the tests.
let now = new Date('2026-03-10T01:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);

let t: TestApp;
let admin: Client;
let operator: Client;
let dispatcher: Client;
let unitA: Client;
let agent1: Client;
let agent2: Client;
let leader: Client;
let entZsy: Client;
let entOther: Client;
let auditor: Client;
const ids = {} as Record<'zsy' | 'other' | 'unitA' | 'unitB' | 'agent1' | 'agent2' | 'agentB' | 'lockedAgent' | 'unitOfficer' | 'park', string>;
const PASSWORD = 'Workflow#2026';
const ZERO = '00000000-0000-4000-8000-000000000000';

async function department(path: string): Promise<string> {
  const [dep, sec] = path.split('/');
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', dep!).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  if (!sec) return d.id;
  return (await t.deps.db.selectFrom('departments').select('id').where('name', '=', sec).where('parent_id', '=', d.id).executeTakeFirstOrThrow()).id;
}
async function user(username: string, roles: string[], scope: { departmentId?: string; enterpriseId?: string } = {}): Promise<string> {
  const res = await admin.post('/api/users', { username, displayName: username, password: PASSWORD, roles, ...scope });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
const call = (over: Record<string, unknown> = {}) => ({
  enterpriseId: ids.zsy, channel: 'hotline', title: '厂房用电增容', description: '新产线投产需要增容到 2000 千伏安。',
  contactName: '王经理', contactPhone: '13912345678', location: '良渚大道 618 号', ...over,
});
async function act(c: Client, id: string, body: Record<string, unknown>) {
  const version = (await dispatcher.get(`/api/service/requests/${id}`)).json().version;
  return c.post(`/api/service/requests/${id}/actions`, { version, ...body });
}
async function actOk(c: Client, id: string, body: Record<string, unknown>) {
  const res = await act(c, id, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function newRequest(over: Record<string, unknown> = {}, by: Client = operator): Promise<string> {
  const res = await by.post('/api/service/requests', call(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function accepted(over: Record<string, unknown> = {}): Promise<string> {
  const id = await newRequest(over);
  await actOk(dispatcher, id, { action: 'accept', categoryId: 'factors.power' });
  return id;
}
/** Accepted, dispatched to unit A, signed and resolved by agent 1. */
async function resolved(over: Record<string, unknown> = {}): Promise<string> {
  const id = await accepted(over);
  await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, agentId: ids.agent1 });
  await actOk(agent1, id, { action: 'sign' });
  await actOk(agent1, id, { action: 'resolve', summary: '已协调供电公司完成增容' });
  return id;
}
const audits = (entityId: string) => t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'actor_name', 'after']).where('entity_id', '=', entityId).orderBy('id').execute();
const outbound = () => (t.deps.notifier.outbound as LogOnlyAdapter).sent;

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } });
  admin = await t.as('admin');
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name', 'park_id']).orderBy('credit_code').execute();
  ids.zsy = ents.find((e) => e.name === '中双元（杭州）科技有限公司')!.id;
  ids.other = ents.find((e) => e.id !== ids.zsy && e.park_id !== null)!.id;
  ids.park = ents.find((e) => e.id === ids.other)!.park_id!;
  ids.unitA = await department('余杭区市场监督管理局/信用监管科');
  ids.unitB = await department('良渚街道办事处/经济发展科');
  await user('wf_operator', ['service_operator']);
  await user('wf_dispatcher', ['service_dispatcher']);
  ids.unitOfficer = await user('wf_unit_a', ['service_unit'], { departmentId: ids.unitA });
  ids.agent1 = await user('wf_agent_1', ['service_agent'], { departmentId: ids.unitA });
  ids.agent2 = await user('wf_agent_2', ['service_agent'], { departmentId: ids.unitA });
  ids.agentB = await user('wf_agent_b', ['service_agent'], { departmentId: ids.unitB });
  ids.lockedAgent = await user('wf_agent_locked', ['service_agent'], { departmentId: ids.unitA });
  await t.deps.db.updateTable('users').set({ status: 'locked' }).where('id', '=', ids.lockedAgent).execute();
  await user('wf_leader', ['service_leader']);
  await user('wf_ent_other', ['enterprise_user'], { enterpriseId: ids.other });
  [operator, dispatcher, unitA, agent1, agent2, leader, entOther] = await Promise.all(
    ['wf_operator', 'wf_dispatcher', 'wf_unit_a', 'wf_agent_1', 'wf_agent_2', 'wf_leader', 'wf_ent_other'].map((u) => t.as(u, PASSWORD)),
  ) as [Client, Client, Client, Client, Client, Client, Client];
  entZsy = await t.as('ent_zsy');
  auditor = await t.as('auditor');
});
afterAll(() => t.close());

describe('access: the new routes answer 401 to strangers and 403 outside their permission', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', `/api/service/units/${ZERO}/agents`],
    ['GET', '/api/service/enterprise-by-phone?phone=13912345678'],
    ['GET', `/api/service/parks/${ZERO}/figures`],
    ['GET', '/api/service/service-level-policy'],
    ['PUT', '/api/service/service-level-policy', { policy: DEFAULT_SERVICE_LEVEL_POLICY }],
  ];
  const send = (c: Client, [method, url, body]: [string, string, unknown?]) => (method === 'GET' ? c.get(url) : c.put(url, body));
  it.each(routes)('%s %s: 401 without a session, 403 for the auditor', async (method, url, body) => {
    expect((await send(t.anonymous, [method, url, body])).statusCode).toBe(401);
    expect((await send(auditor, [method, url, body])).statusCode).toBe(403);
  });
  it('each asks for its own permission', async () => {
    expect((await operator.get(`/api/service/units/${ids.unitA}/agents`)).statusCode).toBe(403); // service.dispatch
    expect((await dispatcher.get('/api/service/enterprise-by-phone?phone=13912345678')).statusCode).toBe(403); // reveal, but no service.operate
    expect((await unitA.get('/api/service/enterprise-by-phone?phone=13912345678')).statusCode).toBe(403);
    expect((await leader.get('/api/service/enterprise-by-phone?phone=13912345678')).statusCode).toBe(403); // no personal.reveal
    expect((await entZsy.get(`/api/service/parks/${ids.park}/figures`)).statusCode).toBe(403);
    expect((await operator.get('/api/service/service-level-policy')).statusCode).toBe(403); // service.configure
    expect((await leader.put('/api/service/service-level-policy', { policy: DEFAULT_SERVICE_LEVEL_POLICY })).statusCode).toBe(403);
  });
});

describe('agents within a unit', () => {
  it('lists the active agents of exactly that unit with their open load; an unknown unit is 404', async () => {
    const list = (await dispatcher.get(`/api/service/units/${ids.unitA}/agents`)).json();
    expect(list.map((a: { name: string }) => a.name).sort()).toEqual(['wf_agent_1', 'wf_agent_2']); // not the locked one, not the officer
    expect(list.every((a: { openRequests: number }) => a.openRequests === 0)).toBe(true);
    expect((await dispatcher.get(`/api/service/units/${ZERO}/agents`)).statusCode).toBe(404);
    const id = await accepted();
    await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, agentId: ids.agent2 });
    const after = (await dispatcher.get(`/api/service/units/${ids.unitA}/agents`)).json();
    expect(after.find((a: { id: string }) => a.id === ids.agent2).openRequests).toBe(1);
  });

  it('a named agent must be active, of the lead unit and an agent: else 400 naming the agent', async () => {
    const id = await accepted();
    for (const [agentId, name] of [[ids.agentB, 'wf_agent_b'], [ids.lockedAgent, 'wf_agent_locked'], [ids.unitOfficer, 'wf_unit_a']] as const) {
      const res = await act(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, agentId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'SERVICE_AGENT_INVALID', fields: { agentId: expect.stringContaining(name) } });
      expect(res.json().error.message).toContain(name);
    }
    expect((await act(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, agentId: ZERO })).json().error.code).toBe('SERVICE_AGENT_INVALID');
    // Nothing was written by the refusals.
    expect((await dispatcher.get(`/api/service/requests/${id}`)).json()).toMatchObject({ status: 'accepted', agent: null });
  });

  it('the unit\'s round-robin names an agent when the dispatcher does not; audited; unit settings need service.configure', async () => {
    expect((await operator.put(`/api/service/units/${ids.unitA}`, { agentStrategy: 'round_robin' })).statusCode).toBe(403);
    const set = await dispatcher.put(`/api/service/units/${ids.unitA}`, { agentStrategy: 'round_robin' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: ids.unitA, active: true, agentStrategy: 'round_robin' });
    const picked: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await accepted();
      picked.push((await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA })).agent.id);
    }
    expect(new Set(picked)).toEqual(new Set([ids.agent1, ids.agent2]));
    expect(picked[0]).not.toBe(picked[1]);
    expect(picked[2]).toBe(picked[0]);
    // An explicit agent still wins.
    const id = await accepted();
    expect((await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, agentId: ids.agent1 })).agent.id).toBe(ids.agent1);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'service.unit.update').where('entity_id', '=', ids.unitA).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { agentStrategy: 'none' }, after: { agentStrategy: 'round_robin' } });
    await dispatcher.put(`/api/service/units/${ids.unitA}`, { agentStrategy: 'none' });
  });

  it('a routing rule\'s least_loaded picks the agent with the fewest open requests', async () => {
    const saved = await dispatcher.put('/api/service/routing-rules', { rules: [{ name: '用电', keywords: ['增容'], unitId: ids.unitA, agentStrategy: 'least_loaded' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    const load = async () => Object.fromEntries((await dispatcher.get(`/api/service/units/${ids.unitA}/agents`)).json().map((a: { id: string; openRequests: number }) => [a.id, a.openRequests]));
    let before = await load();
    if (before[ids.agent1] === before[ids.agent2]) {
      await actOk(dispatcher, await accepted(), { action: 'dispatch', leadUnitId: ids.unitA, agentId: ids.agent2 });
      before = await load();
    }
    const lighter = before[ids.agent1] < before[ids.agent2] ? ids.agent1 : ids.agent2;
    const id = await accepted();
    const r = await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA });
    expect(r.agent.id).toBe(lighter);
    // The rule's strategy applies only when the dispatch goes to the rule's unit.
    const elsewhere = await accepted();
    expect((await actOk(dispatcher, elsewhere, { action: 'dispatch', leadUnitId: ids.unitB })).agent).toBeNull();
    await dispatcher.put('/api/service/routing-rules', { rules: [] });
  });

  it('concurrent dispatches to one unit take turns (the unit row is locked while one picks)', async () => {
    await dispatcher.put(`/api/service/units/${ids.unitA}`, { agentStrategy: 'round_robin' });
    const reqs = await Promise.all([accepted(), accepted()]);
    const versions = await Promise.all(reqs.map(async (id) => (await dispatcher.get(`/api/service/requests/${id}`)).json().version));
    const results = await Promise.all(reqs.map((id, i) => dispatcher.post(`/api/service/requests/${id}/actions`, { action: 'dispatch', leadUnitId: ids.unitA, version: versions[i] })));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    expect(new Set(results.map((r) => r.json().agent.id))).toEqual(new Set([ids.agent1, ids.agent2]));
    await dispatcher.put(`/api/service/units/${ids.unitA}`, { agentStrategy: 'none' });
  });
});

describe('a merge does not leak one enterprise\'s text to the other', () => {
  it('each enterprise sees its own title, description and contact, in the file, the list, the search and its notifications', async () => {
    const primary = await newRequest({ title: '中双元：变压器增容', description: '中双元厂区需要新建 10kV 专线。' });
    await actOk(dispatcher, primary, { action: 'accept', categoryId: 'factors.power' });
    const duplicate = await newRequest({ enterpriseId: ids.other, title: '他企：配电房扩容', description: '他企配电房容量不足，请协调。', contactName: '赵总', contactPhone: '13700001111' });
    await actOk(operator, duplicate, { action: 'merge', primaryId: primary });

    // The other enterprise reads the primary with its own words; nothing of 中双元's.
    const seen = (await entOther.get(`/api/service/requests/${primary}`)).json();
    expect(seen).toMatchObject({ title: '他企：配电房扩容', description: '他企配电房容量不足，请协调。', contactName: '', contactPhone: '', location: '' });
    expect(JSON.stringify(seen)).not.toMatch(/中双元|10kV|王经理/);
    const row = (await entOther.get('/api/service/requests?pageSize=100')).json().items.find((i: { id: string }) => i.id === primary);
    expect(row.title).toBe('他企：配电房扩容');
    expect((await entOther.get('/api/service/requests?q=10kV')).json().total).toBe(0);
    expect((await entOther.get('/api/service/requests?q=配电房')).json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([primary, duplicate]));
    // … and the other direction: 中双元 reads its own, never the duplicate's words.
    const own = (await entZsy.get(`/api/service/requests/${primary}`)).json();
    expect(own).toMatchObject({ title: '中双元：变压器增容', description: '中双元厂区需要新建 10kV 专线。', contactName: '王经理' });
    expect(JSON.stringify(own)).not.toMatch(/他企|配电房|赵总/);
    expect((await entZsy.get('/api/service/requests?q=配电房')).json().items.map((i: { id: string }) => i.id)).not.toContain(primary);
    expect((await entZsy.get(`/api/service/requests/${duplicate}`)).statusCode).toBe(404);
    // The office reads the request as raised.
    expect((await operator.get(`/api/service/requests/${primary}`)).json()).toMatchObject({ title: '中双元：变压器增容' });

    // The answer reaches both enterprises, each with its own title.
    await actOk(dispatcher, primary, { action: 'dispatch', leadUnitId: ids.unitA });
    await actOk(unitA, primary, { action: 'sign' });
    const r = await actOk(unitA, primary, { action: 'respond', content: '供电公司下周勘察' });
    const bodies = async (c: Client) => (await c.get('/api/notifications')).json()
      .filter((n: { title: string }) => n.title.startsWith(`诉求 ${r.number} `)).map((n: { body: string }) => n.body);
    expect(await bodies(entOther)).toEqual(['他企：配电房扩容']);
    expect(await bodies(entZsy)).toEqual(['中双元：变压器增容']);
  });
});

describe('hotline: the enterprise by the caller\'s phone', () => {
  it('finds it by the exact number of a contact, masked, and audits every lookup', async () => {
    const contact = await admin.post(`/api/enterprises/${ids.other}/contacts`, { name: '来电人', phone: '13655556666', isPrimary: false });
    expect(contact.statusCode, contact.body).toBe(201);
    const hits = (await operator.get('/api/service/enterprise-by-phone?phone=136 5555 6666')).json();
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ enterpriseId: ids.other, contactName: '来电人' });
    expect(hits[0].contactPhone).not.toContain('5555');
    expect(hits[0].contactPhone).toContain('****');
    expect((await operator.get('/api/service/enterprise-by-phone?phone=13655556667')).json()).toEqual([]); // exact, not a prefix
    expect((await operator.get('/api/service/enterprise-by-phone?phone=1365555')).json()).toEqual([]);
    const bad = await operator.get('/api/service/enterprise-by-phone?phone=abc');
    expect(bad.statusCode).toBe(400);
    const rows = await t.deps.db.selectFrom('audit_log').select(['after', 'actor_name']).where('action', '=', 'service.hotline.phone_lookup').orderBy('id').execute();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ actor_name: 'wf_operator', after: { matches: [ids.other] } });
    expect(JSON.stringify(rows)).not.toContain('13655556666');
  });
});

describe('online rating by the enterprise (回访 online) and the follow-up chase', () => {
  it('the enterprise rates its own resolved request; dissatisfied reopens it; another enterprise cannot', async () => {
    now = at('2026-03-16T09:00:00');
    const id = await resolved();
    let seen = (await entZsy.get(`/api/service/requests/${id}`)).json();
    expect(seen.allowedActions).toEqual(['follow_up']);
    const early = await newRequest();
    expect((await act(entZsy, early, { action: 'follow_up', satisfaction: 'satisfied', solved: true })).json().error.code).toBe('SERVICE_FOLLOW_UP_BEFORE_RESOLUTION');
    seen = await actOk(entZsy, id, { action: 'follow_up', satisfaction: 'dissatisfied', solved: false, note: '电压仍不稳定' });
    expect(seen).toMatchObject({ status: 'accepted', reopenCount: 1 });
    const fu = seen.events.find((e: { type: string }) => e.type === 'followed_up');
    expect(fu).toMatchObject({ actorRole: 'enterprise', payload: { satisfaction: 'dissatisfied', solved: false, note: '电压仍不稳定' } });
    expect((await audits(id)).map((a) => a.action)).toContain('service.request.follow_up');

    // Through a merge another enterprise follows a request, but rates only its own.
    const primary = await resolved();
    const other = await newRequest({ enterpriseId: ids.other });
    const p = await t.deps.db.selectFrom('service_requests').select('enterprise_ids').where('id', '=', primary).executeTakeFirstOrThrow();
    await t.deps.db.updateTable('service_requests').set({ enterprise_ids: [...p.enterprise_ids, ids.other] }).where('id', '=', primary).execute();
    expect((await entOther.get(`/api/service/requests/${primary}`)).json().allowedActions).toEqual([]);
    const refused = await act(entOther, primary, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('SERVICE_RATING_NOT_OWN');
    expect((await act(entOther, other, { action: 'follow_up', satisfaction: 'satisfied', solved: true })).statusCode).toBe(409);
    const ok = await actOk(entZsy, primary, { action: 'follow_up', satisfaction: 'basically_satisfied', solved: true });
    expect(ok.status).toBe('followed_up');
  });

  it('an unrated request is reminded to the enterprise once, then handed to the hotline\'s list', async () => {
    now = at('2026-03-17T10:00:00'); // Tuesday
    const id = await resolved();
    const sent = outbound().length;
    const sweep = async () => {
      expect(await t.deps.jobs.drain()).toBeGreaterThanOrEqual(0);
      await t.deps.jobs.ensureRecurring();
      await t.deps.db.updateTable('jobs').set({ run_at: now }).where('kind', '=', 'service.escalation_sweep').where('status', '=', 'queued').execute();
      await t.deps.jobs.drain();
    };
    now = at('2026-03-17T17:00:00');
    await sweep();
    expect((await t.deps.db.selectFrom('service_requests').select('follow_up_reminded_at').where('id', '=', id).executeTakeFirstOrThrow()).follow_up_reminded_at).toBeNull();
    // One working day of office time later (Wednesday 10:00): the reminder, in-app and by SMS to the contact.
    now = at('2026-03-18T10:30:00');
    await sweep();
    let r = (await dispatcher.get(`/api/service/requests/${id}`)).json();
    expect(r.followUpRemindedAt).toBe(now.toISOString());
    expect(r.events.filter((e: { type: string }) => e.type === 'follow_up_reminder')).toHaveLength(1);
    const titles = (await entZsy.get('/api/notifications')).json().map((n: { title: string }) => n.title);
    expect(titles).toContain(`诉求 ${r.number} 已办结，请评价办理结果`);
    const sms = outbound().slice(sent).filter((m) => m.channel === 'sms' && m.to === '13912345678');
    expect(sms.length).toBeGreaterThanOrEqual(1);
    expect(sms.at(-1)!.body).toContain(`编号 ${r.number}`);
    expect((await dispatcher.get('/api/service/requests?followUpChase=true')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    // Not again.
    now = at('2026-03-18T11:30:00');
    await sweep();
    expect((await dispatcher.get(`/api/service/requests/${id}`)).json().events.filter((e: { type: string }) => e.type === 'follow_up_reminder')).toHaveLength(1);
    // Two working days after resolution (Thursday 10:00): the hotline's turn.
    now = at('2026-03-19T10:30:00');
    await sweep();
    r = (await operator.get(`/api/service/requests/${id}`)).json();
    expect(r.followUpHotlineAt).toBe(now.toISOString());
    expect((await operator.get('/api/service/requests?followUpChase=true&pageSize=100')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await operator.get('/api/notifications')).json().map((n: { title: string }) => n.title)).toContain(`诉求 ${r.number} 企业未评价，请电话回访`);
    // The enterprise does not see the hand-over; the audit log has both, by the system.
    expect((await entZsy.get(`/api/service/requests/${id}`)).json().events.map((e: { type: string }) => e.type)).not.toContain('follow_up_to_hotline');
    const rows = (await audits(id)).filter((a) => a.action.startsWith('service.sweep.follow_up'));
    expect(rows.map((a) => [a.action, a.actor_id, a.actor_name])).toEqual([
      ['service.sweep.follow_up_reminder', null, '系统'], ['service.sweep.follow_up_to_hotline', null, '系统'],
    ]);
    // The hotline follows up: off the list.
    await actOk(operator, id, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
    expect((await operator.get('/api/service/requests?followUpChase=true&pageSize=100')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });
});

describe('the sweep: audit rows and SMS / e-mail through the outbox and the log-only adapter', () => {
  it('audits warnings, overdue marks and 督办 as the system, and texts the unit staff who have a phone, once per step', async () => {
    // The app's default adapter only logs (and keeps what it would have sent).
    expect(t.deps.notifier.outbound).toBeInstanceOf(LogOnlyAdapter);
    await t.deps.db.updateTable('users').set({ phone: '13811112222', email: 'agent1@example.gov.cn' }).where('id', '=', ids.agent1).execute();
    now = at('2026-03-23T10:00:00'); // Monday
    const id = await accepted();
    await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA });
    const before = outbound().length;
    const sweep = async () => {
      await t.deps.jobs.ensureRecurring();
      await t.deps.db.updateTable('jobs').set({ run_at: now }).where('kind', '=', 'service.escalation_sweep').where('status', '=', 'queued').execute();
      await t.deps.jobs.drain();
    };
    now = at('2026-03-23T17:00:00');
    await sweep();
    now = at('2026-03-24T09:00:00');
    await sweep();
    now = at('2026-03-24T09:05:00');
    await sweep();
    const number = (await dispatcher.get(`/api/service/requests/${id}`)).json().number;
    const rows = (await audits(id)).filter((a) => a.actor_id === null);
    expect(rows.map((a) => a.action)).toEqual(['service.sweep.step_warning', 'service.sweep.step_overdue', 'service.request.supervise']);
    expect(rows.every((a) => a.actor_name === '系统')).toBe(true);
    expect(rows[0]!.after).toMatchObject({ step: 'respond', round: 0 });
    // The sweep's own wording (the request's other notifications reach agent 1 by SMS / e-mail too).
    const mine = outbound().slice(before).filter((m) => m.body.startsWith('【亲企办】') && m.body.includes(`诉求 ${number} `));
    const warning = `【亲企办】诉求 ${number} 即将超过回应时限，请及时办理。`;
    const overdue = `【亲企办】诉求 ${number} 已超过回应时限，已督办，请及时办理。`;
    // The warning: the unit's staff with a phone or e-mail (agent 1 only).
    expect(mine.filter((m) => m.body === warning).map((m) => [m.channel, m.to])).toEqual([['sms', '13811112222'], ['email', 'agent1@example.gov.cn']]);
    // The overdue mark: the unit's staff and the dispatchers, those who have a phone or e-mail; one message each.
    const phones = await t.deps.db.selectFrom('users').select('phone').where('phone', '<>', '').where('status', '=', 'active')
      .where((eb) => eb.or([eb('department_id', '=', ids.unitA), eb('id', 'in', eb.selectFrom('user_roles').select('user_id').where('role_code', '=', 'service_dispatcher'))]))
      .execute();
    const overdueSms = mine.filter((m) => m.body === overdue && m.channel === 'sms').map((m) => m.to);
    expect(overdueSms).toContain('13811112222');
    expect(new Set(overdueSms)).toEqual(new Set(phones.map((p) => p.phone)));
    expect(overdueSms.length).toBe(new Set(overdueSms).size);
    expect(mine.filter((m) => m.body === overdue && m.channel === 'email').map((m) => m.to)).toEqual(['agent1@example.gov.cn']);
    expect(mine.every((m) => m.body === warning || m.body === overdue)).toBe(true); // the third run sent nothing new
    expect(mine.find((m) => m.channel === 'email')!.subject).toBe(`诉求 ${number} 即将超过回应时限`);
    // Through the outbox: one row per message, for agent 1 with the in-app notification it belongs to, sent once.
    const queued = await t.deps.db.selectFrom('notification_outbox as o').innerJoin('notifications as n', 'n.id', 'o.notification_id')
      .select(['o.channel', 'o.address', 'o.status', 'o.attempts', 'n.title']).where('o.user_id', '=', ids.agent1).where('o.body', '=', warning).orderBy('o.id').execute();
    expect(queued).toEqual([
      { channel: 'sms', address: '13811112222', status: 'sent', attempts: 1, title: `诉求 ${number} 即将超过回应时限` },
      { channel: 'email', address: 'agent1@example.gov.cn', status: 'sent', attempts: 1, title: `诉求 ${number} 即将超过回应时限` },
    ]);
  });
});

describe('the sweep when the SMS gateway fails', () => {
  it('keeps the mark and the in-app notification, sends the rest, and queues the refused SMS for a retry', async () => {
    const adapter = t.deps.notifier.outbound as LogOnlyAdapter;
    const original = adapter.send.bind(adapter);
    adapter.send = async (m) => {
      if (m.channel === 'sms') throw new Error('gateway down');
      await original(m);
    };
    try {
      now = at('2026-03-30T10:00:00'); // Monday
      const id = await accepted();
      await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA });
      const before = adapter.sent.length;
      now = at('2026-03-30T17:00:00');
      await t.deps.jobs.ensureRecurring();
      await t.deps.db.updateTable('jobs').set({ run_at: now }).where('kind', '=', 'service.escalation_sweep').where('status', '=', 'queued').execute();
      await t.deps.jobs.drain();
      const r = (await dispatcher.get(`/api/service/requests/${id}`)).json();
      expect(r.events.map((e: { type: string }) => e.type)).toContain('step_warning');
      expect((await agent1.get('/api/notifications')).json().map((n: { title: string }) => n.title)).toContain(`诉求 ${r.number} 即将超过回应时限`);
      const sent = adapter.sent.slice(before).filter((m) => m.body.startsWith('【亲企办】') && m.body.includes(`诉求 ${r.number} `));
      expect(sent.map((m) => m.channel)).toEqual(['email']);
      // The refused SMS waits in the outbox for its next attempt.
      const sms = await t.deps.db.selectFrom('notification_outbox').select(['status', 'attempts', 'last_error', 'next_attempt_at'])
        .where('channel', '=', 'sms').where('body', '=', `【亲企办】诉求 ${r.number} 即将超过回应时限，请及时办理。`).execute();
      expect(sms.length).toBeGreaterThanOrEqual(1);
      expect(sms.every((m) => m.status === 'queued' && m.attempts === 1 && m.last_error === 'gateway down' && m.next_attempt_at! > now)).toBe(true);
      const job = await t.deps.db.selectFrom('jobs').select(['status', 'result']).where('kind', '=', 'service.escalation_sweep').executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'queued', result: { warnings: expect.any(Number) } });
    } finally {
      adapter.send = original;
    }
  });
});

describe('the park file', () => {
  it('filters the list by park and counts the park\'s requests by status, with the three rates', async () => {
    const id = await newRequest({ enterpriseId: ids.other, title: '园区企业诉求' });
    const list = (await dispatcher.get(`/api/service/requests?parkId=${ids.park}&pageSize=100`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(id);
    const parkOf = await t.deps.db.selectFrom('service_requests').select('park_id').where('id', 'in', list.items.map((i: { id: string }) => i.id)).execute();
    expect(parkOf.every((p) => p.park_id === ids.park)).toBe(true);
    const expected = await t.deps.db.selectFrom('service_requests').select('status').where('park_id', '=', ids.park).execute();
    const figures = (await leader.get(`/api/service/parks/${ids.park}/figures`)).json();
    expect(figures.total).toBe(expected.length);
    expect(figures.byStatus.submitted).toBe(expected.filter((r) => r.status === 'submitted').length);
    expect(Object.values(figures.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(figures.responseRate).toMatchObject({ numerator: expect.any(Number), denominator: expect.any(Number) });
    expect((await leader.get(`/api/service/parks/${ZERO}/figures`)).statusCode).toBe(404);
    // A unit counts only what was dispatched to it.
    const unitFigures = (await unitA.get(`/api/service/parks/${ids.park}/figures`)).json();
    expect(unitFigures.total).toBeLessThanOrEqual(figures.total);
    expect(unitFigures.byStatus.submitted).toBe(0);
  });
});

describe('the stored service-level policy', () => {
  it('reads the default, refuses a bad one with what is wrong, stores a version that applies to steps opened after it, audited', async () => {
    let view = (await dispatcher.get('/api/service/service-level-policy')).json();
    expect(view).toMatchObject({ version: null, policy: { defaults: { resolve: { kind: 'working_days', days: 5 } } } });

    const bad = await dispatcher.put('/api/service/service-level-policy', {
      policy: { ...DEFAULT_SERVICE_LEVEL_POLICY, defaults: { ...DEFAULT_SERVICE_LEVEL_POLICY.defaults, resolve: { kind: 'working_days', days: 0 } }, byCategory: { nope: {} } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('SERVICE_POLICY_INVALID');
    expect(bad.json().error.message).toMatch(/resolve/);
    expect(bad.json().error.message).toMatch(/nope/);
    const malformed = await dispatcher.put('/api/service/service-level-policy', { policy: { defaults: {} } });
    expect(malformed.statusCode).toBe(400);

    now = at('2026-03-25T09:00:00'); // Wednesday
    const opened = await accepted();
    await actOk(dispatcher, opened, { action: 'dispatch', leadUnitId: ids.unitA });
    const policy = {
      ...DEFAULT_SERVICE_LEVEL_POLICY,
      byCategory: { 'factors.power': { resolve: { kind: 'working_days', days: 2 } } },
    };
    now = at('2026-03-25T09:30:00');
    const saved = await dispatcher.put('/api/service/service-level-policy', { policy });
    expect(saved.statusCode, saved.body).toBe(200);
    view = saved.json();
    expect(view).toMatchObject({ version: expect.any(Number), effectiveFrom: now.toISOString(), updatedBy: 'wf_dispatcher' });
    const audit = await t.deps.db.selectFrom('audit_log').select(['after', 'before']).where('action', '=', 'service.policy.replace').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ version: view.version, policy: { byCategory: { 'factors.power': { resolve: { days: 2 } } } } });

    now = at('2026-03-25T10:00:00');
    const later = await accepted();
    await actOk(dispatcher, later, { action: 'dispatch', leadUnitId: ids.unitA });
    const resolveDue = async (id: string) => (await dispatcher.get(`/api/service/requests/${id}`)).json().steps.find((s: { step: string }) => s.step === 'resolve').dueAt;
    // Opened before the change: 5 working days (Wed 03-25 → Wed 04-01); after it: 2 (→ Fri 03-27).
    expect(await resolveDue(opened)).toBe(at('2026-04-01T23:59:59.999').toISOString());
    expect(await resolveDue(later)).toBe(at('2026-03-27T23:59:59.999').toISOString());
    // An action on the older request keeps its promise.
    await actOk(unitA, opened, { action: 'sign' });
    expect(await resolveDue(opened)).toBe(at('2026-04-01T23:59:59.999').toISOString());
  });
});

it.runIf(testDbKind() === 'postgres')('runs on PostgreSQL too (the file runs on both databases)', () => expect(testDbKind()).toBe('postgres'));
