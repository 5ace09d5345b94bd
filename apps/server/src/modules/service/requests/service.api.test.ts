import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';

// The clock the app reads: Tuesday 2026-03-10 09:00 in Asia/Shanghai, moved by the tests.
let now = new Date('2026-03-10T01:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);

let t: TestApp;
let admin: Client;
let operator: Client; // 热线接线员
let dispatcher: Client; // 亲企办调度员
let unitA: Client; // 承办单位: 余杭区市场监督管理局/信用监管科
let agentA: Client; // 助企服务员 of the same section
let unitB: Client; // 承办单位: 良渚街道办事处/经济发展科
let assist: Client; // 承办单位: 余杭区科学技术局/成果转化科 (assisting)
let leader: Client; // 领导（亲企办）
let entZsy: Client; // core's enterprise_user of 中双元
let entOther: Client; // an enterprise user of another enterprise
let auditor: Client; // no service permission, no enterprise
const ids = {} as Record<'zsy' | 'other' | 'unitA' | 'unitB' | 'assist' | 'agentA' | 'inactive', string>;

const PASSWORD = 'Service#2026';
const ZERO = '00000000-0000-4000-8000-000000000000';

async function department(path: string): Promise<string> {
  const [dep, sec] = path.split('/');
  const d = await t.deps.db.selectFrom('departments').select('id').where('name', '=', dep!).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  if (!sec) return d.id;
  return (await t.deps.db.selectFrom('departments').select('id').where('name', '=', sec).where('parent_id', '=', d.id).executeTakeFirstOrThrow()).id;
}

async function user(username: string, roles: string[], scope: { departmentId?: string; enterpriseId?: string; divisionCode?: string } = {}): Promise<Client> {
  const res = await admin.post('/api/users', { username, displayName: username, password: PASSWORD, roles, ...scope });
  expect(res.statusCode, res.body).toBe(201);
  return t.as(username, PASSWORD);
}

const call = (over: Record<string, unknown> = {}) => ({
  enterpriseId: ids.zsy,
  channel: 'hotline',
  title: '新产品需要第三方检测',
  description: '新研发的实验室仪器需要第三方检测报告，想找附近有资质的检测机构。',
  contactName: '王经理',
  contactPhone: '13912345678',
  location: '良渚大道 618 号',
  ...over,
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
/** A request accepted and dispatched to unit A (lead). */
async function dispatchedToA(over: Record<string, unknown> = {}, assisting: string[] = []): Promise<string> {
  const id = await newRequest(over);
  await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' });
  await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, assistingUnitIds: assisting });
  return id;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } }); // the clock moves on by days
  admin = await t.as('admin');
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name']).orderBy('credit_code').execute();
  ids.zsy = ents.find((e) => e.name === '中双元（杭州）科技有限公司')!.id;
  ids.other = ents.find((e) => e.id !== ids.zsy)!.id;
  ids.unitA = await department('余杭区市场监督管理局/信用监管科');
  ids.unitB = await department('良渚街道办事处/经济发展科');
  ids.assist = await department('余杭区科学技术局/成果转化科');
  ids.inactive = await department('余杭区医疗保障局/基金监管科');
  operator = await user('svc_operator', ['service_operator']);
  dispatcher = await user('svc_dispatcher', ['service_dispatcher']);
  unitA = await user('svc_unit_a', ['service_unit'], { departmentId: ids.unitA });
  agentA = await user('svc_agent_a', ['service_agent'], { departmentId: ids.unitA });
  unitB = await user('svc_unit_b', ['service_unit'], { departmentId: ids.unitB });
  assist = await user('svc_assist', ['service_unit'], { departmentId: ids.assist });
  leader = await user('svc_leader', ['service_leader']);
  entOther = await user('ent_other', ['enterprise_user'], { enterpriseId: ids.other });
  ids.agentA = (await agentA.get('/api/auth/me')).json().id;
  entZsy = await t.as('ent_zsy');
  auditor = await t.as('auditor');
});
afterAll(() => t.close());

