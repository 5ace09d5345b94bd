import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { amountAtRisk, countedAmounts } from '../domain/settlement-amount';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import type { ClaimsStore } from '../claims/claims-store';
import { openDuckdbStore } from '../claims/duckdb-store';
import { generateIntoStore } from '../generator/into-store';
import { provideClaimsStore } from '../claims/open-claims-store';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { DEMO_CASES_JOB, DEMO_GLUE_JOB } from '../demo-jobs';

/**
 * The periodic fund risk report through the real app (PGlite or PostgreSQL per TEST_DB), over a
 * generated district-year (2025) in an in-memory DuckDB store and one full screening run: the
 * figures agree with the store and the findings table counted directly; the export is marked
 * with the user and audited; 401 / 403.
 */
let t: TestApp;
let store: ClaimsStore;
let viewer: Client;
let analyst: Client;

beforeAll(async () => {
  t = await createTestApp();
  store = await openDuckdbStore(':memory:');
  await generateIntoStore(store, 0, { seed: 11, scale: 'tiny', casesPerRule: 6 });
  // the demo's own year first (not screened in API tests, so no demo cases), then swap in this store; its own cases are inserted below
  await t.deps.jobs.drain();
  await provideClaimsStore(t.deps.db, t.deps.config, store);
  analyst = await t.as('mf_analyst');
  viewer = await t.as('mf_viewer');
  const run = await analyst.post('/api/medfund/screening-runs', { kind: 'full' });
  expect(run.statusCode, run.body).toBe(202);
  await t.deps.jobs.drain();
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const fundIn = async (from: string, until: string) => {
  const [r] = await store.query<{ n: number; fund: number }>(
    `SELECT COUNT(*) AS n, SUM(net_fund_pay_sumamt) AS fund FROM medfund.setl_net WHERE setl_time >= CAST($1 AS TIMESTAMP) AND setl_time < CAST($2 AS TIMESTAMP)`,
    [`${from} 00:00:00`, `${until} 00:00:00`],
  );
  return { settlements: Number(r!.n), fundFen: Math.round(Number(r!.fund ?? 0) * 100) };
};

describe('medfund periodic report: access', () => {
  it('answers 401 to strangers and 403 without medfund.reports.read', async () => {
    expect((await t.anonymous.get('/api/medfund/reports/periodic')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/medfund/reports/periodic/export.xlsx')).statusCode).toBe(401);
    const officer = await t.as('officer');
    expect((await officer.get('/api/medfund/reports/periodic')).statusCode).toBe(403);
    expect((await officer.get('/api/medfund/reports/periodic/export.xlsx')).statusCode).toBe(403);
  });

  it('refuses a malformed period or trend with a 400 naming the field', async () => {
    const bad = await viewer.get('/api/medfund/reports/periodic?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('period');
    expect((await viewer.get('/api/medfund/reports/periodic?period=2025-Q1&trend=1')).statusCode).toBe(400);
  });
});

describe('medfund periodic report: figures', () => {
  it('defaults to the latest month with settlements, offers every month and quarter with data', async () => {
    const res = await viewer.get('/api/medfund/reports/periodic');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ period: '2025-12', kind: 'month', from: '2025-12-01', until: '2026-01-01' });
    // the months run from the first settlement to the last activity (the warnings the roll-up raised today)
    expect(r.available.months).toEqual(expect.arrayContaining(['2025-12', '2025-01']));
    expect(r.available.months).not.toContain('2024-12');
    expect(r.available.quarters).toEqual(expect.arrayContaining(['2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1']));
    expect(r.trend).toHaveLength(12);
  });

  it('a quarter: fund paid as the store counts it, findings as the table counts them, change on the previous quarter', async () => {
    const r = (await viewer.get('/api/medfund/reports/periodic?period=2025-Q3&trend=3')).json();
    expect(r.trend.map((p: { period: string }) => p.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    const q3 = await fundIn('2025-07-01', '2025-10-01');
    const q2 = await fundIn('2025-04-01', '2025-07-01');
    expect(q3.settlements).toBeGreaterThan(0);
    expect(r.fund).toMatchObject(q3);
    expect(r.fund.fundChangePercent).toBe(Math.round(((q3.fundFen - q2.fundFen) / q2.fundFen) * 1000) / 10);
    const f = await t.deps.db.selectFrom('medfund_findings').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('amount_fen').as('amount')])
      .where('occurred_on', '>=', '2025-07-01').where('occurred_on', '<', '2025-10-01').executeTakeFirstOrThrow();
    expect(Number(f.n)).toBeGreaterThan(0);
    expect(r.findings.count).toBe(Number(f.n));
    // the money at risk: each settlement once, at its largest finding (of all its findings), on that finding's day
    const money = await sql<{ amount: string | number }>`
      SELECT coalesce(sum(amount_fen), 0) AS amount
        FROM (SELECT DISTINCT ON (setl_id) setl_id, amount_fen, occurred_on FROM medfund_findings ORDER BY setl_id, amount_fen DESC, id) s
       WHERE occurred_on >= '2025-07-01' AND occurred_on < '2025-10-01'`.execute(t.deps.db);
    expect(r.findings.amountFen).toBe(Number(money.rows[0]!.amount));
    expect(r.findings.amountFen).toBeLessThanOrEqual(Number(f.amount));
    expect(r.bySeverity.reduce((s: number, x: { findings: number }) => s + x.findings, 0)).toBe(Number(f.n));
    expect(r.trend[2]).toMatchObject({ findings: Number(f.n), fundFen: q3.fundFen });
    // the top rules are ordered by amount and carry their names; the top providers their fund paid
    const amounts = r.topRules.map((x: { amountFen: number }) => x.amountFen);
    expect(amounts).toEqual([...amounts].sort((a: number, b: number) => b - a));
    expect(r.topRules[0].ruleName).not.toBe(r.topRules[0].ruleCode);
    expect(r.topProviders[0].fundFen).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toMatch(/\d{17}[\dX]/); // no ID number anywhere
  });
});

describe('medfund periodic report: the Excel export', () => {
  it('is marked with the user on every sheet and audited', async () => {
    const res = await viewer.get('/api/medfund/reports/periodic/export.xlsx?period=2025-Q3');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('医保基金运行风险报告-2025-Q3.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '核心指标', '趋势', '疑点按等级', '重点规则', '预警', '案件', '预警案件趋势', '重点机构']);
    expect(wb.creator).toMatch(/^导出人 .+（mf_viewer）/);
    const cover = wb.getWorksheet('报告信息')!;
    const values = cover.getColumn(2).values.map(String);
    expect(values).toContain('2025-Q3');
    expect(values.some((v) => v.includes('（mf_viewer）'))).toBe(true);
    for (const ws of wb.worksheets) expect(ws.headerFooter.oddFooter).toContain('（mf_viewer）');
    const report = (await viewer.get('/api/medfund/reports/periodic?period=2025-Q3')).json();
    const headline = wb.getWorksheet('核心指标')!;
    expect(headline.getRow(4).values).toEqual([undefined, '基金支付（元）', report.fund.fundFen / 100, report.fund.fundChangePercent]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'medfund.report.export').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['2025-Q3']);
  });
});

describe('medfund report: warnings, cases, recovery and rule effectiveness (0034 glue)', () => {
  // a red warning like the article's, raised in March 2024 (a month nothing else touches), a case opened from it,
  // confirmed with 1,133.81 yuan to recover and 1,000.00 yuan recovered; a second case still in second review, overdue
  it('follows the case: the warning goes in_case when opened, closed when decided, each step in its history; the report and the effectiveness count it', async () => {
    const db = t.deps.db;
    const picks = await db.selectFrom('medfund_findings').select(['id', 'rule_code', 'amount_fen', 'setl_id']).orderBy('id').execute();
    const f1 = picks[0]!;
    const f2 = picks.find((p) => p.rule_code !== f1.rule_code)!;
    // the warning's money at risk, as the roll-up would store it: each settlement once
    const warningFen = amountAtRisk([f1, f2].map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) })));
    const before = (await analyst.get('/api/medfund/reports/rule-effectiveness')).json();
    const ruleOf = (e: { rules: Record<string, unknown>[] }, code: string) => e.rules.find((r) => r.ruleCode === code) as unknown as { confirmed: number; recoveryDecidedFen: number };
    const version = (await db.selectFrom('medfund_warning_rule_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow()).v;
    const warning = await db.insertInto('medfund_warnings').values({
      subject_kind: 'provider', subject_key: 'TESTPROV', subject_name: '测试医院', level: 'red', amount_fen: warningFen, findings_count: 2,
      rule_version: version as number, reasons: JSON.stringify([]), created_at: new Date('2024-03-05T02:00:00Z'),
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('medfund_warning_findings').values([{ warning_id: warning.id, finding_id: f1.id }, { warning_id: warning.id, finding_id: f2.id }]).execute();
    const mfAnalyst = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'mf_analyst').executeTakeFirstOrThrow();

    // a case pointing at no warning is refused by the key
    await expect(db.insertInto('medfund_cases').values({
      number: 'T-2024-000', title: 'x', warning_id: 99_999_999, subject_kind: 'provider', subject_key: 'X', provider_codes: [], provider_names: [], stage: 'first_review', amount_at_risk_fen: 0,
    }).execute()).rejects.toThrow();

    const c1 = await db.insertInto('medfund_cases').values({
      number: 'T-2024-001', title: '重复报销', warning_id: warning.id, subject_kind: 'provider', subject_key: 'TESTPROV', provider_codes: ['TESTPROV'], provider_names: ['测试医院'], stage: 'investigation',
      amount_at_risk_fen: Number(f1.amount_fen) + Number(f2.amount_fen), opened_at: new Date('2024-03-06T02:00:00Z'), opened_by: mfAnalyst.id, opened_by_name: mfAnalyst.display_name,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('medfund_case_findings').values([{ case_id: c1.id, finding_id: f1.id }, { case_id: c1.id, finding_id: f2.id }]).execute();
    expect((await db.selectFrom('medfund_warnings').select('status').where('id', '=', warning.id).executeTakeFirstOrThrow()).status).toBe('in_case');

    await db.updateTable('medfund_case_findings').set({ outcome: 'confirmed' }).where('case_id', '=', c1.id).execute();
    await db.updateTable('medfund_cases').set({
      stage: 'closed', decision: 'confirmed', confirmed_fen: 113_381, recovery_decided_fen: 113_381, recovered_fen: 100_000,
      decided_at: new Date('2024-03-20T02:00:00Z'), decided_by: mfAnalyst.id, decided_by_name: mfAnalyst.display_name,
    }).where('id', '=', c1.id).execute();
    await db.insertInto('medfund_recoveries').values({ case_id: c1.id, amount_fen: 100_000, recovered_on: '2024-03-25' }).execute();
    const w = await db.selectFrom('medfund_warnings').select(['status', 'handled_by_name']).where('id', '=', warning.id).executeTakeFirstOrThrow();
    expect(w).toEqual({ status: 'closed', handled_by_name: mfAnalyst.display_name });
    const events = await db.selectFrom('medfund_warning_events').select(['kind', 'from_value', 'to_value', 'reason']).where('warning_id', '=', warning.id).orderBy('id').execute();
    expect(events).toEqual([
      { kind: 'status', from_value: 'open', to_value: 'in_case', reason: '立案：案件 T-2024-001' },
      { kind: 'status', from_value: 'in_case', to_value: 'closed', reason: '案件 T-2024-001 办结：确认违规' },
    ]);

    // the discipline inspection group sees how the red warning was handled; mf_jijian also acts for its department as a partner
    const jijian = await t.as('mf_jijian');
    const seen = await jijian.get(`/api/medfund/warnings/${warning.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().handling).toMatchObject({ caseId: Number(c1.id), caseNumber: 'T-2024-001', stage: 'closed', decision: 'confirmed', recoveryDecidedFen: 113_381, recoveredFen: 100_000 });
    const listed = (await jijian.get('/api/medfund/warnings?level=red&pageSize=100')).json();
    expect(listed.items.find((x: { id: number }) => x.id === Number(warning.id)).handling.caseNumber).toBe('T-2024-001');
    expect((await jijian.get('/api/medfund/inbox')).statusCode).toBe(200);

    await db.insertInto('medfund_cases').values({
      number: 'T-2024-002', title: '超量开药', subject_kind: 'person', subject_key: 'P1', provider_codes: [], provider_names: [], stage: 'second_review', stage_due_on: '2024-03-15',
      amount_at_risk_fen: 5_000, opened_at: new Date('2024-03-10T02:00:00Z'),
    }).execute();

    const r = (await viewer.get('/api/medfund/reports/periodic?period=2024-03&trend=3')).json();
    expect(r.available.months).toContain('2024-03');
    expect(r.supervision.warnings.byLevel[0]).toEqual({ level: 'red', raised: 1, amountFen: warningFen, open: 0, inCase: 0, closed: 1, dismissed: 0 });
    expect(r.supervision.cases).toMatchObject({ opened: 2, decided: 1 });
    expect(r.supervision.cases.byDecision[0]).toEqual({ decision: 'confirmed', cases: 1, confirmedFen: 113_381, recoveryDecidedFen: 113_381 });
    // 100,000 of 113,381 fen = 88.2 %
    expect(r.supervision.recovery).toMatchObject({ decidedFen: 113_381, recoveredFen: 100_000, payments: 1, recoveredPercent: 88.2 });
    const open = await db.selectFrom('medfund_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('stage', '=', 'second_review').executeTakeFirstOrThrow();
    const second = r.supervision.cases.byStage.find((s: { stage: string }) => s.stage === 'second_review');
    expect(second.cases).toBe(Number(open.n));
    expect(second.overdue).toBeGreaterThanOrEqual(1);
    expect(r.supervision.trend.at(-1)).toEqual({ period: '2024-03', warnings: 1, redWarnings: 1, casesOpened: 2, recoveredFen: 100_000 });

    // rule effectiveness: each rule one more confirmed finding, the case's amounts shared by what the two findings
    // count toward its money at risk (when they share a settlement, all of it to the larger one)
    const after = (await analyst.get('/api/medfund/reports/rule-effectiveness')).json();
    const counted = countedAmounts([f1, f2].map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) })));
    const a1 = counted.get(f1.id)!;
    const a2 = counted.get(f2.id)!;
    const first = f1.rule_code < f2.rule_code; // the split walks the rules in code order; ties of remainder go to the first
    const exact1 = (113_381 * a1) / (a1 + a2);
    const floor1 = Math.floor(exact1);
    const floor2 = Math.floor((113_381 * a2) / (a1 + a2));
    const left = 113_381 - floor1 - floor2;
    const rem1 = exact1 - floor1;
    const rem2 = (113_381 * a2) / (a1 + a2) - floor2;
    const share1 = floor1 + (left > 0 && (rem1 > rem2 || (rem1 === rem2 && first)) ? 1 : 0);
    expect(ruleOf(after, f1.rule_code).confirmed - ruleOf(before, f1.rule_code).confirmed).toBe(1);
    expect(ruleOf(after, f2.rule_code).confirmed - ruleOf(before, f2.rule_code).confirmed).toBe(1);
    expect(ruleOf(after, f1.rule_code).recoveryDecidedFen - ruleOf(before, f1.rule_code).recoveryDecidedFen).toBe(share1);
    expect(ruleOf(after, f2.rule_code).recoveryDecidedFen - ruleOf(before, f2.rule_code).recoveryDecidedFen).toBe(113_381 - share1);
    expect(after.totals.recoveredFen - before.totals.recoveredFen).toBe(100_000);
    expect(after.rules.length).toBe((await db.selectFrom('medfund_rules').select('code').execute()).length);
  });

  it('rule effectiveness: 401, 403, and its export marked and audited', async () => {
    expect((await t.anonymous.get('/api/medfund/reports/rule-effectiveness')).statusCode).toBe(401);
    const officer = await t.as('officer');
    expect((await officer.get('/api/medfund/reports/rule-effectiveness')).statusCode).toBe(403);
    const res = await analyst.get('/api/medfund/reports/rule-effectiveness/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '规则成效', '按规则版本']);
    expect(wb.getWorksheet('规则成效')!.headerFooter.oddFooter).toContain('（mf_analyst）');
    const audit = await t.deps.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'medfund.report.export').where('entity_id', '=', 'rule-effectiveness').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the demo hand-off with the demo screening off (the API tests\' default)', () => {
  it('an analyst\'s screening run queues its roll-up only; a demo cases job queued anyway skips at once, with no retry', async () => {
    const jobs = await t.deps.db.selectFrom('jobs').select(['kind', 'status']).where('kind', 'in', [DEMO_CASES_JOB, DEMO_GLUE_JOB, 'medfund.warnings.rollup']).execute();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.kind === 'medfund.warnings.rollup' && j.status === 'succeeded')).toBe(true);
    const id = await enqueueJob(t.deps.db, { kind: DEMO_CASES_JOB, maxAttempts: 1 });
    await t.deps.jobs.drain();
    const job = await t.deps.db.selectFrom('jobs').select(['status', 'attempts', 'result', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'succeeded', attempts: 1, result: { skipped: 'demo screening is off' }, error: null });
    expect(await t.deps.db.selectFrom('jobs').select('id').where('kind', '=', DEMO_GLUE_JOB).execute()).toEqual([]);
  });
});
