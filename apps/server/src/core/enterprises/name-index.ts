import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The name search's GIN index (migrations 0003 and 0009), as one definition, for the bulk import
 * that drops it around its writes and for the start-up that makes sure it is there.
 */
const CREATE = sql`CREATE INDEX IF NOT EXISTS enterprises_name_bigrams ON enterprises USING gin (name_bigrams) WITH (fastupdate = off)`;

/** Creates the index if it is missing (a bulk import whose process died before rebuilding it). */
export async function ensureNameIndex(db: Kysely<DB>): Promise<void> {
  await CREATE.execute(db);
}

/**
 * Runs `writes` without the name index, then builds it again whatever happened. Building the
 * index once over the whole table costs less than maintaining it row by row over a large import
 * (bench/RESULTS.md, run 6). Meanwhile name searches still answer, by scanning the table instead.
 * Should the process die in between, the next start puts it back (prepareDatabase).
 */
export async function withoutNameIndex<T>(db: Kysely<DB>, writes: () => Promise<T>): Promise<T> {
  await sql`DROP INDEX IF EXISTS enterprises_name_bigrams`.execute(db);
  try {
    return await writes();
  } finally {
    await ensureNameIndex(db);
  }
}