describe('access: every route answers 401 to strangers and 403/404 outside its permission or scope', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/service/categories'],
    ['GET', '/api/service/category-suggestion?text=检测'],
    ['GET', '/api/service/requests'],
    ['POST', '/api/service/requests', { title: '测试', description: '测试', contactName: '王', contactPhone: '13912345678' }],
    ['GET', `/api/service/requests/${ZERO}`],
    ['POST', `/api/service/requests/${ZERO}/actions`, { action: 'sign', version: 1 }],
    ['POST', `/api/service/requests/${ZERO}/reveal`],
    ['GET', '/api/service/units'],
    ['PUT', `/api/service/units/${ZERO}`, { active: false }],
    ['GET', '/api/service/routing-rules'],
    ['PUT', '/api/service/routing-rules', { rules: [] }],
    ['POST', '/api/service/routing-rules', { unitId: ZERO }],
    ['PUT', `/api/service/routing-rules/${ZERO}`, { unitId: ZERO }],
  ];
  const send = (c: Client, [method, url, body]: [string, string, unknown?]) =>
    method === 'GET' ? c.get(url) : method === 'PUT' ? c.put(url, body) : c.post(url, body);

  it.each(routes)('%s %s: 401 without a session', async (method, url, body) => {
    expect((await send(t.anonymous, [method, url, body])).statusCode).toBe(401);
  });

  it.each(routes)('%s %s: 403 for a user with no part in the service (the auditor)', async (method, url, body) => {
    const res = await send(auditor, [method, url, body]);
    expect(res.statusCode, res.body).toBe(403);
  });

  it('a request outside the scope is 404 on every per-request route', async () => {
    const id = await newRequest();
    for (const c of [entOther, unitB]) {
      expect((await c.get(`/api/service/requests/${id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/service/requests/${id}/actions`, { action: 'resume', version: 1 })).statusCode).toBe(404);
      expect((await c.post(`/api/service/requests/${id}/reveal`)).statusCode).toBe(404);
    }
  });

  it('configuration needs service.configure; the unit list service.dispatch', async () => {
    expect((await operator.get('/api/service/units')).statusCode).toBe(403);
    expect((await unitA.put('/api/service/routing-rules', { rules: [] })).statusCode).toBe(403);
    expect((await leader.post(`/api/service/requests/${ZERO}/actions`, { action: 'close', version: 1 })).statusCode).toBe(403);
  });
});

describe('categories and suggestions', () => {
  it('lists the seeded tree and suggests from keywords', async () => {
    const cats = (await entZsy.get('/api/service/categories')).json();
    expect(cats.filter((c: { parentId: string | null }) => c.parentId === null).map((c: { name: string }) => c.name))
      .toEqual(['政策咨询', '要素保障', '人才', '融资', '检测认证', '审批', '纠纷', '其他']);
    expect(cats.filter((c: { parentId: string | null }) => c.parentId === 'factors').map((c: { name: string }) => c.name)).toEqual(['用地', '用电', '用水']);
    expect((await operator.get(`/api/service/category-suggestion?text=${encodeURIComponent('厂区停电了')}`)).json()).toEqual({ categoryId: 'factors.power', keyword: '停电' });
  });
});

