import { canonicalJson } from '../json/canonical-json';
import type { Ctx, Tx } from '../context';

export interface AuditEntry {
  action: string; // <entity>.<verb>, e.g. enterprise.update, contact.reveal, user.lock
  entityType: string;
  entityId?: string | null;
  enterpriseId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends to the audit log. Call it with the transaction of the write it describes, so that the
 * entry and the change commit or fail together.
 */
export async function recordAudit(tx: Tx, ctx: Omit<Ctx, 'db'>, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor_id: ctx.actor.userId,
      actor_name: ctx.actor.displayName,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      enterprise_id: entry.enterpriseId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
      ip: ctx.ip,
    })
    .execute();
}

/** Only the fields that changed, for before/after entries that a person can read. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
