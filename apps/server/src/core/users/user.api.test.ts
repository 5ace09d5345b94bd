import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { DEMO_STREETS } from '../../db/seed/demo-county';
import { MAX_FAILED_LOGINS } from '../identity/login.service';

/**
 * User administration (/api/users): accounts, their roles and scope bindings, locking and
 * password resets, and the audit trail each change leaves.
 */
let t: TestApp;
let admin: Client;
let adminId: string;
let zsyId: string;
let sectionId: string; // 余杭区经济和信息化局 / 企业服务科
let departmentId: string; // 余杭区经济和信息化局

const PASSWORD = 'Strong#2026';
const NEW_PASSWORD = 'Renewed#2026';

const newUser = (over: Record<string, unknown> = {}) => ({
  username: 'zhang.wei',
  displayName: '张伟',
  password: PASSWORD,
  phone: '13912345678',
  roles: ['officer'],
  ...over,
});

/** A raw login, for tests that look at the refusal rather than the session. */
const login = (username: string, password: string, remoteAddress?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, ...(remoteAddress ? { remoteAddress } : {}) });

const auditOf = (entityId: string, action?: string) => {
  let q = t.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId);
  if (action) q = q.where('action', '=', action);
  return q.orderBy('id').execute();
};

const countRows = async (table: 'users' | 'audit_log' | 'sessions', where?: [string, string]) => {
  let q = t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(where[0] as never, '=', where[1] as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** Creates a user through the API and returns its id. */
async function create(over: Record<string, unknown>): Promise<string> {
  const res = await admin.post('/api/users', newUser(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  const db = t.deps.db;
  adminId = (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  zsyId = (await db.selectFrom('enterprises').select('id').where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow()).id;
  departmentId = (await db.selectFrom('departments').select('id').where('name', '=', '余杭区经济和信息化局').executeTakeFirstOrThrow()).id;
  sectionId = (await db.selectFrom('departments').select('id').where('name', '=', '企业服务科').where('parent_id', '=', departmentId).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('creating a user', () => {
  it('creates the account (201), which can then sign in, and audits it without the password', async () => {
    const res = await admin.post('/api/users', newUser({ departmentId: sectionId }));
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      username: 'zhang.wei', displayName: '张伟', phone: '139****5678', status: 'active', roles: ['officer'],
      departmentId: sectionId, departmentName: '企业服务科', enterpriseId: null, divisionCode: null, lastLoginAt: null,
    });

    const row = await t.deps.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.phone).toBe('13912345678'); // stored in full, shown masked
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(PASSWORD);

    const [audit, ...more] = await auditOf(user.id, 'user.create');
    expect(more).toHaveLength(0);
    expect(audit!.actor_id).toBe(adminId);
    expect(audit!.actor_name).toBe('平台管理员');
    expect(audit!.request_id).toBe(res.headers['x-request-id']); // written by the same request
    expect(audit!.before).toBeNull();
    expect(audit!.after).toMatchObject({ username: 'zhang.wei', displayName: '张伟', phone: '139****5678', roles: ['officer'], departmentId: sectionId });
    const logged = JSON.stringify(audit);
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain('scrypt');
    expect(logged).not.toContain('13912345678');
    expect(logged).not.toMatch(/password/i);

    expect((await login('zhang.wei', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a username that is taken (409 USERNAME_TAKEN), whatever its case', async () => {
    for (const username of ['admin', 'ADMIN', 'zhang.wei']) {
      const res = await admin.post('/api/users', newUser({ username }));
      expect(res.statusCode, username).toBe(409);
      expect(res.json().error.code).toBe('USERNAME_TAKEN');
      expect(res.json().error.fields).toHaveProperty('username');
    }
  });

  it.each([
    ['a password shorter than 8', 'password', { password: 'Ab#1' }],
    ['a password of only two kinds of character', 'password', { password: 'lowercase123' }],
    ['an unknown role', 'roles', { roles: ['no_such_role'] }],
    ['no role at all', 'roles', { roles: [] }],
    ['an enterprise user without an enterprise', 'enterpriseId', { roles: ['enterprise_user'] }],
    ['an enterprise that does not exist', 'enterpriseId', { roles: ['enterprise_user'], enterpriseId: '00000000-0000-4000-8000-000000000001' }],
    ['a department that does not exist', 'departmentId', { departmentId: '00000000-0000-4000-8000-000000000001' }],
    ['a division that does not exist', 'divisionCode', { divisionCode: '330110999' }],
    ['a phone number that is not a mobile number', 'phone', { phone: '12345' }],
    ['a mobile number whose second digit is not 3–9', 'phone', { phone: '12912345678' }],
    ['an e-mail address without a domain', 'email', { email: 'zhang.wei@' }],
    ['a username with spaces', 'username', { username: 'li si' }],
  ])('refuses %s (400, field %s) and writes nothing', async (_what, field, over) => {
    const [users, audits] = [await countRows('users'), await countRows('audit_log')];
    const res = await admin.post('/api/users', newUser({ username: 'li.si', ...over }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().error.fields)).toContain(field);
    expect(await countRows('users')).toBe(users);
    expect(await countRows('audit_log')).toBe(audits);
  });

  it('is for administrators only (403 for an officer)', async () => {
    const officer = await t.as('officer');
    const res = await officer.post('/api/users', newUser({ username: 'sneaky' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await countRows('users', ['username', 'sneaky'])).toBe(0);
  });
});

describe('phone and e-mail', () => {
  it('are stored in full, listed masked, kept when an edit leaves them out, revealed (audited) to an administrator only', async () => {
    const created = await admin.post('/api/users', newUser({ username: 'contact.test', phone: '15812345678', email: 'contact.test@yuhang.gov.cn' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ phone: '158****5678', email: 'c***@yuhang.gov.cn' });
    const row = await t.deps.db.selectFrom('users').select(['phone', 'email']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: '15812345678', email: 'contact.test@yuhang.gov.cn' });
    const listed = (await admin.get('/api/users?q=contact.test')).json().items[0];
    expect([listed.phone, listed.email]).toEqual(['158****5678', 'c***@yuhang.gov.cn']);

    const kept = await admin.put(`/api/users/${id}`, { displayName: '联系测试', roles: ['officer'] });
    expect(kept.json()).toMatchObject({ displayName: '联系测试', phone: '158****5678', email: 'c***@yuhang.gov.cn' });
    const changed = await admin.put(`/api/users/${id}`, { displayName: '联系测试', roles: ['officer'], email: 'ct@yuhang.gov.cn' });
    expect(changed.json().email).toBe('c***@yuhang.gov.cn');
    const audit = (await auditOf(id, 'user.update')).at(-1)!;
    expect(audit.before).toEqual({ email: 'c***@yuhang.gov.cn' });
    expect(audit.after).toEqual({ email: 'c***@yuhang.gov.cn' });
    const bad = await admin.put(`/api/users/${id}`, { displayName: '联系测试', roles: ['officer'], email: 'not-an-address' });
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['email']]);

    const revealed = await admin.post(`/api/users/${id}/reveal`);
    expect(revealed.json()).toEqual({ phone: '15812345678', email: 'ct@yuhang.gov.cn' });
    expect(await auditOf(id, 'user.reveal')).toHaveLength(1);
    expect((await (await t.as('officer')).post(`/api/users/${id}/reveal`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`/api/users/${id}/reveal`)).statusCode).toBe(401);
  });
});

describe('editing roles and scope bindings', () => {
  let id: string;
  let client: Client;
  const base = { displayName: '王敏', phone: '13700001111', roles: ['leader'] };

  beforeAll(async () => {
    id = await create({ username: 'wang.min', ...base });
    client = await t.as('wang.min', PASSWORD);
  });

  it('binds a street: the user then sees only that street, from the next request on', async () => {
    const all = Number((await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect((await client.get('/api/enterprises?pageSize=1')).json().total).toBe(all);
    const res = await admin.put(`/api/users/${id}`, { ...base, divisionCode: DEMO_STREETS.liangzhu });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ divisionCode: DEMO_STREETS.liangzhu, divisionName: '良渚街道', roles: ['leader'] });

    const { n } = await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('division_code', 'like', `${DEMO_STREETS.liangzhu}%`).executeTakeFirstOrThrow();
    const seen = (await client.get('/api/enterprises?pageSize=100')).json();
    expect(seen.total).toBe(Number(n));
    expect(seen.items.every((e: { divisionCode: string }) => e.divisionCode === DEMO_STREETS.liangzhu)).toBe(true);

    const [audit] = await auditOf(id, 'user.update');
    expect(audit!.before).toEqual({ divisionCode: null });
    expect(audit!.after).toEqual({ divisionCode: DEMO_STREETS.liangzhu });
    expect(audit!.request_id).toBe(res.headers['x-request-id']);
  });

  it('binds a department and changes roles; the audit entry names only what changed, phones masked', async () => {
    const res = await admin.put(`/api/users/${id}`, { ...base, phone: '13700002222', roles: ['officer', 'leader'], departmentId, divisionCode: DEMO_STREETS.liangzhu });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['leader', 'officer'], departmentId, departmentName: '余杭区经济和信息化局', phone: '137****2222' });

    const me = (await client.get('/api/auth/me')).json();
    expect(me.roles).toEqual(['leader', 'officer']);
    expect(me.permissions).toContain('park.write'); // from officer, effective at once
    expect(me.scope).toEqual({ enterpriseId: null, departmentId, divisionCode: DEMO_STREETS.liangzhu });

    const audit = (await auditOf(id, 'user.update')).at(-1)!;
    expect(audit.before).toEqual({ phone: '137****1111', roles: ['leader'], departmentId: null });
    expect(audit.after).toEqual({ phone: '137****2222', roles: ['leader', 'officer'], departmentId });
    expect(JSON.stringify(audit)).not.toMatch(/1370000(1111|2222)/);
  });

  it('binds an enterprise: an enterprise user sees only its own enterprise', async () => {
    const res = await admin.put(`/api/users/${id}`, { ...base, roles: ['enterprise_user'], enterpriseId: zsyId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enterpriseId: zsyId, enterpriseName: '中双元（杭州）科技有限公司', departmentId: null, divisionCode: null });
    const me = (await client.get('/api/auth/me')).json();
    expect(me.enterpriseName).toBe('中双元（杭州）科技有限公司');
    const seen = (await client.get('/api/enterprises')).json();
    expect(seen.total).toBe(1);
    expect(seen.items[0].id).toBe(zsyId);
  });

  it('refuses an enterprise user without an enterprise, and an unknown role, changing nothing', async () => {
    const before = await t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const audits = (await auditOf(id)).length;
    for (const [body, field] of [
      [{ ...base, roles: ['enterprise_user'] }, 'enterpriseId'],
      [{ ...base, roles: ['officer', 'ghost'], enterpriseId: zsyId }, 'roles'],
    ] as const) {
      const res = await admin.put(`/api/users/${id}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty(field);
    }
    expect(await t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await auditOf(id)).length).toBe(audits);
  });

  it('writes no audit entry when nothing changed', async () => {
    const audits = (await auditOf(id)).length;
    const res = await admin.put(`/api/users/${id}`, { ...base, roles: ['enterprise_user'], enterpriseId: zsyId });
    expect(res.statusCode).toBe(200);
    expect((await auditOf(id)).length).toBe(audits);
  });

  it('answers 404 for an unknown user', async () => {
    const unknown = '00000000-0000-4000-8000-000000000009';
    expect((await admin.get(`/api/users/${unknown}`)).json().error.code).toBe('USER_NOT_FOUND');
    const res = await admin.put(`/api/users/${unknown}`, base);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });
});

describe('listing users', () => {
  type Item = { username: string; displayName: string; phone: string; roles: string[]; status: string; lastLoginAt: string | null };
  const list = async (query: string) => {
    const res = await admin.get(`/api/users?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; totalEstimated: boolean };
  };

  it('shows every phone number masked, never in full', async () => {
    const body = await list('pageSize=100');
    const stored = new Map((await t.deps.db.selectFrom('users').select(['username', 'phone']).execute()).map((u) => [u.username, u.phone]));
    expect(body.items.length).toBe(stored.size);
    for (const u of body.items) {
      const full = stored.get(u.username)!;
      expect(u.phone, u.username).toBe(full ? `${full.slice(0, 3)}****${full.slice(-4)}` : '');
    }
    const text = JSON.stringify(body);
    for (const full of stored.values()) if (full) expect(text).not.toContain(full);
  });

  it('filters by a part of the display name (q=陈: 陈建国 is officer; demo talents may be named 陈 too)', async () => {
    const body = await list(encodeURI('q=陈'));
    expect(body.items.map((u) => u.username)).toContain('officer');
    for (const u of body.items) expect(`${u.username} ${u.displayName}`).toContain('陈');
    expect(body.total).toBe(body.items.length);
  });
  it.each([
    ['q=officer', ['officer', 'street_officer']],
    ['q=STREET', ['street_officer']], // case-insensitive
    ['role=auditor', ['auditor']],
    ['role=enterprise_user', ['ent_zsy', 'wang.min']],
    ['role=officer&q=street', ['street_officer']],
    ['role=nobody_has_this', []],
  ])('filters %s', async (query, usernames) => {
    const body = await list(encodeURI(query));
    expect(body.items.map((u) => u.username)).toEqual(usernames);
    expect(body.total).toBe(usernames.length);
  });

  it('treats _ in q literally (q=_ finds the usernames that contain _)', async () => {
    const body = await list('q=_&pageSize=100');
    const all = (await t.deps.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
    expect(body.items.map((u) => u.username)).toEqual(all.filter((u) => u.includes('_')));
    expect(body.items.map((u) => u.username)).toEqual(expect.arrayContaining(['ent_zsy', 'street_officer']));
    expect(all.filter((u) => !u.includes('_')).length).toBeGreaterThan(0); // and not the others
  });

  it('pages in username order with a stable total', async () => {
    const all = (await t.deps.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 3); page++) {
      const body = await list(`pageSize=3&page=${page}`);
      expect(body.total).toBe(all.length);
      expect(body.totalEstimated).toBe(false);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((u) => u.username));
    }
    expect(seen).toEqual(all);
    expect((await list(`pageSize=3&page=${all.length}`)).items).toEqual([]);
  });

  it('shows when a user last signed in', async () => {
    const body = await list('q=zhang.wei');
    expect(body.items[0]!.lastLoginAt).not.toBeNull();
  });

  it.each(['page=0', 'pageSize=101', 'status=deleted'])('refuses %s (400)', async (query) => {
    expect((await admin.get(`/api/users?${query}`)).statusCode).toBe(400);
  });
});

describe('locking and unlocking', () => {
  let id: string;
  let client: Client;

  beforeAll(async () => {
    id = await create({ username: 'lock.me', displayName: '待锁定' });
    client = await t.as('lock.me', PASSWORD);
  });

  it('locking ends the user’s sessions at once and login answers ACCOUNT_LOCKED', async () => {
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const res = await admin.post(`/api/users/${id}/lock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('locked');

    const refused = await client.get('/api/auth/me');
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('SESSION_EXPIRED');
    expect(await countRows('sessions', ['user_id', id])).toBe(0);

    const again = await login('lock.me', PASSWORD);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(again.cookies.find((c) => c.name === 'zz_session')).toBeUndefined();

    const [audit] = await auditOf(id, 'user.lock');
    expect(audit).toMatchObject({ actor_id: adminId, before: { status: 'active' }, after: { status: 'locked' } });
  });

  it('lists locked users under status=locked', async () => {
    const body = (await admin.get('/api/users?status=locked')).json();
    expect(body.items.map((u: { username: string }) => u.username)).toEqual(['lock.me']);
    const active = (await admin.get('/api/users?status=active&pageSize=100')).json();
    expect(active.items.map((u: { username: string }) => u.username)).not.toContain('lock.me');
  });

  it('unlocking lets the user sign in again', async () => {
    const res = await admin.post(`/api/users/${id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    expect((await login('lock.me', PASSWORD)).statusCode).toBe(200);
    const [audit] = await auditOf(id, 'user.unlock');
    expect(audit).toMatchObject({ before: { status: 'locked' }, after: { status: 'active' } });
  });

  it('an administrator cannot lock their own account (409 CANNOT_LOCK_SELF)', async () => {
    const res = await admin.post(`/api/users/${adminId}/lock`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CANNOT_LOCK_SELF');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect(await auditOf(adminId, 'user.lock')).toHaveLength(0);
  });

  it('answers 404 for an unknown user', async () => {
    for (const action of ['lock', 'unlock']) {
      const res = await admin.post(`/api/users/00000000-0000-4000-8000-000000000009/${action}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('USER_NOT_FOUND');
    }
  });
});

describe('resetting a password', () => {
  let id: string;

  beforeAll(async () => {
    id = await create({ username: 'reset.me', displayName: '待重置' });
  });

  it('ends the user’s sessions; the old password stops working and the new one works', async () => {
    const client = await t.as('reset.me', PASSWORD);
    const res = await admin.post(`/api/users/${id}/reset-password`, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const old = await login('reset.me', PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await login('reset.me', NEW_PASSWORD)).statusCode).toBe(200);

    const [audit, ...more] = await auditOf(id, 'user.reset_password');
    expect(more).toHaveLength(0);
    expect(audit).toMatchObject({ actor_id: adminId, before: null, after: null });
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('refuses a weak password (400, field password) and keeps the old one', async () => {
    const res = await admin.post(`/api/users/${id}/reset-password`, { password: 'weakweak' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('password');
    expect((await login('reset.me', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user', async () => {
    const res = await admin.post('/api/users/00000000-0000-4000-8000-000000000009/reset-password', { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });
});

describe('automatic lock after wrong passwords', () => {
  it(`locks the account at the ${MAX_FAILED_LOGINS}th wrong password in a row`, async () => {
    expect(MAX_FAILED_LOGINS).toBe(10);
    const id = await create({ username: 'guessed', displayName: '被猜密码' });
    const client = await t.as('guessed', PASSWORD);
    for (let i = 1; i <= MAX_FAILED_LOGINS; i++) {
      const res = await login('guessed', `Wrong#${i}xyz`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const row = await t.deps.db.selectFrom('users').select(['status', 'failed_logins']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'locked', failed_logins: MAX_FAILED_LOGINS });

    // The right password no longer opens it, and a session opened earlier is refused too.
    const right = await login('guessed', PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);

    const actions = (await auditOf(id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'user.login_failed')).toHaveLength(MAX_FAILED_LOGINS - 1);
    const [autoLock] = await auditOf(id, 'user.auto_lock');
    expect(autoLock!.after).toEqual({ failedLogins: MAX_FAILED_LOGINS });

    // An administrator unlocks it; the counter starts again from zero.
    expect((await admin.post(`/api/users/${id}/unlock`)).statusCode).toBe(200);
    expect((await login('guessed', PASSWORD)).statusCode).toBe(200);
    expect((await t.deps.db.selectFrom('users').select('failed_logins').where('id', '=', id).executeTakeFirstOrThrow()).failed_logins).toBe(0);
  });

  it('counts only wrong passwords in a row: a good login resets the count', async () => {
    const id = await create({ username: 'forgetful', displayName: '健忘' });
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await login('forgetful', 'Wrong#pass1')).statusCode).toBe(401);
    expect((await login('forgetful', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) expect((await login('forgetful', 'Wrong#pass1')).statusCode).toBe(401);
    const row = await t.deps.db.selectFrom('users').select(['status', 'failed_logins']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', failed_logins: MAX_FAILED_LOGINS - 1 });
  });
});

describe('the audit trail of user administration', () => {
  it('holds before/after for each kind of change and never a password or a hash', async () => {
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'user').where('action', 'like', 'user.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['user.create', 'user.update', 'user.lock', 'user.unlock', 'user.reset_password']) expect(actions, a).toContain(a);
    for (const r of rows.filter((r) => ['user.update', 'user.lock', 'user.unlock'].includes(r.action))) {
      expect(r.before, r.action).not.toBeNull();
      expect(r.after, r.action).not.toBeNull();
    }
    const text = JSON.stringify(rows);
    for (const secret of [PASSWORD, NEW_PASSWORD, 'scrypt$', 'password_hash', 'passwordHash']) expect(text).not.toContain(secret);
  });
});
