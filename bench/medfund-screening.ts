/**
 * The 14 screening rules over a generated district-year: a full run (every settlement of the
 * year) and incremental days (one day's settlements against the history each template needs),
 * on DuckDB and on PostgreSQL, the same SQL; prints per-rule times, totals and the ratio, and
 * checks both engines return the same findings per rule (a digest of the rows).
 *
 *   npx tsx bench/medfund-screening.ts [--persons 20000] [--pg postgres://postgres@127.0.0.1:PORT/postgres]
 *        [--memory 1GB] [--screening-memory 4GB] [--views] [--dir /tmp/zz-bench/medfund] [--pg-timeout-s 900] [--rules DRUG_OVERSUPPLY,PRICE_CAP]
 *        [--skip-duckdb] [--pg-db NAME] [--duck-file PATH] [--load-only]
 *
 * A full run reads one netted snapshot (rules/screening/full-claims.ts) with DuckDB's memory limit at
 * --screening-memory meanwhile, as the screening job does; --views also times every rule over the
 * netting views first (how full runs read the claims before bench run 39) and checks the findings agree.
 *
 * --duck-file PATH: the same for DuckDB: the store file is loaded when it does not exist, reused
 * as it is otherwise, and kept (without it, a fresh file per run, removed at the end).
 * --pg-db NAME: the PostgreSQL database to use instead of a fresh one dropped at the end: created
 * and loaded when it does not exist, reused as it is (no import) when it holds the year already,
 * and kept afterwards — a 9 M-line load into PostgreSQL takes longer than the 14 rules, so one
 * load serves several runs (and EXPLAIN ANALYZE of a rule in psql). Drop it yourself.
 *
 * An incremental day runs as the screening job runs it: one netted snapshot of the persons the day
 * touches (window-claims.ts, its time printed apart), then the 14 rules over it; its findings are
 * checked against the full year's on that day.
 *
 * The year is generated once per size as CSV files (kept under --dir, shared with
 * bench/medfund-import.ts) and loaded through the server's import (loadFile) into a DuckDB file
 * and, with --pg, into a fresh PostgreSQL database (COPY); both loads are timed too. ≈ 15 fee lines
 * per person: 10 M fee lines ≈ 660,000 persons.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { openDuckdbStore } from '../apps/server/src/modules/medfund/claims/duckdb-store';
import { openPostgresStore } from '../apps/server/src/modules/medfund/claims/postgres-store';
import type { ClaimsStore } from '../apps/server/src/modules/medfund/claims/claims-store';
import { LOAD_ORDER } from '../apps/server/src/modules/medfund/claims/tables';
import { nationalMapping } from '../apps/server/src/modules/medfund/domain/mapping';
import { loadFile } from '../apps/server/src/modules/medfund/data/import/load-file';
import { CsvSink } from '../apps/server/src/modules/medfund/generator/csv-sink';
import { GENERATOR_EDITION, generateDistrictYear } from '../apps/server/src/modules/medfund/generator/generate';
import { SHIPPED_RULES } from '../apps/server/src/modules/medfund/rules/domain/rule-catalog';
import { ensureScreeningViews, screenRule } from '../apps/server/src/modules/medfund/rules/screening/screen-claims';
import { withWindowClaims } from '../apps/server/src/modules/medfund/rules/screening/window-claims';
import { withFullClaims } from '../apps/server/src/modules/medfund/rules/screening/full-claims';
import type { ClaimsSources } from '../apps/server/src/modules/medfund/rules/domain/template-sql';
import { providerStatsSql } from '../apps/server/src/modules/medfund/rules/screening/run-job';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const persons = Number(arg('persons', '20000'));
const pgUrl = arg('pg');
const memory = arg('memory', '1GB')!;
// the server's defaults (CLAIMS_MEMORY_LIMIT, CLAIMS_SCREENING_MEMORY_LIMIT)
const screeningMemory = arg('screening-memory', '4GB')!;
const baseDir = arg('dir', '/tmp/zz-bench/medfund')!;
const pgTimeoutS = Number(arg('pg-timeout-s', '900'));
const dataDir = path.join(baseDir, `persons-${persons}-e${GENERATOR_EDITION}`);
const only = arg('rules')?.split(',');
const RULES = only ? SHIPPED_RULES.filter((r) => only.includes(r.code)) : SHIPPED_RULES;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const DAYS = ['2025-12-30', '2025-07-15', '2025-03-03'].map((d) => ({ from: d, to: d, lookback: true }));

function machine(): string {
  let rev = '?';
  try { rev = execSync('git rev-parse --short HEAD').toString().trim(); } catch { /* not a checkout */ }
  return `cores ${os.cpus().length}; ${os.cpus()[0]?.model}; mem ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; rev ${rev}`;
}
const load1 = () => os.loadavg()[0]!.toFixed(1);

