import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database';
import { DataDirLockedError } from './data-dir-lock';
import { listMigrations, migrate, migrationsComplete } from './migrate';
import { createTestApp } from '../../test/test-app';

describe('embedded database (PGlite)', () => {
  it('refuses a second process on the same data directory, and frees it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-lock-'));
    const first = await openDatabase({ dataDir: dir });
    // Another process holds the lock: simulate with a live pid that is not ours (the parent).
    fs.writeFileSync(path.join(dir, '.zhizhi.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by another process/);
    fs.writeFileSync(path.join(dir, '.zhizhi.lock'), String(process.pid));
    await first.close();
    expect(fs.existsSync(path.join(dir, '.zhizhi.lock'))).toBe(false);
    // A lock left by a process that no longer exists is taken over.
    fs.writeFileSync(path.join(dir, '.zhizhi.lock'), '999999');
    const again = await openDatabase({ dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000); // a new data directory runs initdb (see below)

  it('keeps committed rows across a reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-persist-'));
    const a = await openDatabase({ dataDir: dir });
    await migrate(a);
    await a.db.insertInto('divisions').values({ code: '330000', name: '浙江省', level: 1, parent_code: null }).execute();
    await a.close();
    const b = await openDatabase({ dataDir: dir });
    expect(await b.db.selectFrom('divisions').select('name').execute()).toEqual([{ name: '浙江省' }]);
    expect(await migrate(b)).toEqual([]);
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000); // a new data directory runs initdb: seconds on a quiet machine, ~30 s on a busy one
});

describe('the migrated database (PGlite or PostgreSQL, as the suite runs)', () => {
  it('has every migration applied, and a second migrate is a no-op', async () => {
    const t = await createTestApp();
    expect(await migrationsComplete(t.deps.database)).toBe(true);
    expect(await migrate(t.deps.database)).toEqual([]);
    const versions = await sql<{ version: string }>`SELECT version FROM schema_migrations ORDER BY version`.execute(t.deps.db);
    expect(versions.rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    await t.close();
  });

  it('returns the same JS types from both drivers: numbers for counts and sums, strings for dates', async () => {
    const t = await createTestApp();
    const r = await sql<{ n: unknown; s: unknown; d: unknown; ts: unknown; num: unknown }>`
      SELECT count(*) AS n, sum(revenue_fen) AS s, min(established_on) AS d, max(created_at) AS ts, 1.5::numeric AS num FROM enterprises`.execute(t.deps.db);
    const row = r.rows[0]!;
    expect(typeof row.n).toBe('number');
    expect(typeof row.s).toBe('number');
    expect(row.d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.ts).toBeInstanceOf(Date);
    expect(row.num).toBe(1.5);
    await t.close();
  });

  it('rolls back a failed transaction completely', async () => {
    const t = await createTestApp();
    await expect(t.deps.db.transaction().execute(async (tx) => {
      await tx.insertInto('divisions').values({ code: '339999', name: '临时', level: 3, parent_code: null }).execute();
      await sql`SELECT 1/0`.execute(tx);
    })).rejects.toThrow();
    expect(await t.deps.db.selectFrom('divisions').select('code').where('code', '=', '339999').execute()).toEqual([]);
    await t.close();
  });
});
