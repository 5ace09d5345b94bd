import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { testDbKind } from '../../../../test/template-db';
import { Notifier } from '../../../core/notifications/notifier';
import { SWEEP_EVERY_MS, SWEEP_JOB, markStep, readOpenSteps } from './escalation-sweep';

let now = new Date('2026-03-10T01:00:00Z');
const at = (local: string) => new Date(`${local}+08:00`);
let t: TestApp;
let operator: Client;
let dispatcher: Client;
let unit: Client;
let unitId: string;

async function actOk(c: Client, id: string, body: Record<string, unknown>) {
  const version = (await dispatcher.get(`/api/service/requests/${id}`)).json().version;
  const res = await c.post(`/api/service/requests/${id}/actions`, { version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const events = async (id: string) => (await dispatcher.get(`/api/service/requests/${id}`)).json().events as { type: string; payload: Record<string, unknown> }[];
const titles = async (c: Client) => (await c.get('/api/notifications')).json().map((n: { title: string }) => n.title) as string[];

beforeAll(async () => {
  t = await createTestApp({ now: () => now, config: { SESSION_TTL_HOURS: '8760' } });
  // No phones or e-mail here: the drains below count the sweep's runs alone (with addresses, the
  // outbox's delivery job would run too). The sweep's SMS / e-mail: workflow.api.test.ts.
  await t.deps.db.updateTable('users').set({ phone: '', email: '' }).execute();
  await t.deps.jobs.drain(); // what the demo queued (the medical fund's generated year, …) runs now, not in the counted drains
  const admin = await t.as('admin');
  const dep = await t.deps.db.selectFrom('departments').select('id').where('name', '=', '余杭区市场监督管理局').executeTakeFirstOrThrow();
  unitId = dep.id;
  for (const [username, roles, departmentId] of [['sw_operator', ['service_operator'], null], ['sw_dispatcher', ['service_dispatcher'], null], ['sw_unit', ['service_unit'], unitId]] as const) {
    expect((await admin.post('/api/users', { username, displayName: username, password: 'Sweep#2026', roles, departmentId })).statusCode).toBe(201);
  }
  [operator, dispatcher, unit] = await Promise.all([t.as('sw_operator', 'Sweep#2026'), t.as('sw_dispatcher', 'Sweep#2026'), t.as('sw_unit', 'Sweep#2026')]);
});
afterAll(() => t.close());

describe('the escalation sweep (a recurring background job)', () => {
  it('warns before a deadline and supervises after it, once per step, and tells the people whose turn it is', async () => {
    const ent = await t.deps.db.selectFrom('enterprises').select('id').orderBy('credit_code').executeTakeFirstOrThrow();
    const body = { enterpriseId: ent.id, channel: 'hotline', title: '用电增容', description: '厂区用电增容申请进度', contactName: '李', contactPhone: '13800001111' };
    const dispatched = (await operator.post('/api/service/requests', body)).json().id;
    const forgotten = (await operator.post('/api/service/requests', body)).json().id; // never accepted
    now = at('2026-03-10T10:00:00');
    await actOk(dispatcher, dispatched, { action: 'accept', categoryId: 'factors.power' });
    const r = await actOk(dispatcher, dispatched, { action: 'dispatch', leadUnitId: unitId });

    // The app's runner keeps one sweep row queued; a second start adds none.
    await t.deps.jobs.ensureRecurring();
    await t.deps.jobs.ensureRecurring();
    const rows = () => t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', SWEEP_JOB).execute();
    expect(await rows()).toHaveLength(1);
    // the drains below count the sweep's runs alone: the other recurring jobs (the benefit policies'
    // re-matching, the economy module's milestone escalation, the medical fund cases' escalation) are taken off the queue
    await t.deps.db.deleteFrom('jobs').where('kind', '!=', SWEEP_JOB).where('status', '=', 'queued').where(sql<boolean>`payload ? 'everyMs'`).execute();

    // 17:00: the respond step (same working day) is in its warning window (8 h before 24:00).
    now = at('2026-03-10T17:00:00');
    expect(await t.deps.jobs.drain()).toBe(1);
    const [job] = await rows();
    expect(job).toMatchObject({ status: 'queued', result: { warnings: 2, overdue: 0 }, run_at: new Date(now.getTime() + SWEEP_EVERY_MS) });
    let ev = await events(dispatched);
    expect(ev.filter((e) => e.type === 'step_warning').map((e) => e.payload.step)).toEqual(['respond']);
    expect(await titles(unit)).toContain(`诉求 ${r.number} 即将超过回应时限`);
    // The forgotten request's accept step warns the office.
    expect((await events(forgotten)).filter((e) => e.type === 'step_warning').map((e) => e.payload.step)).toEqual(['accept']);

    // Not again before its turn; at its turn, nothing new to say.
    expect(await t.deps.jobs.drain()).toBe(0);
    now = new Date(now.getTime() + SWEEP_EVERY_MS);
    expect(await t.deps.jobs.drain()).toBe(1);
    expect((await rows())[0]!.result).toMatchObject({ warnings: 0, overdue: 0 });

    // Next morning: both are overdue. The unit's request is supervised (督办); the office's own step is marked.
    now = at('2026-03-11T09:00:00');
    expect(await t.deps.jobs.drain()).toBe(1);
    expect((await rows())[0]!.result).toMatchObject({ overdue: 2 });
    ev = await events(dispatched);
    expect(ev.map((e) => e.type).slice(-2)).toEqual(['step_overdue', 'supervised']);
    expect(ev.at(-1)!.payload).toEqual({ note: '回应超时督办' });
    expect((await events(forgotten)).map((e) => e.type).slice(-1)).toEqual(['step_overdue']);
    expect(await titles(unit)).toContain(`诉求 ${r.number} 已超过回应时限，已督办`);
    expect(await titles(dispatcher)).toContain(`诉求 ${r.number} 已超过回应时限，已督办`);
    const detail = (await dispatcher.get(`/api/service/requests/${dispatched}`)).json();
    expect(detail).toMatchObject({ overdue: true, status: 'dispatched', version: r.version }); // supervise changes no state
    expect(detail.steps.find((s: { step: string }) => s.step === 'respond').state).toBe('overdue');
    expect((await dispatcher.get('/api/service/requests?overdue=true')).json().items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([dispatched, forgotten]),
    );

    now = at('2026-03-11T10:00:00');
    expect(await t.deps.jobs.drain()).toBe(1);
    expect((await rows())[0]!.result).toMatchObject({ warnings: 0, overdue: 0 });
    expect((await events(dispatched)).filter((e) => e.type === 'supervised')).toHaveLength(1);

    // Answering late records the step as not met.
    await actOk(unit, dispatched, { action: 'sign' });
    const answered = await actOk(unit, dispatched, { action: 'respond', content: '已上门' });
    expect(answered.steps.find((s: { step: string }) => s.step === 'respond')).toMatchObject({ met: false, state: null });
  });

  const quiet = new Notifier({ send: async () => {} });
  const newRequest = async () => {
    const ent = await t.deps.db.selectFrom('enterprises').select('id').orderBy('credit_code').executeTakeFirstOrThrow();
    const body = { enterpriseId: ent.id, channel: 'hotline', title: '用地咨询', description: '厂房扩建用地咨询', contactName: '赵', contactPhone: '13800002222' };
    const res = await operator.post('/api/service/requests', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const openStep = (requestId: string) => t.deps.db.selectFrom('service_request_steps').select(['id', 'request_id', 'step', 'round'])
    .where('request_id', '=', requestId).where('step', '=', 'accept').executeTakeFirstOrThrow();

  it('a step cancelled by a merge gets no warning or overdue mark', async () => {
    const primary = await newRequest();
    const duplicate = await newRequest();
    const step = await openStep(duplicate);
    await actOk(operator, duplicate, { action: 'merge', primaryId: primary });
    expect(await markStep(t.deps.db, quiet, step, 'warning', now.getTime(), now)).toBe(false);
    expect(await markStep(t.deps.db, quiet, step, 'overdue', now.getTime(), now)).toBe(false);
    expect(await t.deps.db.selectFrom('service_request_steps').select(['warned_at', 'overdue_at']).where('id', '=', step.id).executeTakeFirstOrThrow())
      .toEqual({ warned_at: null, overdue_at: null });
    expect((await events(duplicate)).map((e) => e.type)).not.toContain('step_warning');
  });

  // Only PostgreSQL runs the two transactions in parallel (PGlite has one connection).
  it.runIf(testDbKind() === 'postgres')('locks the request before its step, as an action does: the two wait, they do not deadlock', async () => {
    const id = await newRequest();
    const step = await openStep(id);
    let marking: Promise<boolean> | undefined;
    await t.deps.db.transaction().execute(async (tx) => {
      // An action: the request FOR UPDATE, then its steps.
      await tx.selectFrom('service_requests').select('id').where('id', '=', id).forUpdate().execute();
      marking = markStep(t.deps.db, quiet, step, 'warning', now.getTime(), now);
      await new Promise((r) => setTimeout(r, 300)); // the sweep is now waiting for a lock
      await tx.updateTable('service_request_steps').set({ completed_at: now }).where('id', '=', step.id).execute();
    });
    // The sweep went on after the action and found the step completed.
    expect(await marking).toBe(false);
  });

  it('reads every open step as stored — its start to the millisecond, whether warned, its category — and its request\'s pauses, open and closed', async () => {
    const db = t.deps.db;
    const paused = await newRequest();
    const warned = await newRequest();
    await db.updateTable('service_request_steps').set({ started_at: new Date('2026-03-10T02:03:04.567Z'), warned_at: now }).where('request_id', '=', warned).execute();
    await db.insertInto('service_pauses').values([
      { request_id: paused, from_at: new Date('2026-03-10T03:00:00.001Z'), to_at: new Date('2026-03-10T04:00:00.999Z'), reason: '补材料' },
      { request_id: paused, from_at: new Date('2026-03-10T05:00:00.000Z'), to_at: null, reason: '等待企业' },
    ]).execute();

    const read = await readOpenSteps(db);
    const rows = await db.selectFrom('service_request_steps as s').innerJoin('service_requests as r', 'r.id', 's.request_id')
      .select(['s.id', 's.request_id', 's.step', 's.round', 's.started_at', 's.warned_at', 'r.category_id'])
      .where('s.completed_at', 'is', null).where('s.cancelled_at', 'is', null).where('s.overdue_at', 'is', null).orderBy('s.id').execute();
    expect(rows.length).toBeGreaterThan(2);
    expect(read.steps).toEqual(rows.map((r) => ({
      id: Number(r.id), request_id: r.request_id, step: r.step, round: r.round, startMs: r.started_at.getTime(), warned: r.warned_at !== null, category_id: r.category_id,
    })));
    expect(read.steps.find((s) => s.request_id === warned)).toMatchObject({ startMs: Date.parse('2026-03-10T02:03:04.567Z'), warned: true, category_id: null });
    expect([...read.pausesOf.get(paused)!].sort((a, b) => a.fromMs - b.fromMs)).toEqual([
      { fromMs: Date.parse('2026-03-10T03:00:00.001Z'), toMs: Date.parse('2026-03-10T04:00:00.999Z') },
      { fromMs: Date.parse('2026-03-10T05:00:00.000Z'), toMs: null },
    ]);
    expect(read.pausesOf.has(warned)).toBe(false);
  });
});
