import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { ephemeralPort } from './ports';
import { onExit } from './cleanup';
import { sleep } from './stats';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const WORK = '/tmp/zz-bench';
const ENTRIES = {
  /** The real server. */
  main: path.join(REPO, 'apps/server/src/main.ts'),
  /** The comparison: the same app with PGlite on the HTTP thread (bench/baseline). */
  inthread: path.join(REPO, 'bench/baseline/server-inthread.ts'),
};

export interface ServerOptions {
  label: string;
  entry?: keyof typeof ENTRIES;
  /** Instead of `entry`: a plain JavaScript file, run with `node <file>` (e.g. a bundle). */
  entryFile?: string;
  /** 'node' runs `node --import tsx <entry>` (one process, whose pid we measure); 'npx' runs `npx tsx <entry>` as a user would. */
  launcher?: 'node' | 'npx';
  /** DATA_DIR or DATABASE_URL, and any other environment for the server. */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

export interface RunningServer {
  label: string;
  pid: number;
  baseUrl: string;
  logFile: string;
  /** ms from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** Resident memory now and at its peak (VmHWM), in MiB, of the server process. */
  memory(): { rssMiB: number; peakMiB: number };
  /** CPU time (user + system) the server process has used so far, in seconds; all its threads. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Starts a server in its own process (group) and waits until /readyz answers 200. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const port = await ephemeralPort();
  fs.mkdirSync(path.join(WORK, 'logs'), { recursive: true });
  const logFile = path.join(WORK, 'logs', `${opts.label}-${Date.now()}.log`);
  const out = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  Object.assign(env, { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', BENCH_EVENT_LOOP: '1' }, opts.env);
  const entry = ENTRIES[opts.entry ?? 'main'];
  const [cmd, args] = opts.entryFile
    ? [process.execPath, [opts.entryFile]]
    : (opts.launcher ?? 'node') === 'npx'
      ? ['npx', ['tsx', entry]]
      : [process.execPath, ['--import', 'tsx', entry]];
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd as string, args as string[], { cwd: REPO, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const pid = child.pid!;
  let exited: number | null = null;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', (code, signal) => {
    exited = code ?? (signal ? 128 : 1);
    resolve();
  }));
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig); // the whole group: npx → tsx → node
    } catch {
      /* gone */
    }
  };
  onExit(() => exited === null && kill('SIGKILL'));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = t0 + (opts.readyTimeoutMs ?? 180_000);
  let readyMs = NaN;
  for (;;) {
    if (exited !== null) throw new Error(`${opts.label}: server exited with ${exited} before it was ready; see ${logFile}\n${tail(logFile)}`);
    if (performance.now() > deadline) {
      kill('SIGKILL');
      throw new Error(`${opts.label}: not ready after ${opts.readyTimeoutMs ?? 180_000} ms; see ${logFile}`);
    }
    if ((await probe(`${baseUrl}/readyz`)) === 200) {
      readyMs = performance.now() - t0;
      break;
    }
    await sleep(10);
  }

  return {
    label: opts.label,
    pid,
    baseUrl,
    logFile,
    readyMs,
    memory: () => {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
      return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
    },
    cpuSeconds: () => {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / 100; // utime, stime (fields 14, 15) in clock ticks
    },
    stop: async () => {
      if (exited !== null) return;
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), 20_000);
      await exitPromise;
      clearTimeout(t);
    },
  };
}

/** HTTP status of a GET, or 0 when nothing answers. */
export async function probe(url: string): Promise<number> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export const DEMO_PASSWORD = 'Zhizhi@2026';

export async function login(baseUrl: string, username = 'officer', password = DEMO_PASSWORD): Promise<Session> {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const body = (await r.json()) as { csrfToken: string };
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('zz_session='));
  if (!cookie) throw new Error('login: no zz_session cookie');
  return { cookie, csrfToken: body.csrfToken };
}

export async function getJson<T>(baseUrl: string, session: Session | null, url: string): Promise<T> {
  const r = await fetch(`${baseUrl}${url}`, { headers: session ? { cookie: session.cookie } : {} });
  if (r.status !== 200) throw new Error(`GET ${url}: ${r.status} ${(await r.text()).slice(0, 300)}`);
  return (await r.json()) as T;
}

export interface EventLoopDelay {
  resolutionMs: number;
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The server's event-loop delay since the last reset (BENCH_EVENT_LOOP=1), and starts a new window. */
export function eventLoop(baseUrl: string): Promise<EventLoopDelay> {
  return getJson<EventLoopDelay>(baseUrl, null, '/internal/event-loop?reset=1');
}
