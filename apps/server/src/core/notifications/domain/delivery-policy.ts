/**
 * How the outbox retries a message its gateway refused (pure: no database, no clock of its own).
 * Attempt n that fails waits RETRY_BASE_MS × 2^(n−1) before the next one — 30 s, 1 min, 2 min,
 * 4 min — and after OUTBOX_MAX_ATTEMPTS failed attempts the message is given up (failed), for an
 * administrator to look at and retry by hand.
 */
export const OUTBOX_MAX_ATTEMPTS = 5;
export const RETRY_BASE_MS = 30_000;
/**
 * How long a claimed message may stay 'sending'. A message still 'sending' after that belongs to a
 * process that died mid-send: it is marked failed, never sent again on its own (it may have gone
 * out, and a message is never sent twice).
 */
export const SENDING_LEASE_MS = 5 * 60_000;

/**
 * How long a sent message stays in the outbox (消息发送记录) before a delivery run deletes it. Failed
 * messages are kept until an administrator retries them; the in-app notification and the audit
 * entries of the business action that caused the message are kept regardless.
 */
export const OUTBOX_RETENTION_DAYS = 180;

/** The moment before which sent messages are deleted. */
export function retentionCutoff(now: Date, days = OUTBOX_RETENTION_DAYS): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export type AttemptOutcome =
  | { status: 'queued'; nextAttemptAt: Date }
  | { status: 'failed' };

/** After failed attempt number `attempts` (1 = the first): when to try again, or give up. */
export function afterFailedAttempt(attempts: number, now: Date, maxAttempts = OUTBOX_MAX_ATTEMPTS): AttemptOutcome {
  if (attempts >= maxAttempts) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: new Date(now.getTime() + RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1)) };
}

/** A gateway's error, kept short enough to store and show (no stack). */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.trim() || 'unknown error').slice(0, 500);
}
