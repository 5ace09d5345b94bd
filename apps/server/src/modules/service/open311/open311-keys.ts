import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';

/**
 * Open311 API keys (POST requests needs one). A key is 43 random URL-safe characters after
 * `zz311_`; only its SHA-256 is stored, and it is shown once, to the administrator who creates it.
 * Revoking keeps the row (the requests it posted still point at it). Creating and revoking are audited.
 */
export const Open311KeyInput = z.object({ name: z.string().trim().min(1).max(100) });
export const Open311KeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters, to tell keys apart. */
  prefix: z.string(),
  createdAt: z.date(),
  createdBy: z.string().nullable(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});
export const Open311KeyCreated = Open311KeyView.extend({ key: z.string() });

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const view = (r: { id: string; name: string; key_prefix: string; created_at: Date; created_by_name: string | null; revoked_at: Date | null; last_used_at: Date | null }) => ({
  id: r.id, name: r.name, prefix: r.key_prefix, createdAt: r.created_at, createdBy: r.created_by_name, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
});

function keysQuery(db: Tx) {
  return db.selectFrom('service_open311_keys as k').leftJoin('users as u', 'u.id', 'k.created_by')
    .select(['k.id', 'k.name', 'k.key_prefix', 'k.created_at', 'u.display_name as created_by_name', 'k.revoked_at', 'k.last_used_at']);
}

export async function listKeys(db: Tx) {
  return (await keysQuery(db).orderBy('k.created_at', 'desc').orderBy('k.id').execute()).map(view);
}

export async function createKey(ctx: Ctx, name: string) {
  const key = `zz311_${randomBytes(32).toString('base64url')}`;
  const prefix = key.slice(0, 10);
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('service_open311_keys')
      .values({ name, key_hash: hashKey(key), key_prefix: prefix, created_by: ctx.actor.userId, created_at: ctx.now })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'service.open311_key.create', entityType: 'service_open311_key', entityId: id, after: { name, prefix } });
    const row = await keysQuery(tx).where('k.id', '=', id).executeTakeFirstOrThrow();
    return { ...view(row), key };
  });
}

export async function revokeKey(ctx: Ctx, id: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('service_open311_keys').select(['id', 'name', 'key_prefix', 'revoked_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.revoked_at === null) {
      await tx.updateTable('service_open311_keys').set({ revoked_at: ctx.now, revoked_by: ctx.actor.userId }).where('id', '=', id).execute();
      await recordAudit(tx, ctx, { action: 'service.open311_key.revoke', entityType: 'service_open311_key', entityId: id, before: { revokedAt: null }, after: { name: row.name, prefix: row.key_prefix, revokedAt: ctx.now } });
    }
    return view(await keysQuery(tx).where('k.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The live key a client presented, or null (missing, unknown or revoked). */
export async function findLiveKey(db: Tx, key: string): Promise<{ id: string; name: string } | null> {
  const row = await db.selectFrom('service_open311_keys').select(['id', 'name'])
    .where('key_hash', '=', hashKey(key)).where('revoked_at', 'is', null).executeTakeFirst();
  return row ?? null;
}
