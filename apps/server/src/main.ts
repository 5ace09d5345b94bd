import fs from 'node:fs';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirLockedError } from './db/data-dir-lock';

/** Everything else the server needs: imported while the database opens (see main()). */
const loadServer = () =>
  Promise.all([import('./app'), import('./bootstrap'), import('./db/seed/demo-county'), import('./http/event-loop.routes')]);

/**
 * Process entry. Flags: --reset deletes the embedded database's data directory first (the demo
 * county is loaded again); --exit prepares the database and exits without serving.
 *
 * Start-up overlaps its two slow halves: the embedded database opens in its worker thread while
 * this thread loads the server's modules (bench/RESULTS.md, start-up).
 */
async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  const args = new Set(process.argv.slice(2));
  if (args.has('--reset')) {
    if (config.DATABASE_URL) {
      console.error('--reset only applies to the embedded database; drop and recreate the PostgreSQL database instead.');
      process.exit(2);
    }
    fs.rmSync(config.dataDir, { recursive: true, force: true });
    console.log(`已清空数据目录 ${config.dataDir}`);
  }

  let database;
  let server;
  try {
    [database, server] = await Promise.all([openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }), loadServer()]);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const [{ buildApp }, { prepareDatabase }, { DEMO_PASSWORD }, { serveEventLoopDelay }] = server;
  const prepared = await prepareDatabase(database, { demo: config.DEMO });
  if (args.has('--exit')) {
    await database.close();
    console.log('数据库已就绪', JSON.stringify(prepared));
    return;
  }

  const { app, deps } = await buildApp({ config, database });
  if (config.BENCH_EVENT_LOOP) serveEventLoopDelay(app);
  if (config.JOBS) deps.jobs.start();
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ ms: Math.round(performance.now() - t0), database: database.kind, prepared }, 'ready');
  console.log(`\n  智治 Zhizhi 已启动: ${address}  (${database.kind === 'pglite' ? `内嵌数据库 ${config.dataDir}` : 'PostgreSQL'})`);
  if (prepared.demo) console.log(`  演示账号: ${prepared.demo.accounts.join(' / ')}，密码 ${DEMO_PASSWORD}`);
  console.log(`  API 文档: ${address}/docs\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close(); // stops accepting, lets requests in flight finish
    await deps.jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
