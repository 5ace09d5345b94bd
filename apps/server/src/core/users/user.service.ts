import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { recordAudit, changedFields } from '../audit/audit';
import { hashPassword, passwordProblem } from '../identity/password';
import { deleteUserSessions } from '../identity/sessions';
import { maskEmail, maskPhone } from '../privacy/mask';
import { countRows } from '../../db/count-rows';
import type { Ctx, Tx } from '../context';
import { containing } from '../../db/like';

export const UserScopeInput = z.object({
  enterpriseId: z.uuid().nullable().default(null),
  departmentId: z.uuid().nullable().default(null),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).nullable().default(null),
});

export const UserInput = UserScopeInput.extend({
  displayName: z.string().trim().min(1).max(50),
  // A mainland mobile number (1[3-9] and 9 digits), or none. SMS / e-mail reminders go to these.
  phone: z.string().trim().regex(/^(1[3-9]\d{9})?$/, '请填写 11 位手机号（1 开头，第二位 3–9）').default(''),
  email: z.string().trim().max(254).refine((v) => v === '' || z.email().safeParse(v).success, '电子邮箱格式不正确，例如 name@example.gov.cn').default(''),
  roles: z.array(z.string()).min(1, '至少分配一个角色'),
});
export const NewUserInput = UserInput.extend({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,64}$/, '3–64 位小写字母、数字、._-'),
  password: z.string().max(200),
});
type UserData = z.infer<typeof UserInput>;
/** Editing a user: a phone or e-mail left out keeps the stored one (the form only shows them masked). */
export const UserUpdateInput = UserInput.extend({ phone: UserInput.shape.phone.unwrap().optional(), email: UserInput.shape.email.unwrap().optional() });

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: z.string().optional(),
  status: z.enum(['active', 'locked']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

function userSelect(ctx: Ctx) {
  return ctx.db
    .selectFrom('users as u')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .leftJoin('departments as dep', 'dep.id', 'u.department_id')
    .leftJoin('divisions as d', 'd.code', 'u.division_code')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.phone', 'u.email', 'u.status', 'u.enterprise_id', 'e.name as enterprise_name',
      'u.department_id', 'dep.name as department_name', 'u.division_code', 'd.name as division_name', 'u.last_login_at',
      sql<string[]>`coalesce((SELECT array_agg(role_code ORDER BY role_code) FROM user_roles WHERE user_id = u.id), '{}')`.as('roles'),
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userSelect>['execute']>>[number];

/** Administrators see phone numbers and e-mail addresses masked too: they manage accounts, not people's contacts (revealUserContact). */
const toView = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  phone: maskPhone(u.phone),
  email: maskEmail(u.email),
  status: u.status,
  roles: u.roles,
  enterpriseId: u.enterprise_id,
  enterpriseName: u.enterprise_name,
  departmentId: u.department_id,
  departmentName: u.department_name,
  divisionCode: u.division_code,
  divisionName: u.division_name,
  lastLoginAt: u.last_login_at,
});

