import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';

/** Active users bound to one of the enterprises whose roles grant `permission` (the enterprise's HR). */
export async function enterpriseUsers(db: Tx, permission: string, enterpriseIds?: string[]): Promise<{ id: string; enterprise_id: string }[]> {
  if (enterpriseIds && enterpriseIds.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .select(['u.id', 'u.enterprise_id'])
    .where('u.status', '=', 'active')
    .where('u.enterprise_id', 'is not', null)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${permission} = ANY (r.permissions))`);
  if (enterpriseIds) q = q.where('u.enterprise_id', 'in', enterpriseIds);
  const rows = await q.orderBy('u.id').execute();
  return rows.map((r) => ({ id: r.id, enterprise_id: r.enterprise_id! }));
}

/** Active users whose roles grant `permission` and who are bound to no enterprise (the office). */
export async function officeUsers(db: Tx, permission: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where('u.enterprise_id', 'is', null)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.code = ur.role_code WHERE ur.user_id = u.id AND ${permission} = ANY (r.permissions))`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The logins of the talents listed in a cycle (a talent without a login gets no notification). */
export async function listedTalentUsers(db: Tx, cycleId: string): Promise<{ userId: string; rank: number; points: number }[]> {
  const rows = await db
    .selectFrom('talent_cycle_talent_entries as x')
    .innerJoin('talents as t', 't.id', 'x.talent_id')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'x.rank', 'x.points'])
    .where('x.cycle_id', '=', cycleId)
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, rank: r.rank, points: Number(r.points) }));
}

export async function notifyAll(tx: Tx, notifier: Notifier, userIds: Iterable<string>, n: { title: string; body?: string; link?: string }) {
  for (const id of new Set(userIds)) await notifier.notify(tx, id, n);
}
