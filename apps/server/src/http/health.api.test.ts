import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../test/test-app';
import { testDbKind } from '../../test/template-db';
import { DEMO_PASSWORD } from '../db/seed/demo-county';

/**
 * What every response shares, whatever the route: health endpoints, the API description,
 * security headers, request ids, the error body (never a stack trace), the login rate limit and
 * logs that keep secrets out.
 */
let t: TestApp;
let officer: Client;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LEAKS = /\bat .+:\d+:\d+|node_modules|\.ts:\d+|DatabaseError|relation ".*" does not exist|stack/i;

const loginAt = (app: TestApp, remoteAddress: string, username: string, password: string) =>
  app.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.as('officer');
});
afterAll(() => t.close());

describe('health and description', () => {
  it('/healthz answers 200 while the process is up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with the kind of database it reached', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: testDbKind() });
  });

  it('/openapi.json is an OpenAPI 3 document listing every /api route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain('智治');
    expect(Object.keys(doc.paths['/api/enterprises'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/enterprises/{id}']).toHaveProperty('put');
    for (const r of t.deps.routes) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path], path).toHaveProperty(r.method.toLowerCase());
    }
    expect(doc.paths).not.toHaveProperty('/healthz'); // hidden: not part of the API
  });

  it('/docs answers 200 with the API browser', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('every response', () => {
  const samples: [string, () => Promise<Awaited<ReturnType<Client['get']>>>, number][] = [
    ['GET /healthz', () => t.app.inject({ method: 'GET', url: '/healthz' }), 200],
    ['GET /docs', () => t.app.inject({ method: 'GET', url: '/docs' }), 200],
    ['GET /api/parks (signed in)', () => officer.get('/api/parks'), 200],
    ['GET /api/parks (anonymous)', () => t.anonymous.get('/api/parks'), 401],
    ['GET /api/nope', () => officer.get('/api/nope'), 404],
    ['POST /api/parks (invalid)', () => officer.post('/api/parks', { name: 1 }), 400],
  ];

  it.each(samples)('%s carries the security headers', async (_what, send, status) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });

  it.each(samples)('%s carries an x-request-id', async (_what, send) => {
    const res = await send();
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('echoes a well-formed incoming x-request-id, in the header and in an error body', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'gateway-42_abc' } });
    expect(ok.headers['x-request-id']).toBe('gateway-42_abc');
    const err = await t.app.inject({ method: 'GET', url: '/api/parks', headers: { 'x-request-id': 'gateway-43' } });
    expect(err.headers['x-request-id']).toBe('gateway-43');
    expect(err.json().error.requestId).toBe('gateway-43');
  });

  it.each([
    ['spaces', 'not a valid id'],
    ['too long', 'x'.repeat(65)],
    ['a path', '../../etc/passwd'],
    ['a header injection attempt', 'abc;rm -rf'],
  ])('replaces an incoming x-request-id with %s by a fresh one', async (_what, given) => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': given } });
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('writes the request id into the audit entries of the request', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/parks', headers: { cookie: officer.session!.cookie, 'x-csrf-token': officer.session!.csrf, 'x-request-id': 'trace-park-1' },
      payload: { name: '请求编号园', kind: 'incubator', divisionCode: '330110005' },
    });
    expect(res.statusCode).toBe(201);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'request_id']).where('entity_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'park.create', request_id: 'trace-park-1' });
  });
});

describe('errors', () => {
  it('an unknown /api path answers the JSON error body with code NOT_FOUND, signed in or not', async () => {
    for (const [c, method] of [[officer, 'GET'], [t.anonymous, 'GET'], [officer, 'DELETE']] as const) {
      const res = method === 'GET' ? await c.get('/api/no/such/thing') : await c.delete('/api/no/such/thing');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '请求的内容不存在', requestId: res.headers['x-request-id'] } });
    }
  });

  it('speaks English when asked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no/such/thing', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json().error.message).toBe('Not found');
  });

  it.each([
    ['malformed JSON', () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username": ', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED'],
    ['a body that fails the schema', () => officer.post('/api/parks', { name: 'x', kind: 'moon_base' }), 400, 'VALIDATION_FAILED'],
    ['a malformed id', () => officer.get('/api/parks/123'), 400, 'VALIDATION_FAILED'],
    ['an unknown park', () => officer.get('/api/parks/00000000-0000-4000-8000-000000000001'), 404, 'PARK_NOT_FOUND'],
    ['no session', () => t.anonymous.get('/api/parks'), 401, 'UNAUTHENTICATED'],
    ['a missing permission', () => officer.get('/api/users'), 403, 'FORBIDDEN'],
  ])('%s gives the error body and no stack trace', async (_what, send, status, code) => {
    const res = await send();
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(Object.keys(body)).toEqual(['error']);
    expect(res.body).not.toMatch(LEAKS);
  });

  it('names the failing fields of a body that fails the schema', async () => {
    const res = await officer.post('/api/parks', { name: '一个园区', kind: 'moon_base', divisionCode: '330110005', areaMu: 'big' });
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['areaMu', 'kind']);
  });

  it('a NUL character in input is the client’s mistake (400), not a server error', async () => {
    const res = await (await t.as('admin')).get('/api/users?q=a%00b');
    expect(res.statusCode).toBe(400);
  });
});

