import type { Tx } from '../../../core/context';

/**
 * An audit row whose actor is the system (the escalation sweep, the follow-up chase): no user,
 * actor_name 系统 — the same who / what / when / after as recordAudit writes for people.
 */
export interface SystemAuditEntry { action: string; entityType: string; entityId?: string; enterpriseId?: string | null; after?: unknown }

export async function recordSystemAudit(tx: Tx, at: Date, entry: SystemAuditEntry): Promise<void> {
  await tx.insertInto('audit_log').values({
    at,
    actor_id: null,
    actor_name: '系统',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    enterprise_id: entry.enterpriseId ?? null,
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }).execute();
}

/** Several system audit rows in one INSERT (the sweep's marks of one batch), in the order given. */
export async function recordSystemAudits(tx: Tx, at: Date, entries: readonly SystemAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insertInto('audit_log').values(entries.map((entry) => ({
    at,
    actor_id: null,
    actor_name: '系统',
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    enterprise_id: entry.enterpriseId ?? null,
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }))).execute();
}
