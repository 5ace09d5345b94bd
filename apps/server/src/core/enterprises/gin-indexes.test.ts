import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { prepareDatabase } from '../../bootstrap';
import { withoutGinIndexes } from './gin-indexes';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The definitions of the enterprise table's GIN indexes, by name (absent = dropped). */
const definitions = async () =>
  Object.fromEntries(
    (await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes
      WHERE indexname IN ('enterprises_name_bigrams', 'enterprises_tags') ORDER BY indexname`.execute(t.deps.db)).rows.map((r) => [r.indexname, r.indexdef]),
  );

describe('the name and tag indexes around a bulk import', () => {
  it('are gone during the writes and back afterwards, as the migrations made them', async () => {
    const before = await definitions();
    expect(before.enterprises_name_bigrams).toMatch(/USING gin \(name_bigrams\) WITH \(fastupdate='?off'?\)/);
    expect(before.enterprises_tags).toMatch(/USING gin \(tags\) WITH \(fastupdate='?off'?\)/);
    const during = await withoutGinIndexes(t.deps.db, definitions);
    expect(during).toEqual({});
    expect(await definitions()).toEqual(before);
  });

  it('are back even when the writes fail', async () => {
    const before = await definitions();
    await expect(withoutGinIndexes(t.deps.db, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(await definitions()).toEqual(before);
  });

  it('are put back at start-up if a process died without rebuilding them', async () => {
    const before = await definitions();
    await sql`DROP INDEX enterprises_name_bigrams`.execute(t.deps.db);
    await sql`DROP INDEX enterprises_tags`.execute(t.deps.db);
    await prepareDatabase(t.deps.database, { demo: false });
    expect(await definitions()).toEqual(before);
  });
});
