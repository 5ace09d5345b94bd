import { Kysely, type KyselyConfig } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../apps/server/src/db/database';
import type { DB } from '../../apps/server/src/db/schema';
import { lockDataDir } from '../../apps/server/src/db/data-dir-lock';
import { sharedParsers } from '../../apps/server/src/db/type-parsers';
import { createPgliteDialect } from '../../apps/server/src/db/pglite-dialect';

/**
 * The obvious alternative to the project's worker thread, for comparison only: PGlite opened in
 * the HTTP process and queried on the HTTP thread, behind the project's own single-session dialect
 * (apps/server/src/db/pglite-dialect.ts) (a transaction keeps the session until it ends). Returns
 * the same `Database` object the app is built with, so every route and query is identical.
 */
export async function openPgliteInThread(dataDir: string | null, opts: { log?: KyselyConfig['log'] } = {}): Promise<Database> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir ?? undefined, { parsers: sharedParsers });
  } catch (err) {
    unlock();
    throw err;
  }
  const db = new Kysely<DB>({ dialect: createPgliteDialect({
      query: async (sql, params) => {
        const r = await pg.query<Record<string, unknown>>(sql, params as unknown[]);
        return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
      },
    }), ...(opts.log ? { log: opts.log } : {}) });
  return {
    kind: 'pglite',
    db,
    runScript: async (script) => {
      await db.connection().execute(async () => {
        try {
          await pg.exec(script);
        } catch (err) {
          await pg.exec('ROLLBACK');
          throw err;
        }
      });
    },
    close: async () => {
      await db.destroy();
      await pg.close();
      unlock();
    },
  };
}
