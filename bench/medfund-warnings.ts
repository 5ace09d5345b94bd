/**
 * The warning roll-up (modules/medfund/warnings) over one year's findings of the 10-million-line
 * benchmark set, on PGlite and on PostgreSQL, against the obvious alternative (one query per
 * subject, its findings evaluated in TypeScript) in the same run.
 *
 *   npx tsx bench/medfund-warnings.ts [--findings 200000] [--persons 330000] [--providers 400]
 *        [--pg postgres://postgres@127.0.0.1:PORT/postgres] [--alt-budget-s 60] [--skip-pglite] [--keep] [--no-eval]
 *
 * The findings are generated straight into medfund_findings (screening 10 M lines is not
 * feasible here: bench/RESULTS.md run 15): one INSERT … SELECT over generate_series, seeded by
 * arithmetic (the same rows on both databases). The 10 M-line set is about 330,000 persons and
 * 2.7 M settlements (run 15's ratio, 3.7 lines per settlement); 200,000 findings is 7 % of its
 * settlements — more than any field report in docs/medfund (an upper bound). The subjects are
 * skewed (a finding's person and provider drawn as ⌊n·r³⌋), so some have many findings in a few
 * weeks (repetition), most one; 30 % red; amounts 10–20,000 yuan, skewed low.
 *
 * Measured: (1) the first roll-up (every warning created, findings linked, history written);
 * (2) a full rerun over the same findings (must change nothing); (2b) the next month's screening
 * run (1/12 of the findings, dated after the year: the period moves) and its incremental roll-up,
 * then a full roll-up that must change nothing (incremental = full), then the incremental roll-up
 * of a run without findings; (3) the evaluation alone, set-based
 * (subjectStats + levelOf for both kinds) vs per subject (a SELECT per subject + statsOf +
 * levelOf) — the alternative runs for at most --alt-budget-s seconds and is extrapolated
 * linearly to every subject when it does not finish; both must agree on the levels they reach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import type { DB } from '../apps/server/src/db/schema';
import { ensureShippedRules } from '../apps/server/src/modules/medfund/rules/rule-store';
import { LogOnlyAdapter, Notifier } from '../apps/server/src/core/notifications/notifier';
import { runRollup } from '../apps/server/src/modules/medfund/warnings/rollup/run-rollup';
import { subjectStats } from '../apps/server/src/modules/medfund/warnings/rollup/subject-stats';
import { currentRollupRules } from '../apps/server/src/modules/medfund/warnings/rollup/rule-versions';
import { levelOf, statsOf } from '../apps/server/src/modules/medfund/warnings/domain/warning-level';
import { SUBJECT_KINDS } from '../apps/server/src/modules/medfund/warnings/domain/rollup-rules';
import { printMachine } from './lib/machine';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const FINDINGS = Number(arg('findings', '200000'));
const PERSONS = Number(arg('persons', '330000'));
const PROVIDERS = Number(arg('providers', '400'));
const ALT_BUDGET_MS = Number(arg('alt-budget-s', '60')) * 1000;
const pgUrl = arg('pg');
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silent, level: 'silent', silent() {} } as never;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function newRun(db: Kysely<DB>): Promise<number> {
  const run = await db.insertInto('medfund_screening_runs').values({
    kind: 'full', status: 'done', engine: 'bench', store_key: 'bench', rule_versions: '[]', counts: '{}', requested_by_name: 'bench',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(run.id);
}

/** Findings g = first … first + count − 1 of one run; day = `day0` + (g·7919 mod days). */
async function insertFindings(db: Kysely<DB>, runId: number, first: number, count: number, day0: string, days: number) {
  // r1..r4: four independent pseudo-random numbers in [0, 1) per row, from multiplicative hashes of g
  const r = (k: number, m: number) => sql`((g::bigint * ${sql.raw(String(k))}) % ${sql.raw(String(m))})::float8 / ${sql.raw(String(m))}`;
  await sql`
    INSERT INTO medfund_findings (natural_key, rule_code, rule_version, severity, psn_no, psn_name, certno, fixmedins_code, fixmedins_name, setl_id,
      line_ids, occurred_on, amount_fen, evidence, department_name, first_run_id, last_run_id)
    SELECT 'BENCH|' || g, codes[1 + (g % array_length(codes, 1))], 1,
      CASE WHEN ${r(48271, 1000003)} < 0.3 THEN 'red' ELSE 'orange' END,
      'P' || lpad(floor(${PERSONS} * power(${r(2654435761, 999983)}, 3))::bigint::text, 10, '0'), '张某某', '330110198001011234',
      'H' || lpad(floor(${PROVIDERS} * power(${r(40503, 999979)}, 3))::bigint::text, 5, '0'), '定点机构',
      'S' || (g / 2), '{}', ${day0}::date + (g * 7919 % ${days})::int, 1000 + floor(2000000 * power(${r(69069, 999961)}, 4))::bigint,
      '{}', '', ${runId}, ${runId}
    FROM generate_series(${first}::int, ${first + count - 1}::int) g, (SELECT array_agg(code ORDER BY code) AS codes FROM medfund_rules) c`.execute(db);
  await sql`ANALYZE medfund_findings`.execute(db);
}

