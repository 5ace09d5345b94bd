import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { recordAudit, changedFields } from '../audit/audit';
import type { Ctx } from '../context';
import { permissionCatalog } from './permission-catalog';

export const RoleInput = z.object({
  name: z.string().trim().min(1).max(50),
  description: z.string().trim().max(200).default(''),
  permissions: z.array(z.string()).default([]),
});
export const NewRoleInput = RoleInput.extend({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,40}$/, '2–41 位小写字母、数字或下划线，以字母开头'),
});
type RoleData = z.infer<typeof RoleInput>;

function checkPermissions(perms: string[]) {
  const known = new Set(permissionCatalog().map((p) => p.code));
  const unknown = perms.filter((p) => !known.has(p));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', { permissions: `未知权限：${unknown.join('、')}` });
}

export async function listRoles(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('roles as r')
    .select(['r.code', 'r.name', 'r.description', 'r.permissions', 'r.is_system',
      (eb) => eb.selectFrom('user_roles as ur').whereRef('ur.role_code', '=', 'r.code').select(eb.fn.countAll<number>().as('n')).as('user_count')])
    .orderBy('r.is_system', 'desc')
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({
    code: r.code, name: r.name, description: r.description, permissions: r.permissions, isSystem: r.is_system, userCount: Number(r.user_count ?? 0),
  }));
}

async function getRole(ctx: Ctx, code: string) {
  const role = (await listRoles(ctx)).find((r) => r.code === code);
  if (!role) throw new AppError('ROLE_NOT_FOUND');
  return role;
}

export async function createRole(ctx: Ctx, input: z.infer<typeof NewRoleInput>) {
  checkPermissions(input.permissions);
  await ctx.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('roles').select('code').where('code', '=', input.code).executeTakeFirst()) {
      throw new AppError('ROLE_CODE_TAKEN', { code: '角色代码已存在' });
    }
    await tx.insertInto('roles').values({ code: input.code, name: input.name, description: input.description, permissions: [...new Set(input.permissions)] }).execute();
    await recordAudit(tx, ctx, { action: 'role.create', entityType: 'role', entityId: input.code, after: input });
  });
  return getRole(ctx, input.code);
}

/** Built-in roles can be renamed and given other permissions, but not deleted. */
export async function updateRole(ctx: Ctx, code: string, input: RoleData) {
  checkPermissions(input.permissions);
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
    if (!cur) throw new AppError('ROLE_NOT_FOUND');
    const next = { ...input, permissions: [...new Set(input.permissions)].sort() };
    const diff = changedFields({ name: cur.name, description: cur.description, permissions: [...cur.permissions].sort() }, next);
    if (!diff) return;
    await tx.updateTable('roles').set({ ...next, updated_at: ctx.now }).where('code', '=', code).execute();
    await recordAudit(tx, ctx, { action: 'role.update', entityType: 'role', entityId: code, ...diff });
  });
  return getRole(ctx, code);
}

export async function deleteRole(ctx: Ctx, code: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('roles').selectAll().where('code', '=', code).executeTakeFirst();
    if (!cur) throw new AppError('ROLE_NOT_FOUND');
    if (cur.is_system) throw new AppError('SYSTEM_ROLE_READONLY');
    if (await tx.selectFrom('user_roles').select('user_id').where('role_code', '=', code).executeTakeFirst()) throw new AppError('ROLE_IN_USE');
    await tx.deleteFrom('roles').where('code', '=', code).execute();
    await recordAudit(tx, ctx, { action: 'role.delete', entityType: 'role', entityId: code, before: { name: cur.name, permissions: cur.permissions } });
  });
}
