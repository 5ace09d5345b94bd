/**
 * Talent points at county scale: 100,000 talents under the nine-item Tiantai personal scheme.
 *
 *   npx tsx bench/talent-recompute.ts --db pglite|postgres|all   [--talents 100000] [--reps 2] [--sample 5000]
 *                                                                [--rate 100] [--open-seconds 20] [--seconds 10] [--connections 50]
 *
 * (1) Recompute, end to end, as the job does it (modules/talent/scoring/recompute.ts): read the
 *     active talents in keyset batches of 5,000, evaluate in memory, write the scores with their
 *     compact results (explanations are rebuilt from them) in one INSERT … json_to_recordset per
 *     batch, two batches at once, then the enterprise points, tiers and evaluation bonuses. Target: < 5 s on PostgreSQL. Compared in the same run
 *     with the obvious alternative, one INSERT per talent, on a sample (--sample) of the same
 *     talents, bulk vs row-by-row on that sample, and the ratio. A breakdown (read, evaluate,
 *     serialise) shows where the time goes.
 * (2) One talent's explained score, GET /api/talent/scores/:id (the talent office, random
 *     talents), through the real server in its own process: open loop at --rate requests/s (target
 *     p99 < 50 ms on PostgreSQL) and saturation with --connections clients back to back.
 *
 * The database: the demo county (prepareDatabase, demo seed: 3,000 talents, the Tiantai schemes
 * published, scores) topped up to --talents with the registry's generator (seed/talent-generator),
 * spread over the demo enterprises, each employer with yearly enterprise facts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { generateTalent } from '../apps/server/src/modules/talent/seed/talent-generator';
import { recompute, recomputePersonal, compiledOfRow } from '../apps/server/src/modules/talent/scoring/recompute';
import { versionInEffect } from '../apps/server/src/modules/talent/scoring/scheme.repo';
import { activeTalentBatches, evaluate } from '../apps/server/src/modules/talent/scoring/population';
import { storedResult } from '../apps/server/src/modules/talent/scoring/stored-result';
import { localDateOf } from '../apps/server/src/core/reference/domain/workday';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, r2 } from './lib/stats';
import { WORK, login, startServer } from './lib/server';
import { startTempPostgres } from './lib/postgres';
import { drain, openLoop, saturate } from './lib/load';

const args = parseArgs();
const DB = args.get('db') ?? 'all';
const TALENTS = Number(args.get('talents') ?? 100_000);
const REPS = Number(args.get('reps') ?? 2);
const SAMPLE = Number(args.get('sample') ?? 5_000);
const RATE = Number(args.get('rate') ?? 100);
const OPEN_SECONDS = Number(args.get('open-seconds') ?? 20);
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 50);
if (!['pglite', 'postgres', 'all'].includes(DB)) throw new Error('--db pglite|postgres|all');

printMachine();
console.log(`command: npx tsx bench/talent-recompute.ts ${process.argv.slice(2).join(' ')}`.trim());
const today = localDateOf(new Date());
const year = Number(today.slice(0, 4));

/** Demo county + generated talents up to TALENTS, enterprise facts for every employer, ANALYZE. */
async function prepare(database: Database): Promise<void> {
  const t0 = performance.now();
  await prepareDatabase(database, { demo: true });
  const { db } = database;
  const existing = await db.selectFrom('talents').select('id_number').execute();
  const enterprises = (await db.selectFrom('enterprises').select(['id', 'industry_code']).orderBy('credit_code').execute());
  const used = new Set(existing.map((t) => t.id_number));
  const rng = seededRandom(20260601);
  let added = 0;
  for (let todo = TALENTS - existing.length; todo > 0; ) {
    const n = Math.min(2_000, todo);
    const rows = Array.from({ length: n }, () => {
      const e = enterprises[Math.floor(rng.next() ** 2 * enterprises.length)]!; // some employers much bigger than others
      const industrial = Number(e.industry_code.slice(0, 2)) >= 13 && Number(e.industry_code.slice(0, 2)) <= 43;
      const g = generateTalent(rng, used, industrial);
      return { id_number: g.idNumber, name: g.name, gender: g.gender, birth_date: g.birthDate, phone: g.phone, enterprise_id: e.id, status: g.status, facts: JSON.stringify(g.facts) };
    });
    await db.insertInto('talents').values(rows).execute();
    todo -= n;
    added += n;
  }
  // Yearly facts for every employer that has none yet (the demo seed gave its own employers theirs).
  const missing = await sql<{ id: string; n: number }>`
    SELECT t.enterprise_id AS id, count(*)::int AS n FROM talents t
    WHERE t.enterprise_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM talent_enterprise_facts f WHERE f.enterprise_id = t.enterprise_id AND f.year = ${year})
    GROUP BY t.enterprise_id ORDER BY 1`.execute(db);
  const facts = missing.rows.map((e) => ({
    enterprise_id: e.id, year,
    facts: JSON.stringify({ recruitsBachelorPlus: rng.int(0, Math.ceil(e.n * 0.3)), recruitsSkilled: rng.int(0, e.n * 2), platforms: rng.chance(0.2) ? [{ kind: 'city_rd_centre' }] : [], trainingSpend: rng.int(0, 1_500) * 1_000 }),
  }));
  for (let i = 0; i < facts.length; i += 1_000) await db.insertInto('talent_enterprise_facts').values(facts.slice(i, i + 1_000)).execute();
  await sql`ANALYZE`.execute(db);
  console.log(`  prepared: ${existing.length + added} talents (${added} generated), ${facts.length} more enterprise fact rows, ${r1((performance.now() - t0) / 1000)} s`);
}

