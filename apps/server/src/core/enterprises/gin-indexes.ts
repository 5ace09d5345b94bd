import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * The enterprise table's GIN indexes — the name search's bigrams (migrations 0003, 0009) and the
 * tags — as one definition each, for the bulk import that drops them around its writes and for
 * the start-up that makes sure they are there. Both are built without a pending list
 * (fastupdate = off, migration 0009), so every inserted row updates them at once: a few entries
 * per row, which on PGlite cost more than the rest of the insert (bench/RESULTS.md, runs 6 and 9).
 */
const GIN_INDEXES = [
  { name: 'enterprises_name_bigrams', create: sql`CREATE INDEX IF NOT EXISTS enterprises_name_bigrams ON enterprises USING gin (name_bigrams) WITH (fastupdate = off)` },
  { name: 'enterprises_tags', create: sql`CREATE INDEX IF NOT EXISTS enterprises_tags ON enterprises USING gin (tags) WITH (fastupdate = off)` },
] as const;

/** Creates the indexes that are missing (a bulk import whose process died before rebuilding them). */
export async function ensureGinIndexes(db: Kysely<DB>): Promise<void> {
  for (const index of GIN_INDEXES) await index.create.execute(db);
}

/**
 * Runs `writes` without the GIN indexes, then builds them again whatever happened. Building an
 * index once over the whole table costs less than maintaining it row by row over a large import
 * (bench/RESULTS.md, runs 6 and 9). Meanwhile name and tag searches still answer, by scanning the
 * table instead. Should the process die in between, the next start puts them back (prepareDatabase).
 */
export async function withoutGinIndexes<T>(db: Kysely<DB>, writes: () => Promise<T>): Promise<T> {
  for (const index of GIN_INDEXES) await sql`DROP INDEX IF EXISTS ${sql.ref(index.name)}`.execute(db);
  try {
    return await writes();
  } finally {
    await ensureGinIndexes(db);
  }
}
