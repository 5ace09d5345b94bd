import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB, OutboxChannel } from '../../db/schema';
import type { JobHandler } from '../jobs/job-runner';
import type { OutboundAdapter } from './notifier';
import { afterFailedAttempt, errorText, OUTBOX_MAX_ATTEMPTS, retentionCutoff, SENDING_LEASE_MS } from './domain/delivery-policy';
import { ensureDeliveryJob } from './outbox';

export interface DeliveryResult {
  sent: number;
  /** Refused by the gateway, queued again for a later attempt. */
  retrying: number;
  /** Refused on the last attempt: given up. */
  failed: number;
  /** Left 'sending' by a process that died: marked failed, not sent again. */
  interrupted: number;
  /** Sent longer ago than the retention period: deleted. */
  purged: number;
}

interface Claimed {
  id: number;
  channel: OutboxChannel;
  address: string;
  subject: string;
  body: string;
  attempts: number;
}

/** One run delivers at most this many messages; the rest wait for the next job (queued at the end). */
const MAX_PER_RUN = 1000;
/** One run deletes at most this many expired messages (the rest go with the next runs). */
const MAX_PURGED_PER_RUN = 5000;
const INTERRUPTED = '发送过程中断（进程退出），无法确认是否已送达，未自动重发 / Sending was interrupted; not retried automatically';

/**
 * Delivers the outbox: claims one due message at a time (queued -> sending, attempts + 1, under a
 * lease) with FOR UPDATE SKIP LOCKED, so that deliveries running at once in several processes never
 * take the same message, sends it through the adapter outside any transaction, then marks it sent,
 * or queued again with backoff, or failed after the last attempt (domain/delivery-policy.ts). A
 * message is sent at most once by this code: it is only ever sent by whoever moved it to 'sending'.
 * At the end, sent messages older than the retention period are deleted, and the next delivery is
 * queued for the earliest retry still waiting.
 */
export async function deliverOutbox(
  db: Kysely<DB>,
  adapter: OutboundAdapter,
  now: () => Date,
  log?: FastifyBaseLogger,
  maxAttempts = OUTBOX_MAX_ATTEMPTS,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, interrupted: 0, purged: 0 };
  result.interrupted = await giveUpInterrupted(db, now());
  for (let i = 0; i < MAX_PER_RUN; i++) {
    const m = await claimNext(db, now());
    if (!m) break;
    try {
      await adapter.send({ channel: m.channel, to: m.address, ...(m.subject ? { subject: m.subject } : {}), body: m.body });
    } catch (err) {
      const error = errorText(err);
      const outcome = afterFailedAttempt(m.attempts, now(), maxAttempts);
      log?.warn({ outboxId: m.id, channel: m.channel, attempts: m.attempts, err: error, outcome: outcome.status }, 'outbound message refused');
      await db.updateTable('notification_outbox')
        .set({
          status: outcome.status, last_error: error, locked_until: null, updated_at: now(),
          next_attempt_at: outcome.status === 'queued' ? outcome.nextAttemptAt : null,
        })
        .where('id', '=', m.id).where('status', '=', 'sending')
        .execute();
      if (outcome.status === 'queued') result.retrying++;
      else result.failed++;
      continue;
    }
    // Sent: recorded as sent even if a stale-lease check marked it failed meanwhile (it did go out).
    await db.updateTable('notification_outbox')
      .set({ status: 'sent', sent_at: now(), locked_until: null, updated_at: now(), next_attempt_at: null })
      .where('id', '=', m.id).where('status', 'in', ['sending', 'failed'])
      .execute();
    result.sent++;
  }
  result.purged = await purgeExpired(db, now());
  await scheduleNext(db, now());
  return result;
}

async function claimNext(db: Kysely<DB>, now: Date): Promise<Claimed | null> {
  const leaseUntil = new Date(now.getTime() + SENDING_LEASE_MS);
  const r = await sql<Claimed>`
    UPDATE notification_outbox
       SET status = 'sending', attempts = attempts + 1, locked_until = ${leaseUntil}, updated_at = ${now}
     WHERE id = (
       SELECT id FROM notification_outbox
        WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ${now})
        ORDER BY id
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
    RETURNING id, channel, address, subject, body, attempts`.execute(db);
  return r.rows[0] ?? null;
}

/** Messages whose sender died mid-send: failed, for an administrator to retry (never resent on their own). */
async function giveUpInterrupted(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db.updateTable('notification_outbox')
    .set({ status: 'failed', last_error: INTERRUPTED, locked_until: null, updated_at: now })
    .where('status', '=', 'sending').where('locked_until', '<', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Sent messages past the retention period (domain/delivery-policy.ts), a batch per run. created_at
 * lets the (status, created_at) index find them; sent_at keeps a message retried late by an
 * administrator for the whole period after it went out.
 */
async function purgeExpired(db: Kysely<DB>, now: Date): Promise<number> {
  const cutoff = retentionCutoff(now);
  const r = await sql`
    DELETE FROM notification_outbox
     WHERE id IN (SELECT id FROM notification_outbox
                   WHERE status = 'sent' AND created_at < ${cutoff} AND sent_at < ${cutoff}
                   ORDER BY id LIMIT ${MAX_PURGED_PER_RUN})`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** The next delivery: now if messages are due, else at the earliest retry or lease end still ahead. */
async function scheduleNext(db: Kysely<DB>, now: Date): Promise<void> {
  const next = await sql<{ at: Date | null }>`
    SELECT min(CASE WHEN status = 'queued' THEN coalesce(next_attempt_at, ${now})
                    -- just past a lease's end, so that the run finds it stale
                    ELSE locked_until + interval '1 millisecond' END) AS at
      FROM notification_outbox WHERE status IN ('queued', 'sending')`.execute(db);
  const at = next.rows[0]?.at;
  if (!at) return;
  const runAt = new Date(Math.max(new Date(at).getTime(), now.getTime()));
  await ensureDeliveryJob(db, runAt);
}

/** The job: delivers through the app's adapter (the log-only one when no gateway is configured). */
export const deliverOutboxJob: JobHandler = async (_job, ctx) => {
  if (!ctx.notifier) throw new Error('The outbox cannot be delivered: this job runner has no notifier (and so no adapter)');
  return deliverOutbox(ctx.db, ctx.notifier.outbound, ctx.now, ctx.log);
};
