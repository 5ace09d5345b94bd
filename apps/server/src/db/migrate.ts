import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database';
import { srcPath } from '../src-path';

const MIGRATIONS_DIR = srcPath('db/migrations');
const UNIQUE_VIOLATION = '23505';

/** Forward-only numbered SQL files: NNNN_name.sql. Never edit one that has landed. */
export function listMigrations(dir = MIGRATIONS_DIR): { version: string; file: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), file: path.join(dir, f) }));
}

/**
 * Applies the pending migrations, each in one transaction with its bookkeeping row. A
 * transaction-level advisory lock makes two servers starting together take turns; the one that
 * comes second finds the version row already there (unique violation) and skips the file.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.runScript(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    );`);
  const done = await appliedVersions(database);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    const body = fs.readFileSync(m.file, 'utf8');
    try {
      await database.runScript(
        `BEGIN;
         SELECT pg_advisory_xact_lock(4201);
         INSERT INTO schema_migrations (version) VALUES ('${m.version}');
         ${body}
         ;COMMIT;`,
      );
      applied.push(m.version);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) continue; // applied by another process
      throw new Error(`Migration ${m.version} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}

async function appliedVersions(database: Database): Promise<Set<string>> {
  const rows = await sql<{ version: string }>`SELECT version FROM schema_migrations`.execute(database.db);
  return new Set(rows.rows.map((r) => r.version));
}

/** True when every migration shipped with this build has been applied (readiness). */
export async function migrationsComplete(database: Database): Promise<boolean> {
  const done = await appliedVersions(database);
  return listMigrations().every((m) => done.has(m.version));
}
