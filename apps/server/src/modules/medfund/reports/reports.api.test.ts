import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import type { ClaimsStore } from '../claims/claims-store';
import { openDuckdbStore } from '../claims/duckdb-store';
import { generateIntoStore } from '../generator/into-store';
import { provideClaimsStore } from '../claims/open-claims-store';

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
  await t.deps.jobs.drain(); // the demo's own year first, then swap in this store
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
    expect(r.available.months[0]).toBe('2025-12');
    expect(r.available.months).toContain('2025-01');
    expect(r.available.quarters).toEqual(['2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1']);
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
    expect(r.findings.amountFen).toBe(Number(f.amount));
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
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '核心指标', '趋势', '疑点按等级', '重点规则', '重点机构']);
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
