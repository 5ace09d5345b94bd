import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config';
import { buildApp } from '../src/app';
import type { AppDeps } from '../src/http/deps';
import { LogOnlyAdapter } from '../src/core/notifications/notifier';
import { DEMO_PASSWORD } from '../src/db/seed/demo-county';
import { openCopy } from './template-db';

/** The real app over a fresh copy of the demo database, driven through inject(). */
export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  anonymous: Client;
  as(username: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: () => Date;
  /** Environment overrides merged into loadConfig's input, e.g. { LOGIN_RATE_LIMIT: '3', LOG_LEVEL: 'info' }. */
  config?: Record<string, string>;
  /** Where the app's log lines go (with config.LOG_LEVEL above 'silent'), so a test can read them. */
  logStream?: NodeJS.WritableStream;
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO: 'false', LOGIN_RATE_LIMIT: '1000', MEDFUND_DEMO_SCREENING: 'false', ...opts.config });
  const { database, drop } = await openCopy(inject('dbTemplate'));
  const { app, deps } = await buildApp({
    config, database, now: opts.now, logStream: opts.logStream, outbound: new LogOnlyAdapter(silentLog),
  });
  await app.ready();
  return {
    app,
    deps,
    anonymous: new Client(app, null),
    as: async (username, password = DEMO_PASSWORD) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'zz_session')!;
      return new Client(app, { cookie: `zz_session=${cookie.value}`, csrf: res.json().csrfToken });
    },
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

const silentLog = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silentLog, level: 'silent', silent() {} } as never;

export class Client {
  constructor(
    private readonly app: FastifyInstance,
    readonly session: { cookie: string; csrf: string } | null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.session ? { cookie: this.session.cookie, 'x-csrf-token': this.session.csrf, ...extra } : extra;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'GET', url, headers: this.headers() });
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'POST', url, payload: payload as never, headers: this.headers(headers) });
  }
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'PUT', url, payload: payload as never, headers: this.headers() });
  }
  delete(url: string): Promise<LightMyRequestResponse> {
    return this.app.inject({ method: 'DELETE', url, headers: this.headers() });
  }
  /** multipart/form-data upload of one file in the field `file`. */
  upload(url: string, fileName: string, content: Buffer): Promise<LightMyRequestResponse> {
    const boundary = `----zz${Math.random().toString(16).slice(2)}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.app.inject({ method: 'POST', url, payload: body, headers: this.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }) });
  }
}
