import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database';
import { prepareDatabase } from '../src/bootstrap';

/**
 * API tests run against a real, migrated database holding the demo county. It is built once per
 * run (the template) and copied for each test file: a directory copy for PGlite, CREATE
 * DATABASE … TEMPLATE for PostgreSQL. TEST_DB selects which (pglite, the default, or postgres
 * with TEST_DATABASE_URL pointing at a server the test command started).
 */
export type TestDbKind = 'pglite' | 'postgres';
export const testDbKind = (): TestDbKind => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite');
const TEMPLATE_DB = 'zz_template';

export async function buildTemplate(): Promise<string> {
  if (testDbKind() === 'postgres') {
    const url = requireUrl();
    await adminQuery(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await adminQuery(url, `CREATE DATABASE ${TEMPLATE_DB}`);
    const database = await openDatabase({ databaseUrl: withDb(url, TEMPLATE_DB), dataDir: null, poolSize: 2 });
    await prepareDatabase(database, { demo: true });
    await database.close();
    return TEMPLATE_DB;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-template-'));
  const database = await openDatabase({ dataDir: dir });
  await prepareDatabase(database, { demo: true });
  await database.close();
  return dir;
}

export async function removeTemplate(template: string): Promise<void> {
  if (testDbKind() === 'postgres') await adminQuery(requireUrl(), `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  else fs.rmSync(template, { recursive: true, force: true });
}

/** A fresh copy of the template for one test file; `drop()` removes it. */
export async function openCopy(template: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (testDbKind() === 'postgres') {
    const url = requireUrl();
    const name = `zz_test_${suffix}`;
    await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    const database = await openDatabase({ databaseUrl: withDb(url, name), dataDir: null, poolSize: 5 });
    return {
      database,
      drop: async () => {
        await database.close();
        await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dir = path.join(os.tmpdir(), `zz-test-${suffix}`);
  fs.cpSync(template, dir, { recursive: true });
  fs.rmSync(path.join(dir, '.zhizhi.lock'), { force: true });
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    drop: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function requireUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (scripts/test-all.sh starts a server and sets it)');
  return url;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDb(url, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
