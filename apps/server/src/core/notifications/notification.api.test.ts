import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';

/**
 * In-app notifications (/api/notifications): each user sees only their own, newest first, and
 * may mark only their own as read. Notifications are written by the real Notifier, in the
 * caller's transaction, as modules will write them.
 */
let t: TestApp;
let officer: Client;
let leader: Client;
let officerId: string;
let leaderId: string;

type Notification = { id: string; title: string; body: string; link: string | null; readAt: string | null; createdAt: string };
const list = async (c: Client): Promise<Notification[]> => {
  const res = await c.get('/api/notifications');
  expect(res.statusCode).toBe(200);
  return res.json();
};
const row = (id: string) => t.deps.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  [officer, leader] = await Promise.all([t.as('officer'), t.as('leader')]);
  const idOf = async (username: string) => (await t.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  [officerId, leaderId] = [await idOf('officer'), await idOf('leader')];

  // An old one, written before the others (its time set explicitly)…
  await t.deps.db.insertInto('notifications').values({ user_id: officerId, title: '去年的提醒', created_at: '2025-01-01T00:00:00Z' }).execute();
  // …then three through the Notifier, one after another, and one for somebody else.
  for (const [i, title] of ['诉求已受理', '诉求即将超时', '诉求已办结'].entries()) {
    await t.deps.notifier.notify(t.deps.db, officerId, { title, body: `第 ${i + 1} 条`, link: i === 2 ? '/service/requests/1' : undefined });
  }
  await t.deps.notifier.notify(t.deps.db, leaderId, { title: '领导专阅', body: '只给林书记' });
});
afterAll(() => t.close());

describe('listing notifications', () => {
  it('shows the user’s own notifications, newest first', async () => {
    const mine = await list(officer);
    expect(mine.map((n) => n.title)).toEqual(['诉求已办结', '诉求即将超时', '诉求已受理', '去年的提醒']);
    const times = mine.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(mine[0]).toMatchObject({ body: '第 3 条', link: '/service/requests/1', readAt: null });
    expect(mine[1]).toMatchObject({ link: null, readAt: null });
    expect(mine[3]!.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('never shows somebody else’s', async () => {
    expect((await list(officer)).map((n) => n.title)).not.toContain('领导专阅');
    expect((await list(leader)).map((n) => n.title)).toEqual(['领导专阅']);
    expect(await list(await t.as('auditor'))).toEqual([]);
  });

  it('shows the newest 50 only', async () => {
    const rows = Array.from({ length: 55 }, (_, i) => ({
      user_id: leaderId, title: `批量 ${i}`, created_at: new Date(Date.UTC(2025, 5, 1, 0, i)).toISOString(),
    }));
    await t.deps.db.insertInto('notifications').values(rows).execute();
    const seen = await list(leader);
    expect(seen).toHaveLength(50);
    expect(seen[0]!.title).toBe('领导专阅'); // written now, so newer than the batch of 2025
    expect(seen.slice(1).map((n) => n.title)).toEqual(Array.from({ length: 49 }, (_, i) => `批量 ${54 - i}`));
  });

  it('keeps a notification only if the caller’s transaction commits', async () => {
    await expect(t.deps.db.transaction().execute(async (tx) => {
      await t.deps.notifier.notify(tx, officerId, { title: '回滚的通知' });
      throw new Error('the business change failed');
    })).rejects.toThrow('the business change failed');
    expect((await list(officer)).map((n) => n.title)).not.toContain('回滚的通知');
  });

  it('is closed to the anonymous (401)', async () => {
    expect((await t.anonymous.get('/api/notifications')).statusCode).toBe(401);
  });
});

describe('marking as read', () => {
  it('marks the user’s own notification read (204)', async () => {
    const [newest] = await list(officer);
    const before = Date.now();
    const res = await officer.post(`/api/notifications/${newest!.id}/read`);
    expect(res.statusCode).toBe(204);
    const after = await list(officer);
    expect(after.find((n) => n.id === newest!.id)!.readAt).not.toBeNull();
    expect(after.filter((n) => n.readAt !== null)).toHaveLength(1);
    expect((await row(newest!.id)).read_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers 404 for another user’s notification, and leaves it unread', async () => {
    const [theirs] = await list(leader);
    const res = await officer.post(`/api/notifications/${theirs!.id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await row(theirs!.id)).read_at).toBeNull();
  });

  it('answers 404 for an unknown notification and 400 for a malformed id', async () => {
    expect((await officer.post('/api/notifications/00000000-0000-4000-8000-000000000001/read')).statusCode).toBe(404);
    expect((await officer.post('/api/notifications/abc/read')).statusCode).toBe(400);
  });

  it('needs the CSRF token like every write', async () => {
    const [mine] = await list(leader);
    const res = await t.app.inject({ method: 'POST', url: `/api/notifications/${mine!.id}/read`, headers: { cookie: leader.session!.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await row(mine!.id)).read_at).toBeNull();
  });
});
