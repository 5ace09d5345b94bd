import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/test-app';
import { DEMO_STORY_ENTERPRISE } from '../seed/demo-talents';
import { personalSource } from './test-helpers';

// Fixed "today" inside the demo year, so that the demo versions are in effect whatever the date.
const NOW = new Date('2026-11-29T04:00:00Z');
let t: TestApp;
let office: Client;
let hr: Client; // ent_zsy: talent HR of 中双元
let self: Client; // talent_demo: a talent of 中双元
let officer: Client; // no talent permission
let zsyId: string;
let otherId: string;
let selfId: string;
let otherTalentId: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
  const ents = await t.deps.db.selectFrom('enterprises').select(['id', 'name']).execute();
  zsyId = ents.find((e) => e.name === DEMO_STORY_ENTERPRISE)!.id;
  [office, hr, self, officer] = await Promise.all([t.as('talent_office'), t.as('ent_zsy'), t.as('talent_demo'), t.as('officer')]);
  selfId = (await self.get('/api/talent/talents')).json().items[0].id;
  const other = await t.deps.db.selectFrom('talents').select(['id', 'enterprise_id']).where('enterprise_id', '<>', zsyId).where('status', '=', 'active').limit(1).executeTakeFirstOrThrow();
  otherTalentId = other.id;
  otherId = other.enterprise_id!;
});
afterAll(() => t.close());