function ensureData(): void {
  if (fs.existsSync(path.join(dataDir, 'manifest.json'))) return;
  const t0 = Date.now();
  const sink = new CsvSink(dataDir);
  const m = generateDistrictYear(sink, { scale: persons, onProgress: (d, t) => { if (d % 50_000 === 0) console.log(`  generated ${d}/${t} persons, ${((Date.now() - t0) / 1000).toFixed(0)} s`); } });
  sink.close();
  fs.writeFileSync(path.join(dataDir, 'manifest.json'), JSON.stringify(m));
  console.log(`generated ${persons} persons in ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${load1()}`);
}

async function loadYear(name: string, store: ClaimsStore): Promise<number> {
  const t0 = performance.now();
  let id = 1;
  for (const table of LOAD_ORDER) {
    const t = performance.now();
    const out = await loadFile(store, { loadId: id++, table, file: path.join(dataDir, `${table}.csv`), columns: nationalMapping(table), dateFormat: 'YYYY-MM-DD', delimiter: ',' });
    if (out.rowsRejected) throw new Error(`${table}: ${out.rowsRejected} rows rejected`);
    if (out.rowsAdded > 100_000) console.log(`  ${name} import ${table}: ${out.rowsAdded} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${Math.round(out.rowsAdded / ((performance.now() - t) / 1000))}/s); load ${load1()}`);
  }
  return performance.now() - t0;
}

const digest = (rows: unknown[]) => crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);

