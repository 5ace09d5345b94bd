import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';
import { PgliteClient } from './pglite-client';
import { createPgliteDialect } from './pglite-dialect';
import { lockDataDir } from './data-dir-lock';
import { sharedParsers } from './type-parsers';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  runScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for PostgreSQL; otherwise the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; null keeps the database in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PgliteClient;
  try {
    client = await PgliteClient.start(dataDir);
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: createPgliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    runScript: async (sql) => {
      // Through Kysely's single session, so that no other query interleaves with the script.
      await db.connection().execute(async () => {
        try {
          await client.exec(sql);
        } catch (err) {
          await client.exec('ROLLBACK'); // a failed script may leave its transaction open
          throw err;
        }
      });
    },
    close: async () => {
      await db.destroy();
      await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      sharedParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  // An idle connection can be cut by the server (restart, failover, pg_terminate_backend). pg
  // reports it on the pool; without a listener that would crash the process. The pool drops the
  // client and opens a new one on the next query.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P01') console.error('PostgreSQL idle connection error:', err.message);
  });
  // Fail at start-up, with the driver's message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    runScript: async (sql) => {
      const c = await pool.connect();
      try {
        await c.query(sql);
      } catch (err) {
        await c.query('ROLLBACK'); // a failed script may leave its transaction open
        throw err;
      } finally {
        c.release();
      }
    },
    close: () => db.destroy(),
  };
}
