/**
 * The 三率 dashboard's report over 100,000 requests, PGlite and PostgreSQL, old way vs new way in
 * the same run (docs/service/METRICS.md "Performance").
 *
 *   npx tsx bench/service-metrics.ts [--db pglite|postgres|all] [--n 100000] [--runs 3] [--url postgres://…/postgres]
 *
 * PostgreSQL: with --url, a scratch database `zz_bench_metrics` is created on that server and
 * dropped at the end (the database named in the URL is only used to connect); without it, a
 * throwaway PostgreSQL 15 cluster (bench/lib/postgres.ts, needs root).
 *
 * Data (generate_series, so only the reading is measured): N requests over 180 days, 40 units;
 * five steps each (the unit steps held by the lead unit); every 11th returned once by another unit
 * (a returned holding), every 20th reopened after a dissatisfied follow-up (round 1, round 0
 * superseded), 60 % followed up — answers both on the follow_up rows (new) and as followed_up /
 * reopened events (what the old way reads).
 *
 *   old: one statement pivoting each request's latest-round steps (DISTINCT ON … ORDER BY round DESC)
 *        and picking its standing follow-up from the events, 100,000 rows to Node, then the
 *        domain's serviceRates / serviceRatesBy in memory (the code before migration 0015);
 *   new: metricsReport — the counts in SQL over the step rows (countMetrics), the domain's
 *        ratesFromCounts on a handful of rows.
 * Both must agree on the totals of the unfiltered report (the bench stops if not).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../apps/server/src/db/database';
import { migrate } from '../apps/server/src/db/migrate';
import type { DB } from '../apps/server/src/db/schema';
import type { Actor } from '../apps/server/src/core/identity/actor';
import type { Ctx } from '../apps/server/src/core/context';
import { metricsReport } from '../apps/server/src/modules/service/metrics/metrics.service';
import { SERVICE_STEPS, serviceRates, serviceRatesBy, type RequestStatus, type RequestSummary, type Satisfaction, type ServiceStep } from '../apps/server/src/modules/service/domain';
import { startTempPostgres } from './lib/postgres';
import { makeMetricsData } from './lib/service-metrics-data';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, summarize } from './lib/stats';

const args = parseArgs();
const N = Number(args.get('n') ?? 100_000);
const RUNS = Number(args.get('runs') ?? 3);
const which = args.get('db') ?? 'all';
const machine = printMachine();
console.log(`command: npx tsx bench/service-metrics.ts ${process.argv.slice(2).map((a) => a.replace(/\/\/[^@]*@/, '//…@')).join(' ')}`.trim());
const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
console.log(`uptime: ${uptime}`);

// ---- the old way: the code before migration 0015 (metrics.repo.ts loadMetricRows + serviceRates) ----
type Row = RequestSummary & { unitId: string | null; categoryId: string | null; submittedAt: Date };
async function oldRows(db: Kysely<DB>, from?: string, to?: string): Promise<Row[]> {
  const ms = (col: string) => sql.raw(`(extract(epoch FROM ${col}) * 1000)::float8`);
  const pivot = SERVICE_STEPS.map((s) => sql.raw(`max(started) FILTER (WHERE step = '${s}') AS ${s}_s, max(due) FILTER (WHERE step = '${s}') AS ${s}_d, max(completed) FILTER (WHERE step = '${s}') AS ${s}_c`));
  const window = from && to ? sql`WHERE r.submitted_at >= ${new Date(`${from}T00:00:00+08:00`)} AND r.submitted_at < ${new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000)}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`
    WITH req AS (SELECT r.id, r.status, r.resolved_at, r.lead_unit_id, r.category_id, r.submitted_at FROM service_requests r ${window}),
    st AS (
      SELECT DISTINCT ON (s.request_id, s.step) s.request_id, s.step, ${ms('s.started_at')} AS started, ${ms('s.due_at')} AS due, ${ms('s.completed_at')} AS completed
      FROM service_request_steps s JOIN req ON req.id = s.request_id WHERE NOT s.returned
      ORDER BY s.request_id, s.step, s.round DESC
    ),
    sp AS (SELECT request_id, ${sql.join(pivot, sql`, `)} FROM st GROUP BY request_id),
    fu AS (
      SELECT DISTINCT ON (e.request_id) e.request_id, e.type, e.payload->>'satisfaction' AS satisfaction, (e.payload->>'solved')::boolean AS solved
      FROM service_request_events e JOIN req ON req.id = e.request_id WHERE e.type IN ('followed_up', 'reopened') ORDER BY e.request_id, e.id DESC
    )
    SELECT req.id, req.status, ${ms('req.resolved_at')} AS resolved_ms, req.lead_unit_id, req.category_id, ${ms('req.submitted_at')} AS submitted_ms,
      CASE WHEN fu.type = 'followed_up' THEN fu.satisfaction END AS satisfaction, CASE WHEN fu.type = 'followed_up' THEN fu.solved END AS solved,
      ${sql.join(SERVICE_STEPS.map((s) => sql.raw(`sp.${s}_s, sp.${s}_d, sp.${s}_c`)), sql`, `)}
    FROM req LEFT JOIN sp ON sp.request_id = req.id LEFT JOIN fu ON fu.request_id = req.id`.execute(db);
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as number));
  return rows.map((r) => {
    const steps: Partial<Record<ServiceStep, { startedAt: Date; dueAt: Date | null; completedAt: Date | null }>> = {};
    for (const s of SERVICE_STEPS) if (r[`${s}_s`] !== null) steps[s] = { startedAt: d(r[`${s}_s`])!, dueAt: d(r[`${s}_d`]), completedAt: d(r[`${s}_c`]) };
    return {
      id: r.id as string, status: r.status as RequestStatus, steps, resolvedAt: d(r.resolved_ms),
      followUp: r.satisfaction ? { satisfaction: r.satisfaction as Satisfaction, solved: r.solved === true } : null,
      unitId: r.lead_unit_id as string | null, categoryId: r.category_id as string | null, submittedAt: d(r.submitted_ms)!,
    };
  });
}

const actor: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'bench', displayName: 'bench', roles: [], permissions: new Set(['service.read', 'service.all']), scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId: '', csrfToken: '', locale: 'zh-CN' };
const NOW = new Date('2026-07-01T00:00:00Z');

type Case = { label: string; old: (db: Kysely<DB>) => Promise<unknown>; new: (ctx: Ctx) => Promise<unknown> };
const CASES: Case[] = [
  { label: `all ${N.toLocaleString('en')} requests, total only`, old: async (db) => serviceRates(await oldRows(db), NOW), new: (ctx) => metricsReport(ctx, { period: 'all' }) },
  { label: 'all requests, by unit', old: async (db) => serviceRatesBy(await oldRows(db), (r) => r.unitId ?? '-', NOW), new: (ctx) => metricsReport(ctx, { period: 'all', groupBy: 'unit' }) },
  { label: 'all requests, by category', old: async (db) => serviceRatesBy(await oldRows(db), (r) => r.categoryId ?? '-', NOW), new: (ctx) => metricsReport(ctx, { period: 'all', groupBy: 'category' }) },
  { label: 'one month (~17k), by unit', old: async (db) => serviceRatesBy(await oldRows(db, '2026-03-01', '2026-03-31'), (r) => r.unitId ?? '-', NOW), new: (ctx) => metricsReport(ctx, { from: '2026-03-01', to: '2026-03-31', groupBy: 'unit' }) },
];

async function time(run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

const results: { db: string; label: string; oldMs: number; newMs: number }[] = [];
async function benchOn(label: string, open: () => Promise<{ db: Kysely<DB>; close: () => Promise<void> }>) {
  const { db, close } = await open();
  try {
    const t0 = performance.now();
    await makeMetricsData(db, N);
    console.log(`${label}: ${N} requests, ${(await db.selectFrom('service_request_steps').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n} step rows, made in ${Math.round(performance.now() - t0)} ms`);
    const ctx: Ctx = { db, actor, requestId: 'bench', ip: '127.0.0.1', now: NOW, countyCode: '330110' };
    // The two ways agree on the totals (the unit steps' returned holdings are what only the new way sees by unit).
    const before = serviceRates(await oldRows(db), NOW);
    const after = (await metricsReport(ctx, { period: 'all' })).total;
    for (const k of ['requests', 'responseRate', 'resolutionRate', 'satisfactionRate', 'followUpRate', 'onTime', 'satisfactionCounts'] as const) {
      if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) throw new Error(`old and new disagree on ${k}: ${JSON.stringify(before[k])} vs ${JSON.stringify(after[k])}`);
    }
    console.log(`${label}: old and new agree on the totals (response ${after.responseRate.numerator}/${after.responseRate.denominator}, satisfaction ${after.satisfactionRate.numerator}/${after.satisfactionRate.denominator})`);
    for (const c of CASES) {
      const o = await time(() => c.old(db));
      const n = await time(() => c.new(ctx));
      results.push({ db: label, label: c.label, oldMs: o.p50, newMs: n.p50 });
      console.log(`${label} | ${c.label}: old ${r1(o.p50)} ms (min ${r1(o.min)}), new ${r1(n.p50)} ms (min ${r1(n.min)}) → ${r1(o.p50 / n.p50)}×; cpu probe ${r1(cpuProbeMs())} ms`);
    }
  } finally {
    await close();
  }
}

if (which === 'pglite' || which === 'all') {
  await benchOn('PGlite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-bench-metrics-'));
    const database = await openDatabase({ dataDir: dir });
    await migrate(database);
    return { db: database.db, close: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  });
}
if (which === 'postgres' || which === 'all') {
  await benchOn('PostgreSQL', async () => {
    let url = args.get('url');
    let stop = () => {};
    if (url) {
      const admin = await openDatabase({ databaseUrl: url, dataDir: null });
      await sql`DROP DATABASE IF EXISTS zz_bench_metrics`.execute(admin.db);
      await sql`CREATE DATABASE zz_bench_metrics`.execute(admin.db);
      await admin.close();
      const base = url;
      url = url.replace(/\/[^/?]*(\?|$)/, '/zz_bench_metrics$1');
      stop = () => { void (async () => { const a = await openDatabase({ databaseUrl: base, dataDir: null }); await sql`DROP DATABASE IF EXISTS zz_bench_metrics`.execute(a.db); await a.close(); })(); };
    } else {
      const pg = await startTempPostgres();
      url = pg.url();
      stop = () => pg.stop();
    }
    const database = await openDatabase({ databaseUrl: url, dataDir: null });
    await migrate(database);
    return { db: database.db, close: async () => { await database.close(); stop(); } };
  });
}

console.log('');
console.log(`| database | report | old way | new way | old / new |`);
console.log(`|---|---|---|---|---|`);
for (const r of results) console.log(`| ${r.db} | ${r.label} | ${r1(r.oldMs)} ms | ${r1(r.newMs)} ms | ${r1(r.oldMs / r.newMs)}× |`);
console.log(`(median of ${RUNS}; load average at start ${machine.loadavgAtStart}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
fs.mkdirSync('/tmp/zz-bench/results', { recursive: true });
fs.writeFileSync(`/tmp/zz-bench/results/service-metrics-${Date.now()}.json`, JSON.stringify({ machine, uptime, n: N, runs: RUNS, results }, null, 1));
