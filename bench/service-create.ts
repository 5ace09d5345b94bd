/**
 * Creating 亲企办 requests through the real HTTP server under 50 concurrent clients (issue 5).
 *
 *   npx tsx bench/service-create.ts [--db pglite|postgres|all] [--reps 2] [--seconds 10] [--connections 50] [--bodies 2000]
 *
 * Per database and repetition: a new database with the demo county (a first, untimed server start
 * fills it: ~200 enterprises, 620 requests), then a fresh server process on it and a login as the
 * hotline operator (`hotline`, service_operator) with its CSRF token. Bodies are varied and seeded:
 * a registered enterprise (85 %) or an unregistered contact with its street (15 %), a category
 * (70 %) or none (the keywords suggest one), the demo's request texts, channel hotline / visit /
 * letter / web, a contact name and phone. Each body is a real POST /api/service/requests: a
 * transaction with the request, its `submitted` event, its open 受理 step with the deadline, and the
 * audit entry.
 *
 * Scenarios, in turn (each after a 2 s warm-up that is not recorded):
 *   create ×1   — one client, back to back: the latency of one create with nobody else around;
 *   create ×50  — 50 clients back to back (autocannon): requests/s and p99 — the target;
 *   list ×50    — the obvious alternative under the same load: GET /api/service/requests (first
 *                 page of 20, newest first) by the same operator.
 * Also the server's CPU and event-loop delay during each. Same-run ratios: create ×50 / list ×50
 * (requests/s, p99) and create ×50 / create ×1 (p99, throughput).
 *
 * Then nothing lost: with the server stopped, the database is opened and the new requests, their
 * audit entries (service.request.create) and their open 受理 steps are counted; each must equal
 * the number of new requests, which must be the number of 201s answered plus at most the requests
 * still in flight when a phase stopped counting (one per connection per phase).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../apps/server/src/db/database';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { mobilePhone, personName } from '../apps/server/src/db/seed/enterprise-generator';
import { requestText } from '../apps/server/src/modules/service/seed/texts';
import { DEMO_STREETS } from '../apps/server/src/db/seed/demo-county';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1 } from './lib/stats';
import { WORK, eventLoop, getJson, login, startServer, type RunningServer, type Session } from './lib/server';
import { startTempPostgres, type TempPostgres } from './lib/postgres';
import { drain, saturate, type LoadResult, type Target } from './lib/load';

const args = parseArgs();
const DB = args.get('db') ?? 'all';
const REPS = Number(args.get('reps') ?? 2);
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const BODIES = Number(args.get('bodies') ?? 2000);
const SEED = 20261129;
if (!['pglite', 'postgres', 'all'].includes(DB)) throw new Error('--db pglite|postgres|all');

const machine = printMachine();
const command = `npx tsx bench/service-create.ts ${process.argv.slice(2).join(' ')}`.trim();
let pg: TempPostgres | null = null;
if (DB === 'postgres' || DB === 'all') pg = await startTempPostgres();
const dbs = DB === 'all' ? (['pglite', 'postgres'] as const) : ([DB] as readonly ('pglite' | 'postgres')[]);

type Scenario = 'create ×1' | `create ×${number}` | `list ×${number}`;
interface Row {
  db: string;
  rep: number;
  scenario: Scenario;
  load: LoadResult;
  serverCpuPercent: number;
  eventLoopP99: number;
  eventLoopMax: number;
  loadavg: string;
  cpuProbeMs: number;
}
interface Check {
  db: string;
  rep: number;
  answered201: number;
  newRequests: number;
  newAudit: number;
  newAcceptSteps: number;
  /** How many requests may have been written after their phase stopped counting (one per connection per phase). */
  inFlightAtEnd: number;
  ok: boolean;
}
const rows: Row[] = [];
const checks: Check[] = [];

