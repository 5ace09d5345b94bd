import { sql } from 'kysely';
import type { Tx } from '../context';
import { OUTBOX_JOB } from './outbox';

/**
 * The demo county's SMS / e-mail history: the messages its seeded steps queued went out when they
 * were written (nothing waits to be delivered when the demo starts), except one SMS the gateway
 * refused for good, so that 消息发送记录 shows what a failure and its retry look like.
 */
export async function settleDemoOutbox(tx: Tx): Promise<void> {
  await tx.updateTable('notification_outbox')
    .set({ status: 'sent', attempts: 1, sent_at: sql`created_at`, updated_at: sql`created_at` })
    .where('status', '=', 'queued').execute();
  const last = await tx.selectFrom('notification_outbox').select('id').where('channel', '=', 'sms').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last) {
    await tx.updateTable('notification_outbox')
      .set({ status: 'failed', attempts: 5, sent_at: null, last_error: '短信网关返回：号码状态异常（停机）（演示数据）' })
      .where('id', '=', last.id).execute();
  }
  await tx.deleteFrom('jobs').where('kind', '=', OUTBOX_JOB).where('status', '=', 'queued').execute();
}
