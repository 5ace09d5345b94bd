import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { localDateOf } from '../../../core/reference/domain/workday';
import { addDays } from '../projects/domain/stage-rules';

/**
 * The demo's two industrial chains (the article: 数字经济 and 生物医药 are the strong chains, chips a
 * chain to extend) and an investment pipeline with a project in every stage: the 集成电路 chain's
 * manufacturing and packaging links have no local enterprise (gaps) and projects under way fill
 * them; the article's major projects (字节跳动, vivo, OPPO) are under construction.
 */
/** The demo county's streets (NBS codes; db/seed/demo-county.ts DEMO_STREETS, not imported: the county seed imports the modules). */
const DEMO_STREETS = { liangzhu: '330110010', cangqian: '330110012', wuchang: '330110005' } as const;
/** Each street's centre (GCJ-02; the service directory's demo uses the same) — the demo projects lie around it. */
const STREET_CENTRES: Record<keyof typeof DEMO_STREETS, { lat: number; lng: number }> = {
  liangzhu: { lat: 30.3765, lng: 120.0335 }, cangqian: { lat: 30.2935, lng: 119.9905 }, wuchang: { lat: 30.2795, lng: 120.0585 },
};
/** The demo project first contacted weeks ago has no location yet (the map lists it apart). */
export const DEMO_UNLOCATED_PROJECT = '细胞治疗中试平台';
/** The demo's n-th project: on a small circle around its street's centre. */
const demoLocation = (street: keyof typeof DEMO_STREETS, n: number, unlocated: boolean) => {
  if (unlocated) return { lat: null, lng: null };
  const c = STREET_CENTRES[street];
  const angle = (n * 137.5 * Math.PI) / 180;
  const r = 0.004 + 0.0015 * (n % 4);
  return { lat: Math.round((c.lat + r * Math.sin(angle)) * 1e7) / 1e7, lng: Math.round((c.lng + r * Math.cos(angle)) * 1e7) / 1e7 };
};

type LinkSeed = { key: string; parent?: string; name: string; nameEn: string; segment: 'upstream' | 'midstream' | 'downstream'; prefixes: string[]; keywords?: string[] };

export const DEMO_CHAINS: { name: string; nameEn: string; description: string; links: LinkSeed[] }[] = [
  {
    name: '集成电路', nameEn: 'Integrated circuits',
    description: '芯片设计 → 晶圆制造 → 封装测试，支撑环节为半导体设备和电子材料；科技城设计企业集聚，制造、封测和设备是补链重点',
    links: [
      { key: 'design', name: '芯片设计', nameEn: 'Chip design', segment: 'upstream', prefixes: ['6520'], keywords: ['芯片设计'] },
      { key: 'fab', name: '晶圆制造', nameEn: 'Wafer fabrication', segment: 'midstream', prefixes: ['3973', '3972'] },
      { key: 'package', parent: 'fab', name: '封装测试', nameEn: 'Packaging and testing', segment: 'midstream', prefixes: [], keywords: ['封装', '封测'] },
      { key: 'equipment', name: '半导体设备', nameEn: 'Semiconductor equipment', segment: 'upstream', prefixes: ['3562'] },
      { key: 'materials', name: '电子材料', nameEn: 'Electronic materials', segment: 'upstream', prefixes: ['3985'] },
      { key: 'apps', name: '数据与算力应用', nameEn: 'Data and computing applications', segment: 'downstream', prefixes: ['6550'], keywords: ['算力'] },
    ],
  },
  {
    name: '生物医药', nameEn: 'Biomedicine',
    description: '研发服务 → 原料药与制剂、生物药 → 医疗器械 → 检验检测',
    links: [
      { key: 'cro', name: '研发服务', nameEn: 'Research services (CRO)', segment: 'upstream', prefixes: ['7340'] },
      { key: 'drugs', name: '药品制造', nameEn: 'Drug manufacturing', segment: 'midstream', prefixes: [] },
      { key: 'api', parent: 'drugs', name: '原料药', nameEn: 'Active ingredients', segment: 'midstream', prefixes: ['2710'] },
      { key: 'formulation', parent: 'drugs', name: '化学制剂', nameEn: 'Formulations', segment: 'midstream', prefixes: ['2720'] },
      { key: 'bio', parent: 'drugs', name: '生物药', nameEn: 'Biologics', segment: 'midstream', prefixes: ['2761'] },
      { key: 'devices', name: '医疗器械', nameEn: 'Medical devices', segment: 'downstream', prefixes: ['358'] },
      { key: 'testing', name: '检验检测', nameEn: 'Testing', segment: 'downstream', prefixes: ['7452'] },
    ],
  },
];

export const DEMO_INVEST_ACCOUNT = { username: 'eco_invest', display_name: '招商局 孙招商', department: '余杭区经济和信息化局' };

