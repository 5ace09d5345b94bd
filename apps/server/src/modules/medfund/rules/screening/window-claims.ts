import type { ClaimsStore } from '../../claims/claims-store';
import type { ClaimsSources } from '../domain/template-sql';
import type { TemplateCode } from '../domain/templates';
import type { ParamValues } from '../domain/parameters';
import {
  WINDOW_BOUNDS_SQL, WINDOW_CLAIMS, claimsStatements, dropWindowTables, lineDaysBack, windowStatements,
} from '../domain/window-claims';

/**
 * Runs `fn` over an incremental run's one netted snapshot (domain/window-claims.ts): the netted
 * claims of the persons the window's settlements touch, materialised once into temporary tables,
 * in one transaction on the claims store (temporary tables belong to one connection; `fn` must use
 * the store it gets). The tables are dropped at the end (on an error the rollback takes them).
 * `timing`, when given, receives how long the materialising took (ms).
 */
export async function withWindowClaims<T>(
  store: ClaimsStore,
  window: { from: string; to: string },
  rules: { template: TemplateCode; params: ParamValues }[],
  fn: (tx: ClaimsStore, claims: ClaimsSources) => Promise<T>,
  timing?: (ms: number) => void,
): Promise<T> {
  return store.transaction(async (tx) => {
    const t0 = performance.now();
    for (const stmt of dropWindowTables()) await tx.exec(stmt);
    for (const stmt of windowStatements(window)) await materialise(tx, stmt);
    const [b] = await tx.query<{ e_setl: string | null; e_line: string | null }>(WINDOW_BOUNDS_SQL);
    for (const stmt of claimsStatements({ eSetl: b?.e_setl ?? null, eLine: b?.e_line ?? null }, window, lineDaysBack(rules), tx.engine)) await materialise(tx, stmt);
    timing?.(performance.now() - t0);
    const result = await fn(tx, WINDOW_CLAIMS);
    for (const stmt of dropWindowTables()) await tx.exec(stmt);
    return result;
  });
}

/** Runs a snapshot's CREATE TEMP TABLE; on PostgreSQL then ANALYZE, which plans the next steps' and the rules' joins by the table's statistics (a fresh temporary table has none). */
export async function materialise(tx: ClaimsStore, stmt: string): Promise<void> {
  await tx.exec(stmt);
  const table = /^CREATE TEMP TABLE (\w+)/.exec(stmt)?.[1];
  if (tx.engine === 'postgres' && table) await tx.exec(`ANALYZE ${table}`);
}
