import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Actor } from './actor';

/** Cookie sessions stored in the database, so that several server processes share them. */
export const SESSION_COOKIE = 'zz_session';

/** The session's id: the SHA-256 of its token (the table never holds the token itself). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Kysely<DB>,
  input: { userId: string; ip: string; userAgent: string; ttlHours: number; now: Date },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user (when locked, or on a password change). */
export async function deleteUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

const ROLES_SQL = sql<string[]>`coalesce((SELECT array_agg(ur.role_code ORDER BY ur.role_code) FROM user_roles ur WHERE ur.user_id = u.id), '{}')`;
const PERMISSIONS_SQL = sql<string[]>`coalesce((SELECT array_agg(DISTINCT p) FROM user_roles ur JOIN roles r ON r.code = ur.role_code, unnest(r.permissions) p WHERE ur.user_id = u.id), '{}')`;

function actorSelect(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .where('u.status', '=', 'active')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.enterprise_id',
      'u.department_id',
      'u.division_code',
      'u.locale',
      ROLES_SQL.as('roles'),
      PERMISSIONS_SQL.as('permissions'),
    ]);
}

type ActorRow = Awaited<ReturnType<ReturnType<typeof actorSelect>['executeTakeFirstOrThrow']>>;

function toActor(row: ActorRow, sessionId: string, csrfToken: string): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    permissions: new Set(row.permissions),
    scope: { enterpriseId: row.enterprise_id, departmentId: row.department_id, divisionCode: row.division_code },
    sessionId,
    csrfToken,
    locale: row.locale,
  };
}

/**
 * The actor behind a session token, or null when the token is unknown, expired or its user is
 * locked. One query: session, user, roles and their permissions.
 */
export async function loadActor(db: Kysely<DB>, token: string, now: Date): Promise<Actor | null> {
  return (await loadSession(db, hashToken(token), now))?.actor ?? null;
}

/** loadActor by session id (the token's hash), with the session's expiry. */
export async function loadSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<{ actor: Actor; expiresAt: Date } | null> {
  const row = await actorSelect(db)
    .innerJoin('sessions as s', 's.user_id', 'u.id')
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .select(['s.id as session_id', 's.csrf_token', 's.expires_at'])
    .executeTakeFirst();
  return row ? { actor: toActor(row, row.session_id, row.csrf_token), expiresAt: row.expires_at } : null;
}

/** The actor of an active user outside any request (background jobs act for their creator). */
export async function loadUserActor(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const row = await actorSelect(db).where('u.id', '=', userId).executeTakeFirst();
  return row ? toActor(row, '', '') : null;
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
