import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { can } from '../../../core/identity/actor';
import { AppError } from '../../../http/app-error';

/** An inspector's area (稽核片区): the providers whose cases they handle. */
export interface InspectorArea {
  areaName: string;
  providerCodes: string[];
}

export async function areaOf(db: Tx, userId: string): Promise<InspectorArea | null> {
  const r = await db.selectFrom('medfund_inspector_areas').select(['area_name', 'provider_codes']).where('user_id', '=', userId).executeTakeFirst();
  return r ? { areaName: r.area_name, providerCodes: r.provider_codes } : null;
}

/** A case lies in an area when every provider of its findings does. */
export function caseInArea(area: InspectorArea | null, providerCodes: readonly string[]): boolean {
  if (!area) return false;
  const mine = new Set(area.providerCodes);
  return providerCodes.length > 0 && providerCodes.every((p) => mine.has(p));
}

/**
 * Acting on a case (a stage move, the decision, a recovered payment) is an inspector's, inside
 * their area: outside it a 403 that names the area (the bureau's staff may read every case).
 */
export async function assertInArea(ctx: Ctx, tx: Tx, c: { number: string; provider_codes: string[]; provider_names: string[] }): Promise<void> {
  if (!can(ctx.actor, 'medfund.cases.review')) throw new AppError('FORBIDDEN');
  const area = await areaOf(tx, ctx.actor.userId);
  if (caseInArea(area, c.provider_codes)) return;
  const where = c.provider_names.join('、') || c.provider_codes.join('、');
  throw new AppError('MEDFUND_CASE_OUT_OF_AREA', undefined, area
    ? { zh: `案件 ${c.number}（${where}）不在您的稽核片区「${area.areaName}」内，应由该片区的稽核员办理`, en: `Case ${c.number} (${where}) lies outside your inspection area "${area.areaName}"` }
    : { zh: `您还没有分配稽核片区，不能办理案件 ${c.number}：请联系稽核科负责人`, en: `You have no inspection area yet, so you cannot handle case ${c.number}` });
}

/**
 * The partner department a user acts for: their department (or the department of their section),
 * when it is a member of the joint supervision community. Others have no inbox (404 on every item).
 */
export async function partnerDepartmentOf(ctx: Ctx): Promise<{ id: string; name: string } | null> {
  const depId = ctx.actor.scope.departmentId;
  if (!depId) return null;
  const r = await sql<{ id: string; name: string }>`
    SELECT d.id, d.name FROM departments s JOIN departments d ON d.id = coalesce(s.parent_id, s.id)
      JOIN medfund_partner_departments p ON p.department_id = d.id
     WHERE s.id = ${depId}`.execute(ctx.db);
  return r.rows[0] ?? null;
}

/** Active users holding one of the permissions (recipients of notifications). */
export async function usersHolding(tx: Tx, permissions: string[]): Promise<string[]> {
  const rows = await tx.selectFrom('users as u').select('u.id').where('u.status', '=', 'active')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND ro.permissions && ${permissions}::text[])`)
    .orderBy('u.id').execute();
  return rows.map((r) => r.id);
}