type Stage = 'contact' | 'negotiating' | 'signed' | 'land_secured' | 'construction' | 'producing';
const ORDER: Stage[] = ['contact', 'negotiating', 'signed', 'land_secured', 'construction', 'producing'];

interface ProjectSeed {
  name: string; investor: string; origin: string; industry: string; link: string | null; totalWan: number; receivedWan?: number;
  /** The stages entered, days before today. */
  path: [Stage, number][]; street: keyof typeof DEMO_STREETS; progress?: number; status?: 'dropped';
  /** Milestones of the current stage left open (the rest of the current stage's are open anyway; earlier stages' done). */
  problems?: { description: string; responsible: string; resolved?: string }[];
  landAs?: string; // industry code of a demo enterprise the project landed as
}

/** The pipeline: every stage has a project; the IC chain's gaps have projects under way. */
export const DEMO_PROJECTS: ProjectSeed[] = [
  { name: '字节跳动杭州研发中心', investor: '北京字节跳动科技有限公司', origin: '北京', industry: '6513', link: 'apps', totalWan: 850_000, receivedWan: 420_000,
    path: [['contact', 900], ['negotiating', 860], ['signed', 780], ['land_secured', 700], ['construction', 560]], street: 'cangqian', progress: 72,
    problems: [{ description: '地块周边配套道路尚未贯通，影响施工车辆进出', responsible: '区交通运输局' }] },
  { name: 'vivo 全球 AI 研发中心', investor: '维沃移动通信有限公司', origin: '广东东莞', industry: '6513', link: 'apps', totalWan: 500_000, receivedWan: 150_000,
    path: [['contact', 720], ['negotiating', 680], ['signed', 600], ['land_secured', 520], ['construction', 300]], street: 'cangqian', progress: 45 },
  { name: 'OPPO 杭州智能终端研发总部', investor: 'OPPO 广东移动通信有限公司', origin: '广东东莞', industry: '6513', link: 'apps', totalWan: 600_000, receivedWan: 200_000,
    path: [['contact', 700], ['negotiating', 650], ['signed', 560], ['land_secured', 480], ['construction', 260]], street: 'cangqian', progress: 38 },
  { name: '12 英寸特色工艺晶圆产线', investor: '华芯半导体（上海）有限公司', origin: '上海', industry: '3973', link: 'fab', totalWan: 1_200_000, receivedWan: 80_000,
    path: [['contact', 260], ['negotiating', 200], ['signed', 110]], street: 'liangzhu',
    problems: [{ description: '产线用电负荷 80 MW，需新建 220 kV 变电站', responsible: '国网余杭供电公司' }, { description: '能耗指标需市级统筹', responsible: '区发展和改革局', resolved: '已列入市重大项目能耗单列' }] },
  { name: '先进封装测试基地', investor: '长晶封测科技股份有限公司', origin: '江苏无锡', industry: '3973', link: 'package', totalWan: 260_000, receivedWan: 30_000,
    path: [['contact', 210], ['negotiating', 150], ['signed', 100], ['land_secured', 40]], street: 'liangzhu' },
  { name: '高德红外红外芯片项目', investor: '武汉高德红外股份有限公司', origin: '湖北武汉', industry: '3973', link: 'fab', totalWan: 150_000,
    path: [['contact', 120], ['negotiating', 70]], street: 'wuchang' },
  { name: '半导体刻蚀设备研发中心', investor: '中微半导体设备（上海）股份有限公司', origin: '上海', industry: '3562', link: 'equipment', totalWan: 50_000,
    path: [['contact', 20]], street: 'wuchang' },
  { name: '百望股份数电票总部', investor: '百望股份有限公司', origin: '北京', industry: '6531', link: null, totalWan: 120_000, receivedWan: 40_000,
    path: [['contact', 300], ['negotiating', 240], ['signed', 160]], street: 'cangqian' },
  { name: '创新药原料药绿色制造项目', investor: '浙江华海药业股份有限公司', origin: '浙江台州', industry: '2710', link: 'api', totalWan: 180_000,
    path: [['contact', 60], ['negotiating', 25]], street: 'liangzhu' },
  { name: '高端医学影像设备产业化', investor: '联影医疗技术集团有限公司', origin: '上海', industry: '3581', link: 'devices', totalWan: 90_000, receivedWan: 90_000,
    path: [['contact', 1000], ['negotiating', 950], ['signed', 880], ['land_secured', 800], ['construction', 640], ['producing', 90]], street: 'wuchang', progress: 100, landAs: '3581' },
  { name: '细胞治疗中试平台', investor: '杭州启明生物科技有限公司', origin: '杭州', industry: '2761', link: 'bio', totalWan: 8_000,
    path: [['contact', 45]], street: 'cangqian' },
  { name: '跨境电商物流中心', investor: '某物流集团', origin: '深圳', industry: '5179', link: null, totalWan: 30_000,
    path: [['contact', 400], ['negotiating', 330]], street: 'wuchang', status: 'dropped' },
];

