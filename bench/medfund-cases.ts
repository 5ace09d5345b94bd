/**
 * Findings list and case pages under 50 concurrent clients, on PGlite and PostgreSQL, through the
 * real HTTP server in its own process with the demo county (its district-year screened and its
 * cases opened by the demo job); load from this process (autocannon).
 *
 *   npx tsx bench/medfund-cases.ts --db pglite|postgres|all [--seconds 15] [--connections 50]
 *                                  [--url postgres://postgres@127.0.0.1:54606/postgres]
 *
 * Scenarios, each saturated by `connections` clients back to back for `seconds`:
 *  - findings list: GET /api/medfund/findings, 20 a page, pages 1–20 in turn (the analyst);
 *  - case list:     GET /api/medfund/cases, 20 a page, with and without filters (the head of inspection);
 *  - case page:     GET /api/medfund/cases/:id over every demo case (each read audited: a write per read).
 * Reports requests/s, p50, p99 and errors per scenario and database.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { printMachine } from './lib/machine';
import { parseArgs, r1, sleep } from './lib/stats';
import { WORK, getJson, login, startServer, type RunningServer } from './lib/server';
import { drain, saturate, type LoadResult } from './lib/load';

const args = parseArgs();
const DB = args.get('db') ?? 'all';
const SECONDS = Number(args.get('seconds') ?? 15);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const PG_URL = args.get('url') ?? 'postgres://postgres@127.0.0.1:54606/postgres';
const BENCH_DB = 'zz_bench_mfcase';

async function waitForCases(s: RunningServer): Promise<number[]> {
  const lead = await login(s.baseUrl, 'mf_lead');
  for (let i = 0; i < 600; i++) {
    const page = await getJson<{ total: number; items: { id: number }[] }>(s.baseUrl, lead, '/api/medfund/cases?pageSize=200').catch(() => ({ total: 0, items: [] }));
    if (page.total >= 5) return page.items.map((c) => c.id);
    await sleep(2_000);
  }
  throw new Error('the demo cases never appeared (see the server log)');
}

async function run(label: string, env: Record<string, string>) {
  const server = await startServer({ label, env: { ...env, DEMO: 'true' }, readyTimeoutMs: 300_000 });
  try {
    const t0 = performance.now();
    const caseIds = await waitForCases(server);
    console.log(`${label}: demo cases ready after ${r1((performance.now() - t0) / 1000)} s (${caseIds.length} cases)`);
    await drain(server.baseUrl);
    const analyst = await login(server.baseUrl, 'mf_analyst');
    const lead = await login(server.baseUrl, 'mf_lead');
    const findingsTotal = (await getJson<{ total: number }>(server.baseUrl, analyst, '/api/medfund/findings?pageSize=1')).total;
    const scenarios: { name: string; headers: Record<string, string>; paths: string[] }[] = [
      { name: 'findings list', headers: { cookie: analyst.cookie }, paths: Array.from({ length: 20 }, (_, i) => `/api/medfund/findings?pageSize=20&page=${i + 1}`) },
      { name: 'case list', headers: { cookie: lead.cookie }, paths: ['/api/medfund/cases?pageSize=20', '/api/medfund/cases?pageSize=20&stage=closed', '/api/medfund/cases?pageSize=20&overdue=true', '/api/medfund/cases?pageSize=20&q=YBJG'] },
      { name: 'case page', headers: { cookie: lead.cookie }, paths: caseIds.map((id) => `/api/medfund/cases/${id}`) },
    ];
    const out: { db: string; scenario: string; result: LoadResult }[] = [];
    for (const s of scenarios) {
      await saturate(server.baseUrl, { paths: s.paths, headers: s.headers }, 5, 2); // warm-up
      await drain(server.baseUrl);
      const result = await saturate(server.baseUrl, { paths: s.paths, headers: s.headers }, CONNECTIONS, SECONDS);
      out.push({ db: label, scenario: s.name, result });
      console.log(`${label} ${s.name}: ${r1(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, non-2xx ${result.non2xx}`);
      await drain(server.baseUrl);
    }
    return { rows: out, findingsTotal, cases: caseIds.length, rssMiB: server.memory().peakMiB };
  } finally {
    await server.stop();
  }
}

async function main() {
  printMachine();
  console.log(`load: ${CONNECTIONS} connections back to back, ${SECONDS} s per scenario`);
  const results = [];
  if (DB === 'pglite' || DB === 'all') {
    const dir = path.join(WORK, 'mfcase-pglite');
    fs.rmSync(dir, { recursive: true, force: true });
    results.push(await run('pglite', { DATA_DIR: dir }));
  }
  if (DB === 'postgres' || DB === 'all') {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${BENCH_DB}`;
    const dir = path.join(WORK, 'mfcase-pg');
    fs.rmSync(dir, { recursive: true, force: true });
    results.push(await run('postgres', { DATABASE_URL: url.toString(), DATA_DIR: dir }));
  }
  console.log('\n| database | scenario | req/s | p50 ms | p99 ms | errors |\n|---|---|---:|---:|---:|---:|');
  for (const r of results) for (const row of r.rows) console.log(`| ${row.db} | ${row.scenario} | ${r1(row.result.rps)} | ${row.result.p50} | ${row.result.p99} | ${row.result.errors + row.result.non2xx} |`);
  for (const r of results) console.log(`${r.rows[0]?.db}: ${r.findingsTotal} findings, ${r.cases} cases, server peak RSS ${r.rssMiB} MiB`);
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
