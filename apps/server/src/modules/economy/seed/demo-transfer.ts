import type { Transaction } from 'kysely';
import type { DB, TransferField, TransferMode, TransferPatent } from '../../../db/schema';
import { seededRandom } from '../../../db/seed/random';
import { creditCodeIn, mobilePhone } from '../../../db/seed/enterprise-generator';
import { toRow } from '../../../core/enterprises/enterprise.service';
import { localDateOf } from '../../../core/reference/domain/workday';
import { matchScore } from '../domain';

/** The four provincial labs of 未来科技城 (the article names 之江 and 天目山) and a university. */
export const DEMO_LABS = [
  { name: '之江实验室', name_en: 'Zhejiang Lab', kind: 'lab' as const, sort_order: 1 },
  { name: '天目山实验室', name_en: 'Tianmushan Laboratory', kind: 'lab' as const, sort_order: 2 },
  { name: '良渚实验室', name_en: 'Liangzhu Laboratory', kind: 'lab' as const, sort_order: 3 },
  { name: '湖畔实验室', name_en: 'Hupan Laboratory', kind: 'lab' as const, sort_order: 4 },
  { name: '浙江大学', name_en: 'Zhejiang University', kind: 'university' as const, sort_order: 5 },
];

export const DEMO_TRANSFER_ACCOUNT = { username: 'eco_tech', display_name: '科技局 钱成果', role: 'economy_tech_officer', department: '余杭区科学技术局/成果转化科' };

interface DemoResult {
  lab: string; title: string; summary: string; field: TransferField; maturity: number; modes: TransferMode[]; price: [number | null, number | null];
  industries: string[]; keywords: string[]; yearsAgo: number; month: number; patents: TransferPatent[];
  /** Deals: the n-th best match, its stage; landed ones with mode and value (万元), and whether a company was founded for it. */
  deals?: { rank: number; stage: 'contacted' | 'negotiating' | 'landed' | 'failed'; mode?: TransferMode; valueWan?: number; founded?: string }[];
}

const P = (n: string, title: string, kind: TransferPatent['kind'] = 'invention'): TransferPatent => ({ number: n, title, kind });

