import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/test-app';
import { ensureShippedRules } from '../../rules/rule-store';
import { queueRollup, ROLLUP_JOB } from './rollup-job';

/**
 * The incremental roll-up (rollup-scope.ts) through the real app and its jobs, on PGlite or
 * PostgreSQL per TEST_DB: after a screening run it weighs only the run's subjects and those whose
 * warnings changed since, and a full roll-up right after it changes nothing — the two give the
 * same warnings — across an analyst's level change, a closed and a dismissed warning, a deleted
 * finding and a period that moves on.
 */
let t: TestApp;
let rule: { rule_code: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  await ensureShippedRules(t.deps.db);
  rule = await t.deps.db.selectFrom('medfund_rule_versions').select(['rule_code', 'version']).orderBy('rule_code').limit(1).executeTakeFirstOrThrow();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A deterministic pseudo-random stream (LCG), so both databases see the same findings. */
function stream(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

async function newRun() {
  const run = await t.deps.db.insertInto('medfund_screening_runs').values({
    kind: 'full', status: 'done', engine: 'test', store_key: 'test', rule_versions: '[]', counts: '{}', requested_by_name: 'test',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(run.id);
}

/** `n` findings of one run over `days` days from `day0`: persons and providers skewed (a few have many), 30 % red. */
async function screen(runId: number, tag: string, n: number, day0: string, days: number, seed: number, avoid: string[] = []) {
  const r = stream(seed);
  const rows = Array.from({ length: n }, (_, i) => {
    const drawn = Math.floor(60 * r() ** 2);
    const psn = avoid.includes(`P${String(drawn).padStart(6, '0')}`) ? 900 + drawn : drawn; // persons to leave alone get none
    const day = new Date(Date.parse(`${day0}T00:00:00Z`) + Math.floor(r() * days) * 86_400_000).toISOString().slice(0, 10);
    return {
      natural_key: `T|${tag}|${i}`, rule_code: rule.rule_code, rule_version: rule.version, severity: r() < 0.3 ? 'red' as const : 'orange' as const,
      psn_no: `P${String(psn).padStart(6, '0')}`, psn_name: `测试${psn}`, certno: '330110198001011234',
      fixmedins_code: `H${String(Math.floor(8 * r() ** 2)).padStart(3, '0')}`, fixmedins_name: '测试机构', setl_id: `S${tag}${Math.floor(i / 2)}`,
      occurred_on: day, line_ids: [], evidence: '{}', amount_fen: 1000 + Math.floor(150_000 * r() ** 3), first_run_id: runId, last_run_id: runId,
    };
  });
  await t.deps.db.insertInto('medfund_findings').values(rows).execute();
}

async function rollup(runId: number | null) {
  const id = await queueRollup(t.deps.db, runId === null ? { trigger: 'manual' } : { trigger: 'screening', runId });
  await t.deps.jobs.drain();
  const row = await t.deps.db.selectFrom('medfund_warning_rollups').select(['status', 'mode', 'counts', 'error', 'period_from']).where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.status, row.error ?? '').toBe('done');
  return row as Omit<typeof row, 'counts'> & { counts: Record<'subjects' | 'created' | 'updated' | 'closed' | 'unchanged', number> };
}

/** Every warning as the officers see it, with its findings. */
async function warnings() {
  const res = await sql<{ k: string; level: string; status: string; pinned: boolean; n: number; amount: string; findings: string }>`
    SELECT w.subject_kind || ':' || w.subject_key || ':' || w.status AS k, w.level, w.status, w.level_pinned AS pinned, w.findings_count AS n, w.amount_fen::text AS amount,
      (SELECT string_agg(wf.finding_id::text, ',' ORDER BY wf.finding_id) FROM medfund_warning_findings wf WHERE wf.warning_id = w.id) AS findings
    FROM medfund_warnings w ORDER BY w.id`.execute(t.deps.db);
  return res.rows;
}

const dangling = async () => Number((await sql<{ n: number }>`
  SELECT count(*) AS n FROM medfund_warning_findings wf WHERE NOT EXISTS (SELECT 1 FROM medfund_findings f WHERE f.id = wf.finding_id)
     OR NOT EXISTS (SELECT 1 FROM medfund_warnings w WHERE w.id = wf.warning_id)`.execute(t.deps.db)).rows[0]!.n);

describe('medfund warnings: the incremental roll-up', () => {
  it('gives the same warnings as a full roll-up, and weighs only the subjects that changed', async () => {
    const run1 = await newRun();
    await screen(run1, 'a', 400, '2025-01-01', 365, 7);
    const first = await rollup(run1);
    expect(first.mode).toBe('full'); // no full roll-up at the current rules yet
    expect(first.counts.created).toBeGreaterThan(20);
    const analyst = await t.as('mf_analyst');
    const open = await t.deps.db.selectFrom('medfund_warnings').select(['id', 'subject_kind', 'subject_key', 'level', 'findings_count'])
      .where('status', '=', 'open').orderBy('findings_count', 'desc').orderBy('id').execute();
    // an analyst lowers a red person's warning (the next roll-up raises it again: it may raise, never lower)
    const red = open.find((w) => w.subject_kind === 'person' && w.level === 'red')!;
    expect((await analyst.post(`/api/medfund/warnings/${red.id}/level`, { level: 'yellow', reason: '研判后降级' })).statusCode).toBe(200);
    // the busiest provider's warning is closed; its new findings form a new warning
    const provider = open.find((w) => w.subject_kind === 'provider')!;
    expect((await analyst.post(`/api/medfund/warnings/${provider.id}/status`, { status: 'closed', reason: '已核实处置' })).statusCode).toBe(200);
    // a person's warning is dismissed
    const person = open.find((w) => w.subject_kind === 'person' && w.id !== red.id)!;
    expect((await analyst.post(`/api/medfund/warnings/${person.id}/status`, { status: 'dismissed', reason: '排除' })).statusCode).toBe(200);
    // a finding of another open warning is deleted (a data correction): its links go, its subjects are weighed again
    const corrected = open.find((w) => w.subject_kind === 'person' && w.findings_count >= 2 && w.id !== red.id && w.id !== person.id)!;
    const gone = await t.deps.db.selectFrom('medfund_warning_findings').select('finding_id').where('warning_id', '=', corrected.id).orderBy('finding_id').limit(1).executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('medfund_findings').where('id', '=', gone.finding_id).execute();
    expect(await dangling()).toBe(0);
    // a warning is deleted outright: its links go, its findings form a new warning at the next roll-up
    const deleted = open.find((w) => w.subject_kind === 'person' && ![red.id, person.id, corrected.id].includes(w.id))!;
    await t.deps.db.deleteFrom('medfund_warnings').where('id', '=', deleted.id).execute();
    expect(await dangling()).toBe(0);
    expect(await t.deps.db.selectFrom('medfund_warning_findings').select('finding_id').where('warning_id', '=', deleted.id).execute()).toEqual([]);

    // the next month's run: new findings, the period moves on
    const run2 = await newRun();
    // none of it for the persons changed above: only the pending marks bring them into the incremental roll-up
    const changed = [red, person, corrected, deleted].map((w) => w.subject_key);
    await screen(run2, 'b', 60, '2026-01-01', 31, 11, changed);
    expect(await t.deps.db.selectFrom('medfund_findings').select('id').where('last_run_id', '=', run2).where('psn_no', 'in', changed).execute()).toEqual([]);
    const inc = await rollup(run2);
    expect(inc.mode).toBe('incremental');
    const allSubjects = Number((await sql<{ n: number }>`SELECT count(DISTINCT psn_no) + count(DISTINCT fixmedins_code) AS n FROM medfund_findings`.execute(t.deps.db)).rows[0]!.n);
    expect(inc.counts.subjects).toBeLessThan(allSubjects);
    expect(inc.counts.created + inc.counts.updated).toBeGreaterThan(0);
    const afterInc = await warnings();
    expect(afterInc.find((w) => w.k === `person:${red.subject_key}:open`)).toMatchObject({ level: 'red', pinned: true });
    // the corrected person: every finding left (the deleted one gone, the new run's added), none linked twice
    const left = await t.deps.db.selectFrom('medfund_findings').select('id').where('psn_no', '=', corrected.subject_key).execute();
    expect(afterInc.find((w) => w.k === `person:${corrected.subject_key}:open`)!.n).toBe(left.length);
    expect(left.map((f) => f.id)).not.toContain(gone.finding_id);
    expect(afterInc.filter((w) => w.k === `provider:${provider.subject_key}:open`)).toHaveLength(1);
    // the deleted warning's subject: a new warning of its findings in the period (the earlier ones were the deleted warning's alone)
    const inPeriod = await t.deps.db.selectFrom('medfund_findings').select('id').where('psn_no', '=', deleted.subject_key).where('occurred_on', '>=', inc.period_from!).execute();
    expect(afterInc.find((w) => w.k === `person:${deleted.subject_key}:open`)!.n).toBe(inPeriod.length);
    const note = await t.deps.db.selectFrom('medfund_warning_events').select('reason').where('warning_id', '=', provider.id).where('kind', '=', 'note').execute();
    expect(note).toHaveLength(1);

    // a full roll-up now changes nothing: the incremental one reached the same warnings
    const full = await rollup(null);
    expect(full.mode).toBe('full');
    expect(full.counts).toMatchObject({ created: 0, updated: 0, closed: 0 });
    expect(await warnings()).toEqual(afterInc);
    expect(await dangling()).toBe(0);
    expect(await t.deps.db.selectFrom('medfund_warning_dirty').selectAll().execute()).toEqual([]);
  });

  it('a run with no new finding and no change weighs nothing; a rules change makes the next roll-up full', async () => {
    const quiet = await rollup(await newRun());
    expect(quiet).toMatchObject({ mode: 'incremental', counts: { subjects: 0, created: 0, updated: 0, closed: 0 } });
    const analyst = await t.as('mf_analyst');
    const rules = (await analyst.get('/api/medfund/warning-rules')).json();
    const next = structuredClone(rules.current.rules);
    next.person.yellow.minFindings = 3;
    const put = await analyst.put('/api/medfund/warning-rules', { baseVersion: rules.current.version, rules: next, changeNote: '测试：提高关注门槛' });
    expect(put.statusCode, put.body).toBe(200);
    // before the rules' own roll-up (queued with the change) has run, a screening roll-up is full: the new rules weigh every subject
    await t.deps.db.updateTable('jobs').set({ status: 'cancelled' }).where('kind', '=', ROLLUP_JOB).where('status', '=', 'queued').execute();
    const first = await rollup(await newRun());
    expect(first.mode).toBe('full');
    const after = await rollup(await newRun());
    expect(after.mode).toBe('incremental');
  });

  it('a failed roll-up leaves its run\'s subjects to the next one', async () => {
    const run = await newRun();
    await screen(run, 'c', 20, '2026-01-20', 10, 13);
    // a rules version the roll-up cannot use (no period) makes it fail
    const top = await t.deps.db.selectFrom('medfund_warning_rule_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.deps.db.insertInto('medfund_warning_rule_versions').values({ version: top.version + 1, rules: '{}', change_note: 'test: broken' }).execute();
    const id = await queueRollup(t.deps.db, { trigger: 'screening', runId: run });
    await t.deps.jobs.drain();
    expect((await t.deps.db.selectFrom('medfund_warning_rollups').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('failed');
    await t.deps.db.updateTable('jobs').set({ status: 'cancelled' }).where('kind', '=', ROLLUP_JOB).where('status', '=', 'queued').execute();
    await t.deps.db.deleteFrom('medfund_warning_rule_versions').where('version', '=', top.version + 1).execute();
    // the next roll-up, after a run without findings, weighs the failed run's subjects
    const next = await rollup(await newRun());
    expect(next.mode).toBe('incremental');
    expect(next.counts.subjects).toBeGreaterThan(0);
    expect(next.counts.created + next.counts.updated).toBeGreaterThan(0);
    const full = await rollup(null);
    expect(full.counts).toMatchObject({ created: 0, updated: 0, closed: 0 });
  });
});
