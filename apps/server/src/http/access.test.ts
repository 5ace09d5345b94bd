import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/test-app';

/**
 * The policy gate, checked over every /api route the app declares (core and modules alike):
 * nobody gets in unsigned, and a signed-in user without the route's permission is refused.
 */
let t: TestApp;
let users: Record<string, Client>;
const ID = '00000000-0000-4000-8000-000000000000';
const path = (url: string) => url.replace(/:[a-zA-Z]+/g, (m) => (m === ':code' ? 'x' : m === ':id' && url.startsWith('/api/jobs') ? '1' : ID));

beforeAll(async () => {
  t = await createTestApp();
  users = {
    admin: await t.as('admin'),
    officer: await t.as('officer'),
    leader: await t.as('leader'),
    auditor: await t.as('auditor'),
    ent_zsy: await t.as('ent_zsy'),
  };
  // A user whose only role grants nothing: refused by every permission-guarded route.
  const admin = users.admin!;
  expect((await admin.post('/api/roles', { code: 'no_access', name: '无权限', permissions: [] })).statusCode).toBe(201);
  const created = await admin.post('/api/users', { username: 'nobody', displayName: '无权限用户', password: 'Nobody#2026', roles: ['no_access'] });
  expect(created.statusCode).toBe(201);
  users.nobody = await t.as('nobody', 'Nobody#2026');
});
afterAll(() => t.close());

function send(c: Client, method: string, url: string) {
  if (method === 'GET') return c.get(url);
  if (method === 'DELETE') return c.delete(url);
  return method === 'PUT' ? c.put(url, {}) : c.post(url, {});
}

describe('every /api route', () => {
  it('declares its access (the app refuses to start otherwise)', () => {
    expect(t.deps.routes.length).toBeGreaterThan(30);
  });

  it('answers 401 without a session, unless public', async () => {
    for (const r of t.deps.routes.filter((r) => r.access !== 'public')) {
      const res = await send(t.anonymous, r.method, path(r.url));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to a signed-in user whose roles lack the permission', async () => {
    let checked = 0;
    for (const r of t.deps.routes.filter((r) => r.access !== 'public' && r.access !== 'authenticated')) {
      const lacking = Object.entries(users).find(([, c]) => !hasPermission(c, r.access));
      expect(lacking, `no demo user lacks ${r.access}`).toBeDefined();
      const res = await send(lacking![1], r.method, path(r.url));
      expect(res.statusCode, `${r.method} ${r.url} as ${lacking![0]}`).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('refuses a write whose CSRF token is missing or wrong', async () => {
    const officer = users.officer!;
    const res = await t.app.inject({ method: 'POST', url: '/api/parks', headers: { cookie: officer.session!.cookie }, payload: {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/parks', headers: { cookie: officer.session!.cookie, 'x-csrf-token': 'nope' }, payload: {} });
    expect(wrong.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('says the session expired when the cookie is no longer valid', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'zz_session=forged' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });
});

const permissionsOf = new Map<Client, Set<string>>();
function hasPermission(c: Client, p: string): boolean {
  return permissionsOf.get(c)?.has(p) ?? false;
}

beforeAll(async () => {
  for (const c of Object.values(users)) permissionsOf.set(c, new Set((await c.get('/api/auth/me')).json().permissions));
});
