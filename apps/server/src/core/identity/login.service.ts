import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { hashPassword, verifyPassword } from './password';
import { createSession } from './sessions';

/** After this many wrong passwords in a row the account locks until an administrator unlocks it. */
export const MAX_FAILED_LOGINS = 10;

// Verifying against a real hash when the user does not exist keeps the answer time the same,
// so that usernames cannot be discovered by timing.
const dummyHash = hashPassword('not-a-real-password');

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  requestId: string;
}

export async function login(db: Kysely<DB>, input: LoginInput, opts: { ttlHours: number; now: Date }) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'password_hash', 'status', 'failed_logins'])
    .where('username', '=', input.username.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyHash));
  const audit = (action: string, userId: string, name: string, after?: unknown) =>
    db.insertInto('audit_log').values({
      actor_id: userId, actor_name: name, action, entity_type: 'user', entity_id: userId,
      after: after === undefined ? null : JSON.stringify(after), request_id: input.requestId, ip: input.ip,
    }).execute();

  if (!user) throw new AppError('INVALID_CREDENTIALS');
  if (!ok) {
    const failed = user.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS && user.status === 'active';
    await db.updateTable('users').set({ failed_logins: failed, ...(lock ? { status: 'locked' as const } : {}) }).where('id', '=', user.id).execute();
    await audit(lock ? 'user.auto_lock' : 'user.login_failed', user.id, user.display_name, { failedLogins: failed });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status === 'locked') throw new AppError('ACCOUNT_LOCKED');
  await db.updateTable('users').set({ failed_logins: 0, last_login_at: opts.now }).where('id', '=', user.id).execute();
  await audit('user.login', user.id, user.display_name);
  return createSession(db, { userId: user.id, ip: input.ip, userAgent: input.userAgent, ttlHours: opts.ttlHours, now: opts.now });
}
