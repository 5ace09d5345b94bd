import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../core/context';
import { sameMatches, withPolicyOutcome, type EnterpriseMatches, type PairOutcome, type StoredOutcome } from './domain';

/**
 * Storage of the matcher's outcomes: one row per enterprise in benefit_enterprise_matches
 * (migration 0030) with the policies' small integer keys in arrays. Every write is set-based:
 * rows travel as one JSON document per chunk (json_populate_recordset), not one statement per pair.
 * Reads by policy go through the GIN-indexed arrays (`hasPolicy`); reads by enterprise may use
 * the view benefit_matches (one row per pair).
 */
const CHUNK = 10_000;

/** `alias` holds policy `key` with that outcome (uses the GIN index on the array). */
export function hasPolicy(alias: string, key: number, outcome: StoredOutcome): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${alias}.${outcome}`)} @> ARRAY[${key}::int]`;
}

/** The codes `alias` holds for policy `key` (null when it holds none). */
export function codesFor(alias: string, key: number): RawBuilder<string> {
  return sql<string>`${sql.ref(`${alias}.codes`)}[array_position(${sql.ref(`${alias}.eligible`)} || ${sql.ref(`${alias}.nearly`)}, ${key}::int)]`;
}

/**
 * Writes rows as JSON chunks: plain inserts for enterprises that have no row now (the caller
 * emptied the table), or upserts (`ON CONFLICT … DO UPDATE`) when some may have one.
 */
async function writeRows(tx: Tx, rows: readonly EnterpriseMatches[], mode: 'insert' | 'upsert'): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes })));
    await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
              SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${json}::json)
              ${mode === 'upsert' ? sql`ON CONFLICT (enterprise_id) DO UPDATE SET eligible = excluded.eligible, nearly = excluded.nearly, codes = excluded.codes` : sql``}`.execute(tx);
  }
}

/**
 * From this many rows on, a write drops the two GIN indexes and builds them again at the end:
 * a row holds ~40 policy keys, each an insertion into the key's posting tree, while a build sorts
 * them all once. Inside the caller's transaction, so a failure rolls the drop back; meanwhile
 * readers of the table wait (on PGlite, one session, they wait anyway). bench/RESULTS.md, run 17.
 */
export const REBUILD_INDEXES_FROM = 2_000;

async function withIndexesRebuilt(tx: Tx, rows: number, write: () => Promise<void>): Promise<void> {
  if (rows < REBUILD_INDEXES_FROM) return write();
  await sql`DROP INDEX benefit_enterprise_matches_eligible`.execute(tx);
  await sql`DROP INDEX benefit_enterprise_matches_nearly`.execute(tx);
  await write();
  for (const ddl of [
    sql`CREATE INDEX benefit_enterprise_matches_eligible ON benefit_enterprise_matches USING gin (eligible) WITH (fastupdate = off)`,
    sql`CREATE INDEX benefit_enterprise_matches_nearly ON benefit_enterprise_matches USING gin (nearly) WITH (fastupdate = off)`,
  ]) await ddl.execute(tx);
}

/**
 * Replaces the stored outcomes of these enterprises by `rows` (an enterprise without a row keeps
 * none): deletes the rows of those that have none now, upserts the others.
 */
export async function replaceEnterpriseMatches(tx: Tx, enterpriseIds: readonly string[], rows: readonly EnterpriseMatches[]): Promise<void> {
  const keep = new Set(rows.map((r) => r.enterpriseId));
  const gone = enterpriseIds.filter((id) => !keep.has(id));
  await withIndexesRebuilt(tx, Math.max(enterpriseIds.length, rows.length), async () => {
    if (gone.length) await sql`DELETE FROM benefit_enterprise_matches WHERE enterprise_id = ANY(${gone}::uuid[])`.execute(tx);
    await writeRows(tx, rows, 'upsert');
  });
}

/**
 * Stores the outcomes of these enterprises (`rows`; an enterprise without a row keeps none),
 * writing only the rows that change: reads what is stored (by primary key), compares, and
 * replaces the others. Most re-matchings change nothing — an edit of an enterprise's phone or a
 * tax figure that crosses no threshold — and then write nothing (no new row version, no GIN
 * entries, no dead tuple for PGlite, which has no autovacuum). Returns how many rows changed.
 */
export async function storeEnterpriseMatches(tx: Tx, enterpriseIds: readonly string[], rows: readonly EnterpriseMatches[]): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const stored = await sql<{ enterprise_id: string; eligible: number[]; nearly: number[]; codes: string[] }>`
    SELECT enterprise_id, eligible, nearly, codes FROM benefit_enterprise_matches WHERE enterprise_id = ANY(${[...enterpriseIds]}::uuid[])`.execute(tx);
  const before = new Map(stored.rows.map((r) => [r.enterprise_id, r]));
  const after = new Map(rows.map((r) => [r.enterpriseId, r]));
  const changed = [...new Set(enterpriseIds)].filter((id) => !sameMatches(before.get(id), after.get(id)));
  if (changed.length === 0) return 0;
  await replaceEnterpriseMatches(tx, changed, changed.flatMap((id) => after.get(id) ?? []));
  return changed.length;
}

/**
 * Replaces every stored outcome (the first start, the benchmark). TRUNCATE rather than DELETE:
 * the old rows leave no dead tuples behind (PGlite has no autovacuum; 48,000 dead rows per full
 * match would double the table each time), and the new rows go into a fresh file.
 */
export async function replaceAllMatches(tx: Tx, rows: readonly EnterpriseMatches[]): Promise<void> {
  await withIndexesRebuilt(tx, REBUILD_INDEXES_FROM, async () => {
    await sql`TRUNCATE benefit_enterprise_matches`.execute(tx);
    await writeRows(tx, rows, 'insert');
  });
}

/**
 * Replaces one policy's outcomes (`outcomes` by enterprise id; an empty map removes the policy):
 * reads the rows that hold the policy now or will, changes them, writes back only those.
 */
export async function replacePolicyOutcomes(tx: Tx, key: number, outcomes: ReadonlyMap<string, PairOutcome>): Promise<void> {
  const ids = [...outcomes.keys()];
  const current = await sql<{ enterprise_id: string; eligible: number[]; nearly: number[]; codes: string[] }>`
    SELECT enterprise_id, eligible, nearly, codes FROM benefit_enterprise_matches
    WHERE eligible @> ARRAY[${key}::int] OR nearly @> ARRAY[${key}::int] OR enterprise_id = ANY(${ids}::uuid[])`.execute(tx);
  const byId = new Map(current.rows.map((r) => [r.enterprise_id, { enterpriseId: r.enterprise_id, eligible: r.eligible, nearly: r.nearly, codes: r.codes }]));
  const touched = new Set<string>([...byId.keys(), ...ids]);
  const next: EnterpriseMatches[] = [];
  const changed: string[] = [];
  for (const id of touched) {
    const before = byId.get(id);
    const after = withPolicyOutcome(before, id, key, outcomes.get(id));
    if (JSON.stringify(before ?? null) === JSON.stringify(after)) continue;
    changed.push(id);
    if (after) next.push(after);
  }
  await replaceEnterpriseMatches(tx, changed, next);
}
