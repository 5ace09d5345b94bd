import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { ensureShippedRules } from '../rules/rule-store';
import { srcPath } from '../../../src-path';

/**
 * Issue 8's money rule through the real app (PGlite or PostgreSQL per TEST_DB): a settlement two
 * rules flag counts once, at its largest finding — in the warning, the case opened from it, its
 * decision and over-recovery check, the recovery's split by rule, the case list, the periodic
 * report and rule effectiveness; migration 0041 corrects the amounts stored before.
 *
 * Findings (person PXM001 at provider HXM01, March 2026): settlement SXM1 flagged by WI_DUPLICATE
 * (1,087.83 yuan) and WI_PAID_BY_MEDICAL (900.00), settlement SXM2 by WI_PAID_BY_MEDICAL (50.00).
 * The money at risk: 1,087.83 + 50.00 = 1,137.83 yuan; every finding added: 2,037.83.
 */
let now = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in Beijing
let t: TestApp;
let analyst: Client;
let inspector: Client;
let viewer: Client;
const RISK = 108_783 + 5_000;
const EVERY_FINDING = 108_783 + 90_000 + 5_000;
let caseId = 0;
let warningId = 0;

async function ok(res: { statusCode: number; body: string; json: () => any }, status = 200) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await t.deps.jobs.drain();
  await ensureShippedRules(t.deps.db);
  const versions = await t.deps.db.selectFrom('medfund_rule_versions').select(['rule_code', 'version'])
    .where('rule_code', 'in', ['WI_DUPLICATE', 'WI_PAID_BY_MEDICAL']).orderBy('version', 'desc').execute();
  const v = (code: string) => versions.find((x) => x.rule_code === code)!.version;
  const run = await t.deps.db.insertInto('medfund_screening_runs').values({
    kind: 'full', status: 'done', engine: 'test', store_key: 'test', rule_versions: '[]', counts: '{}', requested_by_name: 'test',
  }).returning('id').executeTakeFirstOrThrow();
  const finding = (key: string, rule: string, setl: string, day: string, amountFen: number) => ({
    natural_key: `AMT|${key}`, rule_code: rule, rule_version: v(rule), severity: 'red' as const, psn_no: 'PXM001', psn_name: '金额测', certno: '330110198001011234',
    fixmedins_code: 'HXM01', fixmedins_name: '金额测试医院', setl_id: setl, occurred_on: day, line_ids: [], evidence: '{}', amount_fen: amountFen,
    first_run_id: Number(run.id), last_run_id: Number(run.id),
  });
  await t.deps.db.insertInto('medfund_findings').values([
    finding('1', 'WI_DUPLICATE', 'SXM1', '2026-03-01', 108_783),
    finding('2', 'WI_PAID_BY_MEDICAL', 'SXM1', '2026-02-27', 90_000), // the same stay, dated by another rule: still counted once
    finding('3', 'WI_PAID_BY_MEDICAL', 'SXM2', '2026-03-01', 5_000),
  ]).execute();
  // the hospital is in 区级医院片区 (mf_inspector), so its inspector owns and decides the case
  const inspectorId = (await t.deps.db.selectFrom('users').select('id').where('username', '=', 'mf_inspector').executeTakeFirstOrThrow()).id;
  const area = await t.deps.db.selectFrom('medfund_inspector_areas').select('provider_codes').where('user_id', '=', inspectorId).executeTakeFirst();
  if (area) await t.deps.db.updateTable('medfund_inspector_areas').set({ provider_codes: [...area.provider_codes, 'HXM01'] }).where('user_id', '=', inspectorId).execute();
  else await t.deps.db.insertInto('medfund_inspector_areas').values({ user_id: inspectorId, area_name: '区级医院片区', provider_codes: ['HXM01'] }).execute();
  [analyst, inspector, viewer] = await Promise.all([t.as('mf_analyst'), t.as('mf_inspector'), t.as('mf_viewer')]);
  const rollup = await analyst.post('/api/medfund/warning-rollups');
  expect(rollup.statusCode, rollup.body).toBe(202);
  // queued at the wall clock's time while the test clock stands in March 2026: made due
  await t.deps.db.updateTable('jobs').set({ run_at: now }).where('kind', 'like', 'medfund.%').where('status', '=', 'queued').execute();
  await t.deps.jobs.drain();
}, 600_000);
afterAll(() => t?.close());

