import path from 'node:path';
import type { ClaimsStore } from '../claims/claims-store';
import { openDuckdbStore } from '../claims/duckdb-store';
import { openPostgresStore } from '../claims/postgres-store';
import type { Config } from '../../../config';

/**
 * The claims store the screening reads, one per process: PostgreSQL when CLAIMS_DATABASE_URL is
 * set, else the DuckDB file claims.duckdb in DATA_DIR. Tests (and the demo) hand one in with
 * useClaimsStore. `storeKey` names the data a run screens (one active run per key).
 */
let current: { key: string; store: Promise<ClaimsStore> } | null = null;

export function useClaimsStore(store: ClaimsStore, key = `${store.engine}:provided`): void {
  current = { key, store: Promise.resolve(store) };
}

export function claimsStoreFor(config: Pick<Config, 'dataDir'>): { key: string; store: Promise<ClaimsStore> } {
  if (!current) {
    const url = process.env.CLAIMS_DATABASE_URL;
    if (url) current = { key: `postgres:${new URL(url).host}${new URL(url).pathname}`, store: openPostgresStore(url) };
    else {
      const file = path.join(config.dataDir, 'claims.duckdb');
      current = { key: `duckdb:${file}`, store: openDuckdbStore(file) };
    }
  }
  return current;
}

/** The store the jobs use: the one the routes opened (the job runner lives in the same process). */
export function activeClaimsStore(): { key: string; store: Promise<ClaimsStore> } | null {
  return current;
}
