import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Tx } from '../../../core/context';

/**
 * The directory's version counter (service_directory_version, one row). Every write to providers,
 * their services or the capability taxonomy bumps it in its own transaction; an API process that
 * sees a newer number rebuilds its nearest-provider index (nearest-cache.ts). Several processes
 * thus agree within one request of a change, with one primary-key read per search.
 */
export async function bumpDirectoryVersion(tx: Tx): Promise<void> {
  await tx.updateTable('service_directory_version').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}

export async function directoryVersion(db: Kysely<DB> | Tx): Promise<number> {
  const r = await db.selectFrom('service_directory_version').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(r.version);
}
