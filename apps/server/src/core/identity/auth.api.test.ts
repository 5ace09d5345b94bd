import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { DEMO_PASSWORD } from '../../db/seed/demo-county';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('signing in and out', () => {
  it('returns the user, roles, permissions, scope and a CSRF token, and sets an HttpOnly cookie', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'ENT_ZSY', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ username: 'ent_zsy', enterpriseName: '中双元（杭州）科技有限公司', locale: 'zh-CN' });
    expect(me.roles).toContain('enterprise_user'); // modules may give the demo account roles of theirs
    expect(me.scope.enterpriseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(me.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.cookies.find((c) => c.name === 'zz_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The database keeps only a hash of the token.
    const stored = await t.deps.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
  });

  it.each([
    ['officer', 'wrong-password'],
    ['no_such_user', DEMO_PASSWORD],
  ])('gives the same answer for a wrong password and an unknown user (%s)', async (username, password) => {
    const res = await t.anonymous.post('/api/auth/login', { username, password });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('answers in English when asked', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en-US' }, payload: { username: 'x', password: 'y' } });
    expect(res.json().error.message).toBe('Wrong username or password');
  });

  it('ends the session on logout', async () => {
    const c = await t.as('leader');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const after = await c.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('keeps the chosen language', async () => {
    const c = await t.as('auditor');
    expect((await c.put('/api/auth/me/locale', { locale: 'en-US' })).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).json().locale).toBe('en-US');
    expect((await c.get('/api/enterprises/00000000-0000-4000-8000-000000000000')).json().error.message).toBe('Enterprise not found');
  });

  it('changes the password only with the current one and a strong new one, then signs out everywhere', async () => {
    const c = await t.as('leader');
    const other = await t.as('leader');
    const wrong = await c.put('/api/auth/me/password', { currentPassword: 'nope', newPassword: 'Better#Pass1' });
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');
    const weak = await c.put('/api/auth/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'abc' });
    expect(weak.json().error.fields).toHaveProperty('newPassword');
    expect((await c.put('/api/auth/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Better#Pass1' })).statusCode).toBe(204);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t.as('leader')).rejects.toThrow();
    expect((await (await t.as('leader', 'Better#Pass1')).get('/api/auth/me')).statusCode).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'user.change_password').execute();
    expect(audit).toHaveLength(1);
  });

  it('records sign-ins and failures in the audit log', async () => {
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'user').execute()).map((a) => a.action);
    expect(actions).toContain('user.login');
    expect(actions).toContain('user.login_failed');
  });
});
