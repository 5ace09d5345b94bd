import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { DB } from '../../../db/schema';
import type { ClaimsStore } from '../claims/claims-store';
import { claimsStoreKey, claimsStoreOf } from '../claims/open-claims-store';

/**
 * The claims store the screening reads: the app's one (claims/open-claims-store.ts, shared with the
 * loads), and the key naming its data (one active run per key).
 */
export function claimsStoreFor(db: Kysely<DB>, config: Config): { key: string; store: Promise<ClaimsStore> } {
  return { key: claimsStoreKey(config), store: claimsStoreOf(db) };
}
