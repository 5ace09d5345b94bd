/**
 * Comparable-basis growth (同口径) over 50,000 enterprises × 36 months, and the import of 50,000
 * enterprise-period rows (issue 9; docs/economy/GROWTH.md "Performance").
 *
 *   npx tsx bench/economy-growth.ts [--db pglite|postgres|all] [--n 50000] [--months 36] [--runs 3] [--url postgres://…/postgres] [--only growth|import]
 *
 * PostgreSQL: with --url, a scratch database `zz_bench_economy` is created on that server and
 * dropped at the end; without it, a throwaway PostgreSQL 15 cluster (bench/lib/postgres.ts).
 *
 * Data (generate_series; only the reading is measured): N enterprises over 3 streets, 4 parks and
 * 12 industries; monthly cumulative revenue and tax for `months` months ending last June + 6; the
 * above-scale list of each year (two in three enterprises); two ecosystems.
 *
 *   growth (new): growthSums — the cohort joined with this period and the same period a year
 *     earlier, summed per group in one statement; for none / street / park / ecosystem / industry;
 *   naive: every figure of both periods, the cohort and each enterprise's group key into Node,
 *     then the domain's comparableGrowth per group (what a "load and compute" would do).
 * Both must agree (the bench stops if not).
 *
 * Import: a CSV of N rows (one quarter, cumulative, all nine figures) through the real import —
 * validateFiguresImport (worker-thread read, row checks, the batch) then importFiguresJob (the
 * writes in chunks of 1,000 with history and the above-scale status) — new rows, then the same
 * file with every revenue changed (updates with history).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import type { DB } from '../apps/server/src/db/schema';
import type { Actor } from '../apps/server/src/core/identity/actor';
import type { Ctx } from '../apps/server/src/core/context';
import { growthSums, type Grouping } from '../apps/server/src/modules/economy/dashboard/growth.repo';
import { comparableGrowth } from '../apps/server/src/modules/economy/domain';
import { validateFiguresImport, importFiguresJob } from '../apps/server/src/modules/economy/figures/import-figures';
import { refreshPeriodSums } from '../apps/server/src/modules/economy/dashboard/period-sums.store';
import { ECONOMY_ROLES } from '../apps/server/src/modules/economy/access';
import { startTempPostgres } from './lib/postgres';
import { ECONOMY_BENCH_YEAR, makeEconomyData } from './lib/economy-data';
import { printMachine } from './lib/machine';
import { parseArgs, r1, summarize } from './lib/stats';

const args = parseArgs();
const N = Number(args.get('n') ?? 50_000);
const MONTHS = Number(args.get('months') ?? 36);
const RUNS = Number(args.get('runs') ?? 3);
const which = args.get('db') ?? 'all';
const ONLY = args.get('only') ?? 'all'; // 'growth' | 'import' | 'all'
const machine = printMachine();
console.log(`command: npx tsx bench/economy-growth.ts ${process.argv.slice(2).map((a) => a.replace(/\/\/[^@]*@/, '//…@')).join(' ')}`.trim());
console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);

const YEAR = ECONOMY_BENCH_YEAR;
const FIRST = YEAR * 12 + 6 - MONTHS; // month index of the first month (so the series ends 2025-06)
const makeData = (db: Kysely<DB>) => makeEconomyData(db, N, MONTHS);

const actor: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'bench', displayName: 'bench', roles: [], permissions: new Set(['economy.read']), scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId: '', csrfToken: '', locale: 'zh-CN' };
const PERIOD = { year: YEAR, part: '06' };
const KEY_SQL: Record<Grouping, string> = { none: `''`, street: 'e.division_code', park: `coalesce(e.park_id::text, '')`, industry: 'left(e.industry_code, 2)', ecosystem: 'eco.id::text' };

async function naive(db: Kysely<DB>, groupBy: Grouping) {
  const read = async (year: number) => new Map((await db.selectFrom('economy_figures').select(['enterprise_id', 'revenue_fen'])
    .where('year', '=', year).where('period', '=', '06').where('basis', '=', 'cumulative').where('revenue_fen', 'is not', null).execute()).map((r) => [r.enterprise_id, Number(r.revenue_fen)]));
  const [current, base, cohort, keys] = await Promise.all([
    read(YEAR), read(YEAR - 1),
    db.selectFrom('economy_scale_status').select('enterprise_id').where('year', '=', YEAR).where('above_scale', '=', true).execute(),
    sql<{ id: string; key: string }>`SELECT e.id, ${sql.raw(KEY_SQL[groupBy])} AS key FROM enterprises e ${groupBy === 'ecosystem' ? sql`JOIN economy_ecosystems eco ON EXISTS (SELECT 1 FROM unnest(eco.industry_prefixes) p WHERE e.industry_code LIKE p || '%')` : sql``}`.execute(db),
  ]);
  const inCohort = new Set(cohort.map((c) => c.enterprise_id));
  const groups = new Map<string, Set<string>>();
  for (const k of keys.rows) if (inCohort.has(k.id)) (groups.get(k.key) ?? groups.set(k.key, new Set()).get(k.key)!).add(k.id);
  return [...groups.entries()].map(([key, ids]) => ({ key, g: comparableGrowth({ current, base, cohort: ids }) })).sort((a, b) => a.key.localeCompare(b.key));
}

async function time(run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

const results: Record<string, unknown>[] = [];
async function benchOn(label: string, open: () => Promise<{ database: Database; close: () => Promise<void> }>) {
  const { database, close } = await open();
  const db = database.db;
  try {
    const t0 = performance.now();
    await makeData(db);
    const rows = (await db.selectFrom('economy_figures').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    console.log(`${label}: ${N} enterprises, ${rows} figure rows, made in ${Math.round(performance.now() - t0)} ms`);
    const ctx: Ctx = { db, actor, requestId: 'bench', ip: '127.0.0.1', now: new Date(), countyCode: '330110' };
    for (const groupBy of ONLY === 'import' ? [] : ['none', 'street', 'park', 'industry', 'ecosystem'] as const) {
      const q = { period: PERIOD, basis: 'cumulative' as const, indicator: 'revenue' as const, groupBy, cohort: 'above_scale' as const };
      const fast = await growthSums(db, actor, q);
      const slow = await naive(db, groupBy);
      for (const s of slow) {
        const f = fast.find((x) => x.key === s.key);
        if (!f || f.compared !== s.g.compared || f.comparableBase !== s.g.comparableBase || f.comparableCurrent !== s.g.comparableCurrent) {
          throw new Error(`${groupBy}/${s.key}: SQL and domain disagree: ${JSON.stringify(f)} vs ${JSON.stringify(s.g)}`);
        }
      }
      const n = await time(() => growthSums(db, actor, q));
      const o = await time(() => naive(db, groupBy));
      console.log(`${label} growth by ${groupBy}: ${fast.length} groups, new ${r1(n.p50)} ms, naive ${r1(o.p50)} ms (${r1(o.p50 / n.p50)}×)`);
      results.push({ db: label, kind: `growth by ${groupBy}`, groups: fast.length, newMs: n.p50, naiveMs: o.p50 });
    }
    void ctx;
    if (ONLY === 'growth') return;
    // the import: one quarter for every enterprise, new rows then every revenue changed
    const user = await db.insertInto('users').values({ username: 'bench_economy', display_name: '基准', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const role = ECONOMY_ROLES.economy_officer!;
    await db.insertInto('roles').values({ code: 'economy_officer', name: role.name, permissions: role.permissions }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('user_roles').values({ user_id: user.id, role_code: 'economy_officer' }).execute();
    const importer: Actor = { ...actor, userId: user.id, permissions: new Set(role.permissions) };
    const ictx: Ctx = { db, actor: importer, requestId: 'bench-import', ip: '127.0.0.1', now: new Date(), countyCode: '330110' };
    const codes = (await db.selectFrom('enterprises').select('credit_code').orderBy('credit_code').execute()).map((e) => e.credit_code);
    // the data above was written straight into the tables: its periods are summed once first (as the
    // first screen, or an import's follow-up job, would), so the timing after each pass is the import's own
    const ts = performance.now();
    const first = await refreshPeriodSums(db);
    console.log(`${label}: period sums of the generated data: ${first} periods in ${r1((performance.now() - ts) / 1000)} s`);
    const header = '统一社会信用代码,企业名称,期间,口径,营业收入（万元）,工业总产值（万元）,增加值（万元）,税收（万元）,利润总额（万元）,研发费用（万元）,从业人员（人）,综合能耗（吨标准煤）,用地面积（亩）';
    const file = (bump: number) => Buffer.from(`\uFEFF${[header, ...codes.map((c, i) => `${c},,${YEAR}-Q3,累计,${1000 + (i % 997) + bump}.12,${900 + (i % 500)},${260 + (i % 100)}.5,${40 + (i % 50)},${60 - (i % 90)},${30 + (i % 40)},${20 + (i % 300)},${(i % 700) / 10},${1 + (i % 80)}`)].join('\n')}\n`, 'utf8');
    for (const [pass, bump] of [['new rows', 0], ['every revenue changed', 1]] as const) {
      const buffer = file(bump);
      const t1 = performance.now();
      const batch = await validateFiguresImport(ictx, 'bench.csv', buffer);
      const t2 = performance.now();
      if (batch.errorCount) throw new Error(`import: ${batch.errorCount} row errors, e.g. ${JSON.stringify(batch.errors[0])}`);
      await db.updateTable('import_batches').set({ status: 'importing' }).where('id', '=', batch.id).execute();
      const summary = await importFiguresJob({ id: 0, kind: 'import.economy_figures', payload: { batchId: batch.id }, attempts: 0, max_attempts: 1, created_by: user.id }, {
        db, now: () => new Date(), progress: async () => {}, log: console as never,
      });
      const t3 = performance.now();
      // the follow-up job the import queues (economy.period_sums): the screen's sums of the periods it changed
      const summed = await refreshPeriodSums(db);
      const t4 = performance.now();
      console.log(`${label} import of ${codes.length} rows (${pass}): ${r1((t3 - t1) / 1000)} s (validate ${r1((t2 - t1) / 1000)} s, job ${r1((t3 - t2) / 1000)} s) ${JSON.stringify(summary)}; then the period sums job: ${summed} periods in ${r1((t4 - t3) / 1000)} s`);
      results.push({ db: label, kind: `import ${pass}`, rows: codes.length, totalS: (t3 - t1) / 1000, validateS: (t2 - t1) / 1000, jobS: (t3 - t2) / 1000, sumsS: (t4 - t3) / 1000, summed, summary });
    }
  } finally {
    await close();
  }
}

if (which === 'pglite' || which === 'all') {
  await benchOn('PGlite', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-bench-economy-'));
    const database = await openDatabase({ dataDir: dir });
    await prepareDatabase(database, { demo: false });
    return { database, close: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  });
}
if (which === 'postgres' || which === 'all') {
  await benchOn('PostgreSQL', async () => {
    let url: string;
    let stop: () => Promise<void> | void;
    const base = args.get('url');
    if (base) {
      const admin = await openDatabase({ databaseUrl: base, dataDir: null });
      await sql`DROP DATABASE IF EXISTS zz_bench_economy`.execute(admin.db);
      await sql`CREATE DATABASE zz_bench_economy`.execute(admin.db);
      await admin.close();
      url = base.replace(/\/[^/]*$/, '/zz_bench_economy');
      stop = async () => { const a = await openDatabase({ databaseUrl: base, dataDir: null }); await sql`DROP DATABASE IF EXISTS zz_bench_economy`.execute(a.db); await a.close(); };
    } else {
      const pg = await startTempPostgres();
      url = pg.url();
      stop = () => pg.stop();
    }
    const database = await openDatabase({ databaseUrl: url, dataDir: null });
    await prepareDatabase(database, { demo: false });
    return { database, close: async () => { await database.close(); await stop(); } };
  });
}

console.log(`(median of ${RUNS}; load average at start ${machine.loadavgAtStart}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
fs.mkdirSync('/tmp/zz-bench/results', { recursive: true });
fs.writeFileSync(`/tmp/zz-bench/results/economy-growth-${Date.now()}.json`, JSON.stringify({ machine, n: N, months: MONTHS, runs: RUNS, results }, null, 1));