async function fill(db: Kysely<DB>): Promise<number> {
  await ensureShippedRules(db);
  const t0 = performance.now();
  await insertFindings(db, await newRun(db), 1, FINDINGS, '2025-01-01', 365);
  return performance.now() - t0;
}

async function evaluateSetBased(db: Kysely<DB>, from: string, to: string) {
  const { rules } = await currentRollupRules(db);
  const levels: Record<string, number> = {};
  let subjects = 0;
  for (const kind of SUBJECT_KINDS) {
    const rows = await subjectStats(db, kind, from, to, rules[kind].red.withinDays, rules[kind].orange.withinDays);
    subjects += rows.length;
    for (const s of rows) {
      const l = levelOf({ findings: s.n, amountFen: s.amount, maxRedFen: s.max_red, maxInRedWindow: s.win_red, maxInOrangeWindow: s.win_orange }, rules[kind]).level ?? 'none';
      levels[`${kind}:${l}`] = (levels[`${kind}:${l}`] ?? 0) + 1;
    }
  }
  return { subjects, levels };
}

/** The obvious alternative: list the subjects, then one query per subject for its findings; levels in TypeScript. */
async function evaluatePerSubject(db: Kysely<DB>, from: string, to: string) {
  const { rules } = await currentRollupRules(db);
  const levels: Record<string, number> = {};
  const t0 = performance.now();
  let done = 0;
  let total = 0;
  for (const kind of SUBJECT_KINDS) {
    const col = kind === 'person' ? 'psn_no' : 'fixmedins_code';
    const keys = (await db.selectFrom('medfund_findings').select(sql<string>`DISTINCT ${sql.ref(col)}`.as('k')).where('occurred_on', '>=', from).where('occurred_on', '<=', to).execute()).map((k) => k.k);
    total += keys.length;
    for (const k of keys) {
      if (performance.now() - t0 > ALT_BUDGET_MS) continue;
      const rows = await db.selectFrom('medfund_findings').select(['severity', 'amount_fen', 'occurred_on', 'setl_id'])
        .where(col, '=', k).where('occurred_on', '>=', from).where('occurred_on', '<=', to).execute();
      const stats = statsOf(rows.map((f) => ({ severity: f.severity, amountFen: Number(f.amount_fen), occurredOn: f.occurred_on, setlId: f.setl_id })), rules[kind]);
      const l = levelOf(stats, rules[kind]).level ?? 'none';
      levels[`${kind}:${l}`] = (levels[`${kind}:${l}`] ?? 0) + 1;
      done++;
    }
  }
  const ms = performance.now() - t0;
  return { ms, done, total, extrapolatedMs: done === total ? ms : (ms * total) / Math.max(done, 1), levels };
}

