import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { loadReferenceDataIfChanged, shippedReferenceHash } from './load-reference';

describe('loading the shipped reference data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('does nothing when the tables were loaded from the same files', async () => {
    expect(await loadReferenceDataIfChanged(t.deps.db)).toBeNull();
  });

  it('reloads, names included, when the files changed since the last load', async () => {
    const db = t.deps.db;
    await db.updateTable('industries').set({ name: '旧名称' }).where('code', '=', '7452').execute();
    await db.updateTable('reference_data_version').set({ hash: 'files of an older release' }).execute();
    expect(await loadReferenceDataIfChanged(db)).toMatchObject({ industries: 1972 });
    const row = await db.selectFrom('industries').select('name').where('code', '=', '7452').executeTakeFirstOrThrow();
    expect(row.name).toBe('检测服务');
    expect((await db.selectFrom('reference_data_version').select('hash').executeTakeFirstOrThrow()).hash).toBe(shippedReferenceHash());
  });
});
