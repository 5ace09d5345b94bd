import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { prepareDatabase } from '../../bootstrap';
import { withoutNameIndex } from './name-index';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const definition = async () =>
  (await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE indexname = 'enterprises_name_bigrams'`.execute(t.deps.db)).rows[0]?.indexdef;

describe('the name index around a bulk import', () => {
  it('is gone during the writes and back afterwards, as the migrations made it', async () => {
    const before = await definition();
    expect(before).toMatch(/USING gin \(name_bigrams\) WITH \(fastupdate='?off'?\)/);
    const during = await withoutNameIndex(t.deps.db, definition);
    expect(during).toBeUndefined();
    expect(await definition()).toBe(before);
  });

  it('is back even when the writes fail', async () => {
    await expect(withoutNameIndex(t.deps.db, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await definition()).toBeDefined();
  });

  it('is put back at start-up if a process died without rebuilding it', async () => {
    const before = await definition();
    await sql`DROP INDEX enterprises_name_bigrams`.execute(t.deps.db);
    await prepareDatabase(t.deps.database, { demo: false });
    expect(await definition()).toBe(before);
  });
});
