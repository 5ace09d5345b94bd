import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { LogOnlyAdapter, type OutboundAdapter, type OutboundMessage } from './notifier';
import { deliverOutbox } from './deliver-outbox';
import { OUTBOX_JOB } from './outbox';
import { OUTBOX_MAX_ATTEMPTS, OUTBOX_RETENTION_DAYS, SENDING_LEASE_MS } from './domain/delivery-policy';

// The outbox: SMS and e-mail queued with the notification, in its transaction, and delivered by a
// background job after commit — once, with retries, given up after OUTBOX_MAX_ATTEMPTS.
let now = new Date('2026-05-11T02:00:00Z');
let t: TestApp;
let admin: Client;
let auditor: Client;
let userId: string;
const PHONE = '13812345678';
const EMAIL = 'wang.fang@example.gov.cn';

const outboxOf = (id: string) => t.deps.db.selectFrom('notification_outbox').selectAll().where('user_id', '=', id).orderBy('id').execute();
const adapter = () => t.deps.notifier.outbound as LogOnlyAdapter;
const toUser = (messages: OutboundMessage[]) => messages.filter((m) => m.to === PHONE || m.to === EMAIL);

/** An adapter that counts what it sends, slowly (so that two deliveries overlap), and can be told to refuse. */
class CountingAdapter implements OutboundAdapter {
  readonly sent: OutboundMessage[] = [];
  refuse: ((m: OutboundMessage) => boolean) | null = null;
  async send(m: OutboundMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    if (this.refuse?.(m)) throw new Error('短信网关返回 503');
    this.sent.push(m);
  }
}

/** All outbox rows queued now are moved out of the way, so each test sees only its own. */
async function clearOutbox() {
  await t.deps.db.updateTable('notification_outbox').set({ status: 'sent' }).where('status', 'in', ['queued', 'sending']).execute();
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  admin = await t.as('admin');
  auditor = await t.as('auditor');
  const res = await admin.post('/api/users', { username: 'ob_wang', displayName: '王芳', password: 'Outbox#2026', roles: ['officer'] });
  expect(res.statusCode, res.body).toBe(201);
  userId = res.json().id;
  await t.deps.db.updateTable('users').set({ phone: PHONE, email: EMAIL }).where('id', '=', userId).execute();
  await clearOutbox();
});
afterAll(() => t.close());

