/**
 * Comparison server for bench/http-load.ts: apps/server/src/main.ts with one difference, PGlite
 * runs on the HTTP thread (openPgliteInThread) instead of in the worker. Same config, same
 * prepareDatabase, same buildApp, same opt-in event-loop route. Not for production use.
 */
import { loadConfig } from '../../apps/server/src/config';
import { buildApp } from '../../apps/server/src/app';
import { prepareDatabase } from '../../apps/server/src/bootstrap';
import { serveEventLoopDelay } from '../../apps/server/src/http/event-loop.routes';
import { openPgliteInThread } from './pglite-inthread';

const config = loadConfig();
if (config.DATABASE_URL) throw new Error('server-inthread is the PGlite comparison: unset DATABASE_URL');
const database = await openPgliteInThread(config.dataDir);
await prepareDatabase(database, { demo: config.DEMO });
const { app, deps } = await buildApp({ config, database });
if (config.BENCH_EVENT_LOOP) serveEventLoopDelay(app);
if (config.JOBS) deps.jobs.start();
await app.listen({ host: config.HOST, port: config.PORT });
console.log(`in-thread PGlite comparison server on ${config.HOST}:${config.PORT} (${config.dataDir})`);

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  setTimeout(() => process.exit(1), 15_000).unref();
  await app.close();
  await deps.jobs.stop();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
