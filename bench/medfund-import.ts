/**
 * Claims import: CSV → the DuckDB claims store, through the import the server runs (loadFile).
 *
 *   npx tsx bench/medfund-import.ts [--persons 200000] [--memory 1GB] [--dir /tmp/zz-bench/medfund]
 *
 * Generates a district-year with the project's generator (CSV, once per size, kept under --dir),
 * then loads it into a fresh DuckDB file in the order the import needs (reference tables first),
 * timing each table. Reported: fee lines per second for fee_list_d (target ≥ 200,000/s), the
 * whole year's rows per second, and this process's peak RSS (getrusage maxrss; target < 1.5 GB),
 * which includes DuckDB's memory (CLAIMS_MEMORY_LIMIT, default 1GB: DuckDB spills beyond it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDuckdbStore } from '../apps/server/src/modules/medfund/claims/duckdb-store';
import { LOAD_ORDER } from '../apps/server/src/modules/medfund/claims/tables';
import { nationalMapping } from '../apps/server/src/modules/medfund/domain/mapping';
import { loadFile } from '../apps/server/src/modules/medfund/data/import/load-file';
import { CsvSink } from '../apps/server/src/modules/medfund/generator/csv-sink';
import { GENERATOR_EDITION, generateDistrictYear } from '../apps/server/src/modules/medfund/generator/generate';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '200000' }, memory: { type: 'string', default: '1GB' }, dir: { type: 'string', default: '/tmp/zz-bench/medfund' } } });
const persons = Number(values.persons);
const dataDir = path.join(values.dir!, `persons-${persons}-e${GENERATOR_EDITION}`);

async function main(): Promise<void> {
  console.log(`machine: ${os.cpus().length} cpus ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  if (!fs.existsSync(path.join(dataDir, 'manifest.json'))) {
    const t0 = Date.now();
    const sink = new CsvSink(dataDir);
    const m = generateDistrictYear(sink, { scale: persons });
    sink.close();
    fs.writeFileSync(path.join(dataDir, 'manifest.json'), JSON.stringify(m));
    console.log(`generated ${persons} persons in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const feeBytes = fs.statSync(path.join(dataDir, 'fee_list_d.csv')).size;
  const dbFile = path.join(values.dir!, `claims-${process.pid}.duckdb`);
  fs.rmSync(dbFile, { force: true });
  const store = await openDuckdbStore(dbFile, { memoryLimit: values.memory });
  const results: { table: string; rows: number; seconds: number; cpuSeconds: number; perSecond: number }[] = [];
  let totalRows = 0;
  let totalSeconds = 0;
  try {
    let id = 1;
    for (const table of LOAD_ORDER) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      const out = await loadFile(store, { loadId: id++, table, file: path.join(dataDir, `${table}.csv`), columns: nationalMapping(table), dateFormat: 'YYYY-MM-DD', delimiter: ',' });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const c = process.cpuUsage(c0);
      const cpuSeconds = (c.user + c.system) / 1e6;
      if (out.rowsRejected) throw new Error(`${table}: ${out.rowsRejected} rows rejected: ${JSON.stringify(out.errors.slice(0, 2))}`);
      results.push({ table, rows: out.rowsAdded, seconds, cpuSeconds, perSecond: out.rowsAdded / seconds });
      totalRows += out.rowsAdded;
      totalSeconds += seconds;
    }
  } finally {
    await store.close();
    fs.rmSync(dbFile, { force: true });
    fs.rmSync(`${dbFile}.wal`, { force: true });
  }
  for (const r of results) console.log(`${r.table.padEnd(18)} ${String(r.rows).padStart(11)} rows ${r.seconds.toFixed(2).padStart(7)} s ${Math.round(r.perSecond).toLocaleString('en').padStart(11)} rows/s ${r.cpuSeconds.toFixed(2).padStart(7)} s CPU`);
  const fee = results.find((r) => r.table === 'fee_list_d')!;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({
    persons, feeLines: fee.rows, feeCsvMiB: Math.round(feeBytes / 2 ** 20), feeSeconds: +fee.seconds.toFixed(2), feeLinesPerSecond: Math.round(fee.perSecond), feeCpuSeconds: +fee.cpuSeconds.toFixed(2),
    allRows: totalRows, allSeconds: +totalSeconds.toFixed(2), peakRssMiB: Math.round(rssMiB), memoryLimit: values.memory, load: os.loadavg().map((l) => +l.toFixed(2)),
  }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
