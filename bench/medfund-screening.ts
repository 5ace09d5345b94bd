/**
 * The 14 screening rules over a generated district-year: a full run (every settlement of the
 * year) and an incremental day (the last day against the whole history), on DuckDB and on
 * PostgreSQL, the same SQL; prints per-rule times, totals and the ratio, and checks both engines
 * return the same number of findings per rule.
 *
 *   npx tsx bench/medfund-screening.ts [--persons 20000] [--pg postgres://postgres@127.0.0.1:PORT/postgres]
 *
 * The data goes in through generateIntoStore (rows held in memory, then appended): fine up to a
 * few hundred thousand persons; the 10-million-line target (≈ 330,000 persons) wants the CLI's
 * files and the import (modules/medfund/generator/cli.ts).
 */
import os from 'node:os';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { openDuckdbStore } from '../apps/server/src/modules/medfund/claims/duckdb-store';
import { openPostgresStore } from '../apps/server/src/modules/medfund/claims/postgres-store';
import type { ClaimsStore } from '../apps/server/src/modules/medfund/claims/claims-store';
import { generateIntoStore } from '../apps/server/src/modules/medfund/generator/into-store';
import { SHIPPED_RULES } from '../apps/server/src/modules/medfund/rules/domain/rule-catalog';
import { ensureScreeningViews, screenRule } from '../apps/server/src/modules/medfund/rules/screening/screen-claims';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const persons = Number(arg('persons', '20000'));
const pgUrl = arg('pg');
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const DAY = { from: '2025-12-30', to: '2025-12-30' };

function machine(): string {
  let rev = '?';
  try { rev = execSync('git rev-parse --short HEAD').toString().trim(); } catch { /* not a checkout */ }
  return `cores ${os.cpus().length}; ${os.cpus()[0]?.model}; mem ${Math.round(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; rev ${rev}`;
}

async function measure(name: string, store: ClaimsStore) {
  const t0 = performance.now();
  const manifest = await generateIntoStore(store, 0, { seed: 20250101, scale: persons });
  const loadMs = performance.now() - t0;
  await ensureScreeningViews(store);
  const [counts] = await store.query<{ s: number; l: number }>('SELECT (SELECT count(*) FROM medfund.setl_d) AS s, (SELECT count(*) FROM medfund.fee_list_d) AS l');
  const { s, l } = counts!;
  console.log(`${name}: ${s} settlements, ${l} fee lines, loaded in ${(loadMs / 1000).toFixed(1)} s; load ${os.loadavg()[0]!.toFixed(1)}`);
  const perRule: Record<string, { ms: number; n: number }> = {};
  let full = 0;
  for (const rule of SHIPPED_RULES) {
    const t = performance.now();
    const found = await screenRule(store, rule, YEAR);
    const ms = performance.now() - t;
    perRule[rule.code] = { ms, n: found.length };
    full += ms;
    console.log(`  ${name} full ${rule.code}: ${ms.toFixed(0)} ms, ${found.length} findings`);
  }
  let day = 0;
  for (const rule of SHIPPED_RULES) {
    const t = performance.now();
    await screenRule(store, rule, DAY);
    day += performance.now() - t;
  }
  console.log(`${name}: full ${(full / 1000).toFixed(2)} s, incremental day ${(day / 1000).toFixed(2)} s; load ${os.loadavg()[0]!.toFixed(1)}`);
  return { settlements: Number(s), lines: Number(l), loadMs, fullMs: full, dayMs: day, perRule, injected: manifest.violations.length };
}

async function main() {
  console.log(machine());
  const duck = await openDuckdbStore(':memory:');
  const d = await measure('duckdb', duck);
  await duck.close();
  let p: Awaited<ReturnType<typeof measure>> | null = null;
  if (pgUrl) {
    const name = `zz_bench_mf_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const store = await openPostgresStore(u.toString());
    try {
      p = await measure('postgres', store);
    } finally {
      await store.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
  console.log('\n| rule | DuckDB ms | findings | PostgreSQL ms | findings | ratio |\n|---|---|---|---|---|---|');
  for (const r of SHIPPED_RULES) {
    const a = d.perRule[r.code]!;
    const b = p?.perRule[r.code];
    console.log(`| ${r.code} | ${a.ms.toFixed(0)} | ${a.n} | ${b ? b.ms.toFixed(0) : '–'} | ${b ? b.n : '–'} | ${b ? (b.ms / a.ms).toFixed(1) : '–'} |`);
    if (b && b.n !== a.n) console.log(`  MISMATCH ${r.code}: ${a.n} vs ${b.n}`);
  }
  console.log(`| **all rules, full year** | ${d.fullMs.toFixed(0)} | | ${p ? p.fullMs.toFixed(0) : '–'} | | ${p ? (p.fullMs / d.fullMs).toFixed(1) : '–'} |`);
  console.log(`| **incremental day** | ${d.dayMs.toFixed(0)} | | ${p ? p.dayMs.toFixed(0) : '–'} | | ${p ? (p.dayMs / d.dayMs).toFixed(1) : '–'} |`);
  console.log(`data: ${d.settlements} settlements, ${d.lines} fee lines (${persons} persons + injected); ${machine()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
