import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_PERMISSIONS, SYSTEM_ROLES } from '@zhizhi/contracts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { MODULES } from '../../modules';

/** Roles (/api/roles) and the permission catalog (/api/permissions). */
let t: TestApp;
let admin: Client;
let adminId: string;

type RoleView = { code: string; name: string; description: string; permissions: string[]; isSystem: boolean; userCount: number };

const roles = async (): Promise<RoleView[]> => {
  const res = await admin.get('/api/roles');
  expect(res.statusCode).toBe(200);
  return res.json();
};
const roleRow = (code: string) => t.deps.db.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
const auditOf = (code: string, action: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'role').where('entity_id', '=', code).where('action', '=', action).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  adminId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('the permission catalog', () => {
  it("lists every core and module permission with its Chinese and English name", async () => {
    const res = await admin.get('/api/permissions');
    expect(res.statusCode).toBe(200);
    const catalog: { code: string; name: string; nameEn: string }[] = res.json();
    const expected = [...Object.keys(CORE_PERMISSIONS), ...MODULES.flatMap((m) => Object.keys(m.permissions ?? {}))];
    expect(catalog.map((p) => p.code).sort()).toEqual(expected.sort());
    expect(catalog.find((p) => p.code === 'audit.read')).toEqual({ code: 'audit.read', name: '查看审计日志', nameEn: 'Read the audit log' });
  });

  it('is for role managers only', async () => {
    expect((await (await t.as('officer')).get('/api/permissions')).statusCode).toBe(403);
  });
});

describe('listing roles', () => {
  it('shows the built-in roles with their permissions and how many users hold them', async () => {
    const list = await roles();
    const byCode = new Map(list.map((r) => [r.code, r]));
    for (const [code, def] of Object.entries(SYSTEM_ROLES)) {
      expect(byCode.get(code), code).toMatchObject({ name: def.name, isSystem: true });
      expect([...byCode.get(code)!.permissions].sort()).toEqual([...def.permissions].sort());
    }
    // the core's demo accounts; modules' roles and accounts are checked by the modules
    expect(Object.fromEntries(list.map((r) => [r.code, r.userCount]))).toMatchObject({
      admin: 1, officer: 2, leader: 1, auditor: 1, enterprise_user: 1,
    });
  });
});