describe('creating a request', () => {
  it('an enterprise user raises one online for its own enterprise; the phone is masked, the reveal audited', async () => {
    const res = await entZsy.post('/api/service/requests', call({ channel: 'hotline' }));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ status: 'submitted', channel: 'web', enterpriseId: ids.zsy, contactPhone: '139****5678', suggestedCategoryId: 'testing', categoryId: null });
    expect(r.steps).toEqual([expect.objectContaining({ step: 'accept', round: 0, state: 'ok', dueAt: at('2026-03-10T23:59:59.999').toISOString() })]);
    expect((await entZsy.post(`/api/service/requests/${r.id}/reveal`)).json()).toEqual({ contactPhone: '13912345678' });
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', r.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['service.request.create', 'service.request.reveal']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13912345678');
  });

  it('an enterprise user cannot raise one for another enterprise; units and leaders cannot record one', async () => {
    expect((await entZsy.post('/api/service/requests', call({ enterpriseId: ids.other }))).statusCode).toBe(400);
    const res = await unitA.post('/api/service/requests', call());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('SERVICE_ROLE_NOT_ALLOWED');
    expect((await leader.post('/api/service/requests', call())).statusCode).toBe(403);
  });

  it('the operator records an unregistered contact; bad input is 400 at the field', async () => {
    const res = await operator.post('/api/service/requests', call({ enterpriseId: null, organizationName: '良渚某新办企业（未登记）', divisionCode: '330110010', channel: 'visit' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ enterpriseId: null, enterpriseName: '良渚某新办企业（未登记）', divisionCode: '330110010', channel: 'visit' });
    expect((await operator.post('/api/service/requests', call({ enterpriseId: null }))).json().error.fields).toHaveProperty('organizationName');
    expect((await operator.post('/api/service/requests', call({ categoryId: 'nope' }))).json().error.code).toBe('SERVICE_CATEGORY_INVALID');
    expect((await operator.post('/api/service/requests', call({ enterpriseId: ZERO }))).json().error.fields).toHaveProperty('enterpriseId');
    expect((await operator.post('/api/service/requests', call({ title: '' }))).statusCode).toBe(400);
  });

  it('a street-bound operator records an unregistered contact in its street (by default), not outside it', async () => {
    const street = await user('svc_operator_lz', ['service_operator'], { divisionCode: '330110010' });
    const unregistered = { enterpriseId: null, organizationName: '良渚某小微企业（未登记）' };
    const res = await street.post('/api/service/requests', call(unregistered));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ divisionCode: '330110010' });
    expect((await street.get(`/api/service/requests/${res.json().id}`)).statusCode).toBe(200);
    const outside = await street.post('/api/service/requests', call({ ...unregistered, divisionCode: '330110012' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toHaveProperty('divisionCode');
  });
});

