import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { assertIdentifier, splitTableName, type ClaimsRowSource, type ClaimsStore } from './claims-store';
import { claimsDdl } from './claims-ddl';
import { sqlString } from './duckdb-columns';

const NUMERIC_TYPES = new Set<number>([
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
]);

/**
 * A promise chain that runs one operation at a time: a DuckDB connection is one session, so a
 * transaction must not interleave with other callers' statements.
 */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.tail.then(op, op);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

async function readRows<T>(conn: DuckDBConnection, sql: string, params?: readonly unknown[]): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params?.length ? (params as DuckDBValue[]) : undefined);
  const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
  const names = reader.columnNames();
  const numeric = reader
    .columnTypes()
    .map((t, i) => (NUMERIC_TYPES.has(t.typeId) ? names[i] : null))
    .filter((n): n is string => n !== null);
  if (numeric.length) {
    for (const row of rows) for (const n of numeric) if (row[n] !== null) row[n] = Number(row[n]);
  }
  return rows as T[];
}

async function appendRows(conn: DuckDBConnection, target: string, columns: readonly string[], rows: ClaimsRowSource): Promise<number> {
  const { schema, table } = splitTableName(target);
  // The appender fills every column of the table in order: map the given columns onto them.
  const all = (
    await readRows<{ column_name: string }>(
      conn,
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schema, table],
    )
  ).map((r) => r.column_name);
  if (!all.length) throw new Error(`No table ${schema}.${table}`);
  const position = all.map((c) => columns.indexOf(c));
  for (const c of columns) if (!all.includes(c)) throw new Error(`No column ${c} in ${schema}.${table}`);
  const appender = await conn.createAppender(assertIdentifier(table), assertIdentifier(schema));
  let n = 0;
  try {
    for await (const row of rows as AsyncIterable<readonly unknown[]>) {
      for (const p of position) {
        const v = p < 0 ? null : row[p];
        if (v === null || v === undefined || v === '') appender.appendNull();
        else appender.appendVarchar(typeof v === 'string' ? v : String(v));
      }
      appender.endRow();
      n++;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return n;
}

async function copyCsv(conn: DuckDBConnection, target: string, columns: readonly string[], file: string, onShare?: (share: number) => void): Promise<number> {
  const { schema, table } = splitTableName(target);
  const reader = await conn.runAndReadAll(
    `COPY ${assertIdentifier(schema)}.${assertIdentifier(table)} (${columns.map(assertIdentifier).join(', ')}) FROM ${sqlString(file)} (FORMAT csv, HEADER false)`,
  );
  onShare?.(1);
  return Number((reader.getRowObjectsJson()[0] as { Count?: unknown } | undefined)?.Count ?? 0);
}

/**
 * The DuckDB claims store: a file (or ':memory:' in tests), one connection, operations one at a
 * time. The DDL runs at open.
 */
export async function openDuckdbStore(
  path: string, opts: { threads?: number; memoryLimit?: string; screeningMemoryLimit?: string } = {},
): Promise<ClaimsStore> {
  const options: Record<string, string> = {};
  if (opts.threads) options.threads = String(opts.threads);
  if (opts.memoryLimit) options.memory_limit = opts.memoryLimit;
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  const serial = new Serial();
  // the store's own limit (DuckDB's default when none is given: 80 % of the RAM), set back after a screening session
  const ownLimit = opts.memoryLimit ?? String((await readRows<{ v: string }>(conn, `SELECT current_setting('memory_limit') AS v`))[0]!.v);
  for (const stmt of claimsDdl()) await conn.run(stmt);

  const inner = (): ClaimsStore => ({
    engine: 'duckdb',
    query: <T>(sql: string, params?: readonly unknown[]) => readRows<T>(conn, sql, params),
    exec: async (sql, params) => {
      await conn.run(sql, params?.length ? (params as DuckDBValue[]) : undefined);
    },
    append: (table, columns, rows) => appendRows(conn, table, columns, rows),
    copyFromCsv: (table, columns, file, onShare) => copyCsv(conn, table, columns, file, onShare),
    transaction: (fn) => fn(inner()),
    screeningSession: (fn) => fn(inner()),
    close: async () => {
      throw new Error('close() inside a transaction');
    },
  });
  const direct = inner();
  let closed = false;

  return {
    engine: 'duckdb',
    query: (sql, params) => serial.run(() => direct.query(sql, params)),
    exec: (sql, params) => serial.run(() => direct.exec(sql, params)),
    append: (table, columns, rows) => serial.run(() => direct.append(table, columns, rows)),
    copyFromCsv: (table, columns, file, onShare) => serial.run(() => direct.copyFromCsv(table, columns, file, onShare)),
    transaction: (fn) =>
      serial.run(async () => {
        await conn.run('BEGIN TRANSACTION');
        try {
          const result = await fn(direct);
          await conn.run('COMMIT');
          return result;
        } catch (err) {
          await conn.run('ROLLBACK');
          throw err;
        }
      }),
    screeningSession: (fn) =>
      serial.run(async () => {
        if (!opts.screeningMemoryLimit) return fn(direct);
        await conn.run(`SET memory_limit = ${sqlString(opts.screeningMemoryLimit)}`);
        try {
          return await fn(direct);
        } finally {
          await conn.run(`SET memory_limit = ${sqlString(ownLimit)}`);
        }
      }),
    progress: () => {
      try {
        return conn.progress.percentage;
      } catch {
        return -1;
      }
    },
    close: () =>
      serial.run(async () => {
        if (closed) return;
        closed = true;
        conn.closeSync();
        instance.closeSync();
      }),
  };
}
