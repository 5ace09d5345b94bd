/**
 * The query plans behind the enterprise list and file, with 50,000 enterprises, and what-ifs for
 * the changes bench/RESULTS.md recommends, measured on the same data in the same run.
 *
 *   npx tsx bench/explain.ts [--db pglite|postgres|all] [--runs 5]
 *
 * Statements are captured from the project's own listEnterprises / getEnterpriseFile (Kysely's
 * query log), then timed with EXPLAIN ANALYZE (median of --runs): as the server runs them, and
 * rewritten or with a candidate index created inside a transaction that is rolled back. Nothing
 * in the server changes; the PGlite directory is the one http-load.ts uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { printMachine } from './lib/machine';
import { parseArgs } from './lib/stats';
import { WORK } from './lib/server';
import { ensurePgliteDataset, seedPostgresDataset } from './lib/dataset';
import { startTempPostgres } from './lib/postgres';
import { compareWhatIfs, explainCases, type ExplainCase, type WhatIf } from './lib/explain';

const args = parseArgs();
const DB = args.get('db') ?? 'all';
const RUNS = Number(args.get('runs') ?? 5);
const ENTERPRISES = Number(args.get('enterprises') ?? 50_000);
const machine = printMachine();
const command = `npx tsx bench/explain.ts ${process.argv.slice(2).join(' ')}`.trim();

const cases: ExplainCase[] = [
  { name: 'list street+name', query: { pageSize: '50', division: '330110010', q: '数智' } },
  { name: 'list industry C', query: { pageSize: '50', industry: 'C' } },
  { name: 'list, no filter', query: { pageSize: '50' } },
  { name: 'file by id', query: { pageSize: '1' }, fileOfFirstListed: true },
];
// Candidate changes to measure before making them: { name, setup?: [DDL], rewrite?: (sql) => sql }.
// The last three (a 门类 as a code range, the name's character pairs under GIN, exact counts only
// up to 1,000) were measured here and applied (bench/RESULTS.md, run 4).
const whatIfs: WhatIf[] = [];

const out: string[] = [`${command}`, `${machine.date}`, ''];
const targets: [string, { databaseUrl: string } | { dataDir: string }][] = [];
if (DB === 'pglite' || DB === 'all') targets.push(['pglite', { dataDir: await ensurePgliteDataset(ENTERPRISES) }]);
if (DB === 'postgres' || DB === 'all') {
  const pg = await startTempPostgres();
  pg.sql('CREATE DATABASE zz_bench');
  await seedPostgresDataset(pg.url('zz_bench'), ENTERPRISES);
  targets.push(['postgres', { databaseUrl: pg.url('zz_bench') }]);
}
const outDir = path.join(WORK, 'results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
for (const [name, target] of targets) {
  const plans = await explainCases(target, cases);
  const what = await compareWhatIfs(target, cases, whatIfs, RUNS);
  fs.writeFileSync(path.join(outDir, `explain-${name}-${stamp}.txt`), `${plans}\n\n#### what-ifs\n${what.plans}\n`);
  out.push(`### ${name}: median execution time of ${RUNS} EXPLAIN ANALYZE runs`, '', what.table, '', `plans: ${path.join(outDir, `explain-${name}-${stamp}.txt`)}`, '');
}
console.log(out.join('\n'));
process.exit(0);