describe('the issue\'s journey: call → accept → dispatch → return → re-dispatch → sign → respond → resolve → follow-up → close', () => {
  it('runs through the API with the timeline and the step outcomes recorded', async () => {
    now = at('2026-03-10T09:00:00');
    const created = await operator.post('/api/service/requests', call());
    expect(created.statusCode).toBe(201);
    const id = created.json().id;

    now = at('2026-03-10T09:20:00');
    await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' });
    now = at('2026-03-10T10:00:00');
    let r = await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitB, note: '请良渚街道对接' });
    expect(r).toMatchObject({ status: 'dispatched', leadUnit: { id: ids.unitB } });

    // The wrong unit returns it: a reason is required.
    now = at('2026-03-10T11:00:00');
    const noReason = await act(unitB, id, { action: 'return', note: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'SERVICE_REASON_REQUIRED', message: '退单须填写原因' });
    await actOk(unitB, id, { action: 'return', reason: 'not_our_remit', note: '检测资质属市场监管' });
    expect((await unitB.get(`/api/service/requests/${id}`)).json().status).toBe('returned');
    // Waiting for the dispatcher: the office holds an open re-dispatch step, timed from the return.
    const waiting = (await dispatcher.get(`/api/service/requests/${id}`)).json();
    expect(waiting.steps.filter((s: { completedAt: unknown; cancelled: boolean }) => !s.completedAt && !s.cancelled)
      .map((s: { step: string; redispatch: boolean; state: string; dueAt: string }) => [s.step, s.redispatch, s.state, s.dueAt]))
      .toEqual([['dispatch', true, 'ok', at('2026-03-10T23:59:59.999').toISOString()]]);

    now = at('2026-03-10T11:30:00');
    r = await actOk(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, assistingUnitIds: [ids.assist] });
    expect(r).toMatchObject({ status: 'dispatched', dispatchCount: 2, returnCount: 1, assistingUnits: [{ id: ids.assist }] });
    // Unit B no longer sees it; unit A and the assisting unit do.
    expect((await unitB.get(`/api/service/requests/${id}`)).statusCode).toBe(404);
    expect((await assist.get(`/api/service/requests/${id}`)).json().allowedActions).toEqual([]);

    now = at('2026-03-10T13:40:00');
    r = await actOk(agentA, id, { action: 'sign' });
    expect(r.agent).toMatchObject({ id: ids.agentA });
    now = at('2026-03-10T15:00:00');
    await actOk(agentA, id, { action: 'respond', content: '已联系附近的正信检测，明天上门' });
    now = at('2026-03-12T10:00:00');
    await actOk(unitA, id, { action: 'resolve', summary: '检测完成，报告已出具' });
    now = at('2026-03-13T09:00:00');
    await actOk(operator, id, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
    now = at('2026-03-13T09:05:00');
    r = await actOk(operator, id, { action: 'close' });

    expect(r.status).toBe('closed');
    expect(r.events.map((e: { type: string }) => e.type)).toEqual([
      'submitted', 'accepted', 'dispatched', 'returned', 'dispatched', 'signed', 'responded', 'resolved', 'followed_up', 'closed',
    ]);
    expect(r.events[3]).toMatchObject({ actorRole: 'handling_unit', unitId: ids.unitB, payload: { reason: 'not_our_remit', note: '检测资质属市场监管' } });
    expect(r.events[5]).toMatchObject({ actorRole: 'service_agent', actorName: 'svc_agent_a' });
    const steps = Object.fromEntries(r.steps.filter((s: { redispatch: boolean }) => !s.redispatch).map((s: { step: string }) => [s.step, s]));
    // The return handed the request back to the office: a re-dispatch step from the return (11:00)
    // to the re-dispatch (11:30), due the same working day (当天交办).
    expect(r.steps.filter((s: { redispatch: boolean }) => s.redispatch)).toEqual([expect.objectContaining({
      step: 'dispatch', startedAt: at('2026-03-10T11:00:00').toISOString(), completedAt: at('2026-03-10T11:30:00').toISOString(),
      dueAt: at('2026-03-10T23:59:59.999').toISOString(), met: true, unitId: null,
    })]);
    expect(steps.accept).toMatchObject({ met: true, completedAt: at('2026-03-10T09:20:00').toISOString(), dueAt: at('2026-03-10T23:59:59.999').toISOString() });
    expect(steps.dispatch).toMatchObject({ met: true, completedAt: at('2026-03-10T10:00:00').toISOString() });
    // Respond counts from the first dispatch (10:00), not the re-dispatch: same working day, met.
    expect(steps.respond).toMatchObject({ met: true, startedAt: at('2026-03-10T10:00:00').toISOString(), dueAt: at('2026-03-10T23:59:59.999').toISOString() });
    // 5 working days from Tuesday 03-10: Tuesday 03-17 at 24:00.
    expect(steps.resolve).toMatchObject({ met: true, dueAt: at('2026-03-17T23:59:59.999').toISOString() });
    expect(steps.follow_up).toMatchObject({ met: true, startedAt: at('2026-03-12T10:00:00').toISOString() });
    expect(r.steps.every((s: { state: unknown }) => s.state === null)).toBe(true);

    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'service.request.create', 'service.request.accept', 'service.request.dispatch', 'service.request.return', 'service.request.dispatch',
      'service.request.sign', 'service.request.respond', 'service.request.resolve', 'service.request.follow_up', 'service.request.close',
    ]);
    // The enterprise follows it, without the office's internal steps (the return).
    const seen = (await entZsy.get(`/api/service/requests/${id}`)).json();
    expect(seen.events.map((e: { type: string }) => e.type)).not.toContain('returned');
    // The units heard about the dispatches; the dispatchers about the return; the enterprise about the answer.
    const titles = async (c: Client) => (await c.get('/api/notifications')).json().map((n: { title: string }) => n.title);
    expect(await titles(unitB)).toContain(`诉求 ${r.number} 已交办给您的单位`);
    expect(await titles(dispatcher)).toContain(`诉求 ${r.number} 被退单，请重新交办`);
    expect(await titles(entZsy)).toContain(`诉求 ${r.number} 回应`);
  });

  it('a dissatisfied follow-up reopens the request: back to accepted, new dispatch/respond/resolve clocks', async () => {
    now = at('2026-03-16T09:00:00');
    const id = await dispatchedToA();
    await actOk(unitA, id, { action: 'sign' });
    await actOk(unitA, id, { action: 'resolve', summary: '已答复' });
    now = at('2026-03-16T14:00:00');
    const r = await actOk(operator, id, { action: 'follow_up', satisfaction: 'dissatisfied', solved: false, note: '未解决' });
    expect(r).toMatchObject({ status: 'accepted', reopenCount: 1 });
    expect(r.events.slice(-2).map((e: { type: string }) => e.type)).toEqual(['followed_up', 'reopened']);
    const round1 = r.steps.filter((s: { round: number }) => s.round === 1).map((s: { step: string; startedAt: string }) => [s.step, s.startedAt]);
    expect(round1).toEqual([['dispatch', now.toISOString()], ['respond', now.toISOString()], ['resolve', now.toISOString()]]);
    expect((await dispatcher.get(`/api/service/requests/${id}`)).json().allowedActions).toContain('dispatch');
  });
});

