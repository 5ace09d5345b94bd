import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app';
import type { ClaimsStore } from '../claims/claims-store';
import { openDuckdbStore } from '../claims/duckdb-store';
import { generateIntoStore } from '../generator/into-store';
import type { GeneratorManifest } from '../claims/manifest';
import { provideClaimsStore } from '../claims/open-claims-store';

/**
 * The screening API through the real app (PGlite or PostgreSQL per TEST_DB), the claims in an
 * in-memory DuckDB store filled by the generator: rules and their versions, a run as a job, the
 * 409 of a second run, findings (masked, filtered, evidence audited, reveal audited), rerun
 * without duplicates, provider risk; 401 / 403.
 */
let t: TestApp;
let store: ClaimsStore;
let manifest: GeneratorManifest;

beforeAll(async () => {
  t = await createTestApp();
  store = await openDuckdbStore(':memory:');
  manifest = await generateIntoStore(store, 0, { seed: 11, scale: 'tiny', casesPerRule: 6 });
  // the demo's generated year is queued at seeding: let it fill the app's own store, then swap in this one
  await t.deps.jobs.drain();
  // the demo's cases job screened the demo year and opened cases on it (cases/demo-cases.ts): this
  // test screens its own store from scratch, so those findings (same generator, same keys) go first
  await t.deps.db.deleteFrom('medfund_cases').execute(); // with their findings, stages, transfers, payments
  await t.deps.db.deleteFrom('medfund_findings').execute();
  await t.deps.db.deleteFrom('medfund_screening_runs').execute(); // with their provider risk
  await provideClaimsStore(t.deps.db, t.deps.config, store); // closed with the app
}, 300_000);

afterAll(async () => {
  await t?.close();
});

async function runToEnd(kind: 'full' | 'incremental') {
  const analyst = await t.as('mf_analyst');
  const res = await analyst.post('/api/medfund/screening-runs', { kind });
  expect(res.statusCode, res.body).toBe(202);
  const run = res.json();
  expect(run.status).toBe('queued');
  const second = await analyst.post('/api/medfund/screening-runs', { kind: 'full' });
  expect(second.statusCode).toBe(409);
  expect(second.json().error.code).toBe('MEDFUND_RUN_ACTIVE');
  await t.deps.jobs.drain();
  const done = (await analyst.get(`/api/medfund/screening-runs/${run.id}`)).json();
  expect(done.status, done.error ?? '').toBe('done');
  return done;
}

