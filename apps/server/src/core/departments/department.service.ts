import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { recordAudit, changedFields } from '../audit/audit';
import type { Ctx } from '../context';
import { divisionCovers } from '../identity/scope';

/** Departments (部门) of the county and their sections (科室): a tree two levels deep. */
export const DepartmentInput = z.object({
  name: z.string().trim().min(1).max(50),
  parentId: z.uuid().nullable().default(null),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).nullable().default(null),
});
export const DepartmentUpdate = DepartmentInput.omit({ parentId: true });

export async function listDepartments(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('departments as d')
    .select(['d.id', 'd.parent_id', 'd.name', 'd.kind', 'd.division_code',
      (eb) => eb.selectFrom('users as u').whereRef('u.department_id', '=', 'd.id').select(eb.fn.countAll<number>().as('n')).as('user_count')])
    .orderBy('d.kind')
    .orderBy('d.name')
    .execute();
  return rows.map((r) => ({
    id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, divisionCode: r.division_code, userCount: Number(r.user_count ?? 0),
  }));
}

async function getDepartment(ctx: Ctx, id: string) {
  const d = (await listDepartments(ctx)).find((x) => x.id === id);
  if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
  return d;
}

async function assertNameFree(ctx: Ctx, name: string, parentId: string | null, selfId?: string) {
  let q = ctx.db.selectFrom('departments').select('id').where('name', '=', name);
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  if (selfId) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw new AppError('DEPARTMENT_NAME_TAKEN', { name: '同级下已有同名部门' });
}

async function assertDivision(ctx: Ctx, code: string | null) {
  if (!code) return;
  const d = await ctx.db.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst();
  if (!d || !divisionCovers(ctx.countyCode, code)) throw new AppError('VALIDATION_FAILED', { divisionCode: '不是本县（区）的行政区划' });
}

export async function createDepartment(ctx: Ctx, input: z.infer<typeof DepartmentInput>) {
  await assertDivision(ctx, input.divisionCode);
  if (input.parentId) {
    const parent = await ctx.db.selectFrom('departments').select(['kind']).where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw new AppError('DEPARTMENT_NOT_FOUND');
    if (parent.kind !== 'department') throw new AppError('VALIDATION_FAILED', { parentId: '科室下不能再设科室' });
  }
  await assertNameFree(ctx, input.name, input.parentId);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('departments').values({
      name: input.name, parent_id: input.parentId, kind: input.parentId ? 'section' : 'department', division_code: input.divisionCode,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'department.create', entityType: 'department', entityId: id, after: input });
    return id;
  });
  return getDepartment(ctx, id);
}

export async function updateDepartment(ctx: Ctx, id: string, input: z.infer<typeof DepartmentUpdate>) {
  const cur = await ctx.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur) throw new AppError('DEPARTMENT_NOT_FOUND');
  await assertDivision(ctx, input.divisionCode);
  await assertNameFree(ctx, input.name, cur.parent_id, id);
  await ctx.db.transaction().execute(async (tx) => {
    const diff = changedFields({ name: cur.name, divisionCode: cur.division_code }, input);
    if (!diff) return;
    await tx.updateTable('departments').set({ name: input.name, division_code: input.divisionCode, updated_at: ctx.now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'department.update', entityType: 'department', entityId: id, ...diff });
  });
  return getDepartment(ctx, id);
}

export async function deleteDepartment(ctx: Ctx, id: string) {
  const d = await getDepartment(ctx, id);
  const child = await ctx.db.selectFrom('departments').select('id').where('parent_id', '=', id).executeTakeFirst();
  if (child || d.userCount > 0) throw new AppError('DEPARTMENT_IN_USE');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('departments').where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'department.delete', entityType: 'department', entityId: id, before: { name: d.name, kind: d.kind } });
  });
}