describe('creating a role', () => {
  it('creates a custom role (201) and audits it', async () => {
    const res = await admin.post('/api/roles', {
      code: 'inspector', name: '巡查员', description: '园区巡查', permissions: ['enterprise.read', 'enterprise.read'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: 'inspector', name: '巡查员', description: '园区巡查', permissions: ['enterprise.read'], isSystem: false, userCount: 0 });
    expect(await roleRow('inspector')).toMatchObject({ is_system: false, permissions: ['enterprise.read'] });

    const [audit, ...more] = await auditOf('inspector', 'role.create');
    expect(more).toHaveLength(0);
    expect(audit).toMatchObject({ actor_id: adminId, before: null, after: { code: 'inspector', name: '巡查员' } });
    expect(audit!.request_id).toBe(res.headers['x-request-id']);
  });

  it.each([
    ['an unknown permission', { code: 'ghost', name: '幽灵', permissions: ['enterprise.read', 'enterprise.destroy'] }, 'permissions'],
    ['a code with capitals', { code: 'Ghost', name: '幽灵' }, 'code'],
    ['a code starting with a digit', { code: '1ghost', name: '幽灵' }, 'code'],
    ['a one-letter code', { code: 'g', name: '幽灵' }, 'code'],
    ['an empty name', { code: 'ghost', name: '  ' }, 'name'],
  ])('refuses %s (400) and writes nothing', async (_what, body, field) => {
    const res = await admin.post('/api/roles', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.json().error.fields)).toContain(field);
    expect(await roleRow(body.code.toLowerCase())).toBeUndefined();
  });

  it('names the unknown permission in the message', async () => {
    const res = await admin.post('/api/roles', { code: 'ghost', name: '幽灵', permissions: ['enterprise.destroy'] });
    expect(res.json().error.fields.permissions).toContain('enterprise.destroy');
  });

  it.each(['inspector', 'admin'])('refuses a code already used (%s): 409 ROLE_CODE_TAKEN', async (code) => {
    const before = await roleRow(code);
    const res = await admin.post('/api/roles', { code, name: '重复', permissions: ['audit.read'] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ROLE_CODE_TAKEN');
    expect(res.json().error.fields).toHaveProperty('code');
    expect(await roleRow(code)).toEqual(before);
  });
});

describe('editing a role', () => {
  it('changes name, description and permissions; the audit entry holds only what changed', async () => {
    const res = await admin.put('/api/roles/inspector', { name: '园区巡查员', description: '园区巡查', permissions: ['park.read', 'enterprise.read'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'inspector', name: '园区巡查员', permissions: ['enterprise.read', 'park.read'] });
    const [audit] = await auditOf('inspector', 'role.update');
    expect(audit!.before).toEqual({ name: '巡查员', permissions: ['enterprise.read'] });
    expect(audit!.after).toEqual({ name: '园区巡查员', permissions: ['enterprise.read', 'park.read'] });
  });

  it('writes no audit entry when nothing changed (permissions in another order)', async () => {
    const res = await admin.put('/api/roles/inspector', { name: '园区巡查员', description: '园区巡查', permissions: ['park.read', 'enterprise.read'].reverse() });
    expect(res.statusCode).toBe(200);
    expect(await auditOf('inspector', 'role.update')).toHaveLength(1);
  });

  it('refuses an unknown permission (400) and keeps the role as it was', async () => {
    const before = await roleRow('inspector');
    const res = await admin.put('/api/roles/inspector', { name: '园区巡查员', permissions: ['root'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('permissions');
    expect(await roleRow('inspector')).toEqual(before);
  });

  it('answers 404 ROLE_NOT_FOUND for an unknown role', async () => {
    const res = await admin.put('/api/roles/nope', { name: '无', permissions: [] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROLE_NOT_FOUND');
  });

  it('lets a built-in role be renamed (it stays built-in)', async () => {
    const leader = SYSTEM_ROLES.leader!;
    const res = await admin.put('/api/roles/leader', { name: '区领导', description: leader.description, permissions: leader.permissions });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '区领导', isSystem: true, userCount: 1 });
  });
});

describe('a permission granted to a role', () => {
  it('takes effect for the role’s users on their next request, and so does its withdrawal', async () => {
    expect((await admin.post('/api/users', { username: 'xun.cha', displayName: '巡查员甲', password: 'Xuncha#2026', roles: ['inspector'] })).statusCode).toBe(201);
    const inspector = await t.as('xun.cha', 'Xuncha#2026');
    expect((await inspector.get('/api/audit')).statusCode).toBe(403);

    const grant = await admin.put('/api/roles/inspector', { name: '园区巡查员', description: '园区巡查', permissions: ['park.read', 'enterprise.read', 'audit.read'] });
    expect(grant.statusCode).toBe(200);
    expect((await inspector.get('/api/audit')).statusCode).toBe(200); // same session, no new login
    expect((await inspector.get('/api/auth/me')).json().permissions).toContain('audit.read');

    await admin.put('/api/roles/inspector', { name: '园区巡查员', description: '园区巡查', permissions: ['park.read', 'enterprise.read'] });
    expect((await inspector.get('/api/audit')).statusCode).toBe(403);
    expect((await roles()).find((r) => r.code === 'inspector')!.userCount).toBe(1);
  });
});

describe('deleting a role', () => {
  it.each(Object.keys(SYSTEM_ROLES))('refuses to delete the built-in role %s (409 SYSTEM_ROLE_READONLY)', async (code) => {
    const res = await admin.delete(`/api/roles/${code}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SYSTEM_ROLE_READONLY');
    expect(await roleRow(code)).toBeDefined();
  });

  it('refuses to delete a role that users hold (409 ROLE_IN_USE)', async () => {
    const res = await admin.delete('/api/roles/inspector');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ROLE_IN_USE');
    expect(await roleRow('inspector')).toBeDefined();
    expect(await auditOf('inspector', 'role.delete')).toHaveLength(0);
  });

  it('deletes an unused role (204) and audits what it was', async () => {
    expect((await admin.post('/api/roles', { code: 'temp_role', name: '临时', permissions: ['park.read'] })).statusCode).toBe(201);
    const res = await admin.delete('/api/roles/temp_role');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await roleRow('temp_role')).toBeUndefined();
    expect((await roles()).map((r) => r.code)).not.toContain('temp_role');
    const [audit] = await auditOf('temp_role', 'role.delete');
    expect(audit).toMatchObject({ actor_id: adminId, before: { name: '临时', permissions: ['park.read'] }, after: null });
  });

  it('answers 404 ROLE_NOT_FOUND for an unknown role', async () => {
    const res = await admin.delete('/api/roles/temp_role');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROLE_NOT_FOUND');
  });
});
