/**
 * Enterprise list and enterprise file under load, with 50,000 enterprises, through the real HTTP
 * server in its own process; load from this process.
 *
 *   npx tsx bench/http-load.ts --db pglite|postgres|all   [--reps 2] [--seconds 10] [--open-seconds 20]
 *                                                          [--rate 100] [--connections 50] [--enterprises 50000]
 *                                                          [--servers pglite-worker,postgres] [--scenarios list]
 *
 * --servers keeps only the named server variants (pglite-worker, pglite-inthread, postgres);
 * --scenarios keeps the scenarios whose name contains one of the given words (e.g. `list`).
 *
 * For each server and scenario: (a) saturation, 50 connections back to back (autocannon):
 * requests/s and p99; (b) open loop at 100 requests/s, latency from the scheduled send time;
 * (c) the server's event-loop delay during (a) (GET /internal/event-loop, BENCH_EVENT_LOOP=1).
 * `pglite` runs the real server (PGlite in its worker thread) and, in the same run, the obvious
 * alternative (bench/baseline: PGlite on the HTTP thread), alternating, and reports the ratios.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, r2, sleep } from './lib/stats';
import { WORK, eventLoop, getJson, login, startServer, type EventLoopDelay, type ServerOptions } from './lib/server';
import { ensurePgliteDataset, seedPostgresDataset } from './lib/dataset';
import { startTempPostgres } from './lib/postgres';
import os from 'node:os';
import { drain, openLoop, saturate, type LoadResult, type Target } from './lib/load';
import { explainCases, type ExplainCase } from './lib/explain';

const args = parseArgs();
const DB = args.get('db') ?? 'all';
const REPS = Number(args.get('reps') ?? 2);
const SECONDS = Number(args.get('seconds') ?? 10);
const OPEN_SECONDS = Number(args.get('open-seconds') ?? 20);
const RATE = Number(args.get('rate') ?? 100);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const ENTERPRISES = Number(args.get('enterprises') ?? 50_000);
if (!['pglite', 'postgres', 'all'].includes(DB)) throw new Error('--db pglite|postgres|all');
const ONLY_SERVERS = args.get('servers')?.split(',');
const ONLY_SCENARIOS = args.get('scenarios')?.split(',');

const STREET = '330110010'; // 良渚街道
const WORD = '数智';
const LIST_QUERIES = {
  'list street+name': { pageSize: '50', division: STREET, q: WORD },
  'list industry C': { pageSize: '50', industry: 'C' },
} as const;
const ALL_SCENARIOS = ['list street+name', 'list industry C', 'file by id'] as const;
type Scenario = (typeof ALL_SCENARIOS)[number];
const SCENARIOS = ALL_SCENARIOS.filter((s) => !ONLY_SCENARIOS || ONLY_SCENARIOS.some((w) => s.includes(w)));
/** Open-loop rate that every server variant can carry, so that their latencies compare like for like. */
const LIGHT_RATE: Record<Scenario, number> = { 'list street+name': 2, 'list industry C': 2, 'file by id': 50 };

interface Row {
  server: string;
  rep: number;
  scenario: Scenario;
  saturation: LoadResult;
  eventLoop: EventLoopDelay;
  idleEventLoop: EventLoopDelay;
  serverCpuPercent: number;
  /** (b) at RATE; null when (a) showed a capacity under 0.8 × RATE (the queue could only grow). */
  openLoop: (LoadResult & { lateSendP99: number }) | null;
  openEventLoop: EventLoopDelay | null;
  /** The same open loop at a light rate every server carries (LIGHT_RATE), for the comparison. */
  lightRate: number;
  light: LoadResult & { lateSendP99: number };
  rssMiB: number;
  loadavg: string;
  /** bench/lib/machine.ts cpuProbeMs() right after the scenario (lower = more CPU left to us). */
  cpuProbeMs: number;
}

const machine = printMachine();
const command = `npx tsx bench/http-load.ts ${process.argv.slice(2).join(' ')}`.trim();
const rows: Row[] = [];
const explains: Record<string, string> = {};

const variants: { opts: ServerOptions; explain: { databaseUrl: string } | { dataDir: string } }[] = [];
if (DB === 'pglite' || DB === 'all') {
  const dataDir = await ensurePgliteDataset(ENTERPRISES);
  variants.push(
    { opts: { label: 'pglite-worker', entry: 'main', env: { DATA_DIR: dataDir } }, explain: { dataDir } },
    { opts: { label: 'pglite-inthread', entry: 'inthread', env: { DATA_DIR: dataDir } }, explain: { dataDir } },
  );
}
if (DB === 'postgres' || DB === 'all') {
  const pg = await startTempPostgres();
  pg.sql('CREATE DATABASE zz_bench');
  await seedPostgresDataset(pg.url('zz_bench'), ENTERPRISES);
  variants.push({ opts: { label: 'postgres', entry: 'main', env: { DATABASE_URL: pg.url('zz_bench') } }, explain: { databaseUrl: pg.url('zz_bench') } });
}