describe('refusals', () => {
  it('an impossible step is 409 with the lifecycle\'s message; a follow-up before resolution has its own', async () => {
    const id = await newRequest();
    const sign = await act(dispatcher, id, { action: 'close' });
    expect(sign.statusCode).toBe(409);
    expect(sign.json().error).toMatchObject({ code: 'SERVICE_TRANSITION_NOT_ALLOWED', message: '诉求当前为“待受理”，不能关闭' });
    const follow = await act(operator, id, { action: 'follow_up', satisfaction: 'satisfied', solved: true });
    expect(follow.statusCode).toBe(409);
    expect(follow.json().error.code).toBe('SERVICE_FOLLOW_UP_BEFORE_RESOLUTION');
    const en = await operator.post(`/api/service/requests/${id}/actions`, { action: 'close', version: 1 }, { 'x-locale': 'en-US' });
    expect(en.json().error.message).toBe('a request that is submitted cannot be acted on with "close"');
  });

  it('the wrong role is 403; a unit that is not the lead is 403; the wrong enterprise cannot see it', async () => {
    const id = await dispatchedToA({}, [ids.assist]);
    const byOperator = await act(operator, id, { action: 'dispatch', leadUnitId: ids.unitB });
    expect(byOperator.statusCode).toBe(409); // dispatched → dispatch is not in the table
    const signByDispatcher = await act(dispatcher, id, { action: 'sign' });
    expect(signByDispatcher.statusCode).toBe(403);
    expect(signByDispatcher.json().error.code).toBe('SERVICE_ROLE_NOT_ALLOWED');
    const byAssisting = await act(assist, id, { action: 'sign' });
    expect(byAssisting.statusCode).toBe(403);
    expect(byAssisting.json().error.code).toBe('SERVICE_NOT_LEAD_UNIT');
    const agentReturns = await act(agentA, id, { action: 'return', reason: 'other', note: '不是我们的' });
    expect(agentReturns.json().error.code).toBe('SERVICE_ROLE_NOT_ALLOWED');
  });

  it('a dispatch to a unit that does not exist or is inactive is 400; one lead only', async () => {
    const id = await newRequest();
    await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' });
    const missing = await act(dispatcher, id, { action: 'dispatch', leadUnitId: ZERO });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'SERVICE_UNIT_INVALID', fields: { leadUnitId: '承办单位不存在或已停用' } });
    expect((await dispatcher.put(`/api/service/units/${ids.inactive}`, { active: false })).json()).toMatchObject({ id: ids.inactive, active: false });
    const inactive = await act(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, assistingUnitIds: [ids.inactive] });
    expect(inactive.json().error).toMatchObject({ code: 'SERVICE_UNIT_INVALID', fields: { 'assistingUnitIds.0': '承办单位不存在或已停用' } });
    const twice = await act(dispatcher, id, { action: 'dispatch', leadUnitId: ids.unitA, assistingUnitIds: [ids.unitA] });
    expect(twice.json().error.code).toBe('SERVICE_DISPATCH_UNIT_REPEATED');
    expect((await dispatcher.get(`/api/service/requests/${id}`)).json()).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('two dispatchers acting on the same version: the second gets 409 CONFLICT', async () => {
    const id = await newRequest();
    const dispatcher2 = await user('svc_dispatcher2', ['service_dispatcher']);
    const first = await dispatcher.post(`/api/service/requests/${id}/actions`, { action: 'accept', categoryId: 'testing', version: 1 });
    expect(first.statusCode).toBe(200);
    const second = await dispatcher2.post(`/api/service/requests/${id}/actions`, { action: 'accept', categoryId: 'policy', version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CONFLICT');
  });

  it('accepting needs a category that exists', async () => {
    const id = await newRequest();
    expect((await act(dispatcher, id, { action: 'accept' })).json().error.code).toBe('SERVICE_CATEGORY_REQUIRED');
    expect((await act(dispatcher, id, { action: 'accept', categoryId: 'nope' })).json().error.code).toBe('SERVICE_CATEGORY_INVALID');
  });

  it('waiting for the enterprise pauses the clock; the enterprise resumes; a merge joins a duplicate to its primary', async () => {
    now = at('2026-03-17T10:00:00');
    const primary = await newRequest();
    await actOk(operator, primary, { action: 'accept', categoryId: 'testing' });
    let r = await actOk(operator, primary, { action: 'wait_for_enterprise', reason: '请补充产品型号' });
    expect(r.status).toBe('waiting_for_enterprise');
    expect(r.steps.find((s: { step: string }) => s.step === 'dispatch')).toMatchObject({ dueAt: null, state: 'paused' });
    now = at('2026-03-18T09:00:00');
    r = await actOk(entZsy, primary, { action: 'resume', note: '型号已补充' });
    expect(r.status).toBe('accepted');
    // Paused Tue 10:00 → Wed 09:00 gives back one working day: due Wednesday night.
    expect(r.steps.find((s: { step: string }) => s.step === 'dispatch')).toMatchObject({ dueAt: at('2026-03-18T23:59:59.999').toISOString(), state: 'ok' });

    const duplicate = await newRequest({ enterpriseId: ids.other });
    const merged = await actOk(operator, duplicate, { action: 'merge', primaryId: primary });
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: primary });
    expect(merged.steps.every((s: { cancelled: boolean }) => s.cancelled)).toBe(true);
    const p = (await operator.get(`/api/service/requests/${primary}`)).json();
    expect(p.mergedIds).toEqual([duplicate]);
    // The duplicate's enterprise now follows the primary too.
    expect((await entOther.get(`/api/service/requests/${primary}`)).statusCode).toBe(200);
    // … but not the primary's enterprise: its contact, name and location stay with it, its phone cannot be revealed.
    const seen = (await entOther.get(`/api/service/requests/${primary}`)).json();
    expect(seen).toMatchObject({ status: 'accepted', categoryId: 'testing', enterpriseId: null, enterpriseName: '', organizationName: '', contactName: '', contactPhone: '', location: '' });
    expect(JSON.stringify(seen)).not.toContain('王经理');
    expect(JSON.stringify(seen)).not.toContain('良渚大道');
    expect(seen.events.filter((e: { actorRole: string }) => e.actorRole === 'enterprise').every((e: { actorName: string }) => e.actorName === '')).toBe(true);
    expect((await entOther.post(`/api/service/requests/${primary}/reveal`)).statusCode).toBe(404);
    const row = (await entOther.get('/api/service/requests?pageSize=100')).json().items.find((i: { id: string }) => i.id === primary);
    expect(row).toMatchObject({ enterpriseId: null, enterpriseName: '', contactName: '', contactPhone: '' });
    // Its own duplicate it still sees in full; the primary's enterprise still sees and reveals its contact.
    expect((await entOther.get(`/api/service/requests/${duplicate}`)).json()).toMatchObject({ contactName: '王经理', enterpriseId: ids.other });
    expect((await entOther.post(`/api/service/requests/${duplicate}/reveal`)).json()).toEqual({ contactPhone: '13912345678' });
    expect((await entZsy.get(`/api/service/requests/${primary}`)).json()).toMatchObject({ contactName: '王经理', location: '良渚大道 618 号', enterpriseId: ids.zsy });
    expect((await entZsy.post(`/api/service/requests/${primary}/reveal`)).json()).toEqual({ contactPhone: '13912345678' });
    expect((await act(operator, duplicate, { action: 'accept', categoryId: 'testing' })).json().error.code).toBe('SERVICE_REQUEST_FINISHED');
  });
});

