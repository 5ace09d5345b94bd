/**
 * The synthetic district-year on the command line (docs/medfund/GENERATOR.md):
 *
 *   npx tsx apps/server/src/modules/medfund/generator/cli.ts --scale small --out /tmp/district
 *   npx tsx apps/server/src/modules/medfund/generator/cli.ts --scale large --format parquet --out /data/y2025
 *
 * Options: --scale tiny|small|medium|large|<persons>, --seed N, --year YYYY, --admdvs 330110,
 * --cases N (injected cases per rule), --format csv|parquet, --out DIR. Writes one file per
 * claims table and manifest.json (the injected violations and near-misses), with a progress bar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import type { GeneratorManifest } from '../claims/manifest';
import { CsvSink } from './csv-sink';
import { generateDistrictYear, SCALES, type ScaleName } from './generate';
import { CLAIMS_TABLE_NAMES } from '../claims/tables';
import { duckdbColumnsStruct, sqlString } from '../claims/duckdb-columns';

function progressBar(label: string) {
  const started = Date.now();
  return (done: number, total: number) => {
    const width = 30;
    const share = total ? done / total : 1;
    const filled = Math.round(share * width);
    const secs = (Date.now() - started) / 1000;
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${secs.toFixed(0)}s`);
    if (done >= total) process.stderr.write('\n');
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string', default: '20250101' },
      year: { type: 'string', default: '2025' },
      admdvs: { type: 'string', default: '330110' },
      cases: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string', default: 'medfund-district' },
      // the manifest.json of a previous generation whose data goes into the same store: ids continue after its lastIds
      after: { type: 'string' },
    },
  });
  const scale: ScaleName | number = /^\d+$/.test(values.scale!) ? Number(values.scale) : (values.scale as ScaleName);
  if (typeof scale === 'string' && !(scale in SCALES)) throw new Error(`--scale: one of ${Object.keys(SCALES).join(', ')} or a number of persons`);
  if (values.format !== 'csv' && values.format !== 'parquet') throw new Error('--format: csv or parquet');
  const out = path.resolve(values.out!);
  const after = values.after ? (JSON.parse(fs.readFileSync(values.after, 'utf8')) as GeneratorManifest).lastIds : undefined;
  if (values.after && !after) throw new Error(`--after: ${values.after} has no lastIds (a manifest of an older generator)`);
  const sink = new CsvSink(out);
  const started = Date.now();
  const manifest = generateDistrictYear(sink, {
    scale,
    seed: Number(values.seed),
    year: Number(values.year),
    admdvs: values.admdvs,
    casesPerRule: values.cases ? Number(values.cases) : undefined,
    after,
    onProgress: progressBar('persons'),
  });
  const files = sink.close();
  if (values.format === 'parquet') {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const bar = progressBar('parquet');
    let i = 0;
    for (const t of CLAIMS_TABLE_NAMES) {
      const csv = path.join(out, `${t}.csv`);
      await conn.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = ${duckdbColumnsStruct(t)})) TO ${sqlString(path.join(out, `${t}.parquet`))} (FORMAT parquet)`);
      fs.rmSync(csv);
      bar(++i, CLAIMS_TABLE_NAMES.length);
    }
    conn.closeSync();
    db.closeSync();
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${out}: ${Object.entries(manifest.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}`);
  console.log(`${manifest.violations.length} injected violations, ${manifest.nearMisses.length} near-misses, ${files.length} tables (${values.format}), ${secs}s`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
