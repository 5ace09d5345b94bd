import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { JobRunner, recurring } from './job-runner';
import { claimJob, enqueueJob, LEASE_MS } from './job-queue';

const log = { error() {}, info() {}, warn() {}, child: () => log } as never;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('background jobs', () => {
  it('never runs a job twice when two processes poll the same table', async () => {
    const db = t.deps.db;
    const ran: number[] = [];
    const kind = `test.once.${Date.now()}`;
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => enqueueJob(db, { kind, payload: { i } })));
    const a = new JobRunner(db, log);
    const b = new JobRunner(db, log);
    for (const r of [a, b]) r.register(kind, async (job) => { ran.push(job.id); await new Promise((res) => setTimeout(res, 2)); return { by: r.workerId }; });
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(20);
    expect([...ran].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    const rows = await db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', kind).execute();
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
  });

  it('retries a failed job with backoff, then marks it failed with the error', async () => {
    let now = new Date('2026-11-29T08:00:00Z');
    const runner = new JobRunner(t.deps.db, log, () => now);
    const kind = `test.fail.${Date.now()}`;
    let calls = 0;
    runner.register(kind, async () => { calls++; throw new Error('上游接口超时'); });
    const id = await enqueueJob(t.deps.db, { kind, maxAttempts: 2, runAt: now });
    expect(await runner.drain()).toBe(1);
    const retry = await t.deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(retry).toMatchObject({ status: 'queued', attempts: 1, error: '上游接口超时' });
    expect(await runner.drain()).toBe(0); // not due yet: backoff
    now = new Date(now.getTime() + 60_000);
    expect(await runner.drain()).toBe(1);
    const failed = await t.deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('takes over a job whose process died, once its lease has run out', async () => {
    const kind = `test.lease.${Date.now()}`;
    const t0 = new Date('2026-11-29T09:00:00Z');
    await enqueueJob(t.deps.db, { kind, runAt: t0 });
    const claimed = await claimJob(t.deps.db, 'dead-process', [kind], t0);
    expect(claimed).not.toBeNull();
    expect(await claimJob(t.deps.db, 'other', [kind], new Date(t0.getTime() + 1000))).toBeNull();
    const retaken = await claimJob(t.deps.db, 'other', [kind], new Date(t0.getTime() + LEASE_MS + 1000));
    expect(retaken?.id).toBe(claimed!.id);
    expect(retaken?.attempts).toBe(2);
  });

  it('reports progress that a client can poll', async () => {
    const kind = `test.progress.${Date.now()}`;
    const runner = new JobRunner(t.deps.db, log);
    runner.register(kind, async (_job, ctx) => { await ctx.progress(5, 10, '一半'); return { ok: true }; });
    const id = await enqueueJob(t.deps.db, { kind });
    await runner.drain();
    const row = await t.deps.db.selectFrom('jobs').select(['progress', 'result']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ progress: { done: 5, total: 10, message: '一半' }, result: { ok: true } });
  });

  it('keeps a job to the user who started it', async () => {
    const officer = await t.as('officer');
    const leader = await t.as('leader');
    const me = (await officer.get('/api/auth/me')).json();
    const id = await enqueueJob(t.deps.db, { kind: 'test.owned', createdBy: me.id });
    expect((await officer.get(`/api/jobs/${id}`)).json()).toMatchObject({ id, status: 'queued' });
    expect((await leader.get(`/api/jobs/${id}`)).statusCode).toBe(404);
    await sql`UPDATE jobs SET status = 'cancelled' WHERE id = ${id}`.execute(t.deps.db);
  });

  it('keeps one row per recurring kind, runs it again after its interval, survives failures and restarts', async () => {
    let now = new Date('2026-11-29T10:00:00Z');
    const kind = `test.every.${Date.now()}`;
    const runs: string[] = [];
    let fail = false;
    const handler = recurring(60_000, async () => {
      runs.push(now.toISOString());
      if (fail) throw new Error('一次失败');
      return { n: runs.length };
    });
    // Two processes start at once: one row.
    const a = new JobRunner(t.deps.db, log, () => now);
    const b = new JobRunner(t.deps.db, log, () => now);
    a.register(kind, handler);
    b.register(kind, handler);
    await Promise.all([a.ensureRecurring(), b.ensureRecurring()]);
    const rows = () => t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();
    expect(await rows()).toHaveLength(1);

    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(1); // never twice at once, and not again before its turn
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 0, result: { n: 1 }, run_at: new Date('2026-11-29T10:01:00Z') });

    now = new Date('2026-11-29T10:01:00Z');
    fail = true;
    expect(await a.drain()).toBe(1);
    [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', error: '一次失败', run_at: new Date('2026-11-29T10:02:00Z') });

    // A restart (a new runner) finds the row and does not add another.
    const c = new JobRunner(t.deps.db, log, () => now);
    c.register(kind, handler);
    await c.ensureRecurring();
    expect(await rows()).toHaveLength(1);
    now = new Date('2026-11-29T10:02:00Z');
    fail = false;
    expect(await c.drain()).toBe(1);
    expect(runs).toHaveLength(3);
    await sql`UPDATE jobs SET status = 'cancelled' WHERE kind = ${kind}`.execute(t.deps.db);
  });
});
