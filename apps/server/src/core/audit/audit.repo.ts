import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { countRows } from '../../db/count-rows';
import { startingWith } from '../../db/like';

export const AuditQuery = z.object({
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  enterpriseId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
type AuditQuery = z.infer<typeof AuditQuery>;

export const AUDIT_EXPORT_LIMIT = 100_000;

/** A bare date is a day in Beijing time: 'from' at its start, 'to' at its end. */
function bound(v: string, end: boolean): Date {
  if (v.length > 10) return new Date(v);
  const start = new Date(`${v}T00:00:00+08:00`);
  return end ? new Date(start.getTime() + 86_400_000) : start;
}

function filtered(db: Kysely<DB>, q: AuditQuery) {
  let qb = db.selectFrom('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id');
  if (q.actor) qb = qb.where((eb) => eb.or([eb('u.username', '=', q.actor!.toLowerCase()), eb('a.actor_name', '=', q.actor!)]));
  if (q.action) qb = qb.where('a.action', 'like', startingWith(q.action));
  if (q.entityType) qb = qb.where('a.entity_type', '=', q.entityType);
  if (q.entityId) qb = qb.where('a.entity_id', '=', q.entityId);
  if (q.enterpriseId) qb = qb.where('a.enterprise_id', '=', q.enterpriseId);
  if (q.from) qb = qb.where('a.at', '>=', bound(q.from, false));
  if (q.to) qb = qb.where('a.at', '<', bound(q.to, true));
  return qb;
}

const COLUMNS = ['a.id', 'a.at', 'a.actor_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.enterprise_id', 'a.before', 'a.after', 'a.ip'] as const;

export async function auditPage(db: Kysely<DB>, q: AuditQuery) {
  const base = filtered(db, q);
  const [rows, count] = await Promise.all([
    base.select(COLUMNS).orderBy('a.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(db, base),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, at: r.at, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
      enterpriseId: r.enterprise_id, before: r.before, after: r.after, ip: r.ip,
    })),
    ...count,
  };
}

export function auditRowsForExport(db: Kysely<DB>, q: AuditQuery) {
  return filtered(db, q).select(COLUMNS).orderBy('a.id', 'desc').limit(AUDIT_EXPORT_LIMIT).execute();
}
