import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../../../test/test-app';
import { DEMO_PASSWORD } from '../../../../db/seed/demo-county';

let t: TestApp;
let agent: Client;
let dispatcher: Client;
let leader: Client;
let ent: Client;
let enterpriseId: string;

const NOW = new Date();
const iso = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  [agent, dispatcher, leader, ent] = await Promise.all([t.as('agent'), t.as('dispatcher'), t.as('service_leader'), t.as('ent_zsy')]);
  enterpriseId = (await t.deps.db.selectFrom('enterprises').select('id').where('division_code', 'like', '330110010%').orderBy('credit_code').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('visits', () => {
  it('401 / 403 at the gate', async () => {
    expect((await t.anonymous.get('/api/service/visits')).statusCode).toBe(401);
    expect((await ent.get('/api/service/visits')).statusCode).toBe(403);
    expect((await leader.post('/api/service/visits', { enterpriseId, visitedAt: NOW, discussed: 'x' })).statusCode).toBe(403);
    expect((await agent.post('/api/service/visit-plans', {})).statusCode).toBe(403);
  });

  it('records a visit with its problems; one click turns a problem into a request the agent then follows; a second click is refused', async () => {
    const res = await agent.post('/api/service/visits', {
      enterpriseId, visitedAt: new Date(NOW.getTime() - 3_600_000), companions: '总经理接待', discussed: '了解扩产计划',
      followUps: '一周内回复', problems: ['用电增容申请没有回音', '门口道路破损'],
    });
    expect(res.statusCode).toBe(201);
    const visit = res.json();
    expect(visit).toMatchObject({ visitorName: '助企服务员 沈佳', canEdit: true, problems: [{ position: 1, requestId: null }, { position: 2 }] });

    const converted = await agent.post(`/api/service/visits/${visit.id}/problems/${visit.problems[0].id}/request`, {});
    expect(converted.statusCode).toBe(200);
    const p = converted.json().problems[0];
    expect(p.requestNumber).toBeGreaterThan(0);
    const request = (await agent.get(`/api/service/requests/${p.requestId}`)).json();
    expect(request).toMatchObject({ channel: 'visit', status: 'submitted', title: '用电增容申请没有回音' });
    expect(request.description).toContain('走访发现的问题');
    expect((await agent.post(`/api/service/visits/${visit.id}/problems/${visit.problems[0].id}/request`, {})).json().error.code).toBe('VISIT_PROBLEM_ALREADY_REQUEST');
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'service.visit.problem_to_request').where('entity_id', '=', visit.id).executeTakeFirst()).toBeDefined();

    // an edit keeps the converted problem and replaces the others
    const edited = await agent.put(`/api/service/visits/${visit.id}`, {
      visitedAt: visit.visitedAt, companions: '', discussed: '了解扩产计划和用工', followUps: '', problems: ['招工难'], planId: null, version: visit.version,
    });
    expect(edited.json().problems.map((x: { text: string }) => x.text)).toEqual(['用电增容申请没有回音', '招工难']);
    expect((await agent.put(`/api/service/visits/${visit.id}`, { visitedAt: visit.visitedAt, discussed: 'x', version: visit.version })).statusCode).toBe(409);
    // in the enterprise's file
    const list = (await agent.get(`/api/service/visits?enterpriseId=${enterpriseId}`)).json();
    expect(list.items.map((v: { id: string }) => v.id)).toContain(visit.id);
  });

  it('refuses a visit in the future and an enterprise outside the user\'s street (404)', async () => {
    const future = await agent.post('/api/service/visits', { enterpriseId, visitedAt: new Date(NOW.getTime() + 86_400_000), discussed: 'x' });
    expect(future.json().error.code).toBe('VISIT_IN_FUTURE');
    // a second agent bound to 仓前 sees neither 良渚's enterprises nor their visits
    const hash = (await t.deps.db.selectFrom('users').select('password_hash').where('username', '=', 'agent').executeTakeFirstOrThrow()).password_hash;
    const dept = (await t.deps.db.selectFrom('users').select('department_id').where('username', '=', 'agent').executeTakeFirstOrThrow()).department_id;
    const u = await t.deps.db.insertInto('users').values({ username: 'agent_cq', display_name: '仓前服务员', password_hash: hash, department_id: dept, division_code: '330110012' }).returning('id').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('user_roles').values({ user_id: u.id, role_code: 'service_agent' }).execute();
    const cq = await t.as('agent_cq', DEMO_PASSWORD);
    expect((await cq.post('/api/service/visits', { enterpriseId, visitedAt: NOW, discussed: 'x' })).statusCode).toBe(404);
    const some = await t.deps.db.selectFrom('service_visits').select('id').where('division_code', '=', '330110010').executeTakeFirstOrThrow();
    expect((await cq.get(`/api/service/visits/${some.id}`)).statusCode).toBe(404);
    const mine = (await cq.get('/api/service/visits?pageSize=100')).json();
    expect(mine.items.every((v: { divisionCode: string }) => v.divisionCode === '330110012')).toBe(true);
  });
});