async function measure(name: string, store: ClaimsStore, reuse = false) {
  const loadMs = reuse ? 0 : await loadYear(name, store);
  if (store.engine === 'postgres' && !reuse) await store.exec('ANALYZE');
  await ensureScreeningViews(store);
  if (process.argv.includes('--load-only')) {
    console.log(`${name}: imported in ${(loadMs / 1000).toFixed(1)} s (--load-only: no screening); load ${load1()}`);
    process.exit(0);
  }
  const [counts] = await store.query<{ s: number; l: number }>('SELECT (SELECT count(*) FROM medfund.setl_d) AS s, (SELECT count(*) FROM medfund.fee_list_d) AS l');
  const { s, l } = counts!;
  console.log(`${name}: ${s} settlements, ${l} fee lines, imported in ${(loadMs / 1000).toFixed(1)} s; load ${load1()}`);
  const perRule: Record<string, { ms: number; n: number; digest: string; dayMs: number; viewsMs: number; sameAsViews: boolean | null }> = {};
  const fullFindings = new Map<string, Awaited<ReturnType<typeof screenRule>>>();
  const screenEach = async (st: ClaimsStore, label: string, claims?: ClaimsSources) => {
    const out: Record<string, { ms: number; found: Awaited<ReturnType<typeof screenRule>> | null }> = {};
    for (const rule of RULES) {
      const t = performance.now();
      let found: Awaited<ReturnType<typeof screenRule>> | null = null;
      try {
        found = await screenRule(st, rule, { ...YEAR, lookback: false }, claims);
      } catch (err) {
        console.log(`  ${name} ${label} ${rule.code}: FAILED ${(err as Error).message.slice(0, 120)}`);
      }
      out[rule.code] = { ms: performance.now() - t, found };
      console.log(`  ${name} ${label} ${rule.code}: ${out[rule.code]!.ms.toFixed(0)} ms, ${found?.length ?? '–'} findings; load ${load1()}`);
    }
    return out;
  };
  // the old way first (--views): every rule over the netting views, as full runs did before run 39
  const viaViews = process.argv.includes('--views') ? await screenEach(store, 'full over the views') : null;
  // a full run as the screening job runs it: one netted snapshot, then the rules over it
  let snapshotFullMs = 0;
  const t0 = performance.now();
  const viaSnapshot = await withFullClaims(store, (tx, claims) => screenEach(tx, 'full', claims), (ms) => { snapshotFullMs = ms; });
  const full = performance.now() - t0;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`  ${name} full: snapshot ${snapshotFullMs.toFixed(0)} ms, the whole run ${(full / 1000).toFixed(2)} s; peak RSS so far ${rss.toFixed(0)} MiB`);
  let viewsMs = 0;
  for (const rule of RULES) {
    const got = viaSnapshot[rule.code]!;
    const old = viaViews?.[rule.code];
    viewsMs += old?.ms ?? 0;
    const d = got.found ? digest(got.found) : 'failed';
    perRule[rule.code] = { ms: got.ms, n: got.found?.length ?? -1, digest: d, dayMs: 0, viewsMs: old?.ms ?? 0, sameAsViews: old ? (old.found ? digest(old.found) === d : false) : null };
    if (got.found) fullFindings.set(rule.code, got.found);
  }
  if (viaViews) console.log(`  ${name} full over the views: ${(viewsMs / 1000).toFixed(2)} s; with the snapshot ${(full / 1000).toFixed(2)} s (${(viewsMs / full).toFixed(2)}×); the same findings per rule: ${RULES.every((r) => perRule[r.code]!.sameAsViews) ? 'yes' : 'NO'}`);
  const dates = new Map((await store.query<{ setl_id: string; d: string }>('SELECT setl_id, CAST(setl_date AS VARCHAR) AS d FROM medfund.mf_setl')).map((r) => [String(r.setl_id), r.d]));
  const dayTotals: number[] = [];
  let snapshotMs = 0;
  for (const day of DAYS) {
    const t0 = performance.now();
    let mismatches = 0;
    await withWindowClaims(store, day, RULES, async (tx, claims) => {
      for (const rule of RULES) {
        const t = performance.now();
        const got = await screenRule(tx, rule, day, claims);
        const ms = performance.now() - t;
        perRule[rule.code]!.dayMs = Math.max(perRule[rule.code]!.dayMs, ms);
        const expected = fullFindings.get(rule.code)?.filter((f) => dates.get(f.setlId) === day.from);
        if (expected && digest(expected) !== digest(got)) {
          mismatches++;
          console.log(`  ${name} incremental ${day.from} ${rule.code}: ${got.length} findings, the full run has ${expected.length} on that day — DIFFERENT`);
        }
      }
    }, (ms) => { snapshotMs = Math.max(snapshotMs, ms); console.log(`  ${name} incremental day ${day.from}: snapshot ${ms.toFixed(0)} ms`); });
    const total = performance.now() - t0;
    dayTotals.push(total);
    console.log(`  ${name} incremental day ${day.from}: ${(total / 1000).toFixed(2)} s (snapshot and 14 rules), ${mismatches ? `${mismatches} rules differ from the full run` : 'the same findings as the full run'}; load ${load1()}`);
  }
  // every run (an incremental one too) ranks the providers over the whole data span afterwards
  const tp = performance.now();
  await store.query(providerStatsSql(YEAR.from, YEAR.to));
  const providerMs = performance.now() - tp;
  console.log(`  ${name} provider risk statistics (whole year, after every run): ${providerMs.toFixed(0)} ms; load ${load1()}`);
  console.log(`${name}: full ${(full / 1000).toFixed(2)} s, incremental day ${dayTotals.map((d) => (d / 1000).toFixed(2)).join(' / ')} s; load ${load1()}`);
  return { settlements: Number(s), lines: Number(l), loadMs, fullMs: full, fullSnapshotMs: snapshotFullMs, viewsMs, dayMs: Math.max(...dayTotals), snapshotMs, providerMs, perRule, peakRssMiB: rss };
}