for (let rep = 1; rep <= REPS; rep++) {
  for (const db of dbs) {
    console.log(`\n== ${db}, repetition ${rep}/${REPS}`);
    const dataDir = path.join(WORK, `service-create-pglite-${rep}`);
    const pgName = `zz_service_create_${rep}`;
    let env: Record<string, string>;
    if (db === 'pglite') {
      fs.rmSync(dataDir, { recursive: true, force: true });
      env = { DATA_DIR: dataDir };
    } else {
      pg!.sql(`DROP DATABASE IF EXISTS ${pgName}`);
      pg!.sql(`CREATE DATABASE ${pgName}`);
      env = { DATABASE_URL: pg!.url(pgName) };
    }
    const first = await startServer({ label: `service-create-${db}-init`, env });
    await first.stop();
    const before = await counts(db, dataDir, pgName);
    let answered201 = 0;
    let inFlightAtEnd = 0; // at most one request per connection was still running when a load phase stopped
    const server = await startServer({ label: `service-create-${db}`, env });
    try {
      const session = await login(server.baseUrl, 'hotline');
      const bodies = await makeBodies(server.baseUrl, session);
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
      const create: Target = { paths: ['/api/service/requests'], method: 'POST', bodies, headers };
      const list: Target = { paths: ['/api/service/requests?pageSize=20'], headers: { cookie: session.cookie } };
      const scenarios: [Scenario, Target, number][] = [
        ['create ×1', create, 1],
        [`create ×${CONNECTIONS}`, create, CONNECTIONS],
        [`list ×${CONNECTIONS}`, list, CONNECTIONS],
      ];
      for (const [scenario, target, connections] of scenarios) {
        const warm = await saturate(server.baseUrl, target, Math.min(connections, 5), 2); // not recorded
        await drain(server.baseUrl);
        await eventLoop(server.baseUrl);
        const cpu0 = server.cpuSeconds();
        const t0 = performance.now();
        const load = await saturate(server.baseUrl, target, connections, SECONDS);
        const cpu = ((server.cpuSeconds() - cpu0) / ((performance.now() - t0) / 1000)) * 100;
        const eld = await eventLoop(server.baseUrl);
        await drain(server.baseUrl);
        if (target === create) {
          answered201 += warm.ok + load.ok;
          inFlightAtEnd += Math.min(connections, 5) + connections;
        }
        const row: Row = {
          db, rep, scenario, load, serverCpuPercent: cpu,
          eventLoopP99: r1(Math.max(0, eld.p99 - eld.resolutionMs)), eventLoopMax: r1(Math.max(0, eld.max - eld.resolutionMs)),
          loadavg: os.loadavg().map((l) => l.toFixed(1)).join(' '), cpuProbeMs: cpuProbeMs(),
        };
        rows.push(row);
        console.log(
          `  ${scenario.padEnd(10)} ${r1(load.rps)} req/s, p50 ${load.p50} p99 ${load.p99} max ${load.max} ms, ${load.ok} 2xx, ${load.non2xx} non-2xx, ${load.errors} errors; ` +
            `server CPU ${Math.round(cpu)}%, event-loop delay p99 ${row.eventLoopP99} max ${row.eventLoopMax} ms; load average ${row.loadavg}, CPU probe ${Math.round(row.cpuProbeMs)} ms`,
        );
        if (load.non2xx > 0 || load.errors > 0) await showFailure(server, target);
      }
    } finally {
      await server.stop();
    }
    const after = await counts(db, dataDir, pgName);
    const c: Check = {
      db, rep, answered201,
      newRequests: after.requests - before.requests,
      newAudit: after.audit - before.audit,
      newAcceptSteps: after.acceptSteps - before.acceptSteps,
      inFlightAtEnd,
      ok: false,
    };
    // autocannon stops counting when its time is up; requests then in flight are still written.
    c.ok = c.newRequests >= answered201 && c.newRequests <= answered201 + inFlightAtEnd && c.newAudit === c.newRequests && c.newAcceptSteps === c.newRequests;
    checks.push(c);
    console.log(`  nothing lost: ${answered201} answered 201 (+ up to ${inFlightAtEnd} in flight when a phase stopped); ${c.newRequests} new requests, ${c.newAudit} audit entries, ${c.newAcceptSteps} open 受理 steps → ${c.ok ? 'consistent' : 'INCONSISTENT'}`);
    if (db === 'pglite') fs.rmSync(dataDir, { recursive: true, force: true });
    else pg!.sql(`DROP DATABASE IF EXISTS ${pgName}`);
  }
}
pg?.stop();

console.log(`\n${command}\n${machine.date} → ${new Date().toISOString()}\n`);
console.log('| database | rep | scenario | req/s | p50 ms | p99 ms | max ms | 2xx / non-2xx / errors | server CPU | event-loop delay p99 / max ms | load avg / CPU probe |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.db} | ${r.rep} | ${r.scenario} | ${r1(r.load.rps)} | ${r.load.p50} | ${r.load.p99} | ${r.load.max} | ${r.load.ok} / ${r.load.non2xx} / ${r.load.errors} | ` +
      `${Math.round(r.serverCpuPercent)}% | ${r.eventLoopP99} / ${r.eventLoopMax} | ${r.loadavg} / ${Math.round(r.cpuProbeMs)} ms |`,
  );
}
console.log('\nSame-run ratios:\n');
console.log(`| database | rep | create ×${CONNECTIONS} / list ×${CONNECTIONS}: req/s | p99 | create ×${CONNECTIONS} / create ×1: req/s | p99 |`);
console.log('|---|---|---|---|---|---|');
for (const db of dbs) {
  for (let rep = 1; rep <= REPS; rep++) {
    const get = (s: string) => rows.find((r) => r.db === db && r.rep === rep && r.scenario === s)?.load;
    const c50 = get(`create ×${CONNECTIONS}`);
    const l50 = get(`list ×${CONNECTIONS}`);
    const c1 = get('create ×1');
    if (!c50 || !l50 || !c1) continue;
    const q = (a: number, b: number) => (b > 0 ? (a / b).toPrecision(2) : 'n/a');
    console.log(`| ${db} | ${rep} | ${q(c50.rps, l50.rps)} | ${q(c50.p99, l50.p99)} | ${q(c50.rps, c1.rps)} | ${q(c50.p99, c1.p99)} |`);
  }
}
console.log('\n| database | rep | 201 answered (+ in flight at the end, at most) | new requests | audit entries | open 受理 steps | consistent |');
console.log('|---|---|---|---|---|---|---|');
for (const c of checks) console.log(`| ${c.db} | ${c.rep} | ${c.answered201} (+ ≤ ${c.inFlightAtEnd}) | ${c.newRequests} | ${c.newAudit} | ${c.newAcceptSteps} | ${c.ok ? 'yes' : '**no**'} |`);