interface RecomputeRow {
  db: string;
  rep: number;
  totalMs: number;
  personalMs: number;
  enterpriseMs: number;
  talents: number;
  enterprises: number;
  cpuProbeMs: number;
}

async function recomputePhase(label: string, database: Database) {
  const { db } = database;
  const v = await versionInEffect(db, 'personal', today);
  if (!v) throw new Error('no personal scheme in effect: the demo seed publishes one for the current year');
  const rows: RecomputeRow[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    // A new day each rep: every rep inserts 100,000 new rows, as a daily recompute does.
    const asOf = `${year}-${String(2 + rep).padStart(2, '0')}-15`;
    const t0 = performance.now();
    const s = await recompute(db, { kind: 'personal', versionId: v.id, asOf }, { computedAt: new Date() });
    const totalMs = performance.now() - t0;
    rows.push({ db: label, rep, totalMs, personalMs: s.ms.personal, enterpriseMs: s.ms.enterprise, talents: s.talents, enterprises: s.enterprises, cpuProbeMs: cpuProbeMs() });
    console.log(`  [${label}] rep ${rep}: recompute ${s.talents} talents + ${s.enterprises} enterprises in ${r2(totalMs / 1000)} s (personal ${r2(s.ms.personal / 1000)} s, enterprise ${r2(s.ms.enterprise / 1000)} s)`);
  }

  // Breakdown: read only, evaluate only, serialise only (in this process, no writes).
  const scheme = compiledOfRow(v);
  let t = performance.now();
  const all: { facts: Record<string, unknown> }[] = [];
  for await (const b of activeTalentBatches(db)) all.push(...b);
  const readMs = performance.now() - t;
  t = performance.now();
  const results = all.map((x) => evaluate(scheme, x.facts, today));
  const evalMs = performance.now() - t;
  t = performance.now();
  let stored = 0;
  results.forEach((r, i) => (stored += JSON.stringify(storedResult(all[i]!.facts, r)).length));
  const storedMs = performance.now() - t;
  t = performance.now();
  let bytes = 0;
  for (const r of results) bytes += JSON.stringify(r).length;
  const jsonMs = performance.now() - t;
  results.length = 0;
  const size = await sql<{ b: number }>`SELECT pg_total_relation_size('talent_scores')::float8 AS b`.execute(db);
  console.log(`  [${label}] breakdown for ${all.length} talents: read ${r2(readMs / 1000)} s, evaluate ${r2(evalMs / 1000)} s (${r1((evalMs * 1000) / all.length)} µs each), serialise what is stored ${r2(storedMs / 1000)} s (${Math.round(stored / all.length)} B each) — the full result would be ${r2(jsonMs / 1000)} s (${Math.round(bytes / all.length)} B each); talent_scores ${Math.round(size.rows[0]!.b / 2 ** 20)} MiB`);

  // The obvious alternative on a sample: one INSERT per talent, vs the bulk statement.
  const sample: Record<string, number> = {};
  for (const write of ['bulk', 'row'] as const) {
    const asOf = `${year}-01-${write === 'bulk' ? '20' : '21'}`;
    const t1 = performance.now();
    const { talents: n } = await recomputePersonal(db, v, asOf, { computedAt: new Date(), write, limit: SAMPLE });
    sample[write] = (performance.now() - t1) / n;
  }
  const ratio = sample.row! / sample.bulk!;
  console.log(`  [${label}] sample of ${SAMPLE}: bulk ${r2(sample.bulk! * 1000)} µs/talent, row-by-row ${r2(sample.row! * 1000)} µs/talent → row-by-row is ${r1(ratio)}× slower (extrapolated to ${TALENTS}: ${r1((sample.row! * TALENTS) / 1000)} s)`);
  return { rows, breakdown: { readMs, evalMs, storedMs, storedBytes: stored / all.length, fullJsonMs: jsonMs, fullBytesPerResult: bytes / all.length, tableMiB: size.rows[0]!.b / 2 ** 20 }, sample: { n: SAMPLE, bulkUsPerTalent: sample.bulk! * 1000, rowUsPerTalent: sample.row! * 1000, ratio } };
}

