import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts the platform as a user would (the server bundle, the built web UI, a fresh embedded
 * database with the demo county) on a spare port, and stops it afterwards.
 */
export default async function setup(project: TestProject) {
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
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: 'true' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
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
  project.provide('baseUrl', baseUrl);
  return async () => {
    // Graceful shutdown is part of the contract: SIGTERM ends the process cleanly, lock released.
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    const code = await exited;
    const lockLeft = fs.existsSync(path.join(dataDir, '.zhizhi.lock'));
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (code !== 0 || lockLeft) throw new Error(`server did not shut down cleanly (exit ${code}, lock left: ${lockLeft})`);
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