for (let rep = 1; rep <= REPS; rep++) {
  for (const v of variants) {
    if (ONLY_SERVERS && !ONLY_SERVERS.includes(v.opts.label)) continue;
    console.log(`\n== ${v.opts.label}, repetition ${rep}/${REPS}`);
    const server = await startServer(v.opts);
    try {
      const session = await login(server.baseUrl);
      const headers = { cookie: session.cookie };
      const ids = await enterpriseIds(server.baseUrl, session);
      const targets: Record<Scenario, Target> = {
        'list street+name': { paths: [`/api/enterprises?${new URLSearchParams(LIST_QUERIES['list street+name'])}`], headers },
        'list industry C': { paths: [`/api/enterprises?${new URLSearchParams(LIST_QUERIES['list industry C'])}`], headers },
        'file by id': { paths: ids.map((id) => `/api/enterprises/${id}`), headers },
      };
      await eventLoop(server.baseUrl);
      await sleep(3000);
      const idleEventLoop = await eventLoop(server.baseUrl);
      for (const scenario of SCENARIOS) {
        const target = targets[scenario];
        const check = await getJson<{ total?: number; items?: unknown[]; id?: string }>(server.baseUrl, session, target.paths[0]!);
        const what = check.items ? `${check.items.length} items of ${check.total}` : `enterprise ${check.id}`;
        await saturate(server.baseUrl, target, 5, 2); // warm-up, not recorded
        await drain(server.baseUrl);
        await eventLoop(server.baseUrl);
        const cpu0 = server.cpuSeconds();
        const t0 = performance.now();
        const sat = await saturate(server.baseUrl, target, CONNECTIONS, SECONDS);
        const cpu = ((server.cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000)) * 100;
        const eld = await eventLoop(server.baseUrl);
        const drainMs = await drain(server.baseUrl);
        let ol: Row['openLoop'] = null;
        let olEld: Row['openEventLoop'] = null;
        if (sat.rps >= 0.8 * RATE) {
          await eventLoop(server.baseUrl);
          ol = await openLoop(server.baseUrl, target, RATE, OPEN_SECONDS);
          olEld = await eventLoop(server.baseUrl);
          await drain(server.baseUrl);
        }
        const light = await openLoop(server.baseUrl, target, LIGHT_RATE[scenario], OPEN_SECONDS);
        await drain(server.baseUrl);
        const cpuProbe = cpuProbeMs();
        const row: Row = {
          server: v.opts.label, rep, scenario, saturation: sat, eventLoop: eld, idleEventLoop, serverCpuPercent: cpu,
          openLoop: ol, openEventLoop: olEld, lightRate: LIGHT_RATE[scenario], light,
          cpuProbeMs: cpuProbe, rssMiB: server.memory().rssMiB, loadavg: os.loadavg().map((l) => l.toFixed(1)).join(' '),
        };
        rows.push(row);
        const fmt = (r: LoadResult) => `p50 ${r1(r.p50)} p99 ${r1(r.p99)} max ${r1(r.max)} ms${r.errors + r.non2xx ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}`;
        console.log(
          `  ${scenario.padEnd(17)} (${what}) saturation ${r1(sat.rps)} req/s p99 ${sat.p99} ms (errors ${sat.errors}, non-2xx ${sat.non2xx}), ` +
            `server CPU ${Math.round(cpu)}%, event loop p99 ${eld.p99} ms max ${eld.max} ms (raw, incl. 10 ms resolution), drained in ${Math.round(drainMs)} ms | ` +
            (ol ? `open loop ${RATE}/s ${fmt(ol)}` : `open loop ${RATE}/s not run: capacity ${r1(sat.rps)}/s`) +
            ` | light ${LIGHT_RATE[scenario]}/s ${fmt(light)} | load average ${row.loadavg}, CPU probe ${Math.round(cpuProbe)} ms`,
        );
      }
    } finally {
      await server.stop();
    }
  }
}

// EXPLAIN ANALYZE of the statements behind each scenario, on each database (servers stopped).
const cases: ExplainCase[] = [
  { name: 'list street+name', query: LIST_QUERIES['list street+name'] },
  { name: 'list industry C', query: LIST_QUERIES['list industry C'] },
  { name: 'file by id', query: { pageSize: '1' }, fileOfFirstListed: true },
].filter((c) => (SCENARIOS as readonly string[]).includes(c.name));
for (const v of variants) {
  const key = 'dataDir' in v.explain ? 'pglite' : 'postgres';
  if (explains[key]) continue;
  explains[key] = await explainCases(v.explain, cases);
}

