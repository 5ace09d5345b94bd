import type { Kysely } from 'kysely';
import type { Tx } from '../../../core/context';
import type { DB } from '../../../db/schema';
import type { Notifier } from '../../../core/notifications/notifier';
import { queueMessages } from '../../../core/notifications/outbox';
import { DEFAULT_FOLLOW_UP_CHASE, followUpChaseDue, followUpChaseTimes, type FollowUpChaseStep } from '../domain';
import type { PolicyBook } from '../settings/service-level-policy-store';
import { enterpriseUsers, notifyAll, requestLink, usersWithPermission } from '../requests/notify';
import { recordSystemAudit } from './system-audit';

/**
 * 回访催办, run by the escalation sweep: a resolved request that nobody has followed up (neither
 * the enterprise online nor the hotline) is reminded to the enterprise once after
 * DEFAULT_FOLLOW_UP_CHASE.remindAfterWorkingDays — in-app to its users, SMS / e-mail to their
 * phones and addresses (the outbox, with the notification) and an SMS to the request's contact — and, still unrated after hotlineAfterWorkingDays, handed to the hotline:
 * it shows on the operators' 待电话回访 list (`followUpChase=true`) and they are told in-app.
 * Each step once (a conditional UPDATE), with its event and a system audit row.
 */
export async function chaseFollowUps(db: Kysely<DB>, book: PolicyBook, now: Date, notifier: Notifier): Promise<{ reminded: number; toHotline: number }> {
  const rows = await db.selectFrom('service_requests')
    .select(['id', 'resolved_at', 'follow_up_reminded_at', 'follow_up_hotline_at'])
    .where('status', '=', 'resolved')
    .where('resolved_at', 'is not', null)
    .where('follow_up_hotline_at', 'is', null)
    .orderBy('resolved_at')
    .execute();
  let reminded = 0;
  let toHotline = 0;
  for (const r of rows) {
    const p = book.at(r.resolved_at!);
    const times = followUpChaseTimes(p.clock, p.levels.policy.officeHours, r.resolved_at!, DEFAULT_FOLLOW_UP_CHASE);
    const due = followUpChaseDue(times, { remindedAt: r.follow_up_reminded_at, hotlineAt: r.follow_up_hotline_at }, now.getTime());
    if (due && (await chaseStep(db, notifier, r.id, due, now))) {
      if (due === 'remind') reminded++;
      else toHotline++;
    }
  }
  return { reminded, toHotline };
}

async function chaseStep(db: Kysely<DB>, notifier: Notifier, requestId: string, step: FollowUpChaseStep, now: Date): Promise<boolean> {
  const done = await db.transaction().execute(async (tx) => {
    const request = await tx.selectFrom('service_requests').selectAll().where('id', '=', requestId).forUpdate().executeTakeFirst();
    if (!request || request.status !== 'resolved') return false;
    const column = step === 'remind' ? 'follow_up_reminded_at' : 'follow_up_hotline_at';
    const hit = await tx.updateTable('service_requests').set({ [column]: now })
      .where('id', '=', requestId).where(column, 'is', null).where('status', '=', 'resolved')
      .returning('id').executeTakeFirst();
    if (!hit) return false;
    const type = step === 'remind' ? 'follow_up_reminder' : 'follow_up_to_hotline';
    await tx.insertInto('service_request_events').values({
      request_id: requestId, type, at: now, actor_role: 'system', actor_id: null, actor_name: '系统', unit_id: null, payload: JSON.stringify({}),
    }).execute();
    await recordSystemAudit(tx, now, { action: `service.sweep.${type}`, entityType: 'service_request', entityId: requestId, enterpriseId: request.enterprise_id, after: { resolvedAt: request.resolved_at } });
    const link = requestLink(requestId);
    if (step === 'remind') {
      const users = request.enterprise_id ? await enterpriseUsers(tx, [request.enterprise_id]) : [];
      const title = `诉求 ${request.number} 已办结，请评价办理结果`;
      const text = `【亲企办】您的诉求（编号 ${request.number}）已办结，请登录平台对办理结果进行评价（满意 / 基本满意 / 不满意）。`;
      await notifyAll(notifier, tx, users, { title, body: request.title, link, text });
      // The contact who called it in, unless one of the users just got the same text on that phone.
      const contact = request.contact_phone.trim();
      if (contact && !(await smsQueued(tx, users, contact, text))) {
        await queueMessages(tx, [{ channel: 'sms', address: contact, body: text }], now);
      }
    } else {
      const operators = await usersWithPermission(tx, ['service.operate']);
      await notifyAll(notifier, tx, operators, { title: `诉求 ${request.number} 企业未评价，请电话回访`, body: request.title, link });
    }
    return true;
  });
  return done;
}

/** Whether one of these users has this SMS queued to this phone (written just now, in this transaction). */
async function smsQueued(tx: Tx, userIds: readonly string[], phone: string, text: string): Promise<boolean> {
  if (userIds.length === 0) return false;
  const row = await tx.selectFrom('notification_outbox').select('id')
    .where('channel', '=', 'sms').where('address', '=', phone).where('body', '=', text).where('status', '=', 'queued')
    .where('user_id', 'in', [...userIds]).limit(1).executeTakeFirst();
  return row !== undefined;
}
