import type { FastifyBaseLogger } from 'fastify';
import type { Tx } from '../context';
import { emailBody, emailSubject, smsText, type NotificationText } from './domain/message-text';
import { addressesOf, queueMessages } from './outbox';

/**
 * Notifications reach people in the app (a row they see in the bell) and by SMS and e-mail. The
 * platform does not talk to an SMS gateway or a mail server itself: an adapter does, and the
 * default adapter only writes a log line (nothing leaves the machine). Messages are not sent by
 * notify(): they are queued in the outbox in the caller's transaction and delivered after commit
 * by a background job (deliver-outbox.ts), so a rolled-back transaction sends nothing.
 */
export interface OutboundMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

export interface OutboundAdapter {
  /** Sends one message; throws when the gateway refuses it (the outbox retries later). */
  send(message: OutboundMessage): Promise<void>;
}

/** Default adapter: logs the message with the recipient masked. */
export class LogOnlyAdapter implements OutboundAdapter {
  readonly sent: OutboundMessage[] = [];
  constructor(private readonly log: FastifyBaseLogger) {}
  async send(message: OutboundMessage): Promise<void> {
    this.sent.push(message);
    this.log.info({ channel: message.channel, to: maskRecipient(message.to), subject: message.subject }, 'outbound message (log only)');
  }
}

function maskRecipient(to: string): string {
  return to.length > 4 ? `${to.slice(0, 3)}***${to.slice(-2)}` : '***';
}

export class Notifier {
  constructor(
    /** The adapter the outbox's delivery job sends through. */
    readonly outbound: OutboundAdapter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A notification, in the caller's transaction: the in-app row, and an SMS to the user's phone
   * and an e-mail to their address (when they have one and have not opted out of the channel),
   * queued in the outbox. `text` is the SMS / e-mail wording when the caller has its own.
   */
  async notify(tx: Tx, userId: string, n: NotificationText): Promise<void> {
    const row = await tx.insertInto('notifications')
      .values({ user_id: userId, title: n.title, body: n.body ?? '', link: n.link ?? null })
      .returning('id').executeTakeFirstOrThrow();
    const addresses = await addressesOf(tx, userId);
    await queueMessages(tx, addresses.map((a) => a.channel === 'sms'
      ? { channel: 'sms' as const, address: a.address, body: smsText(n), userId, notificationId: row.id }
      : { channel: 'email' as const, address: a.address, subject: emailSubject(n), body: emailBody(n), userId, notificationId: row.id }), this.now());
  }
}
