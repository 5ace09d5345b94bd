import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { latestAnnualFigures } from '../../core/enterprises/enterprise-facts';
import { comparableGrowth } from './domain';

// Real time (the job queue runs at the database's clock): the demo holds monthly figures from
// January three years back up to last month, so the periods below are relative to this year.
const Y = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const LY = Y - 1; // last year: complete in the demo
const Q = `${LY}-Q3`; // the imported quarter (the demo has months only)
const JUNE = `${LY}-06`;
let t: TestApp;
let officer: Client;
let leader: Client;
let coreOfficer: Client;
let entZsy: Client;
let zsy: { id: string; credit_code: string };
let other: { id: string; credit_code: string };
const PASSWORD = 'Economy#2026';

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}\n`, 'utf8');
const HEADER = '统一社会信用代码,企业名称,期间,口径,营业收入（万元）,税收（万元）,从业人员（人）';

async function commitAndWait(c: Client, batchId: string, onlyValid: boolean) {
  const res = await c.post(`/api/imports/${batchId}/commit`, { onlyValid });
  expect(res.statusCode, res.body).toBe(202);
  expect(await t.deps.jobs.drain()).toBeGreaterThan(0);
  const job = (await c.get(`/api/jobs/${res.json().jobId}`)).json();
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  return job;
}

beforeAll(async () => {
  t = await createTestApp({ config: { SESSION_TTL_HOURS: '8760' } });
  [officer, leader, coreOfficer, entZsy] = await Promise.all([t.as('eco_stats'), t.as('eco_leader'), t.as('officer'), t.as('ent_zsy')]);
  zsy = await t.deps.db.selectFrom('enterprises').select(['id', 'credit_code']).where('name', '=', '中双元（杭州）科技有限公司').executeTakeFirstOrThrow();
  other = await t.deps.db.selectFrom('enterprises').select(['id', 'credit_code']).where('id', '!=', zsy.id).orderBy('credit_code').limit(1).executeTakeFirstOrThrow();
});
afterAll(() => t.close());

describe('economy: access', () => {
  it('401 without a session, 403 without the permission, 403 for a leader writing', async () => {
    expect((await t.anonymous.get('/api/economy/dashboard')).statusCode).toBe(401);
    expect((await coreOfficer.get('/api/economy/dashboard')).statusCode).toBe(403);
    expect((await entZsy.get(`/api/economy/enterprises/${zsy.id}/figures`)).statusCode).toBe(403);
    expect((await leader.get('/api/economy/dashboard')).statusCode).toBe(200);
    expect((await leader.put(`/api/economy/enterprises/${zsy.id}/figures/${LY}-03/cumulative`, { values: { tax: 1 }, reason: '测试' })).statusCode).toBe(403);
    expect((await leader.upload('/api/economy/figures/imports', 'f.csv', csv([HEADER]))).statusCode).toBe(403);
    expect((await leader.post('/api/economy/ecosystems', { name: '测试圈', industryPrefixes: ['65'] })).statusCode).toBe(403);
  });
});

describe('economy: import of a quarter', () => {
  const good = () => [
    `${zsy.credit_code},中双元,${Q},累计,9876.54,321.5,130`,
    `${zsy.credit_code},中双元,${Q},当期,3456.78,110.25,130`,
    `${other.credit_code},,${LY}年第三季度,当期,1200,40,25`,
  ];
  it('reports every bad row (unknown enterprise, future period, negative employees) and writes only the valid rows', async () => {
    const bad = [
      `91330110MA2XXXXXX9,不存在,${Q},累计,100,1,1`,
      `${other.credit_code},,${Y + 1}-Q1,累计,100,1,1`,
      `${other.credit_code},,${LY}-Q2,累计,100,1,-3`,
      `${zsy.credit_code},中双元,${Q},累计,1,1,1`,
    ];
    const res = await officer.upload('/api/economy/figures/imports', '三季度.csv', csv([HEADER, ...good(), ...bad]));
    expect(res.statusCode, res.body).toBe(200);
    const batch = res.json();
    expect(batch).toMatchObject({ kind: 'economy_figures', totalRows: 7, validRows: 3, errorCount: 4 });
    expect(batch.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      '5:统一社会信用代码', '6:期间', '7:从业人员（人）', '8:期间',
    ]);
    expect(batch.errors[1].message).toContain(`${Y + 1}-Q1 尚未开始`);
    expect(batch.errors[3].message).toContain('与第 2 行是同一企业');
    expect((await officer.post(`/api/imports/${batch.id}/commit`, { onlyValid: false })).json().error.code).toBe('IMPORT_HAS_ERRORS');
    const job = await commitAndWait(officer, batch.id, true);
    expect(job.result).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const rows = await t.deps.db.selectFrom('economy_figures').selectAll().where('year', '=', LY).where('period', '=', 'Q3').orderBy('basis').execute();
    expect(rows.filter((r) => r.enterprise_id === zsy.id).map((r) => [r.basis, Number(r.revenue_fen), Number(r.tax_fen)])).toEqual([
      ['cumulative', 9_876_540_000, 321_500_000], ['current', 3_456_780_000, 110_250_000],
    ]);
  });

  it('a repeat updates and keeps the previous value in the history, never duplicates', async () => {
    const again = good();
    again[0] = `${zsy.credit_code},中双元,${Q},累计,9900,321.5,130`;
    const batch = (await officer.upload('/api/economy/figures/imports', '三季度-修订.csv', csv([HEADER, ...again]))).json();
    expect((await commitAndWait(officer, batch.id, false)).result).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const rows = await t.deps.db.selectFrom('economy_figures').select(['revenue_fen', 'version']).where('enterprise_id', '=', zsy.id).where('year', '=', LY).where('period', '=', 'Q3').where('basis', '=', 'cumulative').execute();
    expect(rows.map((r) => [Number(r.revenue_fen), r.version])).toEqual([[9_900_000_000, 2]]);
    const history = (await officer.get(`/api/economy/enterprises/${zsy.id}/figures/${Q}/cumulative/history`)).json();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ change: 'import', before: { revenue: 9876.54 }, after: { revenue: 9900 } });
  });
});

describe('economy: corrections', () => {
  it('a correction needs a reason, keeps history, is audited; negative or future figures are refused', async () => {
    const url = `/api/economy/enterprises/${zsy.id}/figures/${Q}/current`;
    expect((await officer.put(url, { values: { tax: 100 }, reason: '' })).statusCode).toBe(400);
    const neg = await officer.put(url, { values: { employees: -1 }, reason: '统计局反馈' });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.code).toBe('ECONOMY_NEGATIVE_FIGURE');
    const future = await officer.put(`/api/economy/enterprises/${zsy.id}/figures/${Y + 1}-01/current`, { values: { tax: 1 }, reason: '统计局反馈' });
    expect(future.json().error.code).toBe('ECONOMY_PERIOD_IN_FUTURE');
    const ok = await officer.put(url, { values: { tax: 108.2 }, reason: '税务部门核实后更正' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ updated: 1 });
    const history = (await officer.get(`${url}/history`)).json();
    expect(history[0]).toMatchObject({ change: 'correction', reason: '税务部门核实后更正', before: { tax: 110.25 }, after: { tax: 108.2 } });
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'economy.figures.correct').where('enterprise_id', '=', zsy.id).execute();
    expect(audit.at(-1)!.after).toMatchObject({ tax: 108.2, reason: '税务部门核实后更正' });
  });

  it('an enterprise outside the officer\'s street is not found', async () => {
    const admin = await t.as('admin');
    const outside = await t.deps.db.selectFrom('enterprises').select('id').where('division_code', '!=', '330110010').limit(1).executeTakeFirstOrThrow();
    expect((await admin.post('/api/users', { username: 'eco_street', displayName: '街道统计', password: PASSWORD, roles: ['economy_officer'], divisionCode: '330110010' })).statusCode).toBe(201);
    const street = await t.as('eco_street', PASSWORD);
    expect((await street.get(`/api/economy/enterprises/${outside.id}/figures`)).statusCode).toBe(404);
    expect((await street.put(`/api/economy/enterprises/${outside.id}/figures/${LY}-03/current`, { values: { tax: 1 }, reason: '越权尝试' })).statusCode).toBe(404);
    const inStreet = (await street.get(`/api/economy/growth?period=${JUNE}&groupBy=street`)).json();
    expect(inStreet.groups.map((g: { key: string }) => g.key)).toEqual(['330110010']);
  });
});

describe('economy: comparable-basis growth from the database', () => {
  it('equals the domain function over the rows: this year\'s above-scale list against the same enterprises a year earlier', async () => {
    const db = t.deps.db;
    const cohort = new Set((await db.selectFrom('economy_scale_status').select('enterprise_id').where('year', '=', LY).where('above_scale', '=', true).execute()).map((r) => r.enterprise_id));
    const read = async (year: number) => new Map((await db.selectFrom('economy_figures').select(['enterprise_id', 'revenue_fen'])
      .where('year', '=', year).where('period', '=', '06').where('basis', '=', 'cumulative').where('revenue_fen', 'is not', null).execute())
      .map((r) => [r.enterprise_id, Number(r.revenue_fen)]));
    const expected = comparableGrowth({ current: await read(LY), base: await read(LY - 1), cohort });
    expect(cohort.size).toBeGreaterThan(10);
    const res = await leader.get(`/api/economy/growth?period=${JUNE}&indicator=revenue&basis=cumulative`);
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json();
    expect(g.total.cohortSize).toBe(expected.cohortSize);
    expect(g.total.compared).toBe(expected.compared);
    expect(g.total.comparableBase).toBeCloseTo(expected.comparableBase / 1_000_000, 2);
    expect(g.total.growthPercent).toBeCloseTo(Math.round(expected.rate! * 10000) / 100, 2);
    expect(g.method).toContain('同口径');
  });

  it('groups by ecosystem, street and park, shares changing in percentage points; a published rate is shown beside, labelled', async () => {
    const eco = (await leader.get(`/api/economy/growth?period=${JUNE}&groupBy=ecosystem`)).json();
    expect(eco.groups.map((g: { name: string }) => g.name).sort()).toEqual(['数字经济核心产业', '生物医药']);
    for (const g of eco.groups) expect(typeof g.shareChangePoints).toBe('number');
    const rate = await officer.post('/api/economy/official-rates', { indicator: 'revenue', period: `${JUNE}`, ratePercent: 11.4, source: '区统计局 6 月快报' });
    expect(rate.statusCode, rate.body).toBe(201);
    const withRate = (await leader.get(`/api/economy/growth?period=${JUNE}`)).json();
    expect(withRate.total.official).toEqual({ ratePercent: 11.4, source: '区统计局 6 月快报' });
    expect(withRate.total.growthPercent).not.toBe(11.4);
  });
});

describe('economy: the screen, the files, the plug for other modules', () => {
  it('the dashboard has the headline figures, months and groups; the export is a workbook', async () => {
    const d = (await leader.get(`/api/economy/dashboard?period=${JUNE}`)).json();
    expect(d.counts.enterprises).toBeGreaterThan(100);
    expect(d.counts.aboveScale).toBeGreaterThan(0);
    expect(d.counts.unicorns).toBe(1);
    expect(d.counts.prospectiveUnicorns).toBe(3);
    expect(d.aboveScaleRevenueWan.value).toBeGreaterThan(0);
    expect(d.aboveScaleRevenueWan.official?.ratePercent).toBe(11.4);
    expect(d.series.length).toBeGreaterThan(12);
    expect(d.byStreet.length).toBeGreaterThan(0);
    const x = await leader.get(`/api/economy/dashboard/export.xlsx?period=${JUNE}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['核心指标', '逐月走势', '产业生态圈', '街道', '园区']);
  });

  it('the first screen (headline) reads the stored period sums: the same as the live statements, again after a correction, inside a street', async () => {
    const h = (await leader.get(`/api/economy/dashboard/headline?period=${JUNE}`));
    expect(h.statusCode, h.body).toBe(200);
    const live = async (c: Client, indicator: string, cohort = 'above_scale') => (await c.get(`/api/economy/growth?period=${JUNE}&indicator=${indicator}&cohort=${cohort}`)).json().total;
    const check = async (c: Client) => {
      const head = (await c.get(`/api/economy/dashboard/headline?period=${JUNE}`)).json();
      const [rev, tax, emp] = [await live(c, 'revenue'), await live(c, 'tax'), await live(c, 'employees', 'all')];
      expect(head.aboveScaleRevenueWan.value).toBeCloseTo(rev.total, 2);
      expect(head.aboveScaleRevenueWan.growthPercent).toBe(rev.growthPercent);
      expect(head.aboveScaleTaxWan.value).toBeCloseTo(tax.total, 2);
      expect(head.aboveScaleTaxWan.growthPercent).toBe(tax.growthPercent);
      expect(head.employees.value).toBe(emp.total);
      expect(head.employees.growthPercent).toBe(emp.growthPercent);
      const full = (await c.get(`/api/economy/dashboard?period=${JUNE}`)).json();
      expect(full.aboveScaleRevenueWan).toEqual(head.aboveScaleRevenueWan);
      expect(full.counts).toEqual(head.counts);
      for (const [groupBy, rows] of [['street', full.byStreet], ['park', full.byPark], ['ecosystem', full.byEcosystem]] as const) {
        const g = (await c.get(`/api/economy/growth?period=${JUNE}&groupBy=${groupBy}`)).json().groups;
        expect(rows.map((r: { key: string; total: number; growthPercent: number | null; cohortSize: number; shareChangePoints: number | null }) => [r.key, r.total, r.growthPercent, r.cohortSize, r.shareChangePoints]))
          .toEqual(g.map((r: { key: string; total: number; growthPercent: number | null; cohortSize: number; shareChangePoints: number | null }) => [r.key, r.total, r.growthPercent, r.cohortSize, r.shareChangePoints]));
      }
      return head;
    };
    const before = await check(leader);
    // a correction marks the period changed: the next read sums it again
    const inCohort = await t.deps.db.selectFrom('economy_scale_status as s').innerJoin('economy_figures as f', (j) => j.onRef('f.enterprise_id', '=', 's.enterprise_id'))
      .select(['s.enterprise_id', 'f.revenue_fen']).where('s.year', '=', LY).where('s.above_scale', '=', true)
      .where('f.year', '=', LY).where('f.period', '=', '06').where('f.basis', '=', 'cumulative').where('f.revenue_fen', 'is not', null).limit(1).executeTakeFirstOrThrow();
    const newWan = Number(inCohort.revenue_fen) / 1_000_000 + 5000;
    const put = await officer.put(`/api/economy/enterprises/${inCohort.enterprise_id}/figures/${JUNE}/cumulative`, { values: { revenue: newWan }, reason: '统计局反馈更正' });
    expect(put.statusCode, put.body).toBe(200);
    const after = await check(leader);
    expect(after.aboveScaleRevenueWan.value).toBeCloseTo(before.aboveScaleRevenueWan.value + 5000, 2);
    // a street officer's screen adds up only the street's rows
    const street = await t.as('eco_street', PASSWORD);
    const mine = await check(street);
    expect(mine.aboveScaleRevenueWan.value).toBeLessThan(after.aboveScaleRevenueWan.value);
    expect((await street.get(`/api/economy/dashboard?period=${JUNE}`)).json().byStreet.map((r: { key: string }) => r.key)).toEqual(['330110010']);
  });

  it('the enterprise file explains the above-scale status and shows 亩均', async () => {
    const f = (await leader.get(`/api/economy/enterprises/${zsy.id}/figures`)).json();
    const y2026 = f.scale.find((s: { year: number }) => s.year === LY);
    expect(y2026.reason).toContain(`${LY - 1} 年营业收入`);
    expect(y2026.aboveScale).toBe(y2026.annualRevenueWan >= 2000);
    expect(f.perMu[0].taxPerMuWan).toBeGreaterThan(0);
    const park = await t.deps.db.selectFrom('parks').select('id').where('name', '=', '梦想小镇').executeTakeFirstOrThrow();
    const p = (await leader.get(`/api/economy/parks/${park.id}/figures?period=${JUNE}`)).json();
    expect(p).toMatchObject({ name: '梦想小镇', period: `${JUNE}` });
  });

  it('exports figures in the import\'s columns', async () => {
    const x = await officer.get(`/api/economy/figures/export.xlsx?enterpriseId=${zsy.id}&from=${Q}&to=${Q}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('统一社会信用代码');
    expect(ws.rowCount).toBe(3);
  });

  it('ecosystem codes must exist in GB/T 4754-2017', async () => {
    const res = await officer.post('/api/economy/ecosystems', { name: '未来产业', industryPrefixes: ['65', '9999'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ECONOMY_INDUSTRY_PREFIX_UNKNOWN');
    expect((await officer.post('/api/economy/ecosystems', { name: '未来产业', industryPrefixes: ['6520', '392'] })).statusCode).toBe(201);
  });

  it('the complete years feed the core enterprise facts: latestAnnualFigures answers other modules with the latest', async () => {
    const a = await latestAnnualFigures(t.deps.db, zsy.id);
    expect(a?.year).toBe(LY);
    expect(a!.revenueFen).toBeGreaterThan(0);
    expect(a!.source).toContain(`${LY} 年 12 月累计`);
  });
});
