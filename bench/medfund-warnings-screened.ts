/**
 * The warning roll-up over the findings that screening the benchmark year really produces
 * (issue 8: "one year's findings of the 10-million-line benchmark set"), end to end: a full
 * screening run of the 14 shipped rules over a loaded DuckDB claims store (the job's own
 * runScreening: findings stored in the platform database), then the first roll-up (every warning
 * created) and a rerun (nothing changes), on PGlite and on PostgreSQL.
 * bench/medfund-warnings.ts measures the roll-up at 200,000 synthetic findings, a stress bound.
 *
 *   npx tsx bench/medfund-screening.ts --persons 730000 --duck-file /tmp/zz-bench/medfund/y730.duckdb --rules OVERLAPPING_STAYS   # load once
 *   npx tsx bench/medfund-warnings-screened.ts --duck-file /tmp/zz-bench/medfund/y730.duckdb [--pg postgres://postgres@127.0.0.1:PORT/postgres] [--skip-pglite]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import { ensureShippedRules } from '../apps/server/src/modules/medfund/rules/rule-store';
import { openDuckdbStore } from '../apps/server/src/modules/medfund/claims/duckdb-store';
import { scratchDatabase } from '../apps/server/src/modules/medfund/claims/scratch-postgres';
import type { ClaimsStore } from '../apps/server/src/modules/medfund/claims/claims-store';
import { runScreening } from '../apps/server/src/modules/medfund/rules/screening/run-job';
import { LogOnlyAdapter, Notifier } from '../apps/server/src/core/notifications/notifier';
import { runRollup } from '../apps/server/src/modules/medfund/warnings/rollup/run-rollup';
import { printMachine } from './lib/machine';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const duckFile = arg('duck-file');
const pgUrl = arg('pg');
if (!duckFile || !fs.existsSync(duckFile)) throw new Error('--duck-file: a claims store loaded by bench/medfund-screening.ts --duck-file');
const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silent, level: 'silent', silent() {} } as never;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load1 = () => os.loadavg()[0]!.toFixed(1);

async function measure(name: string, database: Database, store: ClaimsStore) {
  await prepareDatabase(database, { demo: false });
  const { db } = database;
  await ensureShippedRules(db);
  const run = await db.insertInto('medfund_screening_runs').values({
    kind: 'full', status: 'queued', engine: 'duckdb', store_key: `bench:${duckFile}`, rule_versions: '[]', counts: '{}', requested_by_name: 'bench',
  }).returning('id').executeTakeFirstOrThrow();
  const t0 = performance.now();
  const counts = await runScreening(db, store, Number(run.id), () => new Date());
  const screenMs = performance.now() - t0;
  const findings = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM medfund_findings`.execute(db)).rows[0]!.n);
  console.log(`${name}: full screening run ${secs(screenMs)} (rules, findings stored, provider risk), ${findings} findings; load ${load1()}`, counts);
  const notifier = new Notifier(new LogOnlyAdapter(silent));
  const rollup = async (runId: number | null) => {
    const r = await db.insertInto('medfund_warning_rollups').values({ trigger: runId ? 'screening' : 'manual', run_id: runId, status: 'queued', counts: '{}' }).returning('id').executeTakeFirstOrThrow();
    const t = performance.now();
    const out = await runRollup(db, Number(r.id), () => new Date(), notifier);
    return { ms: performance.now() - t, out };
  };
  // the roll-up the screening job queues after its run (the run's subjects: all of them, the first time)
  const first = await rollup(Number(run.id));
  console.log(`${name}: the roll-up after the run (every warning created) ${secs(first.ms)}; load ${load1()}`, first.out);
  const again = await rollup(null);
  console.log(`${name}: a full roll-up again ${secs(again.ms)}; load ${load1()}`, again.out);
  if (again.out.created || again.out.updated || again.out.closed) throw new Error('the rerun changed warnings');
  return { screenMs, findings, firstMs: first.ms, first: first.out, rerunMs: again.ms };
}

async function main() {
  printMachine();
  const store = await openDuckdbStore(duckFile!, { memoryLimit: '1GB', screeningMemoryLimit: '4GB' });
  const results: Record<string, unknown> = {};
  try {
    if (!process.argv.includes('--skip-pglite')) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-bench-mfwarn-s-'));
      const lite = await openDatabase({ dataDir: dir });
      try {
        results.pglite = await measure('pglite', lite, store);
      } finally {
        await lite.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    if (pgUrl) {
      const scratch = await scratchDatabase(pgUrl, 'zz_bench_mfwarn_s');
      const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 2 });
      try {
        results.postgres = await measure('postgres', database, store);
      } finally {
        await database.close();
        await scratch.drop();
      }
    }
  } finally {
    await store.close();
  }
  console.log(JSON.stringify({ ...results, load: os.loadavg() }, null, 1));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