describe('when the database fails', () => {
  // A separate app: this test drops a table under it.
  let broken: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    broken = await createTestApp({ config: { LOG_LEVEL: 'error' }, logStream });
  });
  afterAll(() => broken.close());

  it('answers 500 INTERNAL with no stack trace and no driver message, and logs the error with the request id', async () => {
    const client = await broken.as('officer');
    await sql`DROP TABLE notifications CASCADE`.execute(broken.deps.db); // CASCADE: the outbox refers to it
    const res = await client.get('/api/notifications');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '系统出现错误，请稍后再试', requestId: res.headers['x-request-id'] } });
    expect(res.body).not.toMatch(LEAKS);
    expect(res.body).not.toContain('notifications');

    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.reqId === res.headers['x-request-id']);
    expect(logged).toMatchObject({ level: 50, msg: 'unhandled error', err: { message: expect.stringContaining('notifications') } });
    // The readiness probe still answers: the database itself is reachable.
    expect((await broken.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('the login rate limit', () => {
  let limited: TestApp;
  const LIMIT = 3;

  beforeAll(async () => {
    limited = await createTestApp({ config: { LOGIN_RATE_LIMIT: String(LIMIT) } });
  });
  afterAll(() => limited.close());

  it(`refuses the ${LIMIT + 1}th login from one address within a minute (429 RATE_LIMITED), right or wrong password`, async () => {
    const ip = '10.1.1.1';
    expect((await loginAt(limited, ip, 'officer', DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await loginAt(limited, ip, 'officer', 'Wrong#2026')).statusCode).toBe(401);
    expect((await loginAt(limited, ip, 'leader', DEMO_PASSWORD)).statusCode).toBe(200);
    const refused = await loginAt(limited, ip, 'officer', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' });
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.cookies.find((c) => c.name === 'zz_session')).toBeUndefined();
  });

  it('does not count refused attempts as wrong passwords (the guess never reaches the password check)', async () => {
    const ip = '10.1.1.2';
    for (let i = 0; i < LIMIT; i++) await loginAt(limited, ip, 'auditor', 'Wrong#2026');
    for (let i = 0; i < 5; i++) expect((await loginAt(limited, ip, 'auditor', 'Wrong#2026')).statusCode).toBe(429);
    const row = await limited.deps.db.selectFrom('users').select(['failed_logins', 'status']).where('username', '=', 'auditor').executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: LIMIT, status: 'active' });
  });

  it('counts each address apart', async () => {
    expect((await loginAt(limited, '10.1.1.3', 'officer', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('limits only the login: a signed-in user’s requests are not counted', async () => {
    const c = await limited.as('admin'); // from the default address, fresh
    for (let i = 0; i < LIMIT + 3; i++) expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('the login rate limit in production (NODE_ENV=production)', () => {
  let prod: TestApp;

  beforeAll(async () => {
    prod = await createTestApp({ config: { NODE_ENV: 'production', LOGIN_RATE_LIMIT: '2' } });
  });
  afterAll(() => prod.close());

  it('cannot be escaped by sending a different X-Forwarded-For with each attempt', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) {
      const res = await prod.app.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.9',
        headers: { 'x-forwarded-for': `198.51.100.${i}` }, payload: { username: 'officer', password: `Guess#${i}abc` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});

describe('logs', () => {
  let logged: TestApp;
  const lines: string[] = [];

  beforeAll(async () => {
    const logStream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
    logged = await createTestApp({ config: { LOG_LEVEL: 'info' }, logStream });
  });
  afterAll(() => logged.close());

  it('logs every request with its id, but never a password, a session token or a CSRF token', async () => {
    const res = await logged.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const token = res.cookies.find((c) => c.name === 'zz_session')!.value;
    const csrf = res.json().csrfToken;
    const headers = { cookie: `zz_session=${token}`, 'x-csrf-token': csrf };
    expect((await logged.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    const wrong = await logged.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Wrong#Secret-771' } });
    expect(wrong.statusCode).toBe(401);
    const reset = await logged.app.inject({
      method: 'PUT', url: '/api/auth/me/password', headers, payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Brand#New-2026' },
    });
    expect(reset.statusCode).toBe(204);

    const text = lines.join('\n');
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.filter((e) => e.reqId === res.headers['x-request-id']).map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
    expect(entries.some((e) => e.req?.url === '/api/auth/me')).toBe(true);
    for (const secret of [DEMO_PASSWORD, 'Wrong#Secret-771', 'Brand#New-2026', token, csrf]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/zz_session=/);
  });
});