describe('scope: lists and counts never leak', () => {
  it('a unit sees only what is dispatched to it; an enterprise only its own; the office and leaders all', async () => {
    const toA = await dispatchedToA({ title: '只交办给 A' });
    const mine = await newRequest({ title: '他企诉求', enterpriseId: ids.other });
    const list = async (c: Client, q = '') => (await c.get(`/api/service/requests?pageSize=100${q}`)).json();

    const a = await list(unitA);
    expect(a.items.length).toBe(a.total);
    for (const item of a.items) {
      const units = await t.deps.db.selectFrom('service_request_units').select('unit_id').where('request_id', '=', item.id).execute();
      expect(units.map((u) => u.unit_id)).toContain(ids.unitA);
    }
    expect(a.items.map((i: { id: string }) => i.id)).toContain(toA);
    expect(a.items.map((i: { id: string }) => i.id)).not.toContain(mine);
    expect((await list(unitB)).items.map((i: { id: string }) => i.id)).not.toContain(toA);

    const e = await list(entOther);
    expect(e.items.map((i: { id: string }) => i.id)).toContain(mine);
    expect(e.items.every((i: { enterpriseId: string | null; id: string }) => i.enterpriseId === ids.other || i.id !== toA)).toBe(true);
    const zsy = await list(entZsy);
    expect(zsy.items.map((i: { id: string }) => i.id)).not.toContain(mine);
    // Its own requests' phones masked; another enterprise's (followed through a merge) not shown at all.
    expect(zsy.items.every((i: { contactPhone: string; enterpriseId: string | null }) =>
      i.enterpriseId === ids.zsy ? i.contactPhone.includes('****') : i.contactPhone === '' && i.enterpriseId === null)).toBe(true);

    const all = await t.deps.db.selectFrom('service_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect((await list(leader)).total).toBe(Number(all.n));
    expect((await list(operator)).total).toBe(Number(all.n));
    // A filter does not widen the scope: unit B asking for unit A's requests gets none.
    expect((await list(unitB, `&unitId=${ids.unitA}`)).total).toBe(0);
    // … and an enterprise asking for another's sees only requests that answer it too (a merged duplicate of its own).
    for (const item of (await list(entOther, `&enterpriseId=${ids.zsy}`)).items) {
      const row = await t.deps.db.selectFrom('service_requests').select('enterprise_ids').where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(row.enterprise_ids).toContain(ids.other);
    }
  });

  it('filters: status, category, unit, street, channel, period, overdue, text', async () => {
    const list = async (q: string) => (await dispatcher.get(`/api/service/requests?pageSize=100&${q}`)).json();
    const statuses = (await list('status=closed,merged')).items.map((i: { status: string }) => i.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['closed', 'merged']));
    expect((await list('categoryId=testing')).items.every((i: { categoryId: string }) => i.categoryId === 'testing')).toBe(true);
    expect((await list(`unitId=${ids.unitA}`)).total).toBe((await unitA.get('/api/service/requests')).json().total);
    expect((await list('divisionCode=330110010')).items.every((i: { divisionCode: string }) => i.divisionCode === '330110010')).toBe(true);
    expect((await list('channel=visit')).items.every((i: { channel: string }) => i.channel === 'visit')).toBe(true);
    expect((await list('from=2026-03-13&to=2026-03-13')).total).toBe(0);
    expect((await list('from=2026-03-10&to=2026-03-10')).total).toBeGreaterThan(0);
    const overdue = await list('overdue=true');
    const notOverdue = await list('overdue=false');
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(notOverdue.items.every((i: { overdue: boolean }) => !i.overdue)).toBe(true);
    expect(overdue.total + notOverdue.total).toBe((await list('')).total);
    expect((await list(`q=${encodeURIComponent('只交办给')}`)).total).toBe(1);
    expect((await dispatcher.get('/api/service/requests?status=bogus')).statusCode).toBe(400);
  });
});

