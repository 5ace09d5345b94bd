/**
 * DRUG_OVERSUPPLY before and after the windows-first rewrite, on one DuckDB file, at several
 * memory limits: the old SQL (the rolling self-join of every dispensing,
 * rules/test-support/old-supply-sql.ts) and the shipped template's, full year, timed in turns, with
 * a digest of the findings (they must be the same). The old one ran DuckDB out of its 1 GB at 9 M
 * fee lines (RESULTS run 20); a smaller limit at a smaller size shows the same pressure.
 *
 *   npx tsx bench/medfund-oversupply.ts [--persons 60000] [--memory 1GB,200MB,100MB] [--reps 2] [--dir /tmp/zz-bench/medfund]
 *
 * Uses the year bench/medfund-screening.ts generated for the size (run that first).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDuckdbStore } from '../apps/server/src/modules/medfund/claims/duckdb-store';
import { LOAD_ORDER } from '../apps/server/src/modules/medfund/claims/tables';
import { nationalMapping } from '../apps/server/src/modules/medfund/domain/mapping';
import { loadFile } from '../apps/server/src/modules/medfund/data/import/load-file';
import { SHIPPED_RULES } from '../apps/server/src/modules/medfund/rules/domain/rule-catalog';
import { findingQuery, toRawFinding } from '../apps/server/src/modules/medfund/rules/domain/finding-rows';
import { oldSupplySql } from '../apps/server/src/modules/medfund/rules/test-support/old-supply-sql';
import { ensureScreeningViews, screenRule } from '../apps/server/src/modules/medfund/rules/screening/screen-claims';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const persons = Number(arg('persons', '60000'));
const limits = arg('memory', '1GB,200MB,100MB').split(',');
const reps = Number(arg('reps', '2'));
const baseDir = arg('dir', '/tmp/zz-bench/medfund');
const dataDir = path.join(baseDir, `persons-${persons}`);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const RULE = SHIPPED_RULES.find((r) => r.code === 'DRUG_OVERSUPPLY')!;
const load1 = () => os.loadavg()[0]!.toFixed(1);
const digest = (rows: unknown[]) => crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 12);

async function main() {
  if (!fs.existsSync(path.join(dataDir, 'manifest.json'))) throw new Error(`no generated year in ${dataDir}: run bench/medfund-screening.ts --persons ${persons} first`);
  const dbFile = path.join(baseDir, `oversupply-${process.pid}.duckdb`);
  const store = await openDuckdbStore(dbFile, { memoryLimit: '1GB' });
  try {
    let id = 1;
    const t0 = performance.now();
    for (const table of LOAD_ORDER) {
      await loadFile(store, { loadId: id++, table, file: path.join(dataDir, `${table}.csv`), columns: nationalMapping(table), dateFormat: 'YYYY-MM-DD', delimiter: ',' });
    }
    await ensureScreeningViews(store);
    const [c] = await store.query<{ l: number }>('SELECT count(*) AS l FROM medfund.fee_list_d');
    console.log(`loaded ${c!.l} fee lines in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log('\n| memory limit | rep | old ms | old findings | new ms | new findings | same | load |\n|---|---:|---:|---:|---:|---:|---|---|');
    for (const limit of limits) {
      await store.exec(`SET memory_limit = '${limit}'`);
      for (let rep = 1; rep <= reps; rep++) {
        const run = async (old: boolean) => {
          const t = performance.now();
          try {
            const rows = old
              ? (await store.query<Record<string, unknown>>(findingQuery(oldSupplySql(RULE.params, YEAR)))).map(toRawFinding)
              : await screenRule(store, RULE, YEAR);
            return { ms: performance.now() - t, n: String(rows.length), digest: digest(rows) };
          } catch (err) {
            return { ms: performance.now() - t, n: `failed: ${(err as Error).message.split('\n')[0]!.slice(0, 80)}`, digest: 'failed' };
          }
        };
        const a = await run(true);
        const b = await run(false);
        console.log(`| ${limit} | ${rep} | ${a.ms.toFixed(0)} | ${a.n} | ${b.ms.toFixed(0)} | ${b.n} | ${a.digest === 'failed' || b.digest === 'failed' ? '–' : a.digest === b.digest ? 'yes' : `**no** (${a.digest} / ${b.digest})`} | ${load1()} |`);
      }
    }
  } finally {
    await store.close();
    fs.rmSync(dbFile, { force: true });
    fs.rmSync(`${dbFile}.wal`, { force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