const RESULTS: DemoResult[] = [
  { lab: '之江实验室', title: '面向边缘端的轻量化智能计算芯片架构', summary: '存算一体的边缘推理芯片架构，能效比较传统方案提升 5 倍，已完成流片验证。', field: 'chips', maturity: 6,
    modes: ['licence', 'equity'], price: [800, 1500], industries: ['6520', '397'], keywords: ['芯片', '集成电路', '微电子'], yearsAgo: 2, month: 4,
    patents: [P('ZL202110234567.1', '一种存算一体的神经网络加速电路'), P('ZL202110345678.2', '边缘推理芯片的动态功耗管理方法')],
    deals: [{ rank: 0, stage: 'landed', mode: 'equity', valueWan: 1200, founded: '杭州之芯智算科技有限公司' }, { rank: 1, stage: 'failed' }] },
  { lab: '之江实验室', title: '工业视觉缺陷检测大模型', summary: '小样本学习的工业表面缺陷检测模型，已在汽车零部件产线试用。', field: 'ai', maturity: 7,
    modes: ['licence', 'joint_development'], price: [200, 500], industries: ['6513', '3670'], keywords: ['数智', '智联', '汽车零部件', '视觉'], yearsAgo: 2, month: 9,
    patents: [P('ZL202210456789.3', '基于小样本学习的表面缺陷检测方法')],
    deals: [{ rank: 0, stage: 'landed', mode: 'licence', valueWan: 320 }, { rank: 1, stage: 'landed', mode: 'joint_development', valueWan: 180 }] },
  { lab: '之江实验室', title: '多模态城市大脑数据治理平台', summary: '城市多源数据的汇聚、治理与共享平台，支持数据要素流通。', field: 'ai', maturity: 8,
    modes: ['licence', 'assignment'], price: [300, 600], industries: ['6550', '6531'], keywords: ['数据', '数据要素', '算力'], yearsAgo: 1, month: 3,
    patents: [P('ZL202310567890.4', '多源异构数据的联邦治理方法'), P('2023SR0456789', '城市数据治理平台软件 V1.0', 'software')],
    deals: [{ rank: 0, stage: 'landed', mode: 'assignment', valueWan: 450 }, { rank: 1, stage: 'negotiating' }] },
  { lab: '之江实验室', title: '高精度光纤传感网络', summary: '分布式光纤振动传感，用于管廊与周界安全监测。', field: 'network', maturity: 5,
    modes: ['joint_development', 'equity'], price: [500, null], industries: ['6520', '4014'], keywords: ['传感', '仪器', '精测'], yearsAgo: 0, month: 2,
    patents: [P('ZL202410678901.5', '一种分布式光纤振动信号识别方法')],
    deals: [{ rank: 0, stage: 'negotiating' }, { rank: 1, stage: 'contacted' }] },
  { lab: '天目山实验室', title: '无人机集群协同控制系统', summary: '空地一体的无人机集群任务规划与协同控制，适用于物流与巡检。', field: 'aerospace', maturity: 6,
    modes: ['licence', 'equity', 'joint_development'], price: [1000, 3000], industries: ['374', '6513'], keywords: ['无人机', '智联', '车联'], yearsAgo: 0, month: 3,
    patents: [P('ZL202410789012.6', '无人机集群的分布式任务分配方法'), P('ZL202420890123.7', '一种无人机快换电池仓', 'utility')],
    deals: [{ rank: 0, stage: 'landed', mode: 'equity', valueWan: 2000, founded: '杭州天目云翼无人机科技有限公司' }, { rank: 1, stage: 'contacted' }] },
  { lab: '天目山实验室', title: '航空复合材料自动铺放工艺', summary: '碳纤维复合材料构件的自动铺放与在线检测工艺。', field: 'materials', maturity: 5,
    modes: ['licence', 'joint_development'], price: [400, 800], industries: ['3484', '291'], keywords: ['精工', '复合材料', '塑业'], yearsAgo: 0, month: 6,
    patents: [P('ZL202410901234.8', '复合材料预浸带自动铺放装置')] },
  { lab: '良渚实验室', title: '干细胞来源的类器官药物筛选平台', summary: '肝、肾类器官用于候选药物的毒性与药效筛选。', field: 'biomed', maturity: 4,
    modes: ['licence', 'joint_development'], price: [300, 800], industries: ['2761', '7340'], keywords: ['生物', '生命源', '医药研究'], yearsAgo: 1, month: 5,
    patents: [P('ZL202310123450.9', '一种肝类器官的体外培养方法')],
    deals: [{ rank: 0, stage: 'landed', mode: 'licence', valueWan: 260 }, { rank: 1, stage: 'negotiating' }] },
  { lab: '良渚实验室', title: '新型抗体药物递送载体', summary: '可降解纳米载体提高抗体药物的组织靶向性。', field: 'biomed', maturity: 3,
    modes: ['assignment', 'joint_development'], price: [1500, 3000], industries: ['2720', '2761'], keywords: ['制药', '康源', '生物'], yearsAgo: 0, month: 7,
    patents: [P('ZL202410234561.0', '一种可降解抗体纳米递送载体及其制备方法')], deals: [{ rank: 0, stage: 'contacted' }] },
  { lab: '湖畔实验室', title: '隐私计算联合建模框架', summary: '多方安全计算与联邦学习框架，支持跨机构数据联合建模。', field: 'network', maturity: 7,
    modes: ['licence'], price: [100, 300], industries: ['6511', '6550'], keywords: ['信创', '数据要素', '深算'], yearsAgo: 1, month: 10,
    patents: [P('2024SR0123456', '隐私计算联合建模平台 V2.0', 'software')],
    deals: [{ rank: 0, stage: 'landed', mode: 'licence', valueWan: 150 }] },
  { lab: '浙江大学', title: '高比能固态锂电池电解质', summary: '硫化物固态电解质及其界面改性技术。', field: 'energy', maturity: 4,
    modes: ['assignment', 'equity'], price: [2000, 5000], industries: ['3841'], keywords: ['锂能', '电芯', '新能源'], yearsAgo: 0, month: 5,
    patents: [P('ZL202310345612.1', '一种硫化物固态电解质及其制备方法')], deals: [{ rank: 0, stage: 'negotiating' }] },
];

/**
 * Demo technology transfer: the labs, ten results over three years with patents and prices, the
 * deals with their contacts and negotiations, six transfers landed (two into companies founded
 * for them, registered in the registry), and the science and technology officer's account.
 */
