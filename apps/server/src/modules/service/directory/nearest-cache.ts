import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { NearestIndex } from './domain/nearest-index';
import { directoryVersion } from './directory-version';

interface Cached {
  version: number;
  index: NearestIndex;
}

/** One index per database (tests run several apps in one process), with the version it was built at. */
const cache = new WeakMap<Kysely<DB>, Cached>();
const building = new WeakMap<Kysely<DB>, Promise<Cached>>();

/** Reads every active provider with its capability codes: one query, ~100,000 rows at most. */
async function loadIndexed(db: Kysely<DB>) {
  const rows = await db.selectFrom('service_providers as p')
    .select(['p.id', 'p.lat', 'p.lng', sql<string[]>`coalesce((SELECT array_agg(DISTINCT s.capability_code) FROM service_provider_services s WHERE s.provider_id = p.id), '{}')`.as('capabilities')])
    .where('p.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ id: r.id, lat: r.lat, lng: r.lng, capabilities: r.capabilities }));
}

/**
 * The process's nearest-provider index, current with the directory: one read of the version
 * counter per call; a rebuild (one query and the kd-trees, ~0.3 s for 100,000 providers, see
 * bench/RESULTS.md) when another process or this one changed the directory. Concurrent callers
 * share one rebuild. The version is read before the rows, so a change landing in between makes the
 * next call rebuild again instead of keeping a stale index.
 */
export async function currentIndex(db: Kysely<DB>): Promise<Cached> {
  const version = await directoryVersion(db);
  const have = cache.get(db);
  if (have && have.version >= version) return have;
  let pending = building.get(db);
  if (!pending) {
    pending = (async () => {
      try {
        const built = { version, index: new NearestIndex(await loadIndexed(db)) };
        const now = cache.get(db);
        if (!now || now.version < built.version) cache.set(db, built);
        return cache.get(db)!;
      } finally {
        building.delete(db);
      }
    })();
    building.set(db, pending);
  }
  const built = await pending;
  // a rebuild started at an older version than ours: build again at ours
  return built.version >= version ? built : currentIndex(db);
}
