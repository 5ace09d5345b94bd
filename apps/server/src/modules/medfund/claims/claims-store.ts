/**
 * The claims store: where settlements, visits and fee lines live, apart from the platform database
 * (docs/medfund/DATA.md, docs/SCALING.md). Two implementations with one behaviour:
 * DuckDB (default, an embedded file under DATA_DIR) and PostgreSQL (schema `medfund` in a database
 * given by CLAIMS_DATABASE_URL). SQL written for it uses the schema-qualified tables of
 * claims-ddl.ts, `$1, $2…` parameters (cast them where the type matters: `CAST($1 AS DATE)`), and
 * the SQL both engines share (no engine-specific functions; see docs/medfund/DATA.md).
 *
 * Values come back the same from both: DECIMAL / BIGINT / INTEGER as number, DATE as
 * 'YYYY-MM-DD', TIMESTAMP as 'YYYY-MM-DD HH:MM:SS[.f]', BOOLEAN as boolean, NULL as null.
 */
export type ClaimsEngine = 'duckdb' | 'postgres';

export type ClaimsRowSource = Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;

export interface ClaimsStore {
  readonly engine: ClaimsEngine;
  /** Runs one statement and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement (or, without params, a script of several separated by ';'), no rows. */
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  /**
   * Appends rows to `schema.table` (default schema medfund): each row an array in `columns`' order,
   * values as strings or numbers or null (dates 'YYYY-MM-DD', times 'YYYY-MM-DD HH:MM:SS').
   * Returns the number of rows appended. No key check: callers dedupe (import/load-rows.ts).
   */
  append(table: string, columns: readonly string[], rows: ClaimsRowSource): Promise<number>;
  /**
   * Bulk-loads a CSV file (no header, NULL = an empty unquoted field, the values as text in the
   * SQL types' own format) into `schema.table`: DuckDB's COPY FROM the file, PostgreSQL's COPY FROM
   * STDIN fed from the file. `onShare` (0-1) follows the bytes sent. Returns the rows loaded.
   */
  copyFromCsv(table: string, columns: readonly string[], file: string, onShare?: (share: number) => void): Promise<number>;
  /** Runs `fn` in one transaction on this store (every statement of `fn` through the store it gets). */
  transaction<T>(fn: (store: ClaimsStore) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with the store to itself and the memory a full screening run's snapshot needs
   * (rules/screening/full-claims.ts). DuckDB: nothing else runs on its one connection meanwhile,
   * its memory limit is raised to the screening limit (CLAIMS_SCREENING_MEMORY_LIMIT) and set back
   * to its own (CLAIMS_MEMORY_LIMIT, which bounds the import) after; no transaction — rows a
   * transaction has not committed yet are kept uncompressed and scanned without the table's
   * statistics, and the rules over such a snapshot took 102 s instead of 32 s (bench/RESULTS.md
   * run 39). PostgreSQL: one transaction on one connection (its temporary tables belong to it);
   * its memory is the server's configuration.
   */
  screeningSession<T>(fn: (store: ClaimsStore) => Promise<T>): Promise<T>;
  /** DuckDB only: how far the running statement is (0-100), -1 when unknown. */
  progress?(): number;
  close(): Promise<void>;
}

/** Splits "schema.table" (default schema medfund). */
export function splitTableName(table: string): { schema: string; table: string } {
  const i = table.indexOf('.');
  return i < 0 ? { schema: 'medfund', table } : { schema: table.slice(0, i), table: table.slice(i + 1) };
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
/** Table and column names reach SQL text: only plain lower-case identifiers are allowed. */
export function assertIdentifier(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Not a plain SQL identifier: ${JSON.stringify(name)}`);
  return name;
}