async function httpPhase(label: string, env: Record<string, string>, ids: string[]) {
  const server = await startServer({ label: `talent-${label}`, env });
  try {
    const session = await login(server.baseUrl, 'talent_office');
    const target = { paths: ids.map((id) => `/api/talent/scores/${id}`), headers: { cookie: session.cookie } };
    // warm-up
    await saturate(server.baseUrl, target, 4, 2);
    await drain(server.baseUrl);
    const open = await openLoop(server.baseUrl, target, RATE, OPEN_SECONDS);
    console.log(`  [${label}] open loop ${RATE}/s for ${OPEN_SECONDS} s: p50 ${r1(open.p50)} ms, p90 ${r1(open.p90)} ms, p99 ${r1(open.p99)} ms, max ${r1(open.max)} ms, errors ${open.errors}, non-2xx ${open.non2xx}`);
    await drain(server.baseUrl);
    const sat = await saturate(server.baseUrl, target, CONNECTIONS, SECONDS);
    console.log(`  [${label}] saturation ${CONNECTIONS} connections for ${SECONDS} s: ${r1(sat.rps)} req/s, p50 ${r1(sat.p50)} ms, p99 ${r1(sat.p99)} ms, errors ${sat.errors}, non-2xx ${sat.non2xx}`);
    return { open, saturation: sat, rssMiB: server.memory().rssMiB };
  } finally {
    await server.stop();
  }
}

async function sampleIds(database: Database): Promise<string[]> {
  const rows = await sql<{ id: string }>`SELECT talent_id AS id FROM talent_scores ORDER BY md5(talent_id::text) LIMIT 1000`.execute(database.db);
  return rows.rows.map((r) => r.id);
}

const report: Record<string, unknown> = { command: process.argv.slice(2).join(' '), talents: TALENTS };

if (DB === 'pglite' || DB === 'all') {
  const dir = path.join(WORK, `talent-pglite-${TALENTS}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  console.log(`\nPGlite (${dir})`);
  const database = await openDatabase({ dataDir: dir });
  let ids: string[];
  try {
    await prepare(database);
    report.pglite = await recomputePhase('pglite', database);
    ids = await sampleIds(database);
  } finally {
    await database.close();
  }
  (report.pglite as Record<string, unknown>).http = await httpPhase('pglite', { DATA_DIR: dir }, ids);
}

if (DB === 'postgres' || DB === 'all') {
  console.log('\nPostgreSQL 15');
  const pg = await startTempPostgres();
  pg.sql('CREATE DATABASE zz_talent');
  const url = pg.url('zz_talent');
  const database = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 4 });
  let ids: string[];
  try {
    await prepare(database);
    report.postgres = await recomputePhase('postgres', database);
    ids = await sampleIds(database);
  } finally {
    await database.close();
  }
  (report.postgres as Record<string, unknown>).http = await httpPhase('postgres', { DATABASE_URL: url }, ids);
  pg.stop();
}

fs.mkdirSync(path.join(WORK, 'results'), { recursive: true });
const out = path.join(WORK, 'results', `talent-recompute-${Date.now()}.json`);
fs.writeFileSync(out, JSON.stringify(report, null, 2));
console.log(`\nraw results: ${out}`);
process.exit(0);
