import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { srcPath } from '../src-path';

/** Data migrations, replayed on a database in the state they were written for. */
describe('data migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('0006 keeps the meaning of enterprises coded under the pre-2019 人民法院 / 人民检察院 numbers', async () => {
    const db = t.deps.db;
    const [court, procuratorate, other] = await db.selectFrom('enterprises').select(['id', 'industry_code']).orderBy('id').limit(3).execute();
    // before the amendment, 9231 was 人民法院 and 9232 人民检察院
    await db.updateTable('enterprises').set({ industry_code: '9231' }).where('id', '=', court!.id).execute();
    await db.updateTable('enterprises').set({ industry_code: '9232' }).where('id', '=', procuratorate!.id).execute();
    await t.deps.database.runScript(fs.readFileSync(srcPath('db/migrations/0006_industry_amendment_2019.sql'), 'utf8'));
    const codes = await db.selectFrom('enterprises').select(['id', 'industry_code']).where('id', 'in', [court!.id, procuratorate!.id, other!.id]).execute();
    const byId = new Map(codes.map((r) => [r.id, r.industry_code]));
    expect([byId.get(court!.id), byId.get(procuratorate!.id), byId.get(other!.id)]).toEqual(['9232', '9233', other!.industry_code]);
  });
});