async function main() {
  console.log(machine());
  ensureData();
  const skipDuck = process.argv.includes('--skip-duckdb');
  let d: Awaited<ReturnType<typeof measure>> | null = null;
  if (!skipDuck) {
    const keepFile = arg('duck-file');
    const dbFile = keepFile ?? path.join(baseDir, `screen-${process.pid}.duckdb`);
    const reuse = Boolean(keepFile && fs.existsSync(keepFile));
    const duck = await openDuckdbStore(dbFile, { memoryLimit: memory, screeningMemoryLimit: screeningMemory });
    try {
      if (reuse) console.log(`duckdb: reusing ${dbFile} as loaded (no import)`);
      d = await measure('duckdb', duck, reuse);
    } finally {
      await duck.close();
      if (!keepFile) {
        fs.rmSync(dbFile, { force: true });
        fs.rmSync(`${dbFile}.wal`, { force: true });
      }
    }
  }
  let p: Awaited<ReturnType<typeof measure>> | null = null;
  if (pgUrl) {
    const keep = arg('pg-db');
    if (keep && !/^[a-z_][a-z0-9_]*$/.test(keep)) throw new Error(`--pg-db ${keep}: a lower-case identifier`);
    const name = keep ?? `zz_bench_mf_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    u.searchParams.set('options', `-c statement_timeout=${pgTimeoutS * 1000}`);
    const store = await openPostgresStore(u.toString());
    try {
      const [held] = await store.query<{ n: number }>('SELECT count(*) AS n FROM medfund.setl_d');
      const reuse = Boolean(exists && held && Number(held.n) > 0);
      if (reuse) console.log(`postgres: reusing database ${name} as loaded (no import)`);
      p = await measure('postgres', store, reuse);
    } finally {
      await store.close();
      if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  const views = (x: typeof d, code: string) => (x?.perRule[code]?.sameAsViews === null || !x ? '–' : `${x.perRule[code]!.viewsMs.toFixed(0)}${x.perRule[code]!.sameAsViews ? '' : ' (**different**)'}`);
  console.log('\n| rule | DuckDB ms | findings | PostgreSQL ms | findings | ratio | same findings | DuckDB day ms (max of 3) | PostgreSQL day ms | DuckDB over the views | PostgreSQL over the views |\n|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|');
  for (const r of RULES) {
    const a = d?.perRule[r.code];
    const b = p?.perRule[r.code];
    console.log(`| ${r.code} | ${a ? a.ms.toFixed(0) : '–'} | ${a ? a.n : '–'} | ${b ? b.ms.toFixed(0) : '–'} | ${b ? b.n : '–'} | ${a && b ? (b.ms / a.ms).toFixed(1) : '–'} | ${a && b ? (a.digest === b.digest ? 'yes' : `**no** (${a.digest} / ${b.digest})`) : '–'} | ${a ? a.dayMs.toFixed(0) : '–'} | ${b ? b.dayMs.toFixed(0) : '–'} | ${views(d, r.code)} | ${views(p, r.code)} |`);
  }
  console.log(`| full year: the snapshot | ${d ? d.fullSnapshotMs.toFixed(0) : '–'} | | ${p ? p.fullSnapshotMs.toFixed(0) : '–'} | | | | | | | |`);
  console.log(`| **all rules, full year** (snapshot included) | ${d ? d.fullMs.toFixed(0) : '–'} | | ${p ? p.fullMs.toFixed(0) : '–'} | | ${d && p ? (p.fullMs / d.fullMs).toFixed(1) : '–'} | | | | ${d?.viewsMs ? d.viewsMs.toFixed(0) : '–'} | ${p?.viewsMs ? p.viewsMs.toFixed(0) : '–'} |`);
  console.log(`| incremental day: the snapshot (slowest of 3) | ${d ? d.snapshotMs.toFixed(0) : '–'} | | ${p ? p.snapshotMs.toFixed(0) : '–'} | | | | | |`);
  console.log(`| **incremental day** (snapshot + 14 rules, the slowest of 3 days) | ${d ? d.dayMs.toFixed(0) : '–'} | | ${p ? p.dayMs.toFixed(0) : '–'} | | ${d && p ? (p.dayMs / d.dayMs).toFixed(1) : '–'} | | | |`);
  console.log(`| provider risk statistics (whole year, after every run) | ${d ? d.providerMs.toFixed(0) : '–'} | | ${p ? p.providerMs.toFixed(0) : '–'} | | | | | |`);
  console.log(`| import (11 tables, loadFile) | ${d ? d.loadMs.toFixed(0) : '–'} | | ${p ? p.loadMs.toFixed(0) : '–'} | | | | | |`);
  const x = d ?? p;
  console.log(`data: ${x?.settlements} settlements, ${x?.lines} fee lines (${persons} persons + injected); ${machine()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