export async function listUsers(ctx: Ctx, q: z.infer<typeof UserListQuery>) {
  let base = userSelect(ctx);
  if (q.q) base = base.where((eb) => eb.or([eb('u.username', 'ilike', containing(q.q!)), eb('u.display_name', 'ilike', containing(q.q!))]));
  if (q.status) base = base.where('u.status', '=', q.status);
  if (q.role) base = base.where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_code = ${q.role})`);
  const [rows, count] = await Promise.all([
    base.orderBy('u.username').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(ctx.db, base),
  ]);
  return { items: rows.map(toView), ...count };
}

export async function getUser(ctx: Ctx, id: string) {
  const u = await userSelect(ctx).where('u.id', '=', id).executeTakeFirst();
  if (!u) throw new AppError('USER_NOT_FOUND');
  return toView(u);
}

async function checkReferences(tx: Tx, input: UserData): Promise<void> {
  const fields: Record<string, string> = {};
  const roles = await tx.selectFrom('roles').select('code').where('code', 'in', input.roles).execute();
  if (roles.length !== new Set(input.roles).size) fields.roles = '包含不存在的角色';
  if (input.enterpriseId && !(await tx.selectFrom('enterprises').select('id').where('id', '=', input.enterpriseId).executeTakeFirst())) {
    fields.enterpriseId = '企业不存在';
  }
  if (input.departmentId && !(await tx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst())) {
    fields.departmentId = '部门不存在';
  }
  if (input.divisionCode && !(await tx.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst())) {
    fields.divisionCode = '行政区划不存在';
  }
  if (input.roles.includes('enterprise_user') && !input.enterpriseId) fields.enterpriseId = '企业用户须绑定所属企业';
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
}

async function setRoles(tx: Tx, userId: string, roles: string[]) {
  await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  await tx.insertInto('user_roles').values([...new Set(roles)].map((r) => ({ user_id: userId, role_code: r }))).execute();
}

const auditView = (i: UserData) => ({ ...i, phone: maskPhone(i.phone), email: maskEmail(i.email), roles: [...i.roles].sort() });

export async function createUser(ctx: Ctx, input: z.infer<typeof NewUserInput>) {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('VALIDATION_FAILED', { password: problem });
  const hash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (tx) => {
    await checkReferences(tx, input);
    if (await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
      throw new AppError('USERNAME_TAKEN', { username: '用户名已被使用' });
    }
    const { id } = await tx.insertInto('users').values({
      username: input.username, display_name: input.displayName, password_hash: hash, phone: input.phone, email: input.email,
      enterprise_id: input.enterpriseId, department_id: input.departmentId, division_code: input.divisionCode,
    }).returning('id').executeTakeFirstOrThrow();
    await setRoles(tx, id, input.roles);
    const { password: _p, ...rest } = input;
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: { ...auditView(rest), username: input.username } });
    return id;
  });
  return getUser(ctx, id);
}

export async function updateUser(ctx: Ctx, id: string, update: z.infer<typeof UserUpdateInput>) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw new AppError('USER_NOT_FOUND');
    const input: UserData = { ...update, phone: update.phone ?? cur.phone, email: update.email ?? cur.email };
    await checkReferences(tx, input);
    const roles = (await tx.selectFrom('user_roles').select('role_code').where('user_id', '=', id).execute()).map((r) => r.role_code);
    const before: UserData = {
      displayName: cur.display_name, phone: cur.phone, email: cur.email, roles, enterpriseId: cur.enterprise_id, departmentId: cur.department_id, divisionCode: cur.division_code,
    };
    // Compared in full (a new number may look the same masked), written masked.
    const raw = changedFields({ ...before, roles: [...before.roles].sort() }, { ...input, roles: [...input.roles].sort() });
    if (!raw) return;
    const masked = (v: Partial<UserData>) => ({
      ...v, ...(v.phone !== undefined ? { phone: maskPhone(v.phone) } : {}), ...(v.email !== undefined ? { email: maskEmail(v.email) } : {}),
    });
    const diff = { before: masked(raw.before), after: masked(raw.after) };
    await tx.updateTable('users').set({
      display_name: input.displayName, phone: input.phone, email: input.email, enterprise_id: input.enterpriseId,
      department_id: input.departmentId, division_code: input.divisionCode, updated_at: ctx.now,
    }).where('id', '=', id).execute();
    await setRoles(tx, id, input.roles);
    await recordAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, ...diff });
  });
  return getUser(ctx, id);
}

export async function setUserLocked(ctx: Ctx, id: string, locked: boolean) {
  if (locked && id === ctx.actor.userId) throw new AppError('CANNOT_LOCK_SELF');
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('users').select(['status']).where('id', '=', id).executeTakeFirst();
    if (!cur) throw new AppError('USER_NOT_FOUND');
    const status = locked ? 'locked' : 'active';
    await tx.updateTable('users').set({ status, failed_logins: 0, updated_at: ctx.now }).where('id', '=', id).execute();
    if (locked) await deleteUserSessions(tx, id); // a locked account is signed out everywhere at once
    await recordAudit(tx, ctx, { action: locked ? 'user.lock' : 'user.unlock', entityType: 'user', entityId: id, before: { status: cur.status }, after: { status } });
  });
  return getUser(ctx, id);
}

export async function resetPassword(ctx: Ctx, id: string, password: string) {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('VALIDATION_FAILED', { password: problem });
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('users').set({ password_hash: hash, failed_logins: 0, updated_at: ctx.now }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('USER_NOT_FOUND');
    await deleteUserSessions(tx, id);
    await recordAudit(tx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
}

/** A user's full phone number and e-mail address (for those who need to reach them); every reveal is audited. */
export async function revealUserContact(ctx: Ctx, id: string): Promise<{ phone: string; email: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const u = await tx.selectFrom('users').select(['phone', 'email']).where('id', '=', id).executeTakeFirst();
    if (!u) throw new AppError('USER_NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'user.reveal', entityType: 'user', entityId: id, after: { fields: ['phone', 'email'] } });
    return { phone: u.phone, email: u.email };
  });
}
