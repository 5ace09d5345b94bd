/**
 * The escalation sweep (超时预警与督办) as it runs, through the database: 100,000 open 亲企办
 * requests with their open steps, one run of the job's handler (runEscalationSweep), split
 * into read / evaluate / write, then runs with nothing new to mark (issue 5: "under 2 s").
 *
 *   npx tsx bench/service-sweep.ts [--db pglite|postgres|all] [--requests 100000] [--backlog-minutes 15] [--again 3] [--keep] [--url postgres://…/postgres]
 *
 * PostgreSQL: with --url, a scratch database `zz_sweep` on that server (created and dropped; the
 * database in the URL is only used to connect); without it, a throwaway PostgreSQL 15 cluster
 * (bench/lib/postgres.ts, needs root).
 *
 * Data (seeded; inserted in bulk, not through the API), on top of the demo county in a new
 * database (PGlite: a new directory; PostgreSQL: a throwaway 15 cluster), "now" = Friday
 * 2026-11-27 15:30 (Asia/Shanghai):
 *   10 % submitted (受理 open, same day), 10 % accepted (交办 open, same day), both within half a day;
 *   50 % with a unit (办结 open: 5 working days, over 9 days; 回应 open, same day, when dispatched
 *        or signed — those in a unit's hands for more than a day have mostly responded),
 *    5 % waiting for the enterprise (an open pause; 办结 open), 25 % resolved (回访 open: 3 working days);
 * 10 % of the dispatched ones with a closed pause. Start times mostly recent (ages skewed towards
 * now), so that a few per cent are overdue, as in a county that keeps up. Lead units from the
 * demo's handling units (with their service_request_units row), enterprises from the demo registry.
 * Every step's due_at / warn_at is stored as the actions would have stored it, and the marks that
 * earlier sweeps would have set up to `--backlog-minutes` before now are set (warned_at,
 * overdue_at): the first run marks what crossed its warning or deadline since then — the sweep
 * missed a quarter of an hour, e.g. a restart; `--backlog-minutes 100000` = no earlier sweep at all.
 *
 * Timed: run 1 (the handler, with the breakdown it returns: read, evaluate, write), then `--again`
 * runs at the same now (nothing new to mark: the steady state of a sweep every minute).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../apps/server/src/db/schema';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { mobilePhone, personName } from '../apps/server/src/db/seed/enterprise-generator';
import { CalendarHolder } from '../apps/server/src/core/reference/workday-calendar';
import { categoryTreeOf, loadCategories } from '../apps/server/src/modules/service/settings/catalog';
import { SERVICE_LEVELS, serviceClock } from '../apps/server/src/modules/service/requests/service-levels';
import { sweepOpenSteps, type OpenStepInput, type ServiceStep } from '../apps/server/src/modules/service/domain';
import { runEscalationSweep, type SweepResult } from '../apps/server/src/modules/service/sweep/escalation-sweep';
import { requestText } from '../apps/server/src/modules/service/seed/texts';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, summarize } from './lib/stats';
import { WORK } from './lib/server';
import { startTempPostgres, type TempPostgres } from './lib/postgres';

const args = parseArgs();
const DB_KIND = args.get('db') ?? 'all';
const REQUESTS = Number(args.get('requests') ?? 100_000);
const BACKLOG_MIN = Number(args.get('backlog-minutes') ?? 15);
const AGAIN = Number(args.get('again') ?? 3);
/** Keep the PGlite data (and reuse it when present) — for working on the sweep; the marks of earlier runs stay. */
const KEEP = args.has('keep');
if (!['pglite', 'postgres', 'all'].includes(DB_KIND)) throw new Error('--db pglite|postgres|all');
const TARGET_MS = 2000;
const SEED = 20261127;
const NOW = new Date('2026-11-27T15:30:00+08:00');
const MIN = 60_000;
const DAY = 86_400_000;

