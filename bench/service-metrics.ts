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
 * Data (generate_series, bench/lib/service-metrics-data.ts; the figures rows are filled by the
 * triggers of migration 0023 as the rows go in): N requests over 180 days, 40 units; five steps each
 * (the unit steps held by the lead unit); every 11th returned once by another unit (a returned
 * holding) and re-dispatched by the office (an extra holding, migration 0029; every 5th of those still
 * open), every 20th reopened after a dissatisfied follow-up (round 1, round 0 superseded), 60 %
 * followed up.
 *
 *   old: recountMetrics — the counts in SQL over the step rows joined to the requests (the report
 *        as run 10 measured it, kept as the tests' reference);
 *   new: countMetrics — the same counts over the figures rows (one narrow row per request).
 * Every case is checked identical between the two before it is timed (the bench stops if not).
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
import { countMetrics } from '../apps/server/src/modules/service/metrics/metrics.count';
import { recountMetrics } from '../apps/server/src/modules/service/metrics/metrics.recount';
import type { MetricGroup, MetricsFilter } from '../apps/server/src/modules/service/metrics/schemas';
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

const actor: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'bench', displayName: 'bench', roles: [], permissions: new Set(['service.read', 'service.all']), scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId: '', csrfToken: '', locale: 'zh-CN' };
const NOW = new Date('2026-07-01T00:00:00Z');

// old: recountMetrics — the counts over the step rows joined to the requests (the report of run 10);
// new: countMetrics — the same counts over the figures rows of migration 0023 (the report now).
type Case = { label: string; filter: MetricsFilter; groupBy: MetricGroup | null; unit?: boolean };
const CASES: Case[] = [
  { label: `all ${N.toLocaleString('en')} requests, total only`, filter: {}, groupBy: null },
  ...(['unit', 'agent', 'category', 'street', 'park', 'channel', 'month', 'week'] as const).map((g) => ({ label: `all requests, by ${g}`, filter: {}, groupBy: g })),
  { label: 'one month (~17k), by unit', filter: { from: '2026-03-01', to: '2026-03-31' }, groupBy: 'unit' },
  { label: 'one unit (unitId), by category', filter: {}, groupBy: 'category', unit: true },
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
    const unitId = (await db.selectFrom('departments').select('id').where('name', '=', '单位7').executeTakeFirstOrThrow()).id;
    for (const c of CASES) {
      const filter = c.unit ? { ...c.filter, unitId } : c.filter;
      const run = (count: typeof countMetrics) => count(db, actor, 'all', filter, c.groupBy, NOW);
      // Both ways give the same counts (the bench stops if not), then each is timed.
      const [a, b] = [await run(recountMetrics), await run(countMetrics)];
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`old and new disagree on ${c.label}`);
      const o = await time(() => run(recountMetrics));
      const n = await time(() => run(countMetrics));
      results.push({ db: label, label: c.label, oldMs: o.p50, newMs: n.p50 });
      console.log(`${label} | ${c.label}: old ${r1(o.p50)} ms (min ${r1(o.min)}), new ${r1(n.p50)} ms (min ${r1(n.min)}) → ${r1(o.p50 / n.p50)}×, identical counts; cpu probe ${r1(cpuProbeMs())} ms`);
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
