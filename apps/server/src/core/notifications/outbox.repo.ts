import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB, OutboxChannel, OutboxStatus } from '../../db/schema';
import { countRows } from '../../db/count-rows';
import { maskEmail, maskPhone } from '../privacy/mask';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

export const OutboxQuery = z.object({
  channel: z.enum(['sms', 'email']).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  /** A day in Beijing time (YYYY-MM-DD) or an instant: messages queued from then … */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** … to then (a bare date counts its whole day). */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OUTBOX_EXPORT_LIMIT = 100_000;

/** A bare date is a day in Beijing time: 'from' at its start, 'to' at its end. */
function bound(v: string, end: boolean): Date {
  if (v.length > 10) return new Date(v);
  const start = new Date(`${v}T00:00:00+08:00`);
  return end ? new Date(start.getTime() + 86_400_000) : start;
}

function filtered(db: Kysely<DB>, q: Omit<OutboxQuery, 'page' | 'pageSize'>, withStatus = true) {
  let qb = db.selectFrom('notification_outbox as o').leftJoin('users as u', 'u.id', 'o.user_id');
  if (q.channel) qb = qb.where('o.channel', '=', q.channel);
  if (withStatus && q.status) qb = qb.where('o.status', '=', q.status);
  if (q.from) qb = qb.where('o.created_at', '>=', bound(q.from, false));
  if (q.to) qb = qb.where('o.created_at', '<', bound(q.to, true));
  return qb;
}

const COLUMNS = [
  'o.id', 'o.channel', 'o.status', 'o.address', 'o.subject', 'o.body', 'o.attempts', 'o.last_error',
  'o.created_at', 'o.sent_at', 'o.next_attempt_at', 'u.display_name as recipient_name',
] as const;

type Row = {
  id: number; channel: OutboxChannel; status: OutboxStatus; address: string; subject: string; body: string; attempts: number;
  last_error: string | null; created_at: Date; sent_at: Date | null; next_attempt_at: Date | null; recipient_name: string | null;
};

/** A phone as 138****5678, an e-mail as a***@x.cn: the page and the export never show a whole address. */
export function maskAddress(channel: OutboxChannel, address: string): string {
  return channel === 'sms' ? maskPhone(address) : maskEmail(address);
}

export function outboxView(r: Row) {
  return {
    id: r.id, channel: r.channel, status: r.status, recipientName: r.recipient_name, address: maskAddress(r.channel, r.address),
    subject: r.subject, body: r.body, attempts: r.attempts, lastError: r.last_error,
    createdAt: r.created_at, sentAt: r.sent_at, nextAttemptAt: r.next_attempt_at,
  };
}

export async function outboxPage(db: Kysely<DB>, q: OutboxQuery) {
  const base = filtered(db, q);
  const [rows, count, byStatus] = await Promise.all([
    base.select(COLUMNS).orderBy('o.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(db, base),
    filtered(db, q, false).select(['o.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('o.status').execute(),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const c of byStatus) counts[c.status] = Number(c.n);
  return { items: rows.map(outboxView), ...count, counts };
}

export function outboxRowsForExport(db: Kysely<DB>, q: Omit<OutboxQuery, 'page' | 'pageSize'>) {
  return filtered(db, q).select(COLUMNS).orderBy('o.id', 'desc').limit(OUTBOX_EXPORT_LIMIT).execute();
}

export function outboxRow(db: Kysely<DB>, id: number) {
  return filtered(db, {}).select(COLUMNS).where('o.id', '=', id).executeTakeFirst();
}
