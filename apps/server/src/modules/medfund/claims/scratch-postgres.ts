import pg from 'pg';
import type { ClaimsStore } from './claims-store';
import { openPostgresStore } from './postgres-store';

/** A database of its own on the server of `url` (tests and benchmarks): its URL, and drop() to remove it. */
export async function scratchDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A PostgreSQL claims store in a scratch database; done() closes it and drops the database. */
export async function scratchPostgresStore(url: string, prefix: string): Promise<{ store: ClaimsStore; done: () => Promise<void> }> {
  const db = await scratchDatabase(url, prefix);
  const store = await openPostgresStore(db.url);
  return { store, done: async () => { await store.close(); await db.drop(); } };
}
