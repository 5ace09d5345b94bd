import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { srcPath } from '../src-path';

export interface QueryResult {
  rows: Record<string, unknown>[];
  affectedRows: number;
}

/** An error raised by the database, with PostgreSQL's SQLSTATE code (same shape as `pg`'s). */
export class DatabaseError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  constructor(e: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(e.message);
    this.name = 'DatabaseError';
    Object.assign(this, { code: e.code, detail: e.detail, constraint: e.constraint });
  }
}

/** Rows as the worker sends them (arrays in the order of `fields`) back into objects, as `pg` gives them. */
function toObjects(fields: string[], rows: unknown[][]): Record<string, unknown>[] {
  return rows.map((values) => {
    const row: Record<string, unknown> = {};
    // in order, so that of two columns with one name the last wins, as with `pg`
    for (let i = 0; i < fields.length; i++) row[fields[i]!] = values[i];
    return row;
  });
}

interface Pending {
  resolve: (r: QueryResult) => void;
  reject: (e: Error) => void;
}

/**
 * Talks to the PGlite worker thread. Queries are answered in the order sent (the worker runs
 * one at a time); callers that need a session (transactions) serialise through PgliteDialect.
 */
export class PgliteClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: { id?: number; fields?: string[]; rows?: unknown[][]; affectedRows?: number; error?: ConstructorParameters<typeof DatabaseError>[0] }) => {
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new DatabaseError(msg.error));
      else p.resolve({ rows: toObjects(msg.fields ?? [], msg.rows ?? []), affectedRows: msg.affectedRows ?? 0 });
    });
    worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  /** Starts the worker and waits until the database is open. `dataDir` null = in memory. */
  static async start(dataDir: string | null): Promise<PgliteClient> {
    const worker = new Worker(pathToFileURL(srcPath('db/pglite-worker.mjs')), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready) {
          worker.off('error', reject);
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new PgliteClient(worker);
  }

  query(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    return this.send(sql, params, false);
  }

  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<QueryResult> {
    return this.send(sql, [], true);
  }

  private send(sql: string, params: readonly unknown[], multi: boolean): Promise<QueryResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql, params, multi });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.worker.on('message', (m: { closed?: boolean }) => m.closed && resolve());
      this.worker.postMessage({ close: true });
    });
    await this.worker.terminate();
  }
}