describe('routing rules', () => {
  it('are saved in order and suggest the dispatch; a rule naming an inactive unit is refused', async () => {
    const bad = await dispatcher.put('/api/service/routing-rules', { rules: [{ unitId: ids.inactive }] });
    expect(bad.json().error.code).toBe('SERVICE_UNIT_INVALID');
    const saved = await dispatcher.put('/api/service/routing-rules', {
      rules: [
        { name: '检测', keywords: ['检测'], unitId: ids.unitA, assistingUnitIds: [ids.assist] },
        { name: '兜底', unitId: ids.unitB },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().map((r: { position: number; name: string }) => [r.position, r.name])).toEqual([[1, '检测'], [2, '兜底']]);
    const id = await newRequest();
    const r = await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' });
    expect(r.suggestedDispatch).toMatchObject({ unitId: ids.unitA, assistingUnitIds: [ids.assist], matched: { keyword: '检测' } });
  });

  it('one at a time: created last or at a place, edited, moved, switched off (out of the suggestion), each audited; dispatcher only', async () => {
    await dispatcher.put('/api/service/routing-rules', { rules: [{ name: '兜底', unitId: ids.unitB }] });
    const created = await dispatcher.post('/api/service/routing-rules', { name: '检测类', categoryIds: ['testing'], unitId: ids.unitA, agentStrategy: 'least_loaded' });
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ position: 2, name: '检测类', categoryIds: ['testing'], agentStrategy: 'least_loaded', active: true });
    // to the top
    const moved = await dispatcher.put(`/api/service/routing-rules/${rule.id}`, { ...rule, position: 1 });
    expect(moved.json().position).toBe(1);
    expect((await dispatcher.get('/api/service/routing-rules')).json().map((r: { name: string }) => r.name)).toEqual(['检测类', '兜底']);
    const id = await newRequest();
    expect((await actOk(dispatcher, id, { action: 'accept', categoryId: 'testing' })).suggestedDispatch).toMatchObject({ ruleId: rule.id, unitId: ids.unitA });

    const off = await dispatcher.put(`/api/service/routing-rules/${rule.id}`, { ...rule, position: 1, active: false });
    expect(off.json().active).toBe(false);
    expect((await dispatcher.get(`/api/service/requests/${id}`)).json().suggestedDispatch).toMatchObject({ unitId: ids.unitB });
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', rule.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['service.routing.create', 'service.routing.update', 'service.routing.update']);
    expect([audit[2]!.before, audit[2]!.after]).toEqual([{ active: true }, { active: false }]);

    // Bad references: 400 at the field, nothing written.
    const badCategory = await dispatcher.post('/api/service/routing-rules', { categoryIds: ['no-such'], unitId: ids.unitA });
    expect([badCategory.statusCode, badCategory.json().error.fields]).toEqual([400, { 'categoryIds.0': '诉求类别不存在' }]);
    expect((await dispatcher.post('/api/service/routing-rules', { unitId: ids.inactive })).json().error.code).toBe('SERVICE_UNIT_INVALID');
    expect((await dispatcher.put(`/api/service/routing-rules/${ZERO}`, { unitId: ids.unitA })).statusCode).toBe(404);
    expect((await dispatcher.get('/api/service/routing-rules')).json()).toHaveLength(2);
    // Not for units nor leaders.
    expect((await unitA.post('/api/service/routing-rules', { unitId: ids.unitA })).statusCode).toBe(403);
    expect((await leader.put(`/api/service/routing-rules/${rule.id}`, { unitId: ids.unitA })).statusCode).toBe(403);
  });
});
