import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { DB } from '../../../db/schema';
import type { ClaimsStore } from './claims-store';
import { openDuckdbStore } from './duckdb-store';
import { openPostgresStore } from './postgres-store';

/** Where the claims store of an installation lives, from the configuration. */
export function claimsStoreLocation(config: Config): { engine: 'duckdb'; path: string; memoryLimit: string; screeningMemoryLimit: string } | { engine: 'postgres'; url: string } {
  if (config.CLAIMS_STORE === 'postgres') {
    const url = config.CLAIMS_DATABASE_URL ?? config.DATABASE_URL;
    if (!url) throw new Error('CLAIMS_STORE=postgres needs CLAIMS_DATABASE_URL (or DATABASE_URL)');
    return { engine: 'postgres', url };
  }
  const file = config.CLAIMS_DUCKDB_PATH ?? (config.NODE_ENV === 'test' ? ':memory:' : path.join(config.dataDir, 'medfund', 'claims.duckdb'));
  return { engine: 'duckdb', path: file, memoryLimit: config.CLAIMS_MEMORY_LIMIT, screeningMemoryLimit: config.CLAIMS_SCREENING_MEMORY_LIMIT };
}

export async function openClaimsStore(config: Config): Promise<ClaimsStore> {
  const loc = claimsStoreLocation(config);
  if (loc.engine === 'postgres') return openPostgresStore(loc.url);
  if (loc.path !== ':memory:') fs.mkdirSync(path.dirname(loc.path), { recursive: true });
  return openDuckdbStore(loc.path, { memoryLimit: loc.memoryLimit, screeningMemoryLimit: loc.screeningMemoryLimit });
}

/**
 * One claims store per app, opened on first use (an app that never touches medical fund data never
 * opens the DuckDB file). Keyed by the app's Kysely instance, which routes and job handlers both
 * hold, so a job finds the store of the app that runs it.
 */
const stores = new WeakMap<object, { config: Config; store: Promise<ClaimsStore> | null }>();

export function bindClaimsStore(db: Kysely<DB>, config: Config): void {
  if (!stores.has(db)) stores.set(db, { config, store: null });
}

/** What the data in the app's claims store is called: one active screening run per key. */
export function claimsStoreKey(config: Config): string {
  const loc = claimsStoreLocation(config);
  if (loc.engine === 'duckdb') return `duckdb:${loc.path}`;
  const u = new URL(loc.url);
  return `postgres:${u.host}${u.pathname}`;
}

/** Tests: the app uses this (already filled) store instead of its own (closed, if it was opened). */
export async function provideClaimsStore(db: Kysely<DB>, config: Config, store: ClaimsStore): Promise<void> {
  await closeClaimsStore(db);
  stores.set(db, { config, store: Promise.resolve(store) });
}

/** The key of the store bound to this app (a job has no config of its own), and whether the demo year is screened once generated. */
export function boundClaimsStore(db: Kysely<DB>): { key: string; demoScreening: boolean } {
  const entry = stores.get(db);
  if (!entry) throw new Error('The medfund claims store is not bound to this app');
  return { key: claimsStoreKey(entry.config), demoScreening: entry.config.MEDFUND_DEMO_SCREENING };
}

export function claimsStoreOf(db: Kysely<DB>): Promise<ClaimsStore> {
  const entry = stores.get(db);
  if (!entry) throw new Error('The medfund claims store is not bound to this app');
  entry.store ??= openClaimsStore(entry.config);
  return entry.store;
}

export async function closeClaimsStore(db: Kysely<DB>): Promise<void> {
  const entry = stores.get(db);
  if (entry?.store) {
    const s = await entry.store.catch(() => null);
    entry.store = null;
    await s?.close();
  }
}
