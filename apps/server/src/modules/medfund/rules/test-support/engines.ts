import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Runs the same statements and one query on each SQL engine the screening supports. Each engine
 * opens once per test file (a PGlite start costs seconds on a busy machine); every run gets a
 * fresh schema of its own. close() at the end of the file.
 */
export interface TestEngine {
  name: string;
  run(statements: string[], query: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

let seq = 0;
const freshSchema = () => `mf_t_${process.pid}_${++seq}`;

function duckdbEngine(): TestEngine {
  let con: Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> | null = null;
  const open = () =>
    (con ??= DuckDBInstance.create(':memory:').then(async (instance) => ({ instance, con: await instance.connect() })));
  return {
    name: 'duckdb',
    async run(statements, query) {
      const { con: c } = await open();
      const schema = freshSchema();
      await c.run(`CREATE SCHEMA ${schema}`);
      await c.run(`SET search_path = '${schema}'`);
      for (const s of statements) await c.run(s);
      const rows = (await c.runAndReadAll(query)).getRowObjectsJS() as Record<string, unknown>[];
      await c.run(`SET search_path = 'main'`);
      await c.run(`DROP SCHEMA ${schema} CASCADE`);
      return rows;
    },
    async close() {
      if (!con) return;
      const { instance, con: c } = await con;
      c.closeSync();
      instance.closeSync();
    },
  };
}

function pgliteEngine(): TestEngine {
  let db: Promise<PGlite> | null = null;
  return {
    name: 'pglite',
    async run(statements, query) {
      const d = await (db ??= PGlite.create());
      const schema = freshSchema();
      await d.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
      for (const s of statements) await d.exec(s);
      const rows = (await d.query<Record<string, unknown>>(query)).rows;
      await d.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
      return rows;
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}

/** PostgreSQL 15 (TEST_DATABASE_URL). */
function postgresEngine(): TestEngine {
  let client: Promise<pg.Client> | null = null;
  return {
    name: 'postgres',
    async run(statements, query) {
      const c = await (client ??= (async () => {
        const cl = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await cl.connect();
        return cl;
      })());
      const schema = freshSchema();
      await c.query(`CREATE SCHEMA ${schema}`);
      await c.query(`SET search_path TO ${schema}`);
      try {
        for (const s of statements) await c.query(s);
        return (await c.query(query)).rows;
      } finally {
        await c.query(`SET search_path TO public`);
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    },
    async close() {
      if (client) await (await client).end();
    },
  };
}

/** DuckDB and PGlite always; the PostgreSQL server too when the run has one (TEST_DB=postgres). */
export function testEngines(): TestEngine[] {
  const engines = [duckdbEngine(), pgliteEngine()];
  if (process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL) engines.push(postgresEngine());
  return engines;
}