describe('plans and coverage', () => {
  it('a plan per agent and street, with its progress', async () => {
    const agentId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'agent').executeTakeFirstOrThrow()).id;
    const targets = await t.deps.db.selectFrom('enterprises').select('id').where('division_code', 'like', '330110010%').orderBy('name').limit(3).execute();
    const from = iso(new Date(NOW.getTime() - 86_400_000));
    const res = await dispatcher.post('/api/service/visit-plans', { agentId, divisionCode: '330110010', periodFrom: from, periodTo: iso(NOW), enterpriseIds: targets.map((x) => x.id) });
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect(plan.planned).toBe(3);
    await agent.post('/api/service/visits', { enterpriseId: targets[0]!.id, visitedAt: new Date(NOW.getTime() - 60_000), discussed: '按计划走访', planId: plan.id });
    const after = (await agent.get(`/api/service/visit-plans/${plan.id}`)).json();
    expect(after.visited).toBeGreaterThanOrEqual(1);
    expect(after.enterprises.find((e: { id: string }) => e.id === targets[0]!.id).visited).toBe(true);
    // the agent must hold the visit permission; the end not before the start
    const hotline = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'hotline').executeTakeFirstOrThrow()).id;
    expect((await dispatcher.post('/api/service/visit-plans', { agentId: hotline, divisionCode: '330110010', periodFrom: from, periodTo: from })).json().error.code).toBe('VISIT_PLAN_AGENT_INVALID');
    expect((await dispatcher.post('/api/service/visit-plans', { agentId, divisionCode: '330110010', periodFrom: iso(NOW), periodTo: from })).statusCode).toBe(400);
  });

  it('the office edits a plan: who, when, which enterprises; audited, the agents told, the plan says who changed it', async () => {
    const [agentId, agent2Id] = await Promise.all(['agent', 'agent2'].map(async (u) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirst())?.id));
    const other = agent2Id ?? (await t.deps.db.selectFrom('users as u').select('u.id').where('u.status', '=', 'active').where('u.id', '!=', agentId!)
      .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND 'service.visit' = ANY(ro.permissions))`)
      .orderBy('u.username').executeTakeFirstOrThrow()).id;
    const targets = await t.deps.db.selectFrom('enterprises').select('id').where('division_code', 'like', '330110010%').orderBy('name').limit(4).execute();
    const from = iso(NOW);
    const body = { agentId: agentId!, divisionCode: '330110010', periodFrom: from, periodTo: from, enterpriseIds: targets.slice(0, 2).map((x) => x.id), note: '' };
    const plan = (await dispatcher.post('/api/service/visit-plans', body)).json();
    expect(plan.updatedByName).toBe('');
    const to = iso(new Date(NOW.getTime() + 14 * 86_400_000));
    const edit = { ...body, agentId: other, periodTo: to, enterpriseIds: targets.slice(1, 4).map((x) => x.id), note: '先走访重点企业', version: plan.version };
    // 401 / 403 / stale version / an agent without the visit permission
    expect((await t.anonymous.put(`/api/service/visit-plans/${plan.id}`, edit)).statusCode).toBe(401);
    expect((await agent.put(`/api/service/visit-plans/${plan.id}`, edit)).statusCode).toBe(403);
    expect((await dispatcher.put(`/api/service/visit-plans/${plan.id}`, { ...edit, version: plan.version + 1 })).statusCode).toBe(409);
    const hotline = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'hotline').executeTakeFirstOrThrow()).id;
    expect((await dispatcher.put(`/api/service/visit-plans/${plan.id}`, { ...edit, agentId: hotline })).json().error.code).toBe('VISIT_PLAN_AGENT_INVALID');

    const res = await dispatcher.put(`/api/service/visit-plans/${plan.id}`, edit);
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json();
    expect(edited).toMatchObject({ agentId: other, periodTo: to, note: '先走访重点企业', planned: 3, version: plan.version + 1 });
    expect(edited.updatedByName).not.toBe('');
    expect(edited.enterprises.map((e: { id: string }) => e.id).sort()).toEqual(targets.slice(1, 4).map((x) => x.id).sort());
    // the audit entry holds only what changed
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('entity_id', '=', plan.id).where('action', '=', 'service.visit_plan.update').execute();
    expect(audit).toHaveLength(1);
    expect(Object.keys(audit[0]!.after as object).sort()).toEqual(['agentId', 'enterpriseIds', 'note', 'periodTo']);
    expect((audit[0]!.before as { periodTo: string }).periodTo).toBe(from);
    // both agents are told: the new one what changed, the old one that it went to someone else
    const told = await t.deps.db.selectFrom('notifications').select(['user_id', 'title', 'body']).where('created_at', '>=', new Date(NOW.getTime() - 1000))
      .where('title', 'like', '走访计划%').where('user_id', 'in', [agentId!, other]).execute();
    expect(told.find((n) => n.user_id === other)?.body).toContain('企业增加 2 家、移除 1 家（共 3 家）');
    expect(told.find((n) => n.user_id === agentId)?.title).toBe('走访计划已改由他人负责');
    // the same again changes nothing (no new version, no audit entry)
    const again = (await dispatcher.put(`/api/service/visit-plans/${plan.id}`, { ...edit, version: edited.version })).json();
    expect(again.version).toBe(edited.version);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('entity_id', '=', plan.id).where('action', '=', 'service.visit_plan.update').execute()).toHaveLength(1);
  });

  it('coverage per street matches a count of the database', async () => {
    const from = iso(new Date(NOW.getTime() - 30 * 86_400_000));
    const to = iso(NOW);
    const cov = (await leader.get(`/api/service/visits/coverage?from=${from}&to=${to}`)).json();
    const start = new Date(`${from}T00:00:00+08:00`);
    const want = await sql<{ key: string; enterprises: number; visited: number }>`
      SELECT left(e.division_code, 9) AS key, count(*)::int AS enterprises,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_visits v WHERE v.enterprise_id = e.id AND v.visited_at >= ${start}))::int AS visited
      FROM enterprises e WHERE e.status = 'active' GROUP BY 1`.execute(t.deps.db);
    for (const w of want.rows) {
      const row = cov.rows.find((r: { key: string }) => r.key === w.key);
      expect(row).toMatchObject({ enterprises: w.enterprises, visited: w.visited });
      expect(row.share).toBeCloseTo(w.visited / w.enterprises, 3);
    }
    expect(cov.total.visited).toBeGreaterThan(0);
    const parks = (await leader.get(`/api/service/visits/coverage?from=${from}&to=${to}&by=park`)).json();
    expect(parks.rows.length).toBeGreaterThan(0);
  });
});
