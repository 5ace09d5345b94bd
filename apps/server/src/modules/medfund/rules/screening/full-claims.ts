import type { ClaimsStore } from '../../claims/claims-store';
import type { ClaimsSources } from '../domain/template-sql';
import { FULL_CLAIMS, dropFullTables, fullClaimsStatements } from '../domain/full-claims';
import { materialise } from './window-claims';

/**
 * Runs `fn` over a full run's one netted snapshot (domain/full-claims.ts), materialised into
 * temporary tables in one screening session on the claims store (ClaimsStore.screeningSession:
 * the store to itself, DuckDB's larger screening memory limit). `fn` must use the store it gets.
 * The tables are dropped at the end, whether `fn` succeeds or not. `timing`, when given, receives
 * how long the materialising took (ms).
 */
export async function withFullClaims<T>(
  store: ClaimsStore,
  fn: (tx: ClaimsStore, claims: ClaimsSources) => Promise<T>,
  timing?: (ms: number) => void,
): Promise<T> {
  return store.screeningSession(async (tx) => {
    const drop = async () => {
      for (const stmt of dropFullTables()) await tx.exec(stmt);
    };
    await drop();
    try {
      const t0 = performance.now();
      for (const stmt of fullClaimsStatements()) await materialise(tx, stmt);
      timing?.(performance.now() - t0);
      const result = await fn(tx, FULL_CLAIMS);
      await drop();
      return result;
    } catch (err) {
      // DuckDB has no transaction to roll back here; on PostgreSQL the rollback drops them (and a statement now would fail)
      if (tx.engine === 'duckdb') await drop();
      throw err;
    }
  });
}
