import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../core/context';
import { withPolicyOutcome, type EnterpriseMatches, type PairOutcome, type StoredOutcome } from './domain';

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

/** Inserts rows for enterprises that have none now (the caller deleted theirs). */
async function insertRows(tx: Tx, rows: readonly EnterpriseMatches[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes })));
    await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
              SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${json}::json)`.execute(tx);
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

/** Replaces the stored outcomes of these enterprises by `rows` (an enterprise without a row keeps none). */
export async function replaceEnterpriseMatches(tx: Tx, enterpriseIds: readonly string[], rows: readonly EnterpriseMatches[]): Promise<void> {
  await withIndexesRebuilt(tx, Math.max(enterpriseIds.length, rows.length), async () => {
    if (enterpriseIds.length) await sql`DELETE FROM benefit_enterprise_matches WHERE enterprise_id = ANY(${[...enterpriseIds]}::uuid[])`.execute(tx);
    await insertRows(tx, rows);
  });
}

/** Replaces every stored outcome (the first start, the benchmark). */
export async function replaceAllMatches(tx: Tx, rows: readonly EnterpriseMatches[]): Promise<void> {
  await withIndexesRebuilt(tx, REBUILD_INDEXES_FROM, async () => {
    await sql`DELETE FROM benefit_enterprise_matches`.execute(tx);
    await insertRows(tx, rows);
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
