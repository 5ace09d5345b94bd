import type { FastifyBaseLogger } from 'fastify';
import type { Tx } from '../context';

/**
 * Notifications reach people in the app (a row they see in the bell) and, through adapters,
 * by SMS and e-mail. The platform does not talk to an SMS gateway or a mail server itself:
 * an adapter does, and the default adapter only writes a log line (nothing leaves the machine).
 */
export interface OutboundMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

export interface OutboundAdapter {
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
  constructor(readonly outbound: OutboundAdapter) {}

  /** An in-app notification, in the caller's transaction. */
  async notify(tx: Tx, userId: string, n: { title: string; body?: string; link?: string }): Promise<void> {
    await tx.insertInto('notifications').values({ user_id: userId, title: n.title, body: n.body ?? '', link: n.link ?? null }).execute();
  }

  async send(message: OutboundMessage): Promise<void> {
    await this.outbound.send(message);
  }
}