describe('a settlement two rules flag counts once', () => {
  it('in the warning and in the case opened from it', async () => {
    const rollups = await t.deps.db.selectFrom('medfund_warning_rollups').selectAll().execute();
    const list = await ok(await analyst.get('/api/medfund/warnings?subjectKind=person&pageSize=200'));
    const w = list.items.find((x: { subjectKey: string }) => x.subjectKey === 'PXM001');
    expect(w, JSON.stringify({ rollups, keys: list.items.map((x: { subjectKey: string }) => x.subjectKey) })).toBeTruthy();
    warningId = w.id;
    expect(w.amountFen).toBe(RISK);
    const opened = await ok(await analyst.post('/api/medfund/cases', { warningId, title: '一次住院两条规则' }), 201);
    caseId = opened.id;
    expect(opened.findings).toBe(3);
    const c = await ok(await analyst.get(`/api/medfund/cases/${caseId}`));
    expect(c.amountAtRiskFen).toBe(w.amountFen); // not twice the stay: 2,037.83
    expect(c.findings.reduce((s: number, f: { amountFen: number }) => s + f.amountFen, 0)).toBe(EVERY_FINDING);
    const listed = await ok(await analyst.get(`/api/medfund/cases?q=${encodeURIComponent('一次住院两条规则')}`));
    expect(listed).toMatchObject({ total: 1, amountAtRiskFen: RISK });
    expect(listed.items[0].amountAtRiskFen).toBe(RISK);
  });

  it('in the decision: the confirmed amount, and a recovery above it needs a reason', async () => {
    for (const action of [{ action: 'pass_first_review' }, { action: 'confirm_second_review' }, { action: 'record_appeal', statement: '同一次住院只报销了一次' }, { action: 'start_investigation' }]) {
      await ok(await inspector.post(`/api/medfund/cases/${caseId}/actions`, action));
    }
    const over = await inspector.post(`/api/medfund/cases/${caseId}/decision`, { decision: 'confirmed', basis: '条例第三十八条', measures: ['recovery'], recoveryFen: RISK + 1 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    expect(over.json().error.message).toContain('1,137.83');
    await ok(await inspector.post(`/api/medfund/cases/${caseId}/decision`, { decision: 'confirmed', basis: '条例第三十八条', measures: ['recovery'], recoveryFen: RISK }));
    const c = await ok(await inspector.get(`/api/medfund/cases/${caseId}`));
    expect(c).toMatchObject({ stage: 'closed', decision: 'confirmed', confirmedFen: RISK, recoveryDecidedFen: RISK });
    // the payment past the confirmed amount needs a reason too; the amount itself goes through
    const pastRisk = await inspector.post(`/api/medfund/cases/${caseId}/recoveries`, { amountFen: RISK + 1, recoveredOn: '2026-03-02' });
    expect(pastRisk.json().error.code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    await ok(await inspector.post(`/api/medfund/cases/${caseId}/recoveries`, { amountFen: RISK, recoveredOn: '2026-03-02', reference: 'AMT-1' }), 201);
  });

  it('in the recovery split by rule: the stay goes to its largest finding\'s rule', async () => {
    const totals = await ok(await analyst.get('/api/medfund/recovery/totals?from=2026-03-01&to=2026-03-31'));
    expect(totals.totalRecoveredFen).toBe(RISK);
    expect(totals.byRule.map((r: { key: string; recoveredFen: number }) => [r.key, r.recoveredFen])).toEqual([['WI_DUPLICATE', 108_783], ['WI_PAID_BY_MEDICAL', 5_000]]);
  });

  it('in the periodic report, which agrees with the case; rule amounts stay per finding', async () => {
    const r = await ok(await viewer.get('/api/medfund/reports/periodic?period=2026-03&trend=2'));
    // March holds findings 1 and 3 (2 of the stay is dated February): the stay's money lies on its largest finding's day
    expect(r.findings).toMatchObject({ count: 2, amountFen: RISK });
    const feb = r.trend.find((p: { period: string }) => p.period === '2026-02');
    expect(feb).toMatchObject({ findings: 1, findingsAmountFen: 0 });
    expect(r.topProviders.find((p: { fixmedinsCode: string }) => p.fixmedinsCode === 'HXM01').amountFen).toBe(RISK);
    const c = await ok(await analyst.get(`/api/medfund/cases/${caseId}`));
    const confirmed = r.supervision.cases.byDecision.find((d: { decision: string }) => d.decision === 'confirmed');
    expect(confirmed.confirmedFen).toBe(c.confirmedFen);
    expect(r.supervision.recovery.recoveredFen).toBe(c.recoveredFen);
    // a quarter: the stay once, though its findings lie in two months
    const q = await ok(await viewer.get('/api/medfund/reports/periodic?period=2026-Q1&trend=2'));
    expect(q.findings).toMatchObject({ count: 3, amountFen: RISK });
    expect(q.topRules.map((x: { ruleCode: string; amountFen: number }) => [x.ruleCode, x.amountFen])).toEqual([['WI_DUPLICATE', 108_783], ['WI_PAID_BY_MEDICAL', 95_000]]);
  });

  it('in the report\'s warnings: the stay is in the person\'s and the provider\'s warning, and counts once', async () => {
    const raised = await t.deps.db.selectFrom('medfund_warnings').select(['subject_kind', 'amount_fen', sql<string>`to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month')]).execute();
    expect(raised.map((w) => [w.subject_kind, Number(w.amount_fen)]).sort()).toEqual([['person', RISK], ['provider', RISK]]);
    const r = await ok(await viewer.get(`/api/medfund/reports/periodic?period=${raised[0]!.month}&trend=2`));
    expect(r.supervision.warnings.raised).toBe(2);
    expect(r.supervision.warnings.amountFen).toBe(RISK); // not 2 × the stay
  });

  it('in rule effectiveness: each rule\'s findings by finding, the case\'s recovery split by the money each carried', async () => {
    const e = await ok(await viewer.get('/api/medfund/reports/rule-effectiveness'));
    const dup = e.rules.find((x: { ruleCode: string }) => x.ruleCode === 'WI_DUPLICATE');
    const paid = e.rules.find((x: { ruleCode: string }) => x.ruleCode === 'WI_PAID_BY_MEDICAL');
    expect(dup).toMatchObject({ findings: 1, amountFen: 108_783, confirmed: 1, recoveryDecidedFen: 108_783, recoveredFen: 108_783 });
    expect(paid).toMatchObject({ findings: 2, amountFen: 95_000, confirmed: 2, recoveryDecidedFen: 5_000, recoveredFen: 5_000 });
  });
});

describe('migration 0041', () => {
  it('recomputes the amounts an earlier version stored, notes it on the timeline, and changes nothing the second time', async () => {
    const migration = readFileSync(srcPath('db/migrations/0041_medfund_case_amounts_per_settlement.sql'), 'utf8');
    // as the old code stored them: every finding added
    await t.deps.db.updateTable('medfund_cases').set({ amount_at_risk_fen: EVERY_FINDING, confirmed_fen: EVERY_FINDING }).where('id', '=', caseId).execute();
    const others = await t.deps.db.selectFrom('medfund_cases').select(['id', 'amount_at_risk_fen', 'confirmed_fen']).where('id', '<>', caseId).orderBy('id').execute();
    await t.deps.database.runScript(migration);
    const c = await t.deps.db.selectFrom('medfund_cases').select(['amount_at_risk_fen', 'confirmed_fen', 'recovery_decided_fen']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect([Number(c.amount_at_risk_fen), Number(c.confirmed_fen), Number(c.recovery_decided_fen)]).toEqual([RISK, RISK, RISK]);
    const events = await t.deps.db.selectFrom('medfund_case_events').select(['payload', 'actor_name']).where('case_id', '=', caseId).where('type', '=', 'amounts_corrected').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ riskBeforeFen: EVERY_FINDING, riskAfterFen: RISK, confirmedBeforeFen: EVERY_FINDING, confirmedAfterFen: RISK });
    await t.deps.database.runScript(migration);
    expect(await t.deps.db.selectFrom('medfund_case_events').select('id').where('case_id', '=', caseId).where('type', '=', 'amounts_corrected').execute()).toHaveLength(1);
    // cases whose figures were right are left alone
    const after = await t.deps.db.selectFrom('medfund_cases').select(['id', 'amount_at_risk_fen', 'confirmed_fen']).where('id', '<>', caseId).orderBy('id').execute();
    expect(after).toEqual(others);
    const timeline = await ok(await analyst.get(`/api/medfund/cases/${caseId}`));
    expect(timeline.events.some((e: { type: string }) => e.type === 'amounts_corrected')).toBe(true);
  });
});