async function measure(name: string, database: Database) {
  await prepareDatabase(database, { demo: false });
  const { db } = database;
  const fillMs = await fill(db);
  console.log(`${name}: ${FINDINGS} findings generated in ${secs(fillMs)}; load ${os.loadavg()[0]!.toFixed(1)}`);
  const notifier = new Notifier(new LogOnlyAdapter(silent));
  const rollup = async (runId: number | null = null) => {
    const r = await db.insertInto('medfund_warning_rollups').values({ trigger: runId ? 'screening' : 'manual', run_id: runId, status: 'queued', counts: '{}' }).returning('id').executeTakeFirstOrThrow();
    const t = performance.now();
    const out = await runRollup(db, r.id, () => new Date(), notifier);
    return { ms: performance.now() - t, out };
  };
  const first = await rollup();
  console.log(`${name}: first roll-up ${secs(first.ms)}`, first.out);
  const again = await rollup();
  console.log(`${name}: rerun ${secs(again.ms)}`, again.out);
  if (again.out.created || again.out.updated || again.out.closed) throw new Error('the rerun changed warnings');
  // the next month's screening run (1/12 of the year's findings, the period moves a month): its roll-up is incremental,
  // and a full roll-up right after it must change nothing (the two give the same warnings)
  const month = Math.round(FINDINGS / 12);
  const runId = await newRun(db);
  await insertFindings(db, runId, FINDINGS + 1, month, '2026-01-01', 31);
  const incremental = await rollup(runId);
  console.log(`${name}: incremental roll-up after a run of ${month} new findings ${secs(incremental.ms)}`, incremental.out);
  const check = await rollup();
  console.log(`${name}: full roll-up after it ${secs(check.ms)}`, check.out);
  if (check.out.created || check.out.updated || check.out.closed) throw new Error('the full roll-up after the incremental one changed warnings');
  const quiet = await rollup(await newRun(db));
  console.log(`${name}: incremental roll-up after a run with no new finding ${secs(quiet.ms)}`, quiet.out);
  if (process.argv.includes('--no-eval')) return { fillMs, firstMs: first.ms, first: first.out, rerunMs: again.ms, incrementalMs: incremental.ms, incremental: incremental.out, fullAfterMs: check.ms, quietMs: quiet.ms };
  const asOf = first.out.asOf!;
  const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  // the evaluation alone, on a fresh copy of the state before any warning (handled ones would change the candidates)
  await sql`TRUNCATE medfund_warning_findings, medfund_warning_events, medfund_warnings CASCADE`.execute(db);
  const t1 = performance.now();
  const setBased = await evaluateSetBased(db, from, asOf);
  const setMs = performance.now() - t1;
  const alt = await evaluatePerSubject(db, from, asOf);
  const agree = alt.done === alt.total ? JSON.stringify(Object.entries(setBased.levels).sort()) === JSON.stringify(Object.entries(alt.levels).sort()) : null;
  console.log(`${name}: evaluation set-based ${secs(setMs)} (${setBased.subjects} subjects) vs per subject ${secs(alt.ms)} for ${alt.done}/${alt.total}` +
    ` (all: ${secs(alt.extrapolatedMs)}${alt.done === alt.total ? '' : ', extrapolated'}); ratio ${(alt.extrapolatedMs / setMs).toFixed(1)}×; levels agree: ${agree ?? 'n/a (partial)'}`, setBased.levels);
  const links = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM medfund_findings`.execute(db)).rows[0]!.n);
  return { fillMs, firstMs: first.ms, first: first.out, rerunMs: again.ms, incrementalMs: incremental.ms, incremental: incremental.out, fullAfterMs: check.ms, quietMs: quiet.ms, setMs, alt, agree, links };
}

async function main() {
  printMachine();
  console.log(`findings ${FINDINGS}, persons ${PERSONS}, providers ${PROVIDERS}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-bench-mfwarn-'));
  const lite = process.argv.includes("--skip-pglite") ? null : await openDatabase({ dataDir: dir });
  let pgliteResult;
  try {
    if (lite) pgliteResult = await measure("pglite", lite);
  } finally {
    await lite?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  let pgResult = null;
  if (pgUrl) {
    const name = `zz_bench_mfwarn_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), dataDir: null, poolSize: 2 });
    try {
      pgResult = await measure('postgres', database);
    } finally {
      await database.close();
      if (!process.argv.includes("--keep")) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); else console.log("kept", name);
      await admin.end();
    }
  }
  console.log(JSON.stringify({ pglite: pgliteResult, postgres: pgResult, load: os.loadavg() }, null, 1));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
