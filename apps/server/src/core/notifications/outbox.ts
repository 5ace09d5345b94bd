import type { Tx } from '../context';
import type { OutboxChannel } from '../../db/schema';
import { enqueueJob } from '../jobs/job-queue';

/** The background job that delivers the outbox (deliver-outbox.ts). */
export const OUTBOX_JOB = 'notifications.deliver_outbox';

/** A message to queue: to a user's phone or e-mail (userId), or to an address that is no user's. */
export interface QueuedMessage {
  channel: OutboxChannel;
  address: string;
  subject?: string;
  body: string;
  userId?: string | null;
  notificationId?: string | null;
}

/**
 * Writes messages to the outbox in the caller's transaction, and a delivery job with them: both
 * appear when the transaction commits (the job runner picks the job up within its poll interval,
 * so messages leave within a second or two) and both disappear with a rollback. Nothing is sent here.
 */
export async function queueMessages(tx: Tx, messages: readonly QueuedMessage[], now: Date): Promise<number> {
  const rows = messages.filter((m) => m.address.trim() !== '');
  if (rows.length === 0) return 0;
  await tx.insertInto('notification_outbox').values(rows.map((m) => ({
    channel: m.channel, address: m.address.trim(), subject: m.subject ?? '', body: m.body,
    user_id: m.userId ?? null, notification_id: m.notificationId ?? null, created_at: now, updated_at: now,
  }))).execute();
  await ensureDeliveryJob(tx, now);
  return rows.length;
}

/**
 * A delivery job due by `runAt`, unless one is queued already. Two transactions that queue at the
 * same time may each add one: harmless, since delivery claims each message under a lock.
 */
export async function ensureDeliveryJob(tx: Tx, runAt: Date): Promise<void> {
  const queued = await tx.selectFrom('jobs').select('id')
    .where('kind', '=', OUTBOX_JOB).where('status', '=', 'queued').where('run_at', '<=', runAt)
    .limit(1).executeTakeFirst();
  if (!queued) await enqueueJob(tx, { kind: OUTBOX_JOB, runAt, maxAttempts: 3 });
}

/** Where a user's SMS and e-mail go: an active user's phone / e-mail, unless they opted out of the channel. */
export async function addressesOf(tx: Tx, userId: string): Promise<{ channel: OutboxChannel; address: string }[]> {
  const user = await tx.selectFrom('users').select(['phone', 'email']).where('id', '=', userId).where('status', '=', 'active').executeTakeFirst();
  if (!user || (!user.phone.trim() && !user.email.trim())) return [];
  const optedOut = new Set((await tx.selectFrom('notification_channel_optouts').select('channel').where('user_id', '=', userId).execute()).map((o) => o.channel));
  const out: { channel: OutboxChannel; address: string }[] = [];
  if (user.phone.trim() && !optedOut.has('sms')) out.push({ channel: 'sms', address: user.phone.trim() });
  if (user.email.trim() && !optedOut.has('email')) out.push({ channel: 'email', address: user.email.trim() });
  return out;
}
