import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app';
import { makeCreditCode } from '../../core/reference/domain/credit-code';
import { tinyPdf } from '../../db/seed/sample-files';
import { DEMO_STREETS } from '../../db/seed/demo-county';
import { escalateOverdueMilestones } from './projects/milestone-escalation';
import { chainLinksForIndustry } from './chains/chain-links';

let t: TestApp;
let invest: Client;
let leader: Client;
let stats: Client;
let coreOfficer: Client;
const PASSWORD = 'Economy#2026';

interface MapNode { id: string; name: string; enterprises: number; gap: string | null; score: number; projects: { name: string; stage: string }[] }
interface Project { id: string; stage: string; status: string; version: number; milestones: { id: string; stage: string; name: string; required: boolean; dueDate: string | null; doneAt: string | null }[]; events: { from: string | null; to: string; skipped: string[]; reason: string }[]; enterprise: { id: string; name: string } | null; files: { id: string; name: string }[]; problems: { id: string; resolvedAt: string | null }[] }

beforeAll(async () => {
  t = await createTestApp({ config: { SESSION_TTL_HOURS: '8760' } });
  [invest, leader, stats, coreOfficer] = await Promise.all([t.as('eco_invest'), t.as('eco_leader'), t.as('eco_stats'), t.as('officer')]);
});
afterAll(() => t.close());

