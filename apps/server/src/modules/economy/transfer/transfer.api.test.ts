import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { matchScore } from '../domain';
import { makeCreditCode } from '../../../core/reference/domain/credit-code';

let t: TestApp;
let tech: Client;
let leader: Client;
let stats: Client;
let coreOfficer: Client;
let zhijiang: string;
let resultId: string;
const today = new Date().toISOString().slice(0, 10);

const input = (over: Record<string, unknown> = {}) => ({
  labId: zhijiang, title: '测试：晶圆级先进封装检测技术', summary: '测试成果', field: 'chips', maturity: 6,
  patents: [{ number: 'ZL202510000001.1', title: '一种晶圆缺陷检测方法', kind: 'invention' }],
  modes: ['licence', 'equity'], priceMinWan: 100, priceMaxWan: 300.5, industryPrefixes: ['6520', '397'], keywords: ['芯片', '集成电路', '微电子'], offeredOn: today,
  ...over,
});

beforeAll(async () => {
  t = await createTestApp({ config: { SESSION_TTL_HOURS: '8760' } });
  [tech, leader, stats, coreOfficer] = await Promise.all([t.as('eco_tech'), t.as('eco_leader'), t.as('eco_stats'), t.as('officer')]);
  zhijiang = (await t.deps.db.selectFrom('economy_labs').select('id').where('name', '=', '之江实验室').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

describe('transfer: access', () => {
  it('401 without a session, 403 without the permission, 403 for a leader writing', async () => {
    expect((await t.anonymous.get('/api/economy/transfer/results')).statusCode).toBe(401);
    expect((await coreOfficer.get('/api/economy/transfer/results')).statusCode).toBe(403);
    expect((await stats.get('/api/economy/transfer/stats')).statusCode).toBe(403);
    expect((await leader.get('/api/economy/transfer/results')).statusCode).toBe(200);
    expect((await leader.post('/api/economy/transfer/results', input())).statusCode).toBe(403);
    expect((await tech.get('/api/economy/transfer/labs')).json().map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(['之江实验室', '天目山实验室']));
  });
});

describe('transfer: a result, its matches, a contact, landing', () => {
  it('refuses bad input with the field named, and nothing is written', async () => {
    const before = (await tech.get('/api/economy/transfer/results')).json().length;
    const bad = await tech.post('/api/economy/transfer/results', input({ industryPrefixes: ['6520', '9999'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.industryPrefixes).toContain('9999');
    const range = await tech.post('/api/economy/transfer/results', input({ priceMinWan: 500, priceMaxWan: 100 }));
    expect(range.statusCode).toBe(400);
    expect(JSON.stringify(range.json().error.fields)).toContain('期望价格上限不能低于下限');
    const lab = await tech.post('/api/economy/transfer/results', input({ labId: '00000000-0000-4000-8000-000000000000' }));
    expect(lab.json().error.code).toBe('ECONOMY_LAB_NOT_FOUND');
    const nothing = await tech.post('/api/economy/transfer/results', input({ industryPrefixes: [], keywords: [] }));
    expect(nothing.statusCode).toBe(400);
    expect((await tech.get('/api/economy/transfer/results')).json().length).toBe(before);
  });

  it('creates a result, audited', async () => {
    const res = await tech.post('/api/economy/transfer/results', input());
    expect(res.statusCode, res.body).toBe(201);
    resultId = res.json().id;
    const view = (await leader.get(`/api/economy/transfer/results/${resultId}`)).json();
    expect(view).toMatchObject({ labName: '之江实验室', priceMaxWan: 300.5, status: 'open', deals: 0 });
    expect(view.industryNames[0]).toMatch(/^6520 /);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', resultId).execute();
    expect(audit.map((a) => a.action)).toEqual(['economy.transfer.result.create']);
  });

  it('matches enterprises with the score per factor, the same as the domain computes from the registry and figures', async () => {
    const res = await tech.get(`/api/economy/transfer/results/${resultId}/matches?limit=10`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.chainAvailable).toBe(false);
    expect(body.matches.length).toBeGreaterThan(2);
    const scores = body.matches.map((m: { score: number }) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = body.matches[0];
    expect(top.factors.map((f: { key: string }) => f.key)).toEqual(['industry', 'keywords', 'rd', 'highTech']);
    const e = await t.deps.db.selectFrom('enterprises').selectAll().where('id', '=', top.enterpriseId).executeTakeFirstOrThrow();
    const f = await t.deps.db.selectFrom('economy_figures').select(['year', 'rd_fen', 'revenue_fen']).where('enterprise_id', '=', e.id).where('basis', '=', 'cumulative')
      .where('period', '=', '12').where('rd_fen', 'is not', null).orderBy('year', 'desc').executeTakeFirst();
    const expected = matchScore({ industryPrefixes: ['6520', '397'], keywords: ['芯片', '集成电路', '微电子'] }, {
      industryCode: e.industry_code, name: e.name, businessScope: e.business_scope, tags: e.tags, highTech: e.high_tech,
      rdFen: f ? Number(f.rd_fen) : null, revenueFen: f?.revenue_fen == null ? null : Number(f.revenue_fen), rdYear: f?.year ?? null,
    });
    expect(top.score).toBe(expected.score);
    expect(top.factors.map((x: { points: number }) => x.points)).toEqual(expected.factors.map((x) => x.points));
    expect(top.industryCode).toBe('6520');
  });

  it('records a contact (score kept), refuses a second for the same enterprise, a negotiation moves it on, landing registers a new company', async () => {
    const top = (await tech.get(`/api/economy/transfer/results/${resultId}/matches?limit=3`)).json().matches[0];
    const c = await tech.post(`/api/economy/transfer/results/${resultId}/deals`, { enterpriseId: top.enterpriseId, happenedOn: today, note: '电话联系企业研发总监' });
    expect(c.statusCode, c.body).toBe(201);
    const dealId = c.json().id;
    const dup = await tech.post(`/api/economy/transfer/results/${resultId}/deals`, { enterpriseId: top.enterpriseId, happenedOn: today, note: '再次' });
    expect(dup.json().error.code).toBe('ECONOMY_TRANSFER_DEAL_EXISTS');
    const both = await tech.post(`/api/economy/transfer/results/${resultId}/deals`, { happenedOn: today, note: 'x' });
    expect(both.statusCode).toBe(400);
    let deal = (await tech.get(`/api/economy/transfer/results/${resultId}/deals`)).json()[0];
    expect(deal).toMatchObject({ stage: 'contacted', scoreAtContact: top.score, enterpriseName: top.name });
    expect((await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/events`, { kind: 'negotiation', happenedOn: today, note: '三方洽谈', version: 99 })).json().error.code).toBe('CONFLICT');
    const n = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/events`, { kind: 'negotiation', happenedOn: today, note: '三方洽谈', version: deal.version });
    expect(n.statusCode, n.body).toBe(200);
    deal = (await tech.get(`/api/economy/transfer/results/${resultId}/deals`)).json()[0];
    expect(deal.stage).toBe('negotiating');
    expect(deal.events.map((e: { kind: string }) => e.kind)).toEqual(['contact', 'negotiation']);

    const wrongMode = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/land`, { version: deal.version, landedOn: today, mode: 'assignment', valueWan: 200 });
    expect(wrongMode.json().error.code).toBe('ECONOMY_TRANSFER_MODE_NOT_OFFERED');
    const street = (await t.deps.db.selectFrom('enterprises').select('division_code').where('id', '=', top.enterpriseId).executeTakeFirstOrThrow()).division_code;
    const taken = (await t.deps.db.selectFrom('enterprises').select('credit_code').limit(1).executeTakeFirstOrThrow()).credit_code;
    const dupCode = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/land`, {
      version: deal.version, landedOn: today, mode: 'equity', valueWan: 250, newEnterprise: { creditCode: taken, name: '杭州测试封测科技有限公司', industryCode: '6520', divisionCode: street },
    });
    expect(dupCode.json().error.code).toBe('CREDIT_CODE_TAKEN');
    const code = makeCreditCode('91330110MA2TEXT01');
    const land = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/land`, {
      version: deal.version, landedOn: today, mode: 'equity', valueWan: 250, note: '作价投资设立新公司',
      newEnterprise: { creditCode: code.slice(0, 17) + (code.endsWith('Y') ? 'X' : 'Y'), name: '杭州测试封测科技有限公司', industryCode: '6520', divisionCode: street },
    });
    // the check character of a made-up code is wrong: the registry's own rule refuses it, naming the field
    expect(land.statusCode).toBe(400);
    expect(JSON.stringify(land.json().error.fields)).toContain('creditCode');
    const ok = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/land`, {
      version: deal.version, landedOn: today, mode: 'equity', valueWan: 250, note: '作价投资设立新公司',
      newEnterprise: { creditCode: code, name: '杭州测试封测科技有限公司', industryCode: '6520', divisionCode: street },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().newEnterprise).toBe(true);
    const created = await t.deps.db.selectFrom('enterprises').select(['id', 'name', 'tags']).where('credit_code', '=', code).executeTakeFirstOrThrow();
    expect(created.id).toBe(ok.json().landedEnterpriseId);
    expect(created.tags).toContain('科技成果转化');
    deal = (await tech.get(`/api/economy/transfer/results/${resultId}/deals`)).json()[0];
    expect(deal).toMatchObject({ stage: 'landed', mode: 'equity', valueWan: 250, landedEnterpriseName: '杭州测试封测科技有限公司', newEnterprise: true });
    expect((await tech.get(`/api/economy/transfer/results/${resultId}`)).json().status).toBe('landed');
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where((eb) => eb.or([eb('entity_id', '=', dealId), eb('entity_id', '=', created.id)])).orderBy('id').execute()).map((a) => a.action);
    expect(actions).toEqual(['economy.transfer.contact', 'economy.transfer.negotiation', 'enterprise.create', 'economy.transfer.land']);
    const after = await tech.post(`/api/economy/transfer/results/${resultId}/deals/${dealId}/events`, { kind: 'contact', happenedOn: today, note: '回访', version: deal.version });
    expect(after.json().error.code).toBe('ECONOMY_TRANSFER_DEAL_CLOSED');
  });

  it('a street-scoped officer sees only its street: matches and deals outside are not there (404)', async () => {
    const u = await t.deps.db.selectFrom('users').select(['id', 'division_code']).where('username', '=', 'street_officer').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('user_roles').values({ user_id: u.id, role_code: 'economy_tech_officer' }).execute();
    const streetTech = await t.as('street_officer');
    const matches = (await streetTech.get(`/api/economy/transfer/results/${resultId}/matches?limit=100`)).json().matches as { enterpriseId: string }[];
    if (matches.length) {
      const streets = await t.deps.db.selectFrom('enterprises').select('division_code').where('id', 'in', matches.map((m) => m.enterpriseId)).execute();
      expect(streets.every((s) => s.division_code.startsWith(u.division_code!))).toBe(true);
    }
    const deals = (await streetTech.get(`/api/economy/transfer/results/${resultId}/deals`)).json();
    const all = (await tech.get(`/api/economy/transfer/results/${resultId}/deals`)).json();
    const outside = all.filter((d: { id: string }) => !deals.some((x: { id: string }) => x.id === d.id));
    for (const d of outside) {
      const res = await streetTech.post(`/api/economy/transfer/results/${resultId}/deals/${d.id}/events`, { kind: 'contact', happenedOn: today, note: 'x', version: d.version });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('transfer: counts and values by lab, field and year; Excel', () => {
  it('adds up the demo and the landing above', async () => {
    const s = (await leader.get('/api/economy/transfer/stats')).json();
    const deals = await t.deps.db.selectFrom('economy_transfer_deals').select(['stage', 'value_fen', 'new_enterprise']).execute();
    const landed = deals.filter((d) => d.stage === 'landed');
    expect(s.totals.landed).toBe(landed.length);
    expect(s.totals.newEnterprises).toBe(landed.filter((d) => d.new_enterprise).length);
    expect(s.totals.landedValueWan).toBe(landed.reduce((a, d) => a + Number(d.value_fen ?? 0), 0) / 1_000_000);
    expect(s.byLab.reduce((a: number, r: { landed: number }) => a + r.landed, 0)).toBe(s.totals.landed);
    expect(s.byField.reduce((a: number, r: { results: number }) => a + r.results, 0)).toBe(s.totals.results);
    expect(s.byYear.reduce((a: number, r: { deals: number }) => a + r.deals, 0)).toBe(s.totals.deals);
    const zj = s.byLab.find((r: { name: string }) => r.name === '之江实验室');
    expect(zj.landed).toBeGreaterThanOrEqual(4);
    const thisYear = Number(today.slice(0, 4));
    const only = (await leader.get(`/api/economy/transfer/stats?from=${thisYear}&to=${thisYear}`)).json();
    expect(only.byYear.map((r: { key: string }) => r.key)).toEqual([String(thisYear)]);
  });

  it('exports the tables and the list, audited', async () => {
    const res = await leader.get('/api/economy/transfer/stats/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按实验室', '按领域', '按年度', '成果清单']);
    expect(wb.getWorksheet('成果清单')!.getRow(1).getCell(2).value).toBe('成果名称');
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'economy.transfer.export').executeTakeFirst()).toBeTruthy();
  });
});