describe('demo scores', () => {
  it('has both Tiantai schemes published and in effect, every active talent and employer scored', async () => {
    const list = (await office.get('/api/talent/schemes')).json().items;
    expect(list.filter((v: { inEffect: boolean }) => v.inEffect).map((v: { code: string }) => v.code).sort()).toEqual(['tiantai-enterprise', 'tiantai-evaluation-bonus', 'tiantai-personal']);
    // the version in effect (the demo also has 2025's, scored for the finished 2025 cycle)
    const scored = await t.deps.db.selectFrom('talent_scores as s').innerJoin('talent_scheme_versions as v', 'v.id', 's.scheme_version_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('v.kind', '=', 'personal').where('v.effective_from', '=', '2026-01-01').executeTakeFirstOrThrow();
    const active = await t.deps.db.selectFrom('talents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(Number(scored.n)).toBe(Number(active.n));
    const dist = (await office.get('/api/talent/scores/distribution')).json();
    expect(dist.personal.count).toBe(Number(active.n));
    expect(dist.personal.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(Number(active.n));
    expect(dist.enterprise.tiers.map((x: { id: string }) => x.id)).toEqual(['tier1', 'tier2', 'tier3', 'tier4']);
    expect(dist.enterprise.count).toBeGreaterThan(10);
  });

  it('shows the raw source with the author comments', async () => {
    const list = (await office.get('/api/talent/schemes?kind=personal')).json().items;
    const v = (await office.get(`/api/talent/schemes/${list[0].id}`)).json();
    expect(v.source).toContain('# 天台县企业人才积分制');
    expect(v.document.code).toBe('tiantai-personal');
  });
});

describe('a talent\'s explained score', () => {
  it('is the talent\'s own, with the version, the asOf day and every item explained in zh-CN and en-US', async () => {
    const res = await self.get(`/api/talent/scores/${selfId}?locale=both&full=true`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.scheme.version).toBe('2026-example-1');
    expect(s.asOf).toBe('2026-01-01');
    expect(s.items).toHaveLength(9);
    for (const it of s.items) {
      expect(it.explanation['zh-CN']).toMatch(/[\u4e00-\u9fa5]/);
      expect(it.explanation['en-US']).toMatch(/[a-z]/);
    }
    expect(s.summary['zh-CN']).toContain('总分');
    expect(s.summary['en-US']).toContain('Total');
    expect(s.total).toBe(Math.min(200, s.groups.reduce((sum: number, g: { points: number }) => sum + g.points, 0)));
    // rebuilt from the stored facts and points, and the same as when it was computed
    expect(s.reproduced).toBe(true);
    expect(s.result.items).toHaveLength(9);
    const stored = await t.deps.db.selectFrom('talent_scores').select('result')
      .where('talent_id', '=', selfId).where('scheme_version_id', '=', s.scheme.id).where('as_of', '=', s.asOf).executeTakeFirstOrThrow();
    expect(stored.result).toMatchObject({ v: 2, points: s.items.map((i: { points: number }) => i.points) });
  });

  it('shows a day only once its recompute has finished (a day half-written, or failed, is not read)', async () => {
    const before = (await office.get(`/api/talent/scores/${selfId}`)).json();
    // the row shown now (the talent may also have scores under other versions, in any heap order)
    const row = await t.deps.db.selectFrom('talent_scores').selectAll()
      .where('talent_id', '=', selfId).where('scheme_version_id', '=', before.scheme.id).where('as_of', '=', before.asOf)
      .executeTakeFirstOrThrow();
    const day = '2026-06-01';
    // a recompute of a new day has written this talent's row, not yet the others'
    await t.deps.db.insertInto('talent_scores').values({ ...row, as_of: day, total: 1, result: JSON.stringify(row.result) }).execute();
    try {
      expect((await office.get(`/api/talent/scores/${selfId}`)).json()).toMatchObject({ asOf: before.asOf, total: before.total });
      expect((await office.get('/api/talent/scores?pageSize=1')).json().asOf).toBe(before.asOf);
      expect((await office.get(`/api/talent/scores/${selfId}/history`)).json().items.map((h: { asOf: string }) => h.asOf)).not.toContain(day);
      // the run ends: the day is complete and becomes the current one
      await t.deps.db.insertInto('talent_score_days').values({ scheme_version_id: row.scheme_version_id, as_of: day, row_count: 1, completed_at: new Date() }).execute();
      expect((await office.get(`/api/talent/scores/${selfId}`)).json()).toMatchObject({ asOf: day, total: 1 });
    } finally {
      await t.deps.db.deleteFrom('talent_score_days').where('as_of', '=', day).execute();
      await t.deps.db.deleteFrom('talent_scores').where('as_of', '=', day).execute();
    }
  });

  it('speaks the user\'s language by default', async () => {
    const zh = (await self.get(`/api/talent/scores/${selfId}`)).json();
    expect(Object.keys(zh.items[0].explanation)).toEqual(['zh-CN']);
    const en = await t.app.inject({ method: 'GET', url: `/api/talent/scores/${selfId}`, headers: { cookie: self.session!.cookie, 'x-locale': 'en-US' } });
    expect(Object.keys(en.json().items[0].explanation)).toEqual(['en-US']);
  });

  it('is hidden outside the scope: a talent sees only themselves, HR only its enterprise (404)', async () => {
    expect((await self.get(`/api/talent/scores/${otherTalentId}`)).statusCode).toBe(404);
    expect((await hr.get(`/api/talent/scores/${otherTalentId}`)).statusCode).toBe(404);
    expect((await hr.get(`/api/talent/scores/${selfId}`)).statusCode).toBe(200);
    expect((await office.get(`/api/talent/scores/${otherTalentId}`)).statusCode).toBe(200);
    const mine = (await hr.get('/api/talent/scores?pageSize=100')).json();
    expect(mine.items.length).toBeGreaterThan(10);
    expect(mine.items.every((i: { enterpriseId: string }) => i.enterpriseId === zsyId)).toBe(true);
    const selfList = (await self.get('/api/talent/scores')).json();
    expect(selfList.items.map((i: { talentId: string }) => i.talentId)).toEqual([selfId]);
  });

  it('refuses the anonymous (401) and users without the permission (403)', async () => {
    expect((await t.anonymous.get(`/api/talent/scores/${selfId}`)).statusCode).toBe(401);
    expect((await officer.get(`/api/talent/scores/${selfId}`)).statusCode).toBe(403);
    expect((await hr.post('/api/talent/schemes', { source: 'x' })).statusCode).toBe(403);
    expect((await self.get('/api/talent/scores/distribution')).statusCode).toBe(403);
  });
});

describe('the score list: points band, item, export', () => {
  type Row = { talentId: string; total: number; enterpriseId: string; itemPoints?: number | null };
  const all = async (c: Client, query: string): Promise<{ items: Row[]; total: number }> => {
    const first = (await c.get(`/api/talent/scores?pageSize=100&${query}`)).json();
    const items: Row[] = [...first.items];
    for (let page = 2; items.length < first.total; page++) items.push(...(await c.get(`/api/talent/scores?pageSize=100&page=${page}&${query}`)).json().items);
    return { items, total: first.total };
  };

  it('filters by a points band [minTotal, maxTotal), as the distribution bins it', async () => {
    const band = await all(office, 'minTotal=40&maxTotal=60');
    expect(band.items.length).toBe(band.total);
    expect(band.total).toBeGreaterThan(0);
    expect(band.items.every((r) => r.total >= 40 && r.total < 60)).toBe(true);
    const bin = (await office.get('/api/talent/scores/distribution?binWidth=20')).json().personal.histogram.find((b: { from: number }) => b.from === 40);
    expect(bin.count).toBe(band.total);
  });

  it('filters by an item: the talents with points in it, with those points', async () => {
    const awards = await all(office, 'item=awards');
    expect(awards.total).toBeGreaterThan(0);
    expect(awards.items.every((r) => typeof r.itemPoints === 'number' && r.itemPoints > 0)).toBe(true);
    const one = (await office.get(`/api/talent/scores/${awards.items[0]!.talentId}`)).json();
    expect(one.items.find((i: { itemId: string }) => i.itemId === 'awards').points).toBe(awards.items[0]!.itemPoints);
    // every talent with award points is in the list, and nobody else
    const everyone = await all(office, '');
    const withAwards = await Promise.all(everyone.items.slice(0, 40).map(async (r) => ({
      id: r.talentId, points: (await office.get(`/api/talent/scores/${r.talentId}`)).json().items.find((i: { itemId: string }) => i.itemId === 'awards').points as number,
    })));
    const listed = new Set(awards.items.map((r) => r.talentId));
    for (const w of withAwards) expect(listed.has(w.id)).toBe(w.points > 0);
    // scope still applies: HR sees only its own talents with award points
    const hrAwards = await all(hr, 'item=awards');
    expect(hrAwards.items.every((r) => r.enterpriseId === zsyId)).toBe(true);
    expect(hrAwards.total).toBe(awards.items.filter((r) => r.enterpriseId === zsyId).length);
  });

  it('rejects an item the scheme does not have (400, field item)', async () => {
    const res = await office.get('/api/talent/scores?item=robots');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.item).toContain('robots');
  });

  it('exports the filtered list with one column per item, audited; HR gets its own enterprise only', async () => {
    const res = await hr.get('/api/talent/scores/export.xlsx?minTotal=0');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename*=UTF-8');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['姓名', '所属企业', '统一社会信用代码', '总分']);
    expect(header).toEqual(expect.arrayContaining(['学历分', '薪酬分']));
    expect(header).toHaveLength(6 + 9);
    const mine = (await hr.get('/api/talent/scores?minTotal=0')).json();
    expect(ws.rowCount - 1).toBe(mine.total);
    const names = new Set<string>();
    ws.eachRow((row, i) => { if (i > 1) names.add(String(row.getCell(2).value)); });
    expect([...names]).toEqual([DEMO_STORY_ENTERPRISE]);
    // the item columns add up to the total where no cap applied (the total is capped at 200)
    const row2 = ws.getRow(2).values as unknown[];
    const items = (row2.slice(7) as number[]).reduce((a, b) => a + (b ?? 0), 0);
    expect(items).toBeGreaterThanOrEqual(row2[4] as number);
    const audit = await t.deps.db.selectFrom('audit_log').select(['after']).where('action', '=', 'talent.scores.export').execute();
    expect(audit.at(-1)?.after).toMatchObject({ rows: mine.total, filters: { minTotal: 0 } });
  });

  it('refuses the export to the anonymous (401), a talent and an officer without the permission (403)', async () => {
    expect((await t.anonymous.get('/api/talent/scores/export.xlsx')).statusCode).toBe(401);
    expect((await self.get('/api/talent/scores/export.xlsx')).statusCode).toBe(403);
    expect((await officer.get('/api/talent/scores/export.xlsx')).statusCode).toBe(403);
  });
});

describe('enterprise points', () => {
  it('gives HR its own enterprise: total, tier by the thresholds, items, the talents behind staffPointsTotal', async () => {
    const res = await hr.get(`/api/talent/enterprise-scores/${zsyId}?locale=both`);
    expect(res.statusCode).toBe(200);
    const e = res.json();
    const staffItem = e.items.find((i: { itemId: string }) => i.itemId === 'staffPoints');
    expect(e.talents.length).toBe(e.talentCount);
    expect(e.staffPointsTotal).toBeCloseTo(e.talents.reduce((s: number, x: { total: number }) => s + x.total, 0), 4);
    expect(staffItem.points).toBe(Math.min(100, Math.floor(e.staffPointsTotal / 10)));
    const expected = e.total >= 300 ? 'tier1' : e.total >= 200 ? 'tier2' : e.total >= 100 ? 'tier3' : 'tier4';
    expect(e.tier.id).toBe(expected);
    expect(e.items[0].explanation['en-US']).toBeTruthy();
  });

  it('ranks the county into four tiers by the thresholds', async () => {
    const page = (await office.get('/api/talent/enterprise-scores?pageSize=100')).json();
    expect(page.items.length).toBeGreaterThan(10);
    let prev = Infinity;
    for (const e of page.items) {
      if (e.rank === null) continue;
      expect(e.total).toBeLessThanOrEqual(prev);
      prev = e.total;
      const expected = e.total >= 300 ? 'tier1' : e.total >= 200 ? 'tier2' : e.total >= 100 ? 'tier3' : 'tier4';
      expect(e.tier.id).toBe(expected);
    }
  });

  it('hides other enterprises from HR and all enterprises from a talent (404)', async () => {
    expect((await hr.get(`/api/talent/enterprise-scores/${otherId}`)).statusCode).toBe(404);
    expect((await self.get(`/api/talent/enterprise-scores/${zsyId}`)).statusCode).toBe(404);
    const list = (await hr.get('/api/talent/enterprise-scores')).json();
    expect(list.items.map((i: { enterpriseId: string }) => i.enterpriseId)).toEqual([zsyId]);
    expect((await self.get('/api/talent/enterprise-scores')).json().items).toEqual([]);
  });

  it('declares the facts as the scheme does, so that a form can be built from them', async () => {
    const res = await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`);
    expect(res.statusCode).toBe(200);
    const byKey = new Map(res.json().declared.map((f: { key: string }) => [f.key, f]));
    expect(byKey.get('recruitsSkilled')).toMatchObject({ type: 'number', integer: true, min: 0, unit: { zh: '人' }, computed: false });
    expect(byKey.get('platforms')).toMatchObject({ type: 'list', fields: [expect.objectContaining({ key: 'kind', type: 'enum', values: expect.arrayContaining([{ value: 'postdoc_station', label: expect.objectContaining({ zh: '博士后工作站' }) }]) })] });
    expect(byKey.get('staffPointsTotal')).toMatchObject({ computed: true });
    expect((await self.get(`/api/talent/enterprise-facts/${zsyId}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/talent/enterprise-facts/${zsyId}`)).statusCode).toBe(401);
  });

  it('rejects enterprise facts the scheme does not have, with the path', async () => {
    const res = await hr.put(`/api/talent/enterprise-facts/${zsyId}`, { year: 2026, facts: { recruitsBachelorPlus: 3, robots: 5, staffPointsTotal: 9 } });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.issues;
    expect(issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'facts.robots', code: 'unknown-fact' }),
      expect.objectContaining({ path: 'facts.staffPointsTotal', code: 'computed-fact' }),
    ]));
    expect((await hr.put(`/api/talent/enterprise-facts/${otherId}`, { year: 2026, facts: {} })).statusCode).toBe(404);
    // a value the approved facts do not hold already (the demo's 2026 facts are generated)
    const want = Number((await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`)).json().facts.recruitsBachelorPlus ?? 0) + 7;
    const ok = await hr.put(`/api/talent/enterprise-facts/${zsyId}`, { year: 2026, facts: { recruitsBachelorPlus: want, recruitsSkilled: 10, platforms: [], trainingSpend: 0 } });
    expect(ok.statusCode).toBe(200);
    // an enterprise's facts are a claim until the talent office approves them
    expect(ok.json().pendingClaim.changes).toEqual(expect.arrayContaining([expect.objectContaining({ fact: 'recruitsBachelorPlus', claimed: want })]));
    const approved = await office.post(`/api/talent/claims/${ok.json().pendingClaim.id}/approve`, { version: ok.json().pendingClaim.version });
    expect(approved.statusCode).toBe(200);
    expect((await hr.get(`/api/talent/enterprise-facts/${zsyId}?year=2026`)).json().facts.recruitsBachelorPlus).toBe(want);
  });
});

