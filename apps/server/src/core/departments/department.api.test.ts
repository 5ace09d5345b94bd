import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { DEMO_STREETS } from '../../db/seed/demo-county';

/** Departments (部门) and their sections (科室): a tree two levels deep, /api/departments. */
let t: TestApp;
let admin: Client;
let adminId: string;

type Department = { id: string; parentId: string | null; name: string; kind: 'department' | 'section'; divisionCode: string | null; userCount: number };

const list = async (c: Client = admin): Promise<Department[]> => {
  const res = await c.get('/api/departments');
  expect(res.statusCode).toBe(200);
  return res.json();
};
const idOf = async (name: string, parentName?: string) => {
  const all = await list();
  const parent = parentName ? all.find((d) => d.name === parentName && d.kind === 'department') : undefined;
  return all.find((d) => d.name === name && (parentName ? d.parentId === parent!.id : d.parentId === null))!.id;
};
const auditOf = (id: string, action: string) =>
  t.deps.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'department').where('entity_id', '=', id).where('action', '=', action).execute();
const countDepartments = async () => Number((await t.deps.db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.as('admin');
  adminId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('the department tree', () => {
  it('lists the demo county’s 22 departments (11, and 11 more of the medical fund\'s joint supervision community) and 16 sections, sections under departments', async () => {
    const all = await list();
    const departments = all.filter((d) => d.kind === 'department');
    const sections = all.filter((d) => d.kind === 'section');
    expect(departments).toHaveLength(22); // medfund/cases/partners.service.ts: 15 partners, 4 of them among the 11
    expect(sections).toHaveLength(16);
    expect(departments.every((d) => d.parentId === null)).toBe(true);
    const departmentIds = new Set(departments.map((d) => d.id));
    expect(sections.every((s) => departmentIds.has(s.parentId!))).toBe(true);

    const liangzhu = departments.find((d) => d.name === '良渚街道办事处')!;
    expect(liangzhu.divisionCode).toBe(DEMO_STREETS.liangzhu);
    expect(sections.filter((s) => s.parentId === liangzhu.id).map((s) => s.name).sort()).toEqual(['亲企办', '经济发展科', '规划建设科'].sort());
  });

  it('counts the users bound to each department or section', async () => {
    const all = await list();
    const rows = await t.deps.db.selectFrom('users').select('department_id').where('department_id', 'is not', null).execute();
    for (const d of all) expect(d.userCount, d.name).toBe(rows.filter((r) => r.department_id === d.id).length);
    const jingxin = all.find((d) => d.name === '余杭区经济和信息化局')!;
    expect(jingxin.userCount).toBe(3); // admin, leader and the investment officer (eco_invest)
    expect(all.find((d) => d.name === '企业服务科' && d.parentId === jingxin.id)!.userCount).toBe(1); // officer
    expect(all.find((d) => d.name === '亲企办')!.userCount).toBe(1); // street_officer
  });

  it.each(['officer', 'leader', 'auditor', 'ent_zsy'])('can be read by any signed-in user (%s): modules pick handling units from it', async (username) => {
    const seen = await list(await t.as(username));
    expect(seen).toEqual(await list());
  });

  it('is closed to the anonymous', async () => {
    expect((await t.anonymous.get('/api/departments')).statusCode).toBe(401);
  });
});

describe('creating departments and sections', () => {
  let commerceId: string;

  it('creates a department (201) and audits it', async () => {
    const res = await admin.post('/api/departments', { name: '余杭区商务局' });
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ name: '余杭区商务局', kind: 'department', parentId: null, divisionCode: null, userCount: 0 });
    commerceId = d.id;
    const [audit] = await auditOf(d.id, 'department.create');
    expect(audit).toMatchObject({ actor_id: adminId, before: null, after: { name: '余杭区商务局', parentId: null } });
    expect(audit!.request_id).toBe(res.headers['x-request-id']);
  });

  it('creates a section under a department: the kind follows the parent', async () => {
    const res = await admin.post('/api/departments', { name: '外贸科', parentId: commerceId, divisionCode: null });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '外贸科', kind: 'section', parentId: commerceId });
    expect(await auditOf(res.json().id, 'department.create')).toHaveLength(1);
  });

  it('allows the same section name under different departments', async () => {
    // 经济发展科 exists under three 街道办事处 already.
    const res = await admin.post('/api/departments', { name: '经济发展科', parentId: commerceId });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a section under a section (400, field parentId)', async () => {
    const sectionId = await idOf('外贸科', '余杭区商务局');
    const before = await countDepartments();
    const res = await admin.post('/api/departments', { name: '外贸一组', parentId: sectionId });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toHaveProperty('parentId');
    expect(await countDepartments()).toBe(before);
  });

  it.each([
    ['a department', () => ({ name: '余杭区经济和信息化局' })],
    ['a section', () => ({ name: '外贸科', parentId: commerceId })],
  ])('refuses the same name under the same parent, for %s (409 DEPARTMENT_NAME_TAKEN)', async (_what, body) => {
    const before = await countDepartments();
    const res = await admin.post('/api/departments', body());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DEPARTMENT_NAME_TAKEN');
    expect(res.json().error.fields).toHaveProperty('name');
    expect(await countDepartments()).toBe(before);
  });

  it('answers 404 for a parent that does not exist', async () => {
    const res = await admin.post('/api/departments', { name: '孤儿科', parentId: '00000000-0000-4000-8000-000000000001' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
  });

  it.each([
    ['an empty name', { name: ' ' }],
    ['a malformed division code', { name: '某局', divisionCode: '33011' }],
    ['a malformed parent id', { name: '某局', parentId: 'nope' }],
  ])('refuses %s (400)', async (_what, body) => {
    expect((await admin.post('/api/departments', body)).statusCode).toBe(400);
  });

  it('refuses a division that does not exist (400, field divisionCode)', async () => {
    const res = await admin.post('/api/departments', { name: '某某街道办事处', divisionCode: '330110999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('divisionCode');
  });

  it('is for department managers only (403 for an officer)', async () => {
    const officer = await t.as('officer');
    expect((await officer.post('/api/departments', { name: '影子局' })).statusCode).toBe(403);
    expect((await list()).map((d) => d.name)).not.toContain('影子局');
  });
});

describe('renaming', () => {
  it('renames a department and sets its division; the audit entry holds only what changed', async () => {
    const id = await idOf('余杭区商务局');
    const res = await admin.put(`/api/departments/${id}`, { name: '余杭区商务局（口岸办）', divisionCode: '330110' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, name: '余杭区商务局（口岸办）', divisionCode: '330110', kind: 'department' });
    const [audit] = await auditOf(id, 'department.update');
    expect(audit!.before).toEqual({ name: '余杭区商务局', divisionCode: null });
    expect(audit!.after).toEqual({ name: '余杭区商务局（口岸办）', divisionCode: '330110' });
  });

  it('writes no audit entry when nothing changed', async () => {
    const id = await idOf('余杭区商务局（口岸办）');
    expect((await admin.put(`/api/departments/${id}`, { name: '余杭区商务局（口岸办）', divisionCode: '330110' })).statusCode).toBe(200);
    expect(await auditOf(id, 'department.update')).toHaveLength(1);
  });

  it('refuses the name of a sibling (409), but a section may share a name with a section elsewhere', async () => {
    const parent = '余杭区商务局（口岸办）';
    const waimao = await idOf('外贸科', parent);
    const res = await admin.put(`/api/departments/${waimao}`, { name: '经济发展科' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DEPARTMENT_NAME_TAKEN');
    const ok = await admin.put(`/api/departments/${waimao}`, { name: '亲企办' }); // 亲企办 exists under 良渚 only
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '亲企办', kind: 'section' });
  });

  it('refuses a division that does not exist (400, field divisionCode)', async () => {
    const id = await idOf('余杭区商务局（口岸办）');
    const res = await admin.put(`/api/departments/${id}`, { name: '余杭区商务局（口岸办）', divisionCode: '330110999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('divisionCode');
  });

  it('answers 404 for an unknown department', async () => {
    const res = await admin.put('/api/departments/00000000-0000-4000-8000-000000000001', { name: '无' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
  });
});

describe('deleting', () => {
  it.each([
    ['a department with sections', '余杭区科学技术局', undefined],
    ['a section with users', '企业服务科', '余杭区经济和信息化局'],
    ['a department with users and sections', '余杭区经济和信息化局', undefined],
  ])('refuses %s (409 DEPARTMENT_IN_USE)', async (_what, name, parent) => {
    const id = await idOf(name, parent);
    const res = await admin.delete(`/api/departments/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DEPARTMENT_IN_USE');
    expect((await list()).map((d) => d.id)).toContain(id);
  });

  it('refuses a department whose only tie is a user bound to it', async () => {
    const res = await admin.post('/api/departments', { name: '余杭区统计局' });
    const id = res.json().id;
    expect((await admin.post('/api/users', { username: 'tongji', displayName: '统计员', password: 'Tongji#2026', roles: ['leader'], departmentId: id })).statusCode).toBe(201);
    expect((await list()).find((d) => d.id === id)!.userCount).toBe(1);
    const del = await admin.delete(`/api/departments/${id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('DEPARTMENT_IN_USE');
  });

  it('deletes empty sections, then their now-empty department (204), and audits each', async () => {
    const parent = '余杭区商务局（口岸办）';
    const parentId = await idOf(parent);
    const sections = (await list()).filter((d) => d.parentId === parentId);
    expect(sections).toHaveLength(2);
    for (const s of sections) {
      const res = await admin.delete(`/api/departments/${s.id}`);
      expect(res.statusCode).toBe(204);
      expect(await auditOf(s.id, 'department.delete')).toMatchObject([{ before: { name: s.name, kind: 'section' }, after: null }]);
    }
    expect((await admin.delete(`/api/departments/${parentId}`)).statusCode).toBe(204);
    expect(await auditOf(parentId, 'department.delete')).toMatchObject([{ actor_id: adminId, before: { name: parent, kind: 'department' } }]);
    const left = await t.deps.db.selectFrom('departments').select('id').where('id', 'in', [parentId, ...sections.map((s) => s.id)]).execute();
    expect(left).toEqual([]);
  });

  it('answers 404 for an unknown department', async () => {
    const res = await admin.delete('/api/departments/00000000-0000-4000-8000-000000000001');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('DEPARTMENT_NOT_FOUND');
  });
});