const machine = printMachine();
const command = `npx tsx bench/service-sweep.ts ${process.argv.slice(2).map((a) => a.replace(/\/\/[^@]*@/, '//…@')).join(' ')}`.trim();
/** Where the PostgreSQL runs go: a scratch database on the server of --url, or on a throwaway cluster. */
interface ScratchPostgres { create(): Promise<string>; drop(): Promise<void>; stop(): void }
async function scratchPostgres(url: string | undefined): Promise<ScratchPostgres> {
  if (!url) {
    const temp: TempPostgres = await startTempPostgres();
    return {
      create: async () => { temp.sql('DROP DATABASE IF EXISTS zz_sweep'); temp.sql('CREATE DATABASE zz_sweep'); return temp.url('zz_sweep'); },
      drop: async () => { temp.sql('DROP DATABASE IF EXISTS zz_sweep'); },
      stop: () => temp.stop(),
    };
  }
  const onServer = async (statement: string) => {
    const admin = await openDatabase({ databaseUrl: url, dataDir: null });
    try { await sql.raw(statement).execute(admin.db); } finally { await admin.close(); }
  };
  return {
    create: async () => { await onServer('DROP DATABASE IF EXISTS zz_sweep'); await onServer('CREATE DATABASE zz_sweep'); return url.replace(/\/[^/?]*(\?|$)/, '/zz_sweep$1'); },
    drop: () => onServer('DROP DATABASE IF EXISTS zz_sweep'),
    stop: () => {},
  };
}
let pg: ScratchPostgres | null = null;
if (DB_KIND === 'postgres' || DB_KIND === 'all') pg = await scratchPostgres(args.get('url'));
const kinds = DB_KIND === 'all' ? (['pglite', 'postgres'] as const) : ([DB_KIND] as readonly ('pglite' | 'postgres')[]);

interface Outcome {
  db: string;
  requests: number;
  openSteps: number;
  seedMs: number;
  stateAtNow: Record<string, number>;
  first: SweepResult & { wallMs: number };
  again: (SweepResult & { wallMs: number })[];
  loadavgBefore: string;
  loadavgAfter: string;
  cpuProbeMs: number;
}
const outcomes: Outcome[] = [];

