import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  baseUrl: string;
  /** SIGTERM, then checks the shutdown was clean (exit 0, data-directory lock released) and removes the data. */
  stop(): Promise<void>;
}

/**
 * Starts the platform as a user would (the server bundle, the built web UI, a fresh embedded
 * database with the demo county) on a spare port. The journeys share one (global-setup.ts); a
 * journey that changes the demo for good (publishing the year, completing a talent's facts)
 * starts its own, so that the order the files run in does not matter.
 */
export async function startServer(): Promise<RunningServer> {
  const root = path.resolve(import.meta.dirname, '..');
  // The server runs as `npm start` runs it: the bundle, so that the journeys also prove that the
  // built server finds its run-time files (migrations, reference data, schemes, workers).
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html')) || !fs.existsSync(path.join(root, 'apps/server/dist/main.mjs'))) {
    throw new Error('Build first: npm run build (the web UI and the server bundle)');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-e2e-'));
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.mjs'], {
    cwd: root,
    // Every journey signs in from 127.0.0.1, a dozen people a minute in the service journey alone:
    // the per-address login limit (10 a minute by default; its 429 is tested in health.api.test.ts)
    // would refuse them depending on how fast the machine runs.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'true', LOGIN_RATE_LIMIT: '1000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000; // a first start seeds the demo county: minutes on a loaded machine
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    async stop() {
      // Graceful shutdown is part of the contract: SIGTERM ends the process cleanly, lock released.
      const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
      server.kill('SIGTERM');
      const code = await exited;
      const lockLeft = fs.existsSync(path.join(dataDir, '.zhizhi.lock'));
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0 || lockLeft) throw new Error(`server did not shut down cleanly (exit ${code}, lock left: ${lockLeft})`);
    },
  };
}

/**
 * A port nobody listens on: a random one could be taken by a server left running (its /readyz
 * would answer for ours, with another database behind it).
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