const outDir = path.join(WORK, 'results');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `service-create-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ machine, command, settings: { REPS, SECONDS, CONNECTIONS, BODIES, SEED }, rows, checks }, null, 2));
console.log(`\nraw results: ${out}`);
process.exit(checks.every((c) => c.ok) ? 0 : 1);

/** `BODIES` request bodies, seeded: enterprises and categories as the server lists them. */
async function makeBodies(baseUrl: string, session: Session): Promise<string[]> {
  const enterprises = await getJson<{ items: { id: string }[] }>(baseUrl, session, '/api/enterprises?pageSize=100&sort=name&order=asc');
  const categories = (await getJson<{ id: string; parentId: string | null; active: boolean }[]>(baseUrl, session, '/api/service/categories')).filter((c) => c.active);
  if (enterprises.items.length === 0 || categories.length === 0) throw new Error('no enterprises or categories to create requests for');
  const rng = seededRandom(SEED);
  const streets = Object.values(DEMO_STREETS);
  const channels = ['hotline', 'hotline', 'hotline', 'visit', 'letter', 'web'] as const;
  return Array.from({ length: BODIES }, (_, k) => {
    const category = rng.chance(0.7) ? rng.pick(categories).id : null;
    const text = textFor(rng, category);
    const registered = rng.chance(0.85);
    return JSON.stringify({
      enterpriseId: registered ? rng.pick(enterprises.items).id : null,
      organizationName: registered ? '' : `${rng.pick(['杭州', '余杭', '良渚'])}${rng.pick(['瑞丰', '恒通', '启明', '嘉禾', '华泰'])}${rng.pick(['科技', '机械', '食品', '贸易'])}有限公司`,
      divisionCode: registered ? null : rng.pick(streets),
      channel: rng.pick(channels),
      categoryId: category,
      title: text.title,
      description: `${text.description}（压测 ${k + 1}）`,
      location: rng.chance(0.3) ? `${rng.pick(['文一西路', '良渚大道', '五常大道'])} ${rng.int(1, 999)} 号` : '',
      contactName: personName(rng),
      contactPhone: mobilePhone(rng),
    });
  });
}

/** The demo's texts for the category (or its parent); any category's when it has none. */
function textFor(rng: ReturnType<typeof seededRandom>, category: string | null) {
  for (const id of [category, category?.split('.')[0], 'other']) {
    if (!id) continue;
    try {
      return requestText(rng, id);
    } catch {
      /* no texts for this one */
    }
  }
  return requestText(rng, 'policy');
}

async function showFailure(server: RunningServer, target: Target) {
  const r = await fetch(`${server.baseUrl}${target.paths[0]}`, { method: target.method ?? 'GET', headers: target.headers, body: target.bodies?.[0] });
  console.log(`  sample answer: ${r.status} ${(await r.text()).slice(0, 300)}`);
}

/** Requests, their creation audit entries and open 受理 steps, read from the database directly (server stopped). */
async function counts(db: 'pglite' | 'postgres', dataDir: string, pgName: string) {
  const database = await openDatabase(db === 'pglite' ? { dataDir } : { databaseUrl: pg!.url(pgName), dataDir: null });
  try {
    const one = async (q: ReturnType<typeof sql<{ n: string | number }>>) => Number((await q.execute(database.db)).rows[0]!.n);
    return {
      requests: await one(sql<{ n: number }>`SELECT count(*) AS n FROM service_requests`),
      audit: await one(sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'service.request.create'`),
      acceptSteps: await one(sql<{ n: number }>`SELECT count(*) AS n FROM service_request_steps WHERE step = 'accept' AND completed_at IS NULL AND cancelled_at IS NULL`),
    };
  } finally {
    await database.close();
  }
}
