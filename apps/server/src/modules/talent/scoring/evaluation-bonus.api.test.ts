import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';
import { shippedSourceForYear } from './seed-scores';

const NOW = new Date('2026-11-29T04:00:00Z');
let t: TestApp;
let office: Client;
let hr: Client; // ent_zsy: HR of 中双元 (仪器仪表制造, industrial)
let self: Client; // talent_demo
let officer: Client; // no talent permission
let zsyId: string;

/** The shipped example rule: enterprise points → bonus. */
const bandOf = (p: number) => (p >= 300 ? 8 : p >= 200 ? 6 : p >= 100 ? 4 : p >= 50 ? 2 : 0);
type Item = { enterpriseId: string; industryCode: string; enterprisePoints: number; points: number; complete: boolean };

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  zsyId = (await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', DEMO_STORY_ENTERPRISE).executeTakeFirstOrThrow()).id;
  [office, hr, self, officer] = await Promise.all([t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo'), t.as('officer')]);
});
afterAll(() => t.close());

const all = async (c: Client, query = ''): Promise<{ items: Item[]; total: number; source: { scheme: { code: string }; asOf: string } | null }> => {
  const first = (await c.get(`/api/talent/evaluation-bonuses?pageSize=100&${query}`)).json();
  const items: Item[] = [...first.items];
  for (let page = 2; items.length < first.total; page++) items.push(...(await c.get(`/api/talent/evaluation-bonuses?pageSize=100&page=${page}&${query}`)).json().items);
  return { ...first, items };
};

describe('evaluation bonus (工业企业综合评价人才加分)', () => {
  it('is computed in the demo for every industrial enterprise with enterprise points, by the published rule', async () => {
    const list = await all(office);
    const expected = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM talent_enterprise_scores s JOIN enterprises e ON e.id = s.enterprise_id
      WHERE substr(e.industry_code, 1, 2) BETWEEN '06' AND '46'
        AND s.as_of = (SELECT max(as_of) FROM talent_score_days d WHERE d.scheme_version_id = s.scheme_version_id)
        AND s.scheme_version_id IN (SELECT id FROM talent_scheme_versions WHERE kind = 'enterprise' AND effective_from = '2026-01-01')`.execute(t.deps.db);
    expect(list.total).toBe(expected.rows[0]!.n);
    expect(list.total).toBeGreaterThan(10);
    expect(list.source?.scheme.code).toBe('tiantai-enterprise');
    for (const b of list.items) {
      expect(Number(b.industryCode.slice(0, 2))).toBeGreaterThanOrEqual(6);
      expect(Number(b.industryCode.slice(0, 2))).toBeLessThanOrEqual(46);
      if (b.complete) expect(b.points).toBe(bandOf(b.enterprisePoints));
      else expect(b.points).toBe(0);
      expect(b.points).toBeLessThanOrEqual(8);
    }
    // highest first
    expect(list.items.map((b) => b.points)).toEqual([...list.items.map((b) => b.points)].sort((a, b) => b - a));
  });

  it('explains one enterprise\'s bonus and names the enterprise score it comes from', async () => {
    const res = await hr.get(`/api/talent/evaluation-bonuses/${zsyId}?locale=both`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.scheme.code).toBe('tiantai-evaluation-bonus');
    expect(b.source.scheme.code).toBe('tiantai-enterprise');
    const ent = (await hr.get(`/api/talent/enterprise-scores/${zsyId}`)).json();
    expect(b.enterprisePoints).toBe(ent.total);
    expect(b.source.asOf).toBe(ent.asOf);
    expect(b.points).toBe(bandOf(ent.total));
    expect(b.items[0].explanation['zh-CN']).toContain(`企业人才积分 ${ent.total} 分`);
    expect(b.items[0].explanation['en-US']).toBeTruthy();
    expect(b.reproduced).toBe(true);
  });

  it('keeps to the scope: HR its own enterprise, a talent none, others 403/401', async () => {
    const mine = await all(hr);
    expect(mine.items.map((b) => b.enterpriseId)).toEqual([zsyId]);
    expect((await self.get('/api/talent/evaluation-bonuses')).json().items).toEqual([]);
    expect((await self.get(`/api/talent/evaluation-bonuses/${zsyId}`)).statusCode).toBe(404);
    const other = (await all(office)).items.find((b) => b.enterpriseId !== zsyId)!;
    expect((await hr.get(`/api/talent/evaluation-bonuses/${other.enterpriseId}`)).statusCode).toBe(404);
    for (const url of ['/api/talent/evaluation-bonuses', `/api/talent/evaluation-bonuses/${zsyId}`, '/api/talent/evaluation-bonuses/export.xlsx']) {
      expect((await t.anonymous.get(url)).statusCode).toBe(401);
      expect((await officer.get(url)).statusCode).toBe(403);
    }
    expect((await self.get('/api/talent/evaluation-bonuses/export.xlsx')).statusCode).toBe(403);
  });

  it('exports the versioned record with the explanation, audited', async () => {
    const res = await office.get('/api/talent/evaluation-bonuses/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['企业名称', '统一社会信用代码', '行业', '企业人才积分', '企业档次', '人才加分', '说明', '加分办法', '加分计算日', '企业积分办法', '企业积分计算日']);
    const list = await all(office);
    expect(ws.rowCount - 1).toBe(list.total);
    const row2 = ws.getRow(2).values as unknown[];
    expect(String(row2[7])).toContain('人才积分加分');
    expect(String(row2[8])).toMatch(/^tiantai-evaluation-bonus /);
    expect(String(row2[10])).toMatch(/^tiantai-enterprise /);
    const audit = await t.deps.db.selectFrom('audit_log').select('after').where('action', '=', 'talent.evaluation_bonus.export').execute();
    expect(audit.at(-1)?.after).toMatchObject({ rows: list.total });
  });

  /** The enterprise claims its facts of 2026; the talent office approves them (docs/talent/EVIDENCE.md). */
  async function claimAndApprove(facts: Record<string, unknown>) {
    const put = await hr.put(`/api/talent/enterprise-facts/${zsyId}`, { year: 2026, facts });
    expect(put.statusCode).toBe(200);
    const claim = put.json().pendingClaim;
    expect((await office.post(`/api/talent/claims/${claim.id}/approve`, { version: claim.version })).statusCode).toBe(200);
  }

  it('is not evaluated (never a silent 0) when the enterprise score is incomplete; an enterprise recompute carries down to it', async () => {
    const facts = (await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`)).json().facts;
    const { trainingSpend: _dropped, ...partial } = facts;
    await claimAndApprove(partial);
    const job = await office.post('/api/talent/scores/recompute', { kind: 'enterprise' });
    expect(job.statusCode).toBe(202);
    await t.deps.jobs.drain();
    const b = (await office.get(`/api/talent/evaluation-bonuses/${zsyId}`)).json();
    expect(b.asOf).toBe('2026-11-29');
    expect(b).toMatchObject({ complete: false, points: 0 });
    expect(b.items[0].status).toBe('not_evaluated');
    // the facts come back: the next recompute gives the bonus again
    await claimAndApprove(facts);
    await office.post('/api/talent/scores/recompute', { kind: 'enterprise' });
    await t.deps.jobs.drain();
    const again = (await office.get(`/api/talent/evaluation-bonuses/${zsyId}`)).json();
    expect(again.complete).toBe(true);
    expect(again.points).toBe(bandOf(again.enterprisePoints));
  });

  it('a new bonus version is published and recomputed on its own; the old records stay', async () => {
    const source = shippedSourceForYear('tiantai-evaluation-bonus', 2027).replace('{ min: 300, points: 8 }', '{ min: 300, points: 7 }');
    const draft = await office.post('/api/talent/schemes', { source });
    expect(draft.statusCode).toBe(201);
    // no what-if for this kind (yet): a clear 409
    const whatIf = await office.post(`/api/talent/schemes/${draft.json().id}/what-if`, {});
    expect(whatIf.statusCode).toBe(409);
    expect(whatIf.json().error.issues[0].code).toBe('no-what-if');
    const before = await all(office);
    // the enterprise scheme of 2026 is not in effect in 2027: publishing computes nothing for that year, but is accepted
    const pub = await office.post(`/api/talent/schemes/${draft.json().id}/publish`);
    expect(pub.statusCode).toBe(200);
    await t.deps.jobs.drain();
    const job = (await office.get(`/api/jobs/${pub.json().jobId}`)).json();
    expect(job.status).toBe('succeeded');
    const after = await all(office);
    expect(after.items).toEqual(before.items);
    // the new version's own day is complete and empty: no enterprise scheme is in effect in 2027
    const next = (await office.get(`/api/talent/evaluation-bonuses?version=${draft.json().id}`)).json();
    expect(next).toMatchObject({ total: 0, asOf: '2027-01-01', scheme: { version: '2027-example-1' } });
  });
});