describe('notify() queues SMS and e-mail in the notification\'s transaction', () => {
  it('writes the in-app row, one SMS and one e-mail and a delivery job, all gone with a rollback', async () => {
    await expect(t.deps.db.transaction().execute(async (tx) => {
      await t.deps.notifier.notify(tx, userId, { title: '申报已通过', body: '您的人才积分申报已通过', link: '/talent/me' });
      const rows = await tx.selectFrom('notification_outbox').selectAll().where('user_id', '=', userId).execute();
      expect(rows.map((r) => [r.channel, r.address, r.status])).toEqual([['sms', PHONE, 'queued'], ['email', EMAIL, 'queued']]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await outboxOf(userId)).toEqual([]);
    expect(await t.deps.db.selectFrom('notifications').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    expect(await t.deps.db.selectFrom('jobs').select('id').where('kind', '=', OUTBOX_JOB).where('status', '=', 'queued').execute()).toEqual([]);
    expect(toUser(adapter().sent)).toEqual([]); // nothing left the machine
  });

  it('commits them together, and the job delivers each message once through the app\'s adapter', async () => {
    const before = adapter().sent.length;
    await t.deps.db.transaction().execute((tx) => t.deps.notifier.notify(tx, userId, { title: '申报已通过', body: '您的人才积分申报已通过', link: '/talent/me' }));
    const [sms, email] = await outboxOf(userId);
    const notification = await t.deps.db.selectFrom('notifications').select(['id', 'title']).where('user_id', '=', userId).executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ channel: 'sms', body: '【智治】申报已通过：您的人才积分申报已通过', notification_id: notification.id, attempts: 0 });
    expect(email).toMatchObject({ channel: 'email', subject: '申报已通过', notification_id: notification.id });
    expect(email!.body).toContain('/talent/me');
    expect(await t.deps.jobs.drain()).toBe(1);
    expect(toUser(adapter().sent.slice(before)).map((m) => [m.channel, m.to])).toEqual([['sms', PHONE], ['email', EMAIL]]);
    expect((await outboxOf(userId)).map((r) => [r.status, r.attempts, r.sent_at?.getTime()])).toEqual([['sent', 1, now.getTime()], ['sent', 1, now.getTime()]]);
    expect(await t.deps.jobs.drain()).toBe(0); // nothing more to send, nothing sent twice
    expect(toUser(adapter().sent.slice(before))).toHaveLength(2);
  });

  it('leaves out a channel the user opted out of, and anyone without an address', async () => {
    const me = await t.as('ob_wang', 'Outbox#2026');
    expect((await me.get('/api/notifications/channels')).json()).toEqual({
      sms: { enabled: true, address: '138****5678' }, email: { enabled: true, address: 'w***@example.gov.cn' },
    });
    const put = await me.put('/api/notifications/channels', { sms: false, email: true });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().sms.enabled).toBe(false);
    expect((await me.put('/api/notifications/channels', { sms: 'no' })).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/notifications/channels')).statusCode).toBe(401);
    const audit = await t.deps.db.selectFrom('audit_log').select(['after']).where('action', '=', 'notification.channels.update').where('entity_id', '=', userId).execute();
    expect(audit.map((a) => a.after)).toEqual([{ sms: false, email: true }]);
    await t.deps.db.transaction().execute((tx) => t.deps.notifier.notify(tx, userId, { title: '仅邮件' }));
    expect((await outboxOf(userId)).filter((r) => r.status === 'queued').map((r) => r.channel)).toEqual(['email']);
    await me.put('/api/notifications/channels', { sms: true, email: true });
    // no phone, no e-mail: the in-app row only
    const bare = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'auditor').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('users').set({ phone: '', email: '' }).where('id', '=', bare.id).execute();
    await t.deps.db.transaction().execute((tx) => t.deps.notifier.notify(tx, bare.id, { title: '站内' }));
    expect(await outboxOf(bare.id)).toEqual([]);
    await t.deps.jobs.drain();
  });
});

describe('the delivery job', () => {
  it('never sends a message twice when two deliveries run at once', async () => {
    await clearOutbox();
    await t.deps.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 6; i++) await t.deps.notifier.notify(tx, userId, { title: `并发 ${i}` });
    });
    const counting = new CountingAdapter();
    const clock = () => now;
    const [a, b] = await Promise.all([deliverOutbox(t.deps.db, counting, clock), deliverOutbox(t.deps.db, counting, clock)]);
    expect(a.sent + b.sent).toBe(12);
    expect(counting.sent).toHaveLength(12);
    expect(new Set(counting.sent.map((m) => `${m.channel}|${m.body}`)).size).toBe(12);
    expect((await outboxOf(userId)).filter((r) => r.body.includes('并发')).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('retries a refusing gateway with backoff, and gives up after the last attempt', async () => {
    await clearOutbox();
    await t.deps.db.transaction().execute((tx) => t.deps.notifier.notify(tx, userId, { title: '网关故障测试' }));
    await t.deps.db.deleteFrom('jobs').where('kind', '=', OUTBOX_JOB).execute(); // delivered by hand below
    const counting = new CountingAdapter();
    counting.refuse = (m) => m.channel === 'sms';
    let clock = now;
    const run = () => deliverOutbox(t.deps.db, counting, () => clock);
    expect(await run()).toEqual({ sent: 1, retrying: 1, failed: 0, interrupted: 0, purged: 0 }); // the e-mail went
    const sms = async () => (await outboxOf(userId)).find((r) => r.channel === 'sms' && r.body.includes('网关故障测试'))!;
    let row = await sms();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: '短信网关返回 503', next_attempt_at: new Date(clock.getTime() + 30_000) });
    // a delivery job waits for the retry
    const waiting = await t.deps.db.selectFrom('jobs').select('run_at').where('kind', '=', OUTBOX_JOB).where('status', '=', 'queued').execute();
    expect(waiting.map((j) => j.run_at.getTime())).toEqual([clock.getTime() + 30_000]);
    expect((await run()).retrying).toBe(0); // not due yet
    const waits: number[] = [];
    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      clock = row.next_attempt_at!;
      await run();
      const next = await sms();
      expect(next.attempts).toBe(attempt);
      if (next.next_attempt_at) waits.push(next.next_attempt_at.getTime() - clock.getTime());
      row = next;
    }
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    expect(row).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, next_attempt_at: null, sent_at: null });
    clock = new Date(clock.getTime() + 3600_000);
    await run();
    expect((await sms()).attempts).toBe(OUTBOX_MAX_ATTEMPTS); // given up: not tried again
    expect(counting.sent.filter((m) => m.channel === 'sms')).toEqual([]);
    expect(counting.sent.filter((m) => m.channel === 'email')).toHaveLength(1);
  });

  it('marks a message left "sending" by a dead process failed, and does not send it again', async () => {
    await clearOutbox();
    await t.deps.db.transaction().execute((tx) => t.deps.notifier.notify(tx, userId, { title: '进程中断测试' }));
    const rows = (await outboxOf(userId)).filter((r) => r.body.includes('进程中断测试'));
    await t.deps.db.updateTable('notification_outbox').set({ status: 'sending', attempts: 1, locked_until: new Date(now.getTime() + SENDING_LEASE_MS) })
      .where('id', 'in', rows.map((r) => r.id)).execute();
    const counting = new CountingAdapter();
    expect(await deliverOutbox(t.deps.db, counting, () => now)).toMatchObject({ sent: 0, interrupted: 0 }); // still within its lease
    const later = new Date(now.getTime() + SENDING_LEASE_MS + 1);
    expect(await deliverOutbox(t.deps.db, counting, () => later)).toMatchObject({ sent: 0, interrupted: 2 });
    expect(counting.sent).toEqual([]);
    const after = (await outboxOf(userId)).filter((r) => r.body.includes('进程中断测试'));
    expect(after.every((r) => r.status === 'failed' && r.last_error!.includes('未自动重发'))).toBe(true);
  });

  it('deletes sent messages past the retention period, and keeps failed ones and anything sent within it', async () => {
    await clearOutbox();
    const day = 86_400_000;
    const old = new Date(now.getTime() - (OUTBOX_RETENTION_DAYS + 1) * day);
    const recent = new Date(now.getTime() - (OUTBOX_RETENTION_DAYS - 1) * day);
    const row = (status: 'sent' | 'failed', createdAt: Date, sentAt: Date | null, body: string) => ({
      channel: 'sms' as const, address: PHONE, user_id: userId, subject: '', body, status, attempts: 1,
      created_at: createdAt, updated_at: sentAt ?? createdAt, sent_at: sentAt,
    });
    await t.deps.db.insertInto('notification_outbox').values([
      row('sent', old, old, 'purge: sent long ago'),
      row('sent', recent, recent, 'purge: sent within the period'),
      row('failed', old, null, 'purge: failed long ago'),
      row('sent', old, recent, 'purge: retried by hand lately'),
    ]).execute();
    const result = await deliverOutbox(t.deps.db, new CountingAdapter(), () => now);
    expect(result.purged).toBe(1);
    const left = await t.deps.db.selectFrom('notification_outbox').select('body').where('body', 'like', 'purge:%').orderBy('id').execute();
    expect(left.map((r) => r.body)).toEqual(['purge: sent within the period', 'purge: failed long ago', 'purge: retried by hand lately']);
  });
});

