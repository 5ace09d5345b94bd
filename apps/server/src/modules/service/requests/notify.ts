import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { NotificationText } from '../../../core/notifications/domain/message-text';

/**
 * Who hears about a request (notifications, core/notifications: in-app, and SMS / e-mail queued in
 * the outbox for those with a phone / e-mail): a unit's officers and
 * agents, the office's dispatchers, an enterprise's users. Recipients are found by the
 * permission their roles hold, so an administrator's own roles work too.
 */
export async function usersWithPermission(tx: Tx, permissions: string[], where: { departmentIds?: string[]; enterpriseIds?: string[] } = {}): Promise<string[]> {
  let qb = tx
    .selectFrom('users as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code
      WHERE ur.user_id = u.id AND ro.permissions && ${permissions}::text[])`);
  if (where.departmentIds) qb = qb.where('u.department_id', 'in', where.departmentIds.length ? where.departmentIds : ['00000000-0000-0000-0000-000000000000']);
  if (where.enterpriseIds) qb = qb.where('u.enterprise_id', 'in', where.enterpriseIds.length ? where.enterpriseIds : ['00000000-0000-0000-0000-000000000000']);
  return (await qb.orderBy('u.id').execute()).map((u) => u.id);
}

export async function enterpriseUsers(tx: Tx, enterpriseIds: readonly string[]): Promise<string[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await tx.selectFrom('users').select('id').where('status', '=', 'active').where('enterprise_id', 'in', [...enterpriseIds]).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export const unitStaff = (tx: Tx, unitIds: string[]) => usersWithPermission(tx, ['service.handle', 'service.agent'], { departmentIds: unitIds });
export const dispatchers = (tx: Tx) => usersWithPermission(tx, ['service.dispatch']);

export async function notifyAll(notifier: Notifier, tx: Tx, userIds: readonly string[], n: NotificationText): Promise<void> {
  for (const id of new Set(userIds)) await notifier.notify(tx, id, n);
}

export const requestLink = (id: string) => `/service/requests/${id}`;