const chainId = async (name: string) => (await t.deps.db.selectFrom('economy_chains').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const newProject = (x: Record<string, unknown> = {}) => ({
  name: '测试芯片项目', investor: '某半导体公司', industryCode: '3973', totalInvestmentWan: 12_000, divisionCode: DEMO_STREETS.liangzhu, ...x,
});

describe('chains and projects: access', () => {
  it('401 without a session, 403 without the permission, 403 for leaders and statisticians writing', async () => {
    const ic = await chainId('集成电路');
    expect((await t.anonymous.get('/api/economy/chains')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/economy/projects/pipeline')).statusCode).toBe(401);
    expect((await coreOfficer.get(`/api/economy/chains/${ic}/map`)).statusCode).toBe(403);
    expect((await coreOfficer.get('/api/economy/projects')).statusCode).toBe(403);
    expect((await leader.get(`/api/economy/chains/${ic}/map`)).statusCode).toBe(200);
    expect((await leader.get('/api/economy/projects/pipeline')).statusCode).toBe(200);
    expect((await leader.post('/api/economy/projects', newProject())).statusCode).toBe(403);
    expect((await stats.post('/api/economy/chains', { name: '新能源' })).statusCode).toBe(403);
    expect((await leader.post(`/api/economy/chains/${ic}/links`, { name: '测试环节', industryPrefixes: ['65'] })).statusCode).toBe(403);
    const p = (await invest.get('/api/economy/projects')).json()[0];
    expect((await leader.post(`/api/economy/projects/${p.id}/stage`, { to: 'negotiating' })).statusCode).toBe(403);
    expect((await leader.put('/api/economy/project-stages', [])).statusCode).toBe(403);
  });
});

describe('the chain map', () => {
  it('the demo IC chain: design is present, manufacturing and packaging are gaps, each listing the projects that would fill it', async () => {
    const map = (await leader.get(`/api/economy/chains/${await chainId('集成电路')}/map`)).json();
    const node = (name: string) => map.nodes.find((n: MapNode) => n.name === name) as MapNode;
    const design = await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active')
      .where((eb) => eb.or([eb('industry_code', 'like', '6520%'), eb('name', 'like', '%芯片设计%'), eb('business_scope', 'like', '%芯片设计%')])).executeTakeFirstOrThrow();
    expect(node('芯片设计').enterprises).toBe(Number(design.n));
    expect(node('芯片设计').enterprises).toBeGreaterThan(0);
    expect(node('封装测试')).toMatchObject({ enterprises: 0, gap: 'missing', score: 0 });
    expect(node('封装测试').projects.map((p) => p.name)).toEqual(['先进封装测试基地']);
    // a parent lists its own projects and those below it
    expect(node('晶圆制造').gap).toBe('missing');
    expect(node('晶圆制造').projects.map((p) => p.name).sort()).toEqual(['先进封装测试基地', '12 英寸特色工艺晶圆产线', '高德红外红外芯片项目'].sort());
    expect(map.period).toMatch(/^\d{4}-\d{2}$/);
    expect(map.method).toContain('只计一次');
  });

  it('counts an enterprise in two links once in their parent (against the database)', async () => {
    const chain = (await invest.post('/api/economy/chains', { name: '测试链' })).json();
    const parent = (await invest.post(`/api/economy/chains/${chain.id}/links`, { name: '软件与芯片', industryPrefixes: [] })).json().links[0];
    await invest.post(`/api/economy/chains/${chain.id}/links`, { parentId: parent.id, name: '软件', industryPrefixes: ['65'] });
    const res = await invest.post(`/api/economy/chains/${chain.id}/links`, { parentId: parent.id, name: '微电子', industryPrefixes: [], keywords: ['微电子'] });
    expect(res.statusCode, res.body).toBe(201);
    const count = async (where: string) => Number((await t.deps.db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active')
      .where((eb) => (where === 'sw' ? eb('industry_code', 'like', '65%') : where === 'mi' ? eb.or([eb('name', 'like', '%微电子%'), eb('business_scope', 'like', '%微电子%')])
        : eb.or([eb('industry_code', 'like', '65%'), eb('name', 'like', '%微电子%'), eb('business_scope', 'like', '%微电子%')]))).executeTakeFirstOrThrow()).n);
    const [sw, mi, both] = [await count('sw'), await count('mi'), await count('both')];
    expect(sw + mi).toBeGreaterThan(both); // the demo's 微电子 enterprises are software-coded (6520): some are in both links
    const map = (await invest.get(`/api/economy/chains/${chain.id}/map`)).json();
    const n = (name: string) => map.nodes.find((x: MapNode) => x.name === name).enterprises;
    expect([n('软件'), n('微电子'), n('软件与芯片')]).toEqual([sw, mi, both]);
    const list = (await invest.get(`/api/economy/chain-links/${parent.id}/enterprises?limit=500`)).json();
    expect(new Set(list.map((e: { id: string }) => e.id)).size).toBe(both);
  });

  it('an unknown industry code is a 400 naming it; a link under its own child is refused; the edits are audited', async () => {
    const chain = (await invest.get('/api/economy/chains')).json().find((c: { name: string }) => c.name === '测试链');
    const bad = await invest.post(`/api/economy/chains/${chain.id}/links`, { name: '坏环节', industryPrefixes: ['6520', '9999', '39'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'ECONOMY_INDUSTRY_CODE_UNKNOWN', fields: { industryPrefixes: '不存在的行业代码：9999' } });
    expect(bad.json().error.message).toContain('9999');
    const shape = (await invest.post(`/api/economy/chains/${chain.id}/links`, { name: '坏格式', industryPrefixes: ['C39'] }));
    expect(shape.statusCode).toBe(400);
    const links = (await invest.get(`/api/economy/chains/${chain.id}`)).json().links;
    const parent = links.find((l: { name: string }) => l.name === '软件与芯片');
    const child = links.find((l: { name: string }) => l.name === '软件');
    const cycle = await invest.put(`/api/economy/chain-links/${parent.id}`, { parentId: child.id, name: parent.name, industryPrefixes: [] });
    expect(cycle.json().error.code).toBe('ECONOMY_CHAIN_LINK_CYCLE');
    const ok = await invest.put(`/api/economy/chain-links/${child.id}`, { parentId: parent.id, name: '软件和信息服务', industryPrefixes: ['651', '6520'], version: child.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'economy.chain_link.update').where('entity_id', '=', child.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { name: '软件', industryPrefixes: ['65'] }, after: { name: '软件和信息服务', industryPrefixes: ['651', '6520'] } });
    expect((await invest.post('/api/economy/chains', { name: '测试链' })).json().error.code).toBe('ECONOMY_CHAIN_NAME_TAKEN');
  });

  it('reads the links of an industry code (for technology transfer)', async () => {
    const refs = await chainLinksForIndustry(t.deps.db, '3973');
    expect(refs.map((r) => `${r.chainName}/${r.name}`)).toEqual(['集成电路/晶圆制造']);
    expect((await leader.get('/api/economy/chain-links?industry=2720')).json().map((r: { name: string }) => r.name)).toEqual(['化学制剂']);
  });
});

describe('investment projects: stages and milestones', () => {
  let id = '';
  it('a new project starts at the first stage with its milestones due', async () => {
    const res = await invest.post('/api/economy/projects', newProject());
    expect(res.statusCode, res.body).toBe(201);
    const p: Project = res.json();
    id = p.id;
    expect(p).toMatchObject({ stage: 'contact', status: 'active', major: true, totalInvestmentWan: 12_000 });
    expect(p.milestones.map((m) => `${m.stage}:${m.name}`)).toEqual(['contact:指定项目负责人', 'contact:项目研判']);
    expect(p.events).toEqual([expect.objectContaining({ from: null, to: 'contact' })]);
    const bad = await invest.post('/api/economy/projects', newProject({ industryCode: '9999', divisionCode: '330110999', totalInvestmentWan: 0 }));
    expect(bad.statusCode).toBe(400);
  });

  it('a change past a required milestone is warned (409 naming it), refused without a reason, recorded with one', async () => {
    const warn = await invest.post(`/api/economy/projects/${id}/stage`, { to: 'negotiating' });
    expect(warn.statusCode).toBe(409);
    expect(warn.json().error).toMatchObject({ code: 'ECONOMY_PROJECT_MILESTONES_MISSING', fields: { milestones: '接洽：指定项目负责人；接洽：项目研判' } });
    expect((await invest.get(`/api/economy/projects/${id}`)).json().stage).toBe('contact');
    const noReason = await invest.post(`/api/economy/projects/${id}/stage`, { to: 'negotiating', confirm: true });
    expect(noReason.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: expect.stringContaining('原因') } });
    const p0: Project = (await invest.get(`/api/economy/projects/${id}`)).json();
    await invest.put(`/api/economy/projects/${id}/milestones/${p0.milestones[0]!.id}`, { done: true });
    const forced = await invest.post(`/api/economy/projects/${id}/stage`, { to: 'negotiating', confirm: true, reason: '区领导已当面研判，补材料' });
    expect(forced.statusCode, forced.body).toBe(200);
    const p: Project = forced.json();
    expect(p.stage).toBe('negotiating');
    expect(p.events.at(-1)).toMatchObject({ from: 'contact', to: 'negotiating', skipped: ['接洽：项目研判'], reason: '区领导已当面研判，补材料' });
    const audit = await t.deps.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'economy.project.stage_forced').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: '招商局 孙招商', after: { stage: 'negotiating', skipped: ['接洽：项目研判'], reason: '区领导已当面研判，补材料' } });
  });

  it('with the milestones done the change needs no confirmation; production needs the landed enterprise', async () => {
    let p: Project = (await invest.get(`/api/economy/projects/${id}`)).json();
    for (const m of p.milestones.filter((x) => x.stage === 'negotiating')) await invest.put(`/api/economy/projects/${id}/milestones/${m.id}`, { done: true });
    p = (await invest.post(`/api/economy/projects/${id}/stage`, { to: 'signed' })).json();
    expect(p.stage).toBe('signed');
    expect(p.milestones.filter((m) => m.stage === 'signed').map((m) => m.name)).toEqual(['项目公司注册', '土地摘牌']);
    const early = await invest.post(`/api/economy/projects/${id}/stage`, { to: 'producing', confirm: true, reason: '已在外地投产' });
    expect(early.json().error.code).toBe('ECONOMY_PROJECT_NO_ENTERPRISE');
    const enterprise = {
      creditCode: makeCreditCode('91330110MA2CHP001'), name: '测试芯片（杭州）有限公司', industryCode: '3973', divisionCode: DEMO_STREETS.liangzhu,
    };
    expect((await leader.post(`/api/economy/projects/${id}/land`, { enterprise })).statusCode).toBe(403);
    const landed = await invest.post(`/api/economy/projects/${id}/land`, { enterprise });
    expect(landed.statusCode, landed.body).toBe(200);
    expect(landed.json().enterprise.name).toBe('测试芯片（杭州）有限公司');
    const e = await t.deps.db.selectFrom('enterprises').select('id').where('name', '=', '测试芯片（杭州）有限公司').executeTakeFirstOrThrow();
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'enterprise.create').where('entity_id', '=', e.id).executeTakeFirst()).toBeDefined();
    p = (await invest.post(`/api/economy/projects/${id}/stage`, { to: 'producing', confirm: true, reason: '已在外地投产' })).json();
    expect(p).toMatchObject({ stage: 'producing', status: 'landed', constructionPercent: 100 });
    expect((await invest.post(`/api/economy/projects/${id}/stage`, { to: 'signed', confirm: true, reason: '退回' })).json().error.code).toBe('ECONOMY_PROJECT_CLOSED');
  });

  it('a step back needs a reason; problems, documents; a project outside a street officer\'s street is not found', async () => {
    const p: Project = (await invest.post('/api/economy/projects', newProject({ name: '退回测试项目', stage: 'signed', divisionCode: DEMO_STREETS.cangqian }))).json();
    expect((await invest.post(`/api/economy/projects/${p.id}/stage`, { to: 'negotiating' })).json().error.code).toBe('ECONOMY_PROJECT_MILESTONES_MISSING');
    expect((await invest.post(`/api/economy/projects/${p.id}/stage`, { to: 'negotiating', confirm: true, reason: '协议条款重新谈判' })).json().stage).toBe('negotiating');
    const withProblem: Project = (await invest.post(`/api/economy/projects/${p.id}/problems`, { description: '用地指标不足', responsible: '区规划和自然资源局' })).json();
    const problem = withProblem.problems[0]!;
    const resolved: Project = (await invest.post(`/api/economy/projects/${p.id}/problems/${problem.id}/resolve`, { resolution: '已调剂指标' })).json();
    expect(resolved.problems[0]!.resolvedAt).not.toBeNull();
    const up = await invest.upload(`/api/economy/projects/${p.id}/files`, '投资协议.pdf', tinyPdf('agreement'));
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json().files[0];
    const down = await leader.get(`/api/economy/projects/${p.id}/files/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect((await invest.upload(`/api/economy/projects/${p.id}/files`, 'x.pdf', Buffer.from('not a pdf'))).statusCode).toBe(400);

    const admin = await t.as('admin');
    expect((await admin.post('/api/users', { username: 'eco_lz', displayName: '良渚经发', password: PASSWORD, roles: ['economy_leader'], divisionCode: DEMO_STREETS.liangzhu })).statusCode).toBe(201);
    const street = await t.as('eco_lz', PASSWORD);
    expect((await street.get(`/api/economy/projects/${p.id}`)).statusCode).toBe(404);
    const seen = (await street.get('/api/economy/projects')).json() as { divisionCode: string }[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((x) => x.divisionCode === DEMO_STREETS.liangzhu)).toBe(true);
  });
});

describe('investment projects on a map', () => {
  it('a location must lie in the county (swapped or far away is a 400 naming the field); the map draws located projects by stage, lists the rest, inside a street', async () => {
    const swapped = await invest.post('/api/economy/projects', newProject({ name: '坐标填反项目', location: { lat: 119.99, lng: 30.29 } }));
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error.fields.location).toContain('填反');
    const far = await invest.post('/api/economy/projects', newProject({ name: '北京项目', location: { lat: 39.9, lng: 116.4 } }));
    expect(far.json().error.fields.location).toContain('不在本区范围内');
    const made = await invest.post('/api/economy/projects', newProject({ name: '地图测试项目', location: { lat: 30.381234567, lng: 120.02 } }));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().location).toEqual({ lat: 30.3812346, lng: 120.02 });

    const map = (await leader.get('/api/economy/projects/map')).json() as {
      stages: { code: string; name: string }[]; projects: { id: string; name: string; stage: string; status: string; location: { lat: number; lng: number } }[];
      unlocated: { name: string }[]; streets: { code: string; name: string; lat: number; lng: number; enterprises: number }[];
    };
    expect(map.stages.map((s) => s.code)).toContain('contact');
    expect(map.projects.find((p) => p.id === made.json().id)?.location).toEqual({ lat: 30.3812346, lng: 120.02 });
    expect(map.projects.every((p) => p.status !== 'dropped' && p.location.lat > 30 && p.location.lng > 119)).toBe(true);
    expect(map.unlocated.map((u) => u.name)).toContain('细胞治疗中试平台');
    expect(map.streets.length).toBeGreaterThan(0);
    const row = await t.deps.db.selectFrom('economy_projects').select(['lat', 'lng']).where('id', '=', made.json().id).executeTakeFirstOrThrow();
    expect([row.lat, row.lng]).toEqual([30.3812346, 120.02]);
    // moving it is audited; clearing the location takes it off the map
    const cleared = await invest.put(`/api/economy/projects/${made.json().id}`, { ...newProject({ name: '地图测试项目' }), location: null, version: made.json().version });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const audit = await t.deps.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'economy.project.update').where('entity_id', '=', made.json().id).executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ lat: 30.3812346, lng: 120.02 });
    expect(((await leader.get('/api/economy/projects/map')).json().unlocated as { name: string }[]).map((u) => u.name)).toContain('地图测试项目');
    // a street officer sees their street's projects and centre only
    const admin = await t.as('admin');
    expect((await admin.post('/api/users', { username: 'eco_map_lz', displayName: '良渚地图', password: PASSWORD, roles: ['economy_leader'], divisionCode: DEMO_STREETS.liangzhu })).statusCode).toBe(201);
    const street = (await (await t.as('eco_map_lz', PASSWORD)).get('/api/economy/projects/map')).json() as typeof map;
    expect(street.streets.map((s) => s.code)).toEqual([DEMO_STREETS.liangzhu]);
    expect(street.projects.length).toBeGreaterThan(0);
    expect(street.projects.every((p) => (p as unknown as { divisionCode: string }).divisionCode === DEMO_STREETS.liangzhu)).toBe(true);
  });
});

describe('pipeline views, escalation, configuration', () => {
  it('the board sums each stage; the funnel and the times come from the stage events; major projects; overdue milestones', async () => {
    const v = (await leader.get('/api/economy/projects/pipeline')).json();
    const projects = (await leader.get('/api/economy/projects')).json() as { stage: string; status: string; totalInvestmentWan: number; major: boolean }[];
    for (const s of v.stages) {
      const here = projects.filter((p) => p.stage === s.stage && p.status !== 'dropped');
      expect(s.count).toBe(here.length);
      expect(s.totalInvestmentWan).toBeCloseTo(here.reduce((a, p) => a + p.totalInvestmentWan, 0), 2);
    }
    expect(v.stages.every((s: { count: number }) => s.count > 0)).toBe(true); // the demo has a project in every stage
    expect(v.funnel[0].reached).toBe(projects.length);
    expect(v.funnel.map((f: { reached: number }) => f.reached)).toEqual([...v.funnel.map((f: { reached: number }) => f.reached)].sort((a: number, b: number) => b - a));
    expect(v.major.map((p: { name: string }) => p.name)).toContain('字节跳动杭州研发中心');
    expect(v.major.every((p: { major: boolean }) => p.major)).toBe(true);
    expect(v.overdue.length).toBeGreaterThan(0);
    expect(v.timeInStage.find((r: { stage: string }) => r.stage === 'contact').finished).toBeGreaterThan(0);
    const xlsx = await leader.get('/api/economy/projects/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('overdue milestones are escalated once per level: the owner, then the leaders from 7 days late', async () => {
    const owner = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'eco_invest').executeTakeFirstOrThrow();
    const leaderUser = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'eco_leader').executeTakeFirstOrThrow();
    const first = await escalateOverdueMilestones(t.deps.db, new Date());
    expect(first.owner + first.leaders).toBeGreaterThan(0);
    expect(await escalateOverdueMilestones(t.deps.db, new Date())).toEqual({ owner: 0, leaders: 0 });
    const notes = (id: string) => t.deps.db.selectFrom('notifications').select('title').where('user_id', '=', id).execute();
    expect((await notes(owner.id)).some((n) => n.title.includes('招商项目节点'))).toBe(true);
    if (first.leaders) expect((await notes(leaderUser.id)).some((n) => n.title.startsWith('【督办】'))).toBe(true);
    const audits = await t.deps.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'economy.project.milestone_escalate').execute();
    expect(audits.length).toBe(first.owner + first.leaders);
  });

  it('stages are configurable; a stage still in use cannot be removed', async () => {
    const stages = (await invest.get('/api/economy/project-stages')).json() as { code: string; name: string; nameEn: string; targetDays: number | null; milestones: unknown[] }[];
    const body = stages.map(({ code, name, nameEn, targetDays, milestones }) => ({ code, name: code === 'contact' ? '线索' : name, nameEn, targetDays, milestones }));
    const res = await invest.put('/api/economy/project-stages', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0].name).toBe('线索');
    const without = await invest.put('/api/economy/project-stages', body.filter((s) => s.code !== 'signed'));
    expect(without.json().error.code).toBe('ECONOMY_PROJECT_STAGE_IN_USE');
  });
});