describe('消息发送记录 (admin): masked list, filters, retry, export', () => {
  it('answers 401 to strangers and 403 without the permission', async () => {
    for (const url of ['/api/admin/outbox', '/api/admin/outbox/export.xlsx']) {
      expect((await t.anonymous.get(url)).statusCode).toBe(401);
      expect((await auditor.get(url)).statusCode).toBe(403);
    }
    expect((await auditor.post('/api/admin/outbox/1/retry')).statusCode).toBe(403);
  });

  it('lists with addresses masked, filters by channel, status and period, and counts by status', async () => {
    const res = await admin.get('/api/admin/outbox?channel=sms&status=failed&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(page.items.every((i: { channel: string; status: string }) => i.channel === 'sms' && i.status === 'failed')).toBe(true);
    const mine = page.items.filter((i: { recipientName: string | null }) => i.recipientName === '王芳');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mine.map((i: { address: string }) => i.address))).toEqual(new Set(['138****5678']));
    expect(res.body).not.toContain(PHONE);
    expect(page.counts.failed).toBeGreaterThanOrEqual(page.items.length);
    const emails = (await admin.get('/api/admin/outbox?channel=email&pageSize=100')).json();
    expect(emails.items.filter((i: { recipientName: string | null }) => i.recipientName === '王芳')[0].address).toBe('w***@example.gov.cn');
    expect(JSON.stringify(emails)).not.toContain(EMAIL);
    // the period: a day in Beijing time; none of today's messages are in a day long past
    expect((await admin.get('/api/admin/outbox?from=2020-01-01&to=2020-01-02')).json()).toMatchObject({ items: [], total: 0 });
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const todays = (await admin.get(`/api/admin/outbox?from=${today}&to=${today}&pageSize=100`)).json();
    expect(todays.items.some((i: { recipientName: string | null }) => i.recipientName === '王芳')).toBe(true);
    expect((await admin.get('/api/admin/outbox?channel=fax')).statusCode).toBe(400);
    // reading it is not a read of personal data: no reveal is audited
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', 'like', '%reveal%').where('actor_name', '=', '平台管理员').execute()).toEqual([]);
  });

  it('retries a failed message once: queued again, delivered, audited; a sent one is refused', async () => {
    const failed = (await outboxOf(userId)).find((r) => r.status === 'failed' && r.body.includes('网关故障测试'))!;
    const res = await admin.post(`/api/admin/outbox/${failed.id}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: failed.id, status: 'queued', attempts: 0, address: '138****5678' });
    const again = await admin.post(`/api/admin/outbox/${failed.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('OUTBOX_NOT_FAILED');
    expect(again.json().error.message).toContain(`消息 #${failed.id}`);
    expect((await admin.post('/api/admin/outbox/999999999/retry')).json().error.code).toBe('OUTBOX_MESSAGE_NOT_FOUND');
    const before = adapter().sent.length;
    await t.deps.jobs.drain();
    expect(toUser(adapter().sent.slice(before)).filter((m) => m.body.includes('网关故障测试'))).toHaveLength(1);
    expect((await outboxOf(userId)).find((r) => r.id === failed.id)).toMatchObject({ status: 'sent', attempts: 1 });
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'notification.outbox.retry').where('entity_id', '=', String(failed.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
  });

  it('exports the filtered list to Excel, masked, and audits the export', async () => {
    const res = await admin.get('/api/admin/outbox/export.xlsx?channel=sms');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('渠道');
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain('138****5678');
    expect(cells.join('|')).not.toContain(PHONE);
    expect(cells.filter((c) => c === '邮件')).toEqual([]);
    const audit = await t.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'notification.outbox.export').execute();
    expect(audit.at(-1)!.after).toMatchObject({ filters: { channel: 'sms' } });
  });
});

describe('a talent flow queues SMS and e-mail', () => {
  it('a claim reviewed reaches the enterprise HR by SMS and e-mail, with the in-app notification', async () => {
    const hrUser = await t.deps.db.selectFrom('users').select(['id', 'enterprise_id']).where('username', '=', 'ent_zsy').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('users').set({ phone: '13900001111', email: 'hr@zsy.example.com' }).where('id', '=', hrUser.id).execute();
    const hr = await t.as('ent_zsy');
    const office = await t.as('talent_office');
    const talent = await t.deps.db.selectFrom('talents as t').select('t.id').where('t.enterprise_id', '=', hrUser.enterprise_id!)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('talent_claims as c').select('c.id').whereRef('c.talent_id', '=', 't.id')
        .where('c.status', 'in', ['submitted', 'more_info_requested', 'resubmitted']))))
      .orderBy('t.id').limit(1).executeTakeFirstOrThrow();
    const file = (await hr.get(`/api/talent/talents/${talent.id}`)).json();
    const edit = await hr.put(`/api/talent/talents/${file.id}`, { name: file.name, status: file.status, facts: { ...file.facts, keyProjects: (file.facts.keyProjects ?? 0) + 1 }, version: file.version });
    expect(edit.statusCode, edit.body).toBe(200);
    const claim = (await office.get(`/api/talent/claims/${edit.json().pendingClaim.id}`)).json();
    const before = (await outboxOf(hrUser.id)).length;
    const ok = await office.post(`/api/talent/claims/${claim.id}/approve`, { version: claim.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const rows = (await outboxOf(hrUser.id)).slice(before);
    expect(rows.map((r) => [r.channel, r.address, r.status])).toEqual([['sms', '13900001111', 'queued'], ['email', 'hr@zsy.example.com', 'queued']]);
    const n = await t.deps.db.selectFrom('notifications').select(['id', 'title']).where('id', '=', rows[0]!.notification_id!).executeTakeFirstOrThrow();
    expect(rows[0]!.body).toContain(n.title);
    expect(rows[1]!.subject).toBe(n.title);
    const sentBefore = adapter().sent.length;
    await t.deps.jobs.drain();
    expect(adapter().sent.slice(sentBefore).filter((m) => m.to === '13900001111' || m.to === 'hr@zsy.example.com')).toHaveLength(2);
  });
});