describe('medfund screening API', () => {
  it('refuses strangers (401) and users without the permission (403)', async () => {
    expect((await t.anonymous.get('/api/medfund/rules')).statusCode).toBe(401);
    const officer = await t.as('officer');
    expect((await officer.get('/api/medfund/findings')).statusCode).toBe(403);
    const viewer = await t.as('mf_viewer');
    expect((await viewer.get('/api/medfund/rules')).statusCode).toBe(200);
    expect((await viewer.post('/api/medfund/screening-runs', { kind: 'full' })).statusCode).toBe(403);
    expect((await viewer.put('/api/medfund/rules/SHORT_READMISSION', { baseVersion: 1, changeNote: 'x' })).statusCode).toBe(403);
  });

  it('lists the 14 rules with their parameter ranges; a value out of range is a 400 naming it; a change is a new version, audited', async () => {
    const analyst = await t.as('mf_analyst');
    const list = (await analyst.get('/api/medfund/rules')).json();
    expect(list.items).toHaveLength(14);
    const readm = list.items.find((r: { code: string }) => r.code === 'SHORT_READMISSION');
    expect(readm.paramSpecs.maxGapDays).toMatchObject({ min: 1, max: 90 });
    const bad = await analyst.put('/api/medfund/rules/SHORT_READMISSION', { baseVersion: 1, params: { ...readm.current.params, maxGapDays: 400 }, changeNote: '试调' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('MEDFUND_RULE_INVALID');
    expect(Object.keys(bad.json().error.fields)).toEqual(['params.maxGapDays']);
    expect(bad.json().error.message).toContain('出院至再入院天数');
    const ok = await analyst.put('/api/medfund/rules/SHORT_READMISSION', { baseVersion: 1, params: { ...readm.current.params, maxGapDays: 14 }, changeNote: '按本市口径改为 14 天' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().currentVersion).toBe(2);
    expect(ok.json().versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const stale = await analyst.put('/api/medfund/rules/SHORT_READMISSION', { baseVersion: 1, params: readm.current.params, changeNote: '旧版本上修改' });
    expect(stale.statusCode).toBe(409);
    // back to 15 days (version 3) so the recall below holds
    await analyst.put('/api/medfund/rules/SHORT_READMISSION', { baseVersion: 2, params: readm.current.params, changeNote: '恢复 15 天' });
    const off = await analyst.post('/api/medfund/rules/PRICE_CAP/enabled', { enabled: false });
    expect(off.json().enabled).toBe(false);
    await analyst.post('/api/medfund/rules/PRICE_CAP/enabled', { enabled: true });
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'medfund_rule').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['medfund.rule.disable', 'medfund.rule.enable', 'medfund.rule.update', 'medfund.rule.update']);
  });

  it('runs a full screening as a job: every injected case found, names masked, evidence read and reveal audited; a rerun adds nothing', async () => {
    const run = await runToEnd('full');
    expect(run.ruleVersions).toContainEqual({ rule: 'SHORT_READMISSION', version: 3 });
    expect(run.dataVersion).toMatch(/^setl=\d+/);
    const analyst = await t.as('mf_analyst');
    const all = (await analyst.get('/api/medfund/findings?pageSize=200')).json();
    expect(all.total).toBeGreaterThanOrEqual(manifest.violations.length);
    const found = new Set<string>();
    for (let page = 1; (page - 1) * 200 < all.total; page++) {
      for (const f of (await analyst.get(`/api/medfund/findings?pageSize=200&page=${page}`)).json().items) found.add(`${f.ruleCode}|${f.setlId}`);
    }
    expect(manifest.violations.filter((v) => !found.has(`${v.rule}|${v.setlIds[0]}`)).map((v) => v.id)).toEqual([]);
    const first = all.items[0];
    expect(first.certno).toMatch(/\*{6,}/);

    const v = manifest.violations.find((x) => x.rule === 'PRICE_CAP')!;
    const filtered = (await analyst.get(`/api/medfund/findings?rule=PRICE_CAP&person=${v.psnNo}&severity=red`)).json();
    expect(filtered.items).toHaveLength(1);
    const detail = (await analyst.get(`/api/medfund/findings/${filtered.items[0].id}`)).json();
    expect(detail.lines.filter((l: { offending: boolean }) => l.offending).map((l: { lineId: string }) => l.lineId)).toEqual(v.lineIds);
    expect(detail.evidence.capFen).toBeDefined();
    expect(detail.settlement.setlId).toBe(v.setlIds[0]);
    const reveal = (await analyst.post(`/api/medfund/findings/${detail.id}/reveal`)).json();
    expect(reveal.certno).toHaveLength(18);
    const viewer = await t.as('mf_viewer');
    expect((await viewer.post(`/api/medfund/findings/${detail.id}/reveal`)).statusCode).toBe(403);
    // personal.reveal of another module (the hotline's) does not open medical data
    expect((await (await t.as('hotline')).post(`/api/medfund/findings/${detail.id}/reveal`)).statusCode).toBe(403);
    const reads = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(detail.id)).execute();
    expect(reads.map((r) => r.action).sort()).toEqual(['medfund.finding.read', 'medfund.person.reveal']);
    expect((await analyst.get('/api/medfund/findings/999999')).statusCode).toBe(404);

    const again = await runToEnd('full');
    expect(again.counts.new).toBe(0);
    expect((await analyst.get('/api/medfund/findings?pageSize=1')).json().total).toBe(all.total);
  });

  it('an incremental run screens only days after the last run; provider risk is ranked', async () => {
    const inc = await runToEnd('incremental');
    expect(inc.counts.found).toBe(0);
    const analyst = await t.as('mf_analyst');
    const risk = (await analyst.get('/api/medfund/provider-risk')).json();
    expect(risk.items.length).toBeGreaterThan(3);
    expect(risk.items.map((r: { rank: number }) => r.rank)).toEqual(risk.items.map((_: unknown, i: number) => i + 1));
  });

  it('an incremental run over new days (its netted snapshot) finds exactly what the full runs found on them', async () => {
    const dates = new Map((await store.query<{ setl_id: string; d: string }>(
      `SELECT setl_id, CAST(setl_date AS VARCHAR) AS d FROM medfund.mf_setl`,
    )).map((r) => [String(r.setl_id), r.d]));
    const before = await t.deps.db.selectFrom('medfund_findings').select(['natural_key', 'setl_id']).execute();
    // as if the last run had ended the day before the middle finding's settlement: the rest are the new days
    const first = before.map((f) => dates.get(f.setl_id)!).sort()[Math.floor(before.length / 2)]!;
    const lastDone = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.deps.db.updateTable('medfund_screening_runs').set({ period_to: lastDone }).where('status', '=', 'done').execute();
    const onNewDays = before.filter((f) => dates.get(f.setl_id)! >= first);
    expect(onNewDays.length).toBeGreaterThan(10);
    const inc = await runToEnd('incremental');
    expect(inc.periodFrom).toBe(first);
    expect(inc.counts.new).toBe(0);
    expect(inc.counts.found).toBe(onNewDays.length);
    const refreshed = await t.deps.db.selectFrom('medfund_findings').select('natural_key').where('last_run_id', '=', inc.id).execute();
    expect(refreshed.map((f) => f.natural_key).sort()).toEqual(onNewDays.map((f) => f.natural_key).sort());
  });
});
