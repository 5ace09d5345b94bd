/**
 * Start-up time to the first 200 from /readyz, on an existing PGlite data directory.
 *
 *   npx tsx bench/startup.ts [--reps 5] [--enterprises 50000]
 *
 * Measured from spawning the process until /readyz answers 200 (polled every 10 ms), in turn for:
 *   npx tsx      — `npx tsx apps/server/src/main.ts` on the 50,000-enterprise directory (what people run)
 *   node tsx     — `node --import tsx apps/server/src/main.ts`, same directory (the alternative: no npx)
 *   npx demo     — `npx tsx …` on a directory holding only the demo county (does data size matter?)
 *   bundle       — `node apps/server/dist/main.mjs`, the bundle `npm start` runs (scripts/build-server.mjs,
 *                  npm packages left external), same directory
 *   first start  — `npx tsx …` on a new, empty directory (migrations + reference data + demo seed)
 * then a breakdown of a start step by step (bench/lib/startup-breakdown.ts, a fresh process each time).
 * The bundle is built first with the project's own build (node scripts/build-server.mjs).
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { printMachine } from './lib/machine';
import { parseArgs, r1, summarize } from './lib/stats';
import { REPO, WORK, startServer, type ServerOptions } from './lib/server';
import { ensurePgliteDataset } from './lib/dataset';

const args = parseArgs();
const REPS = Number(args.get('reps') ?? 5);
const ENTERPRISES = Number(args.get('enterprises') ?? 50_000);
const machine = printMachine();
const command = `npx tsx bench/startup.ts ${process.argv.slice(2).join(' ')}`.trim();

const bigDir = await ensurePgliteDataset(ENTERPRISES);
const demoDir = path.join(WORK, 'pglite-demo');
const freshDir = (i: number) => path.join(WORK, `startup-fresh-${i}`);
execFileSync(process.execPath, [path.join(REPO, 'scripts/build-server.mjs')], { cwd: REPO, stdio: 'inherit' });
const bundle = path.join(REPO, 'apps/server/dist/main.mjs');

const variants: { name: string; opts: (rep: number) => ServerOptions; before?: (rep: number) => void; after?: (rep: number) => void }[] = [
  { name: 'npx tsx, 50k', opts: () => ({ label: 'startup-npx', launcher: 'npx', env: { DATA_DIR: bigDir, LOG_LEVEL: 'info' } }) },
  { name: 'node --import tsx, 50k', opts: () => ({ label: 'startup-node', launcher: 'node', env: { DATA_DIR: bigDir, LOG_LEVEL: 'info' } }) },
  { name: 'node bundle.mjs, 50k', opts: () => ({ label: 'startup-bundle', entryFile: bundle, env: { DATA_DIR: bigDir, LOG_LEVEL: 'info' } }) },
  { name: 'npx tsx, demo (200)', opts: () => ({ label: 'startup-demo', launcher: 'npx', env: { DATA_DIR: demoDir, LOG_LEVEL: 'info' } }) },
  {
    name: 'npx tsx, first start (new dir)',
    opts: (rep) => ({ label: 'startup-fresh', launcher: 'npx', env: { DATA_DIR: freshDir(rep), LOG_LEVEL: 'info' } }),
    before: (rep) => fs.rmSync(freshDir(rep), { recursive: true, force: true }),
    after: (rep) => fs.rmSync(freshDir(rep), { recursive: true, force: true }),
  },
];

// Unrecorded: fills tsx's transpile cache and creates the demo directory.
for (const dir of [bigDir, demoDir]) {
  const s = await startServer({ label: 'startup-warmup', env: { DATA_DIR: dir } });
  await s.stop();
}
await (await startServer({ label: 'startup-warmup', entryFile: bundle, env: { DATA_DIR: bigDir } })).stop();

const results = new Map<string, { total: number[]; inMain: number[] }>();
for (let rep = 1; rep <= REPS; rep++) {
  for (const v of variants) {
    v.before?.(rep);
    const s = await startServer(v.opts(rep));
    await s.stop();
    v.after?.(rep);
    const inMain = readyLogMs(s.logFile);
    const r = results.get(v.name) ?? { total: [], inMain: [] };
    r.total.push(s.readyMs);
    if (inMain !== null) r.inMain.push(inMain);
    results.set(v.name, r);
    console.log(`  ${rep}/${REPS} ${v.name.padEnd(32)} ready in ${Math.round(s.readyMs)} ms (main() to listening: ${inMain ?? '?'} ms)`);
  }
}

const breakdown = timeStartInChildren(bigDir, 3);

console.log(`\n${command}\n${machine.date}\n`);
console.log('| variant | runs (ms, spawn → /readyz 200) | median ms | of which main() → listening, median ms | target < 3000 ms |');
console.log('|---|---|---|---|---|');
for (const [name, r] of results) {
  const med = summarize(r.total).p50;
  console.log(`| ${name} | ${r.total.map(Math.round).join(', ')} | ${Math.round(med)} | ${r.inMain.length ? Math.round(summarize(r.inMain).p50) : '?'} | ${name.includes('first') ? 'n/a (first open)' : med < 3000 ? 'met' : '**not met**'} |`);
}
const median = (name: string) => summarize(results.get(name)!.total).p50;
console.log(`\nratios of medians: npx tsx / node --import tsx ${r1(median('npx tsx, 50k') / median('node --import tsx, 50k'))}; ` +
  `npx tsx / bundle ${r1(median('npx tsx, 50k') / median('node bundle.mjs, 50k'))}; 50k / demo ${r1(median('npx tsx, 50k') / median('npx tsx, demo (200)'))}`);
console.log('\nBreakdown of a start on the 50k directory, step by step as in main.ts (3 fresh processes, node --import tsx):\n');
console.log('| step | ms (3 runs) |');
console.log('|---|---|');
for (const [k, ms] of Object.entries(breakdown)) console.log(`| ${k} | ${ms.join(', ')} |`);
const outDir = path.join(WORK, 'results');
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `startup-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ machine, command, results: Object.fromEntries(results), breakdown }, null, 2));
console.log(`\nraw results: ${file}`);
process.exit(0);

/** The `ms` main.ts logs with "ready" (from the start of main() to listening). */
function readyLogMs(logFile: string): number | null {
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes('"msg":"ready"')) continue;
    try {
      return (JSON.parse(line) as { ms: number }).ms;
    } catch {
      /* not JSON */
    }
  }
  return null;
}

/** Where the time goes, in a fresh process per repetition (bench/lib/startup-breakdown.ts). */
function timeStartInChildren(dataDir: string, reps: number): Record<string, number[]> {
  const all: Record<string, number[]> = {};
  for (let i = 0; i < reps; i++) {
    const line = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench/lib/startup-breakdown.ts'), dataDir], { cwd: REPO, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop()!;
    for (const [k, ms] of Object.entries(JSON.parse(line) as Record<string, number>)) (all[k] ??= []).push(Math.round(ms));
  }
  return all;
}