describe('scheme lifecycle', () => {
  it('rejects an invalid scheme with what and where', async () => {
    const bad = personalSource({ version: '2026-bad', edit: (s) => s.replace('{ min: 60000, max: 100000, points: 5 }', '{ min: 50000, max: 100000, points: 5 }') });
    const res = await office.post('/api/talent/schemes', { source: bad });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.issues).toEqual([expect.objectContaining({ path: 'items[5].rule.bands[1].min', code: 'band-overlap' })]);
    expect(err.fields['items[5].rule.bands[1].min']).toMatch(/重叠/);
    const syntax = await office.post('/api/talent/schemes', { source: 'code: [unclosed' });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().error.issues[0]).toMatchObject({ path: '', code: 'syntax' });
    const live = (await office.post('/api/talent/schemes/validate', { source: bad })).json();
    expect(live.ok).toBe(false);
    expect(live.issues[0].path).toBe('items[5].rule.bands[1].min');
  });

  it('refuses to publish over a period a published version covers (409, path effective)', async () => {
    const draft = (await office.post('/api/talent/schemes', { source: personalSource({ version: '2026-h2', from: '2026-07-01' }) })).json();
    const res = await office.post(`/api/talent/schemes/${draft.id}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.issues[0]).toMatchObject({ path: 'effective', code: 'period-overlap' });
    expect(res.json().error.issues[0].zh).toContain('2026-example-1');
    // the database holds the same rule whatever the code path
    await expect(t.deps.db.updateTable('talent_scheme_versions').set({ status: 'published', published_at: NOW }).where('id', '=', draft.id).execute()).rejects.toThrow();
  });

  it('publishes a new version: the recompute adds scores with the new version and asOf; old results stay', async () => {
    const before = (await office.get(`/api/talent/scores/${selfId}`)).json();
    const source = personalSource({ version: '2027-example-1', from: '2027-01-01', edit: (s) => s.replace('{ value: master, points: 30 }', '{ value: master, points: 36 }') });
    const draft = await office.post('/api/talent/schemes', { source });
    expect(draft.statusCode).toBe(201);
    const diff = (await office.get(`/api/talent/schemes/${draft.json().id}/diff`)).json();
    expect(diff.against.version).toBe('2026-example-1');
    expect(diff.changes.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(['items[id=education].rule.categories[value=master].points', 'version']));
    const pub = await office.post(`/api/talent/schemes/${draft.json().id}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(await t.deps.jobs.drain()).toBeGreaterThanOrEqual(1);
    const job = (await office.get(`/api/jobs/${pub.json().jobId}`)).json();
    expect(job.status).toBe('succeeded');
    expect(job.progress.done).toBeGreaterThan(0);

    const next = (await office.get(`/api/talent/scores/${selfId}?version=${draft.json().id}`)).json();
    expect(next.scheme.version).toBe('2027-example-1');
    expect(next.asOf).toBe('2027-01-01');
    // talent_demo is a master: 6 more points under the new version
    expect(next.total).toBe(before.total + 6);
    const still = (await office.get(`/api/talent/scores/${selfId}`)).json();
    expect(still).toMatchObject({ total: before.total, asOf: before.asOf, scheme: { version: '2026-example-1' } });
    const history = (await office.get(`/api/talent/scores/${selfId}/history`)).json().items;
    expect(history.map((h: { scheme: { version: string }; asOf: string }) => `${h.scheme.version}@${h.asOf}`)).toEqual(['2027-example-1@2027-01-01', '2026-example-1@2026-01-01', '2025-example-1@2025-12-31']);
    // a published version cannot be edited
    const edit = await office.put(`/api/talent/schemes/${draft.json().id}`, { source, revision: 1 });
    expect(edit.statusCode).toBe(409);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', draft.json().id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['talent.scheme.create', 'talent.scheme.publish']);
  });

  it('publishes over a covered period only by replacing that version, all or nothing', async () => {
    type Item = { id: string; version: string; status: string };
    const versions = async () => (await office.get('/api/talent/schemes?kind=personal')).json().items as Item[];
    const current = (await versions()).find((v) => v.version === '2027-example-1')!;
    expect(current.status).toBe('published');
    const draft = (await office.post('/api/talent/schemes', { source: personalSource({ version: '2027-example-2', from: '2027-01-01' }) })).json();
    // a replacement that cannot be retired (a draft) fails the whole publish: nothing changes
    const bad = await office.post(`/api/talent/schemes/${draft.id}/publish`, { replaces: [current.id, draft.id] });
    expect(bad.statusCode).toBe(409);
    expect((await versions()).filter((v) => v.version.startsWith('2027')).map((v) => `${v.version}:${v.status}`).sort())
      .toEqual(['2027-example-1:published', '2027-example-2:draft']);
    const ok = await office.post(`/api/talent/schemes/${draft.id}/publish`, { replaces: [current.id] });
    expect(ok.statusCode).toBe(200);
    expect((await versions()).filter((v) => v.version.startsWith('2027')).map((v) => `${v.version}:${v.status}`).sort())
      .toEqual(['2027-example-1:retired', '2027-example-2:published']);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', current.id).where('action', '=', 'talent.scheme.retire').execute();
    expect(audit).toHaveLength(1);
  });
});
