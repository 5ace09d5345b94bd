import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../apps/server/src/db/database';
import type { DB } from '../../apps/server/src/db/schema';
import { lockDataDir } from '../../apps/server/src/db/data-dir-lock';
import { sharedParsers } from '../../apps/server/src/db/type-parsers';

/**
 * The obvious alternative to the project's worker thread, for comparison only: PGlite opened in
 * the HTTP process and queried on the HTTP thread, behind the same single-session pool as
 * apps/server/src/db/pglite-dialect.ts (a transaction keeps the session until it ends). Returns
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new SingleSessionPool(pg) }), ...(opts.log ? { log: opts.log } : {}) });
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

class SingleSessionPool implements PostgresPool {
  readonly options = {};
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private readonly session: PostgresPoolClient & { processID: number };

  constructor(pg: PGlite) {
    this.session = {
      processID: 1,
      query: async (sql: string, params: readonly unknown[]) => {
        const r = await pg.query<Record<string, unknown>>(sql, params as unknown[]);
        return { command: commandOf(sql), rowCount: r.affectedRows ?? 0, rows: r.rows } as PostgresQueryResult<never>;
      },
      release: () => this.release(),
    } as unknown as PostgresPoolClient & { processID: number };
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return this.session;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  async end(): Promise<void> {}
}

function commandOf(sql: string): PostgresQueryResult<never>['command'] {
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
  if (head !== 'WITH') return head as PostgresQueryResult<never>['command'];
  const dml = /\)\s*(insert|update|delete|merge)\b/i.exec(sql)?.[1];
  return (dml?.toUpperCase() ?? 'SELECT') as PostgresQueryResult<never>['command'];
}
