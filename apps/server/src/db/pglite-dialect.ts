import { PostgresDialect } from 'kysely';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { QueryResult } from './pglite-client';

/**
 * Kysely's own PostgresDialect over the PGlite worker. PGlite is a single session, so the "pool"
 * hands out one client at a time: a transaction keeps it until it commits, and nothing from
 * another request can slip into the middle of it.
 */
export function createPgliteDialect(client: SingleSession): PostgresDialect {
  return new PostgresDialect({ pool: new SingleSessionPool(client) });
}

/** What the dialect needs of PGlite: the worker client, or (bench baseline) PGlite itself. */
export interface SingleSession {
  query(sql: string, params: readonly unknown[]): Promise<QueryResult>;
}

class SingleSessionPool implements PostgresPool {
  readonly options = {};
  private busy = false;
  private readonly waiting: Array<() => void> = [];
  private readonly session: PostgresPoolClient & { processID: number };

  constructor(client: SingleSession) {
    this.session = {
      processID: 1, // tells Kysely not to ask for pg_backend_pid()
      query: async (sql: string, params: readonly unknown[]) => {
        const r = await client.query(sql, params);
        return { command: commandOf(sql), rowCount: r.affectedRows, rows: r.rows } as PostgresQueryResult<never>;
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

/** The statement's command tag, as `pg` reports it (Kysely reads affected rows from DML only). */
function commandOf(sql: string): PostgresQueryResult<never>['command'] {
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
  if (head !== 'WITH') return head as PostgresQueryResult<never>['command'];
  const dml = /\)\s*(insert|update|delete|merge)\b/i.exec(sql)?.[1];
  return (dml?.toUpperCase() ?? 'SELECT') as PostgresQueryResult<never>['command'];
}
