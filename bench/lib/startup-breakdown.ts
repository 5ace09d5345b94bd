/**
 * Run as its own process by bench/startup.ts: `node --import tsx bench/lib/startup-breakdown.ts <dataDir>`.
 * Times the steps of main.ts one by one, from process start (performance.now() counts from there),
 * and prints them as one JSON line.
 */
export {};

const out: Record<string, number> = { 'process start → first line (node + tsx loader)': performance.now() };
let t = performance.now();
const lap = (k: string) => {
  const now = performance.now();
  out[k] = now - t;
  t = now;
};
const dataDir = process.argv[2]!;
const { loadConfig } = await import('../../apps/server/src/config');
const { openDatabase } = await import('../../apps/server/src/db/database');
const { prepareDatabase } = await import('../../apps/server/src/bootstrap');
const { buildApp } = await import('../../apps/server/src/app');
lap('import the server modules');
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: '0', JOBS: 'false' });
const database = await openDatabase({ dataDir: config.dataDir });
lap('openDatabase (PGlite worker, existing directory)');
await prepareDatabase(database, { demo: true });
lap('prepareDatabase (nothing to migrate or load)');
const { app } = await buildApp({ config, database });
lap('buildApp');
await app.listen({ host: '127.0.0.1', port: 0 });
lap('listen');
await app.inject({ method: 'GET', url: '/readyz' });
lap('first /readyz');
await app.close();
await database.close();
lap('close');
console.log(JSON.stringify(out));
process.exit(0);
