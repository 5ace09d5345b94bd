import type { Tx } from '../../../core/context';
import type { Notifier, OutboundMessage } from '../../../core/notifications/notifier';

/**
 * The SMS and e-mail a set of users gets for one sweep event: one SMS to each user with a phone,
 * one e-mail to each with an address (users.phone / users.email; none = in-app only).
 */
export async function outboundFor(tx: Tx, userIds: readonly string[], text: string, subject: string): Promise<OutboundMessage[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const users = await tx.selectFrom('users').select(['id', 'phone', 'email']).where('id', 'in', ids).where('status', '=', 'active').orderBy('id').execute();
  const out: OutboundMessage[] = [];
  for (const u of users) {
    if (u.phone.trim()) out.push({ channel: 'sms', to: u.phone.trim(), body: text });
    if (u.email.trim()) out.push({ channel: 'email', to: u.email.trim(), subject, body: text });
  }
  return out;
}

/**
 * Sends after the transaction committed. The sweep's job wraps the app's notifier so that a
 * message its gateway refuses is logged and the others still go (escalation-sweep.ts).
 */
export async function sendAll(notifier: Notifier, messages: readonly OutboundMessage[]): Promise<void> {
  for (const m of messages) await notifier.send(m);
}
