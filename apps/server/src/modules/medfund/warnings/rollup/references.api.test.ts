import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/test-app';
import { currentRollupRules } from './rule-versions';

/**
 * Migration 0045: the warnings' and their history's references are checked once per statement
 * (triggers with transition tables) instead of by per-row foreign keys — the same guarantees, on
 * PGlite or PostgreSQL per TEST_DB: a row naming a rule version, roll-up or warning that does not
 * exist is refused with SQLSTATE 23503 and nothing of its statement is kept; deleting a warning
 * deletes its history and links, a roll-up is forgotten by the rows that name it, and a rule
 * version a warning was rolled up under cannot be deleted.
 */
let t: TestApp;
let version: number;
let rollupId: number;

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? String(e));

beforeAll(async () => {
  t = await createTestApp();
  version = (await currentRollupRules(t.deps.db)).version;
  const r = await t.deps.db.insertInto('medfund_warning_rollups').values({ trigger: 'manual', status: 'done', counts: '{}' }).returning('id').executeTakeFirstOrThrow();
  rollupId = Number(r.id);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const warning = (key: string, over: Record<string, unknown> = {}) => ({
  subject_kind: 'person' as const, subject_key: key, level: 'orange' as const, reasons: JSON.stringify([]), rule_version: version, last_rollup_id: rollupId, ...over,
});

describe('the warnings’ references, checked per statement (0045)', () => {
  it('refuses a warning naming a rule version or a roll-up that does not exist, and keeps nothing of the statement', async () => {
    const db = t.deps.db;
    expect(await code(db.insertInto('medfund_warnings').values([warning('REF1'), warning('REF2', { rule_version: 9999 })]).execute())).toBe('23503');
    expect(await code(db.insertInto('medfund_warnings').values([warning('REF3', { last_rollup_id: 999_999 })]).execute())).toBe('23503');
    const kept = await db.selectFrom('medfund_warnings').select('id').where('subject_key', 'in', ['REF1', 'REF2', 'REF3']).execute();
    expect(kept).toEqual([]);
    const [w] = await db.insertInto('medfund_warnings').values([warning('REF4')]).returning('id').execute();
    expect(await code(db.updateTable('medfund_warnings').set({ rule_version: 9999 }).where('id', '=', w!.id).execute())).toBe('23503');
    expect(await code(db.updateTable('medfund_warnings').set({ level: 'red' }).where('id', '=', w!.id).execute())).toBe('ok');
  });

  it('refuses history naming a warning or a roll-up that does not exist', async () => {
    const db = t.deps.db;
    const [w] = await db.insertInto('medfund_warnings').values([warning('REF5')]).returning('id').execute();
    expect(await code(db.insertInto('medfund_warning_events').values([{ warning_id: w!.id, kind: 'note' }, { warning_id: 999_999_999, kind: 'note' }]).execute())).toBe('23503');
    expect(await code(db.insertInto('medfund_warning_events').values([{ warning_id: w!.id, kind: 'note', rollup_id: 999_999 }]).execute())).toBe('23503');
    expect(await db.selectFrom('medfund_warning_events').select('id').where('warning_id', '=', w!.id).execute()).toEqual([]);
    expect(await code(db.insertInto('medfund_warning_events').values([{ warning_id: w!.id, kind: 'note', rollup_id: rollupId }]).execute())).toBe('ok');
  });

  it('deletes a warning’s history and links with it, forgets a deleted roll-up, and keeps a rule version in use', async () => {
    const db = t.deps.db;
    const r2 = await db.insertInto('medfund_warning_rollups').values({ trigger: 'manual', status: 'done', counts: '{}' }).returning('id').executeTakeFirstOrThrow();
    const [a, b] = await db.insertInto('medfund_warnings').values([warning('REF6', { last_rollup_id: r2.id }), warning('REF7')]).returning('id').execute();
    await db.insertInto('medfund_warning_events').values([
      { warning_id: a!.id, kind: 'created', rollup_id: r2.id }, { warning_id: b!.id, kind: 'created', rollup_id: r2.id },
    ]).execute();
    await db.deleteFrom('medfund_warnings').where('id', '=', a!.id).execute();
    expect(await db.selectFrom('medfund_warning_events').select('warning_id').where('warning_id', 'in', [a!.id, b!.id]).execute()).toEqual([{ warning_id: b!.id }]);
    await db.deleteFrom('medfund_warning_rollups').where('id', '=', r2.id).execute();
    const ev = await db.selectFrom('medfund_warning_events').select('rollup_id').where('warning_id', '=', b!.id).executeTakeFirstOrThrow();
    expect(ev.rollup_id).toBeNull();
    expect(await code(db.deleteFrom('medfund_warning_rule_versions').where('version', '=', version).execute())).toBe('23503');
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM medfund_warning_rule_versions WHERE version = ${version}`.execute(db);
    expect(left.rows[0]!.n).toBe(1);
  });
});
