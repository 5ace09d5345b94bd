import type { Ctx, Tx } from '../context';
import type { OutboxChannel } from '../../db/schema';
import { recordAudit } from '../audit/audit';
import { maskAddress } from './outbox.repo';

export type ChannelChoice = Record<OutboxChannel, boolean>;
const CHANNELS: OutboxChannel[] = ['sms', 'email'];

/** The user's own SMS / e-mail choice, with where each goes (masked; null = no address, so nothing is sent). */
export async function channelPreferences(tx: Tx, userId: string) {
  const user = await tx.selectFrom('users').select(['phone', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
  const off = new Set((await tx.selectFrom('notification_channel_optouts').select('channel').where('user_id', '=', userId).execute()).map((o) => o.channel));
  const addressOf = { sms: user.phone.trim(), email: user.email.trim() };
  return Object.fromEntries(CHANNELS.map((c) => [c, { enabled: !off.has(c), address: addressOf[c] ? maskAddress(c, addressOf[c]) : null }])) as
    Record<OutboxChannel, { enabled: boolean; address: string | null }>;
}

/** Turns a channel on or off for the signed-in user (in-app notifications always stay), audited. */
export async function setChannelPreferences(ctx: Ctx, choice: ChannelChoice) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await channelPreferences(tx, ctx.actor.userId);
    for (const c of CHANNELS) {
      if (choice[c]) await tx.deleteFrom('notification_channel_optouts').where('user_id', '=', ctx.actor.userId).where('channel', '=', c).execute();
      else await tx.insertInto('notification_channel_optouts').values({ user_id: ctx.actor.userId, channel: c }).onConflict((oc) => oc.doNothing()).execute();
    }
    const after = await channelPreferences(tx, ctx.actor.userId);
    if (CHANNELS.some((c) => before[c].enabled !== after[c].enabled)) {
      await recordAudit(tx, ctx, {
        action: 'notification.channels.update', entityType: 'user', entityId: ctx.actor.userId,
        before: { sms: before.sms.enabled, email: before.email.enabled }, after: { sms: after.sms.enabled, email: after.email.enabled },
      });
    }
    return after;
  });
}