const outDir = path.join(WORK, 'results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const jsonFile = path.join(outDir, `http-load-${stamp}.json`);
fs.writeFileSync(jsonFile, JSON.stringify({ machine, command, settings: { REPS, SECONDS, OPEN_SECONDS, RATE, CONNECTIONS, ENTERPRISES }, rows, explains }, null, 2));
for (const [k, text] of Object.entries(explains)) fs.writeFileSync(path.join(outDir, `explain-${k}-${stamp}.txt`), text);

// Markdown for bench/RESULTS.md.
const TARGET_OPEN_P99 = { postgres: 50, 'pglite-worker': 100, 'pglite-inthread': 100 } as Record<string, number>;
const late = (e: EventLoopDelay, v: number) => r1(Math.max(0, v - e.resolutionMs));
const lat = (r: LoadResult) => `${r1(r.p50)} / ${r1(r.p99)} / ${r1(r.max)}${r.errors + r.non2xx ? ` (${r.errors + r.non2xx} failed)` : ''}`;
console.log(`\n${command}\n${machine.date}\n`);
console.log(`| server | rep | scenario | (a) req/s | (a) p99 ms | server CPU in (a) | (c) event-loop delay in (a), p99 / max ms | (b) open loop ${RATE}/s, p50 / p99 / max ms | light open loop, p50 / p99 / max ms | (b) target | (c) target < 50 ms | load avg / CPU probe |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const t = TARGET_OPEN_P99[r.server]!;
  const eldP99 = late(r.eventLoop, r.eventLoop.p99);
  console.log(
    `| ${r.server} | ${r.rep} | ${r.scenario} | ${r1(r.saturation.rps)} | ${r.saturation.p99}${r.saturation.errors ? ` (${r.saturation.errors} timeouts)` : ''} | ${Math.round(r.serverCpuPercent)}% | ` +
      `${eldP99} / ${late(r.eventLoop, r.eventLoop.max)} | ${r.openLoop ? lat(r.openLoop) : `not sustainable: capacity ${r1(r.saturation.rps)}/s`} | ${r.lightRate}/s: ${lat(r.light)} | ` +
      `p99 < ${t}: ${r.openLoop && r.openLoop.p99 < t ? 'met' : '**not met**'} | ${eldP99 < 50 ? 'met' : '**not met**'} | ${r.loadavg} / ${Math.round(r.cpuProbeMs)} ms |`,
  );
}
const idle = rows.filter((r) => r.scenario === SCENARIOS[0]).map((r) => `${r.server}#${r.rep} ${late(r.idleEventLoop, r.idleEventLoop.p99)}`);
console.log(`\nidle event-loop delay p99 (ms, 3 s before the load): ${idle.join(', ')}`);

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toPrecision(2) : 'n/a');
if (rows.some((r) => r.server === 'pglite-inthread')) {
  console.log('\nRatios worker / in-thread, same repetition (throughput: > 1 = worker better; latency and delay: < 1 = worker better):\n');
  console.log('| scenario | rep | (a) req/s | (a) p99 | (c) event-loop delay p99 | light open loop p99 | (b) open loop p99 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const scenario of SCENARIOS) {
    for (let rep = 1; rep <= REPS; rep++) {
      const w = rows.find((r) => r.server === 'pglite-worker' && r.rep === rep && r.scenario === scenario);
      const b = rows.find((r) => r.server === 'pglite-inthread' && r.rep === rep && r.scenario === scenario);
      if (!w || !b) continue;
      const eld = (r: Row) => Math.max(0.1, r.eventLoop.p99 - r.eventLoop.resolutionMs);
      const open = w.openLoop && b.openLoop ? ratio(w.openLoop.p99, b.openLoop.p99) : 'n/a (not run on both)';
      console.log(`| ${scenario} | ${rep} | ${ratio(w.saturation.rps, b.saturation.rps)} | ${ratio(w.saturation.p99, b.saturation.p99)} | ${ratio(eld(w), eld(b))} | ${ratio(w.light.p99, b.light.p99)} | ${open} |`);
    }
  }
}
console.log(`\nraw results: ${jsonFile}`);
for (const k of Object.keys(explains)) console.log(`EXPLAIN ANALYZE (${k}): ${path.join(outDir, `explain-${k}-${stamp}.txt`)}`);
process.exit(0);

/** 1,000 enterprise ids spread over the whole registry (pages of 100 sorted by name). */
async function enterpriseIds(baseUrl: string, session: Awaited<ReturnType<typeof login>>): Promise<string[]> {
  const ids: string[] = [];
  const pages = Math.max(1, Math.floor(ENTERPRISES / 100));
  for (let k = 0; k < 10; k++) {
    const page = 1 + Math.floor((k * pages) / 10);
    const r = await getJson<{ items: { id: string }[] }>(baseUrl, session, `/api/enterprises?pageSize=100&sort=name&order=asc&page=${page}`);
    ids.push(...r.items.map((i) => i.id));
  }
  // a fixed shuffle, so that consecutive requests do not read neighbouring rows
  return ids.map((id, i) => ({ id, k: (i * 7919) % ids.length })).sort((a, b) => a.k - b.k).map((x) => x.id);
}
