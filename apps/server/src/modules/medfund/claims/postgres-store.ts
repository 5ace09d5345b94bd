import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { assertIdentifier, splitTableName, type ClaimsRowSource, type ClaimsStore } from './claims-store';
import { POSTGRES_INDEXES, POSTGRES_STATISTICS, claimsDdl } from './claims-ddl';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMP = 1114;
/** The same values as the DuckDB store: numbers, dates and timestamps as the text PostgreSQL sends. */
const parsers: Record<number, (v: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v,
  [TIMESTAMP]: (v) => v,
};
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
};

/** Rows per INSERT when appending: one JSON document each (json_populate_recordset), not 1000s of parameters. */
const CHUNK = 5000;

type Queryable = pg.Pool | pg.PoolClient;

async function appendRows(db: Queryable, target: string, columns: readonly string[], rows: ClaimsRowSource): Promise<number> {
  const { schema, table } = splitTableName(target);
  const cols = columns.map(assertIdentifier).join(', ');
  const sql = `INSERT INTO ${assertIdentifier(schema)}.${assertIdentifier(table)} (${cols})
    SELECT ${cols} FROM json_populate_recordset(NULL::${schema}.${table}, $1::json)`;
  let chunk: Record<string, unknown>[] = [];
  let n = 0;
  const flush = async () => {
    if (!chunk.length) return;
    await db.query(sql, [JSON.stringify(chunk)]);
    n += chunk.length;
    chunk = [];
  };
  for await (const row of rows as AsyncIterable<readonly unknown[]>) {
    const obj: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = row[i];
      obj[c] = v === '' || v === undefined ? null : v;
    });
    chunk.push(obj);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return n;
}

/** COPY … FROM STDIN (FORMAT csv) fed from the file: the rows never become JS objects. */
async function copyCsv(db: Queryable, target: string, columns: readonly string[], file: string, onShare?: (share: number) => void): Promise<number> {
  const { schema, table } = splitTableName(target);
  const client = 'release' in db ? db : await db.connect();
  try {
    const size = fs.statSync(file).size || 1;
    let sent = 0;
    let lastReport = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length;
        if (onShare && sent - lastReport > 8 * 2 ** 20) {
          lastReport = sent;
          onShare(sent / size);
        }
        done(null, chunk);
      },
    });
    const sink = client.query(
      copyFrom(`COPY ${assertIdentifier(schema === 'pg_temp' ? 'pg_temp' : schema)}.${assertIdentifier(table)} (${columns.map(assertIdentifier).join(', ')}) FROM STDIN (FORMAT csv)`),
    );
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), counter, sink);
    onShare?.(1);
    return Number(sink.rowCount ?? 0);
  } finally {
    if (!('release' in db)) (client as pg.PoolClient).release();
  }
}

function over(db: Queryable, close: () => Promise<void>): ClaimsStore {
  const store: ClaimsStore = {
    engine: 'postgres',
    query: async <T>(sql: string, params?: readonly unknown[]) =>
      (await db.query(sql, params?.length ? (params as unknown[]) : undefined)).rows as T[],
    exec: async (sql, params) => {
      await db.query(sql, params?.length ? (params as unknown[]) : undefined);
    },
    append: (table, columns, rows) => appendRows(db, table, columns, rows),
    copyFromCsv: (table, columns, file, onShare) => copyCsv(db, table, columns, file, onShare),
    transaction: async (fn) => {
      if (!('release' in db)) {
        const client = await db.connect();
        try {
          await client.query('BEGIN');
          const result = await fn(over(client, async () => {}));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        } finally {
          client.release();
        }
      }
      return fn(over(db, async () => {})); // already inside one
    },
    screeningSession: (fn) => store.transaction(fn),
    close,
  };
  return store;
}

/**
 * The PostgreSQL claims store: schema `medfund` in the database at `url` (the platform's own
 * database or another one: CLAIMS_DATABASE_URL). The DDL and the indexes run at open, under an
 * advisory lock so that several processes starting at once do not race.
 */
export async function openPostgresStore(url: string, opts: { poolSize?: number } = {}): Promise<ClaimsStore> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 4, types: types as pg.CustomTypesConfig });
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') console.error('Claims store idle connection error:', err.message);
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('zhizhi.medfund.claims-ddl'))`);
    for (const stmt of [...claimsDdl(), ...POSTGRES_INDEXES, ...POSTGRES_STATISTICS]) await client.query(stmt);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    client.release();
    await pool.end();
    throw err;
  }
  client.release();
  return over(pool, () => pool.end());
}
