import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { ctxOf, type Routes } from '../../http/deps';
import { channelPreferences, setChannelPreferences } from './channel-preferences';

const NotificationView = z.object({
  id: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: z.date().nullable(), createdAt: z.date(),
});

const Channel = z.object({ enabled: z.boolean(), address: z.string().nullable().describe('masked; null = no address, nothing is sent') });
const Channels = z.object({ sms: Channel, email: Channel });

export const notificationRoutes: Routes = (app, deps) => {
  app.get('/notifications/channels', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '我的短信、邮件通知设置', response: { 200: Channels } },
  }, (req) => channelPreferences(deps.db, ctxOf(req, deps).actor.userId));

  app.put('/notifications/channels', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['notifications'], summary: '开启或关闭短信、邮件通知（站内通知始终保留）',
      body: z.object({ sms: z.boolean(), email: z.boolean() }), response: { 200: Channels },
    },
  }, (req) => setChannelPreferences(ctxOf(req, deps), req.body));

  app.get('/notifications', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '我的通知（最近 50 条）', response: { 200: z.array(NotificationView) } },
  }, async (req) => {
    const rows = await deps.db.selectFrom('notifications').selectAll().where('user_id', '=', ctxOf(req, deps).actor.userId)
      .orderBy('created_at', 'desc').limit(50).execute();
    return rows.map((n) => ({ id: n.id, title: n.title, body: n.body, link: n.link, readAt: n.read_at, createdAt: n.created_at }));
  });

  app.post('/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '标记已读', params: z.object({ id: z.uuid() }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const r = await deps.db.updateTable('notifications').set({ read_at: ctx.now })
      .where('id', '=', req.params.id).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND');
    return reply.status(204).send();
  });
};
