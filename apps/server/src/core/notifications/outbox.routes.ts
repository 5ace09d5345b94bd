import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { ctxOf, type Routes } from '../../http/deps';
import { recordAudit } from '../audit/audit';
import { attachment, writeXlsx, XLSX_MIME } from '../excel/write-xlsx';
import { localDateOf } from '../reference/domain/workday';
import { ensureDeliveryJob } from './outbox';
import { OUTBOX_STATUSES, OutboxQuery, outboxPage, outboxRow, outboxRowsForExport, outboxView } from './outbox.repo';

const OutboxView = z.object({
  id: z.number(), channel: z.enum(['sms', 'email']), status: z.enum(OUTBOX_STATUSES), recipientName: z.string().nullable(),
  address: z.string().describe('masked: 138****5678, a***@x.cn'), subject: z.string(), body: z.string(), attempts: z.number(),
  lastError: z.string().nullable(), createdAt: z.date(), sentAt: z.date().nullable(), nextAttemptAt: z.date().nullable(),
});
const Counts = z.object({ queued: z.number(), sending: z.number(), sent: z.number(), failed: z.number() });
const TAG = ['admin'];
const STATUS_ZH = { queued: '排队中', sending: '发送中', sent: '已发送', failed: '发送失败' } as const;
const STATUS_EN = { queued: 'queued', sending: 'being sent', sent: 'already sent', failed: 'failed' } as const;
const CHANNEL_ZH = { sms: '短信', email: '邮件' } as const;

/**
 * 消息发送记录: the SMS and e-mail the outbox holds, for administrators. Addresses are masked in the
 * list and the export (not a read of personal data); a failed message can be retried.
 */
export const outboxRoutes: Routes = (app, deps) => {
  app.get('/admin/outbox', {
    config: { access: 'notification.outbox' },
    schema: {
      tags: TAG, summary: '消息发送记录（短信、邮件；收件地址已脱敏）', querystring: OutboxQuery,
      response: { 200: z.object({ items: z.array(OutboxView), total: z.number(), totalEstimated: z.boolean(), counts: Counts }) },
    },
  }, (req) => outboxPage(deps.db, req.query));

  app.get('/admin/outbox/export.xlsx', {
    config: { access: 'notification.outbox' },
    schema: { tags: TAG, summary: '导出消息发送记录（Excel，收件地址已脱敏）', querystring: OutboxQuery.omit({ page: true, pageSize: true }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const rows = (await outboxRowsForExport(deps.db, req.query)).map(outboxView);
    await recordAudit(deps.db, ctx, { action: 'notification.outbox.export', entityType: 'notification_outbox', after: { filters: req.query, rows: rows.length } });
    const buffer = await writeXlsx('消息发送记录', [
      { header: '编号', width: 10, value: (r) => r.id },
      { header: '渠道', width: 8, value: (r) => CHANNEL_ZH[r.channel] },
      { header: '状态', width: 10, value: (r) => STATUS_ZH[r.status] },
      { header: '收件人', width: 14, value: (r) => r.recipientName ?? '' },
      { header: '收件地址（脱敏）', width: 22, value: (r) => r.address },
      { header: '主题', width: 30, value: (r) => r.subject },
      { header: '内容', width: 60, value: (r) => r.body },
      { header: '尝试次数', width: 10, value: (r) => r.attempts },
      { header: '最近错误', width: 40, value: (r) => r.lastError ?? '' },
      { header: '排队时间（北京时间）', width: 20, value: (r) => beijingTime(r.createdAt) },
      { header: '发送时间（北京时间）', width: 20, value: (r) => (r.sentAt ? beijingTime(r.sentAt) : '') },
    ], rows);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`消息发送记录-${localDateOf(ctx.now)}.xlsx`)).send(buffer);
  });

  app.post('/admin/outbox/:id/retry', {
    config: { access: 'notification.outbox' },
    schema: {
      tags: TAG, summary: '重发一条发送失败的消息', params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: OutboxView },
    },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    await deps.db.transaction().execute(async (tx) => {
      const m = await tx.selectFrom('notification_outbox').select(['id', 'status', 'attempts', 'last_error', 'channel'])
        .where('id', '=', req.params.id).forUpdate().executeTakeFirst();
      if (!m) throw new AppError('OUTBOX_MESSAGE_NOT_FOUND');
      if (m.status !== 'failed') {
        throw new AppError('OUTBOX_NOT_FAILED', undefined, {
          zh: `消息 #${m.id} 当前为“${STATUS_ZH[m.status]}”，只有发送失败的消息可以重发`,
          en: `Message #${m.id} is ${STATUS_EN[m.status]}; only a failed message can be retried`,
        });
      }
      // A fresh series of attempts (the gateway's last error stays shown until the next outcome).
      await tx.updateTable('notification_outbox')
        .set({ status: 'queued', attempts: 0, next_attempt_at: null, locked_until: null, updated_at: ctx.now })
        .where('id', '=', m.id).execute();
      await ensureDeliveryJob(tx, ctx.now);
      await recordAudit(tx, ctx, {
        action: 'notification.outbox.retry', entityType: 'notification_outbox', entityId: String(m.id),
        before: { status: m.status, attempts: m.attempts, lastError: m.last_error }, after: { status: 'queued', channel: m.channel },
      });
    });
    deps.jobs.poke();
    return outboxView((await outboxRow(deps.db, req.params.id))!);
  });
};

function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}