export async function seedDemoTransfer(tx: Transaction<DB>, demo: { passwordHash: string }): Promise<Record<string, number>> {
  const rng = seededRandom(20260910);
  const labs = await tx.insertInto('economy_labs').values(DEMO_LABS).returning(['id', 'name']).execute();
  const dept = await tx.selectFrom('departments as d').innerJoin('departments as p', 'p.id', 'd.parent_id').select('d.id')
    .where('p.name', '=', '余杭区科学技术局').where('d.name', '=', '成果转化科').executeTakeFirst();
  const officer = await tx.insertInto('users').values({
    username: DEMO_TRANSFER_ACCOUNT.username, display_name: DEMO_TRANSFER_ACCOUNT.display_name, password_hash: demo.passwordHash, phone: mobilePhone(rng), department_id: dept?.id ?? null,
  }).returning(['id', 'display_name']).executeTakeFirstOrThrow();
  await tx.insertInto('user_roles').values({ user_id: officer.id, role_code: DEMO_TRANSFER_ACCOUNT.role }).execute();

  const enterprises = await tx.selectFrom('enterprises').select(['id', 'name', 'industry_code', 'business_scope', 'tags', 'high_tech', 'division_code', 'credit_code'])
    .where('status', '=', 'active').orderBy('credit_code').execute();
  const rd = new Map((await tx.selectFrom('economy_figures').select(['enterprise_id', 'year', 'rd_fen', 'revenue_fen']).where('basis', '=', 'cumulative').where('period', '=', '12')
    .orderBy('year').execute()).map((f) => [f.enterprise_id, f]));
  const county = enterprises[0]?.credit_code.slice(2, 8) ?? '330110';
  const today = localDateOf(new Date());
  const thisYear = Number(today.slice(0, 4));
  const dateIn = (year: number, month: number, day: number) => {
    const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return d > today ? today : d;
  };
  let deals = 0;
  let landed = 0;
  for (const r of RESULTS) {
    const offeredYear = thisYear - r.yearsAgo;
    const offeredOn = dateIn(offeredYear, r.month, 10);
    const anyLanded = r.deals?.some((d) => d.stage === 'landed');
    const result = await tx.insertInto('economy_transfer_results').values({
      lab_id: labs.find((l) => l.name === r.lab)!.id, title: r.title, summary: r.summary, field: r.field, maturity: r.maturity, patents: JSON.stringify(r.patents),
      modes: r.modes, price_min_fen: r.price[0] === null ? null : r.price[0] * 1_000_000, price_max_fen: r.price[1] === null ? null : r.price[1] * 1_000_000,
      industry_prefixes: r.industries, keywords: r.keywords, offered_on: offeredOn, status: anyLanded ? 'landed' : 'open', created_by: officer.id,
    }).returning('id').executeTakeFirstOrThrow();
    if (!r.deals) continue;
    const m = { industryPrefixes: r.industries, keywords: r.keywords };
    const ranked = enterprises.map((e) => {
      const f = rd.get(e.id);
      return { e, s: matchScore(m, { industryCode: e.industry_code, name: e.name, businessScope: e.business_scope, tags: e.tags, highTech: e.high_tech,
        rdFen: f?.rd_fen === null || f === undefined ? null : Number(f.rd_fen), revenueFen: f?.revenue_fen === null || f === undefined ? null : Number(f.revenue_fen), rdYear: f?.year ?? null }) };
    }).sort((a, b) => b.s.score - a.s.score || a.e.name.localeCompare(b.e.name, 'zh-CN'));
    for (const d of r.deals) {
      const pick = ranked[d.rank];
      if (!pick) continue;
      // contacts start a month after the offer; a negotiation two months later; landing or failure after
      const contactOn = dateIn(offeredYear, Math.min(12, r.month + 1), 15);
      const negotiateOn = dateIn(offeredYear, Math.min(12, r.month + 3), 20);
      const closeOn = dateIn(r.yearsAgo === 0 ? offeredYear : offeredYear + (r.month > 8 ? 1 : 0), r.month > 8 && r.yearsAgo > 0 ? 3 : Math.min(12, r.month + 5), 8);
      let landedId: string | null = null;
      let founded = false;
      if (d.stage === 'landed' && d.founded) {
        const input = {
          creditCode: creditCodeIn(rng, county), name: d.founded, legalRepresentative: '', establishedOn: closeOn, registeredCapitalFen: (d.valueWan ?? 0) * 2 * 1_000_000,
          industryCode: pick.e.industry_code, divisionCode: pick.e.division_code, parkId: null, address: '', employees: 12, revenueFen: null, assetsFen: null,
          aboveScale: false, highTech: false, listed: false, tags: ['科技成果转化'], status: 'active' as const, businessScope: `${r.title}的技术开发与产业化`,
        };
        landedId = (await tx.insertInto('enterprises').values(toRow(input)).returning('id').executeTakeFirstOrThrow()).id;
        founded = true;
      } else if (d.stage === 'landed') landedId = pick.e.id;
      const deal = await tx.insertInto('economy_transfer_deals').values({
        result_id: result.id, enterprise_id: pick.e.id, stage: d.stage, mode: d.mode ?? null, value_fen: d.valueWan === undefined ? null : d.valueWan * 1_000_000,
        landed_on: d.stage === 'landed' ? closeOn : null, landed_enterprise_id: landedId, new_enterprise: founded, score_at_contact: pick.s.score, created_by: officer.id,
      }).returning('id').executeTakeFirstOrThrow();
      deals++;
      const events: { kind: 'contact' | 'negotiation' | 'landed' | 'failed'; on: string; note: string }[] = [
        { kind: 'contact', on: contactOn, note: `上门走访${pick.e.name}，介绍成果“${r.title}”，企业表示有兴趣` },
      ];
      if (d.stage !== 'contacted') events.push({ kind: 'negotiation', on: negotiateOn, note: '实验室、企业和科技局三方洽谈转化方式和价格' });
      if (d.stage === 'landed') events.push({ kind: 'landed', on: closeOn, note: founded ? `以作价投资方式设立${d.founded}，落地未来科技城` : '签订技术合同并完成登记' });
      if (d.stage === 'failed') events.push({ kind: 'failed', on: closeOn, note: '企业研发预算调整，暂不引进' });
      await tx.insertInto('economy_transfer_events').values(events.map((v) => ({ deal_id: deal.id, kind: v.kind, happened_on: v.on, note: v.note, recorded_by: officer.id, recorded_by_name: officer.display_name }))).execute();
      if (d.stage === 'landed') landed++;
    }
  }
  return { transferResults: RESULTS.length, transferDeals: deals, transferLanded: landed };
}