for (const kind of kinds) {
  console.log(`\n== ${kind}`);
  const loadavgBefore = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const dataDir = path.join(WORK, `service-sweep-pglite-${REQUESTS}`);
  const reuse = KEEP && kind === 'pglite' && fs.existsSync(path.join(dataDir, '.seeded'));
  let database: Database;
  if (kind === 'pglite') {
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
    database = await openDatabase({ dataDir });
  } else {
    database = await openDatabase({ databaseUrl: await pg!.create(), dataDir: null });
  }
  try {
    await prepareDatabase(database, { demo: true });
    const calendar = (await CalendarHolder.load(database.db)).get();
    const t0 = performance.now();
    const seeded = reuse ? { openSteps: NaN, stateAtNow: {} } : await seedOpenRequests(database.db, calendar);
    const seedMs = performance.now() - t0;
    if (KEEP && kind === 'pglite') fs.writeFileSync(path.join(dataDir, '.seeded'), '');
    console.log(`  inserted ${REQUESTS} open requests with ${seeded.openSteps} open steps in ${r1(seedMs / 1000)} s; states now (before marks): ${JSON.stringify(seeded.stateAtNow)}`);
    const timed = async () => {
      const t = performance.now();
      const r = await runEscalationSweep(database.db, calendar, NOW);
      return { ...r, wallMs: Math.round(performance.now() - t) };
    };
    const first = await timed();
    console.log(`  run 1: ${first.wallMs} ms (read ${first.ms.read}, evaluate ${first.ms.evaluate}, write ${first.ms.write}); ${first.open} open steps read, ${first.warnings} warned, ${first.overdue} marked overdue`);
    const again: Outcome['again'] = [];
    for (let k = 0; k < AGAIN; k++) {
      again.push(await timed());
      const a = again.at(-1)!;
      console.log(`  run ${k + 2}: ${a.wallMs} ms (read ${a.ms.read}, evaluate ${a.ms.evaluate}, write ${a.ms.write}); ${a.open} read, ${a.warnings} warned, ${a.overdue} overdue`);
    }
    outcomes.push({
      db: kind, requests: REQUESTS, openSteps: seeded.openSteps, seedMs, stateAtNow: seeded.stateAtNow, first, again,
      loadavgBefore, loadavgAfter: os.loadavg().map((l) => l.toFixed(1)).join(' '), cpuProbeMs: cpuProbeMs(),
    });
  } finally {
    await database.close();
    if (kind === 'pglite') {
      if (!KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    } else await pg!.drop();
  }
}
pg?.stop();

console.log(`\n${command}\n${machine.date} → ${new Date().toISOString()}\n`);
console.log(`| database | open requests / steps | run | total ms | read ms | evaluate ms | write ms | steps read | warned | marked overdue | target < ${TARGET_MS} ms | load avg before → after / CPU probe |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const o of outcomes) {
  const line = (label: string, r: SweepResult & { wallMs: number }) =>
    console.log(
      `| ${o.db} | ${o.requests} / ${o.openSteps} | ${label} | ${r.wallMs} | ${r.ms.read} | ${r.ms.evaluate} | ${r.ms.write} | ${r.open} | ${r.warnings} | ${r.overdue} | ` +
        `${r.wallMs < TARGET_MS ? 'met' : '**not met**'} | ${o.loadavgBefore} → ${o.loadavgAfter} / ${Math.round(o.cpuProbeMs)} ms |`,
    );
  line(`1 (backlog ${BACKLOG_MIN} min)`, o.first);
  o.again.forEach((a, k) => line(`${k + 2} (nothing new)`, a));
  const s = summarize(o.again.map((a) => a.wallMs));
  console.log(`\n${o.db}: nothing-new runs median ${s.p50} ms; run 1 / median of the others = ${r1(o.first.wallMs / s.p50)}; write per mark in run 1: ${o.first.warnings + o.first.overdue ? r1(o.first.ms.write / (o.first.warnings + o.first.overdue)) : 'n/a'} ms\n`);
}
if (outcomes.length === 2) {
  const [a, b] = outcomes as [Outcome, Outcome];
  const med = (o: Outcome) => summarize(o.again.map((x) => x.wallMs)).p50;
  console.log(`ratio PGlite / PostgreSQL: run 1 ${r1(a.first.wallMs / b.first.wallMs)}, nothing-new median ${r1(med(a) / med(b))}, read ${r1(a.again[0]!.ms.read / Math.max(1, b.again[0]!.ms.read))}`);
}
const outDir = path.join(WORK, 'results');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `service-sweep-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(out, JSON.stringify({ machine, command, settings: { REQUESTS, BACKLOG_MIN, AGAIN, SEED, NOW }, outcomes }, null, 2));
console.log(`raw results: ${out}`);
process.exit(0);

/**
 * REQUESTS open requests with their open steps, pauses and lead units, in chunks of 1,000 rows per
 * INSERT; due_at / warn_at as the actions store them, and the marks earlier sweeps would have set.
 */
async function seedOpenRequests(db: Kysely<DB>, calendar: ReturnType<CalendarHolder['get']>) {
  const rng = seededRandom(SEED);
  const enterprises = await db.selectFrom('enterprises').select(['id', 'division_code', 'park_id']).execute();
  // The handling units the demo dispatches to (departments with service staff).
  const units = (await db.selectFrom('service_requests').select('lead_unit_id').distinct().where('lead_unit_id', 'is not', null).execute()).map((u) => u.lead_unit_id!);
  const creator = await db.selectFrom('users').select('id').where('username', '=', 'hotline').executeTakeFirstOrThrow();
  const categories = await loadCategories(db);
  const tree = categoryTreeOf(categories);
  const leafIds = categories.filter((c) => c.active && !categories.some((d) => d.parent_id === c.id)).map((c) => c.id);
  if (enterprises.length === 0 || units.length === 0) throw new Error('the demo county has no enterprises or handling units');
  const nowMs = NOW.getTime();
  /** An age skewed towards now: most work is recent, a tail is old (and overdue). */
  const ageMs = (windowMs: number) => Math.floor((rng.next() ** 2.2 * windowMs) / MIN) * MIN;

  type Req = Record<string, unknown>;
  const requests: Req[] = [];
  const unitRows: { request_id: string; unit_id: string; role: string; attempt: number }[] = [];
  const pauses: { request_id: string; from_at: Date; to_at: Date | null; reason: string }[] = [];
  const steps: { request_id: string; step: ServiceStep; round: number; started_at: Date; category: string | null; pauses: { fromMs: number; toMs: number | null }[] }[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const id = randomUUID();
    const x = rng.next();
    // Ages skewed towards now; a request in a unit's hands for more than a working day has
    // usually been answered (回应, same day) and waits for its 办结.
    let status: 'submitted' | 'accepted' | 'dispatched' | 'signed' | 'responded' | 'waiting_for_enterprise' | 'resolved';
    let start: number;
    if (x < 0.1) [status, start] = ['submitted', nowMs - ageMs(DAY / 2)];
    else if (x < 0.2) [status, start] = ['accepted', nowMs - ageMs(DAY / 2)];
    else if (x < 0.75) {
      start = nowMs - ageMs(9 * DAY);
      status = x < 0.7 ? (nowMs - start > DAY && rng.chance(0.9) ? 'responded' : rng.pick(['dispatched', 'signed'] as const)) : 'waiting_for_enterprise';
    } else [status, start] = ['resolved', nowMs - ageMs(6 * DAY)];
    const category = status === 'submitted' && rng.chance(0.5) ? null : rng.pick(leafIds);
    const text = requestText(rng, category && ['policy', 'factors.power', 'factors.land', 'factors.water', 'talent', 'finance', 'testing', 'approval'].includes(category) ? category : 'policy');
    const e = rng.pick(enterprises);
    const withUnit = status !== 'submitted' && status !== 'accepted';
    const lead = withUnit ? rng.pick(units) : null;
    const requestPauses: { fromMs: number; toMs: number | null }[] = [];
    const submitted = start - (status === 'submitted' ? 0 : ageMs(DAY));
    if (status === 'waiting_for_enterprise') {
      requestPauses.push({ fromMs: start + Math.floor((nowMs - start) * rng.next() / MIN) * MIN, toMs: null });
    } else if (withUnit && rng.chance(0.1)) {
      const from = start + Math.floor((nowMs - start) * rng.next() / MIN) * MIN;
      requestPauses.push({ fromMs: from, toMs: Math.min(nowMs, from + ageMs(2 * DAY)) });
    }
    requests.push({
      id, status, status_before_wait: status === 'waiting_for_enterprise' ? 'signed' : null,
      channel: rng.pick(['hotline', 'hotline', 'web', 'visit', 'letter']), category_id: category, suggested_category_id: null,
      title: text.title, description: text.description, enterprise_id: e.id, enterprise_ids: [e.id], organization_name: '',
      contact_name: personName(rng), contact_phone: mobilePhone(rng), division_code: e.division_code.slice(0, 9), park_id: e.park_id,
      location: '', lead_unit_id: lead, dispatch_count: withUnit ? 1 : 0,
      submitted_at: new Date(submitted), created_by: creator.id, updated_at: new Date(start),
    });
    if (lead) unitRows.push({ request_id: id, unit_id: lead, role: 'lead', attempt: 1 });
    for (const p of requestPauses) pauses.push({ request_id: id, from_at: new Date(p.fromMs), to_at: p.toMs === null ? null : new Date(p.toMs), reason: '等待企业补充材料' });
    const open = (step: ServiceStep, at: number) => steps.push({ request_id: id, step, round: 0, started_at: new Date(at), category, pauses: requestPauses });
    if (status === 'submitted') open('accept', start);
    else if (status === 'accepted') open('dispatch', start);
    else if (status === 'resolved') open('follow_up', start);
    else {
      if (status === 'dispatched' || status === 'signed') open('respond', start);
      open('resolve', start);
    }
  }
  // Deadlines as stored by the actions, and the marks of the sweeps up to BACKLOG_MIN before now.
  const clock = serviceClock(calendar);
  const inputs: OpenStepInput[] = steps.map((s) => ({ rule: SERVICE_LEVELS.ruleFor(tree.pathOf(s.category ?? ''), s.step), startMs: s.started_at.getTime(), pauses: s.pauses }));
  const before = sweepOpenSteps(clock, inputs, nowMs - BACKLOG_MIN * MIN);
  const atNow = sweepOpenSteps(clock, inputs, nowMs);
  const stateAtNow: Record<string, number> = {};
  for (const s of atNow) stateAtNow[s.state] = (stateAtNow[s.state] ?? 0) + 1;
  const markAt = new Date(nowMs - BACKLOG_MIN * MIN);
  const stepRows = steps.map((s, k) => {
    const b = before[k]!;
    return {
      request_id: s.request_id, step: s.step, round: s.round, started_at: s.started_at,
      due_at: b.dueMs === null ? null : new Date(b.dueMs), warn_at: b.warnMs === null ? null : new Date(b.warnMs),
      warned_at: b.state === 'warning' || b.state === 'overdue' ? markAt : null,
      overdue_at: b.state === 'overdue' ? markAt : null,
    };
  });
  const CHUNK = 1000;
  const insertAll = async <T extends keyof DB>(table: T, rows: readonly Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
    }
  };
  await insertAll('service_requests', requests);
  await insertAll('service_request_units', unitRows);
  await insertAll('service_pauses', pauses);
  await insertAll('service_request_steps', stepRows);
  await sql`ANALYZE`.execute(db);
  return { openSteps: steps.length, stateAtNow };
}