export async function seedDemoChainsProjects(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  // the account
  const dept = await tx.selectFrom('departments').select('id').where('name', '=', DEMO_INVEST_ACCOUNT.department).where('kind', '=', 'department').executeTakeFirst();
  const officer = await tx.insertInto('users').values({
    username: DEMO_INVEST_ACCOUNT.username, display_name: DEMO_INVEST_ACCOUNT.display_name, password_hash: demo.passwordHash, phone: '13700001234', department_id: dept?.id ?? null,
  }).returning(['id', 'display_name']).executeTakeFirstOrThrow();
  await tx.insertInto('user_roles').values({ user_id: officer.id, role_code: 'investment_officer' }).execute();

  // the chains
  const linkIds = new Map<string, string>();
  for (const [i, c] of DEMO_CHAINS.entries()) {
    const chain = await tx.insertInto('economy_chains').values({ name: c.name, name_en: c.nameEn, description: c.description, sort_order: i + 1 }).returning('id').executeTakeFirstOrThrow();
    for (const [j, l] of c.links.entries()) {
      const row = await tx.insertInto('economy_chain_links').values({
        chain_id: chain.id, parent_id: l.parent ? linkIds.get(l.parent)! : null, name: l.name, name_en: l.nameEn, segment: l.segment,
        industry_prefixes: l.prefixes, keywords: l.keywords ?? [], sort_order: j + 1,
      }).returning('id').executeTakeFirstOrThrow();
      linkIds.set(l.key, row.id);
    }
  }

  // the projects, their stage history, milestones and problems
  const stages = await tx.selectFrom('economy_project_stages').selectAll().orderBy('sort_order').execute();
  const now = new Date();
  const today = localDateOf(now);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  let milestones = 0;
  for (const [n, p] of DEMO_PROJECTS.entries()) {
    const [current, enteredAgo] = p.path.at(-1)!;
    const landed = p.landAs
      ? await tx.selectFrom('enterprises').select('id').where('industry_code', '=', p.landAs).where('status', '=', 'active').orderBy('credit_code').executeTakeFirst()
      : undefined;
    const row = await tx.insertInto('economy_projects').values({
      name: p.name, investor: p.investor, investor_origin: p.origin, industry_code: p.industry, chain_link_id: p.link ? linkIds.get(p.link)! : null,
      total_investment_fen: p.totalWan * 1_000_000, received_investment_fen: (p.receivedWan ?? 0) * 1_000_000,
      stage: current, stage_entered_at: at(enteredAgo), status: p.status ?? (current === 'producing' ? 'landed' : 'active'),
      owner_id: officer.id, division_code: DEMO_STREETS[p.street], construction_percent: p.progress ?? 0, enterprise_id: landed?.id ?? null,
      created_at: at(p.path[0]![1]), updated_at: at(enteredAgo), ...demoLocation(p.street, n, p.name === DEMO_UNLOCATED_PROJECT),
    }).returning('id').executeTakeFirstOrThrow();
    for (const [k, [stage, ago]] of p.path.entries()) {
      await tx.insertInto('economy_project_stage_events').values({
        project_id: row.id, from_stage: k === 0 ? null : p.path[k - 1]![0], to_stage: stage, at: at(ago), by_user: officer.id, by_name: officer.display_name,
      }).execute();
      const def = stages.find((s) => s.code === stage)!;
      const entered = addDays(today, -ago);
      const leftAgo = p.path[k + 1]?.[1];
      for (const [n, t] of def.milestones.entries()) {
        const due = addDays(entered, t.dueDays);
        // milestones of stages left behind were done; in the current stage the first ones due are done, except one late one for the demo
        const doneAgo = leftAgo !== undefined ? Math.max(leftAgo + 1, ago - t.dueDays) : (due < today && n === 0 && ORDER.indexOf(stage) % 2 === 0 ? ago - t.dueDays : null);
        await tx.insertInto('economy_project_milestones').values({
          project_id: row.id, stage, name: t.name, required: t.required, due_date: due,
          done_at: doneAgo === null ? null : at(doneAgo), done_by_name: doneAgo === null ? '' : officer.display_name,
        }).execute();
        milestones++;
      }
    }
    for (const q of p.problems ?? []) {
      await tx.insertInto('economy_project_problems').values({
        project_id: row.id, stage: current, description: q.description, responsible: q.responsible, raised_by_name: officer.display_name, raised_at: at(Math.max(1, enteredAgo - 10)),
        resolved_at: q.resolved ? at(Math.max(0, enteredAgo - 30)) : null, resolution: q.resolved ?? '',
      }).execute();
    }
  }
  return { economyChains: DEMO_CHAINS.length, economyChainLinks: linkIds.size, economyProjects: DEMO_PROJECTS.length, economyProjectMilestones: milestones };
}
