import { sql, type Transaction } from 'kysely';
import type { DB, ProviderKind } from '../../../../db/schema';
import { seededRandom, type Random } from '../../../../db/seed/random';
import { distanceM } from '../domain/geo';

/**
 * The demo county's resource directory and visits: the capability taxonomy, a location for every
 * demo enterprise in its street (GCJ-02, around the street's centre, a park's enterprises around
 * the park), about 70 providers around the three streets — among them the Liangzhu story's lab,
 * 杭州良渚正信检测技术有限公司, ~800 m from 中双元 —, recommendations on the requests that asked
 * for a test, and three months of visits with plans. Deterministic (seeded).
 */
export const DEMO_CAPABILITIES: { code: string; name: string; nameEn: string }[] = [
  { code: 'testing', name: '检验检测', nameEn: 'Testing' },
  { code: 'testing.materials', name: '材料检测', nameEn: 'Materials testing' },
  { code: 'testing.instruments', name: '仪器设备检测', nameEn: 'Instrument testing' },
  { code: 'testing.emc', name: '电磁兼容检测', nameEn: 'EMC testing' },
  { code: 'testing.calibration', name: '计量校准', nameEn: 'Calibration' },
  { code: 'testing.food', name: '食品检测', nameEn: 'Food testing' },
  { code: 'certification', name: '认证', nameEn: 'Certification' },
  { code: 'certification.quality', name: '质量管理体系认证', nameEn: 'Quality management certification' },
  { code: 'certification.product', name: '产品认证', nameEn: 'Product certification' },
  { code: 'legal', name: '法律服务', nameEn: 'Legal services' },
  { code: 'legal.contract', name: '合同纠纷', nameEn: 'Contract disputes' },
  { code: 'legal.labor', name: '劳动用工', nameEn: 'Employment law' },
  { code: 'legal.ip', name: '知识产权诉讼', nameEn: 'IP litigation' },
  { code: 'finance', name: '金融服务', nameEn: 'Financial services' },
  { code: 'finance.loans', name: '科技贷款', nameEn: 'Technology loans' },
  { code: 'finance.guarantee', name: '融资担保', nameEn: 'Loan guarantees' },
  { code: 'ip', name: '知识产权代理', nameEn: 'IP agency' },
  { code: 'ip.patent', name: '专利代理', nameEn: 'Patent agency' },
  { code: 'ip.trademark', name: '商标代理', nameEn: 'Trademark agency' },
  { code: 'training', name: '培训', nameEn: 'Training' },
  { code: 'training.skills', name: '职业技能培训', nameEn: 'Vocational skills' },
  { code: 'training.management', name: '管理培训', nameEn: 'Management training' },
  { code: 'accounting', name: '财税服务', nameEn: 'Accounting and tax' },
  { code: 'accounting.audit', name: '审计', nameEn: 'Audit' },
  { code: 'accounting.tax', name: '税务筹划', nameEn: 'Tax advice' },
];

/** The streets' centres (GCJ-02, approximate) and how far their enterprises spread (degrees). */
const STREETS: Record<string, { name: string; lat: number; lng: number; spread: number }> = {
  '330110010': { name: '良渚', lat: 30.3765, lng: 120.0335, spread: 0.018 },
  '330110012': { name: '仓前', lat: 30.2935, lng: 119.9905, spread: 0.016 },
  '330110005': { name: '五常', lat: 30.2795, lng: 120.0585, spread: 0.014 },
};
/** 中双元 at 良渚大道 618 号, and the lab at 良渚大道 1088 号, ~800 m north-east. */
export const STORY_ENTERPRISE = { name: '中双元（杭州）科技有限公司', lat: 30.3781, lng: 120.0302 };
export const STORY_LAB = { name: '杭州良渚正信检测技术有限公司', lat: 30.3836, lng: 120.0352 };

const KINDS: { kind: ProviderKind; suffix: string[]; caps: string[][]; hours: string }[] = [
  { kind: 'testing_lab', suffix: ['检测技术有限公司', '检验检测有限公司', '质量检测中心'], caps: [['testing.materials', 'testing.instruments'], ['testing.emc', 'testing.instruments'], ['testing.calibration'], ['testing.food']], hours: '周一至周五 8:30-17:30' },
  { kind: 'certification_body', suffix: ['认证有限公司', '认证服务中心'], caps: [['certification.quality'], ['certification.product', 'certification.quality']], hours: '周一至周五 9:00-17:00' },
  { kind: 'law_firm', suffix: ['律师事务所'], caps: [['legal.contract', 'legal.labor'], ['legal.ip', 'legal.contract']], hours: '周一至周六 9:00-18:00' },
  { kind: 'bank', suffix: ['支行', '科技支行'], caps: [['finance.loans'], ['finance.loans', 'finance.guarantee']], hours: '周一至周日 9:00-17:00' },
  { kind: 'patent_agency', suffix: ['专利代理有限公司', '知识产权代理事务所'], caps: [['ip.patent', 'ip.trademark'], ['ip.patent']], hours: '周一至周五 9:00-17:30' },
  { kind: 'training_body', suffix: ['职业技能培训学校', '企业管理培训中心'], caps: [['training.skills'], ['training.management']], hours: '周一至周日 8:00-20:00' },
  { kind: 'accounting_firm', suffix: ['会计师事务所', '税务师事务所'], caps: [['accounting.audit', 'accounting.tax'], ['accounting.tax']], hours: '周一至周五 9:00-17:30' },
];
const BANKS = ['杭州银行', '浙商银行', '余杭农商银行', '中国工商银行', '中国建设银行', '招商银行'];
const WORDS = ['正源', '华测', '精诚', '汇信', '天成', '博远', '明德', '创新', '鼎立', '宏泰', '众合', '恒信', '科杰', '致远', '安和', '德衡'];

const jitter = (r: Random, spread: number) => (r.next() * 2 - 1) * spread;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

const PROBLEMS = [
  '用电负荷接近上限，扩产需要增容', '新招员工社保转移手续办理慢', '厂区门口道路破损，货车进出困难', '想申报高新技术企业，不清楚条件',
  '需要第三方检测报告，找不到就近机构', '流动资金紧张，想了解科技贷款', '专利被仿冒，想咨询维权途径', '员工子女入学咨询',
  '环评手续需要变更', '消防验收排期较长',
];
const TOPICS = [
  '了解企业生产经营情况和今年订单', '宣讲惠企政策，了解企业用工需求', '走访研发中心，了解新产品研发进度', '了解企业扩产计划和用地需求',
  '回访上次反映的问题办理情况', '了解企业融资需求和银行对接情况',
];

export async function seedDemoDirectory(tx: Transaction<DB>, now: Date = new Date()): Promise<Record<string, number>> {
  const rng = seededRandom(20260601);
  await tx.insertInto('service_capabilities').values(DEMO_CAPABILITIES.map((c, i) => ({
    code: c.code, parent_code: c.code.includes('.') ? c.code.slice(0, c.code.lastIndexOf('.')) : null, name: c.name, name_en: c.nameEn, sort_order: i, updated_at: now,
  }))).execute();

  // --- enterprise locations ----------------------------------------------------------------------
  const parks = await tx.selectFrom('parks').select(['id', 'division_code']).orderBy('name').execute();
  const parkCentre = new Map(parks.map((p) => {
    const s = STREETS[p.division_code.slice(0, 9)];
    return [p.id, s ? { lat: s.lat + jitter(rng, s.spread / 2), lng: s.lng + jitter(rng, s.spread / 2) } : null];
  }));
  const enterprises = await tx.selectFrom('enterprises').select(['id', 'name', 'division_code', 'park_id']).orderBy('credit_code').execute();
  const located = new Map<string, { lat: number; lng: number }>();
  for (const e of enterprises) {
    const s = STREETS[e.division_code.slice(0, 9)];
    if (!s) continue;
    const centre = (e.park_id && parkCentre.get(e.park_id)) || s;
    const spread = e.park_id ? s.spread / 3 : s.spread;
    const p = e.name === STORY_ENTERPRISE.name ? STORY_ENTERPRISE : e.name === STORY_LAB.name ? STORY_LAB : { lat: centre.lat + jitter(rng, spread), lng: centre.lng + jitter(rng, spread) };
    located.set(e.id, { lat: round7(p.lat), lng: round7(p.lng) });
  }
  if (located.size) {
    await sql`UPDATE enterprises e SET lat = v.lat, lng = v.lng FROM json_to_recordset(${JSON.stringify([...located].map(([id, p]) => ({ id, ...p })))}::json)
      AS v(id uuid, lat double precision, lng double precision) WHERE e.id = v.id`.execute(tx);
  }

  // --- providers ---------------------------------------------------------------------------------
  const lab = enterprises.find((e) => e.name === STORY_LAB.name);
  type P = { name: string; kind: ProviderKind; address: string; division: string; lat: number; lng: number; hours: string; caps: string[]; enterpriseId: string | null; description: string };
  const providers: P[] = [{
    name: STORY_LAB.name, kind: 'testing_lab', address: '良渚街道良渚大道 1088 号', division: '330110010', lat: STORY_LAB.lat, lng: STORY_LAB.lng,
    hours: '周一至周五 8:30-17:30，周六预约', caps: ['testing.instruments', 'testing.materials', 'testing.calibration'], enterpriseId: lab?.id ?? null,
    description: '具备 CMA、CNAS 资质的第三方检测机构：仪器设备检测、材料检测、计量校准，可上门取样',
  }];
  const used = new Set(providers.map((p) => p.name));
  for (const [code, s] of Object.entries(STREETS)) {
    for (const k of KINDS) {
      const count = k.kind === 'testing_lab' ? 5 : k.kind === 'bank' ? 4 : 2;
      for (let i = 0; i < count; i++) {
        let name = '';
        do {
          name = k.kind === 'bank' ? `${rng.pick(BANKS)}杭州${s.name}${rng.pick(k.suffix)}` : `杭州${rng.pick(WORDS)}${rng.pick(k.suffix)}`;
        } while (used.has(name) && used.size < 500);
        if (used.has(name)) continue;
        used.add(name);
        const caps = k.caps[i % k.caps.length]!;
        providers.push({
          name, kind: k.kind, address: `${s.name}街道${rng.pick(['文一西路', '良渚大道', '仓兴街', '五常大道', '荆长路', '莫干山路'])} ${rng.int(1, 1999)} 号`, division: code,
          lat: round7(s.lat + jitter(rng, s.spread * 1.4)), lng: round7(s.lng + jitter(rng, s.spread * 1.4)), hours: k.hours, caps, enterpriseId: null, description: '',
        });
      }
    }
  }
  const capName = new Map(DEMO_CAPABILITIES.map((c) => [c.code, c.name]));
  const inserted = await tx.insertInto('service_providers').values(providers.map((p) => ({
    name: p.name, kind: p.kind, description: p.description, enterprise_id: p.enterpriseId, contact_name: rng.pick(['王经理', '李主任', '张律师', '陈老师', '刘工']),
    contact_phone: `0571-8${rng.int(1000000, 9999999)}`, opening_hours: p.hours, address: p.address, division_code: p.division, lat: p.lat, lng: p.lng, updated_at: now,
  }))).returning(['id', 'name']).execute();
  const providerId = new Map(inserted.map((p) => [p.name, p.id]));
  await tx.insertInto('service_provider_services').values(providers.flatMap((p) => p.caps.map((c, i) => ({
    provider_id: providerId.get(p.name)!, capability_code: c, name: `${capName.get(c)}服务`, position: i,
  })))).execute();

  // --- recommendations on the requests that asked for a test -------------------------------------
  const staff = await tx.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).where('username', 'in', ['agent', 'dispatcher', 'unit_lz', 'unit_cq', 'unit_wc']).execute();
  const user = new Map(staff.map((u) => [u.username, u]));
  const testing = await tx.selectFrom('service_requests as r').select(['r.id', 'r.enterprise_id', 'r.title', 'r.submitted_at', 'r.resolved_at', 'r.status'])
    .where('r.category_id', 'like', 'testing%').where('r.enterprise_id', 'is not', null).orderBy('r.submitted_at').execute();
  const labs = providers.filter((p) => p.kind === 'testing_lab');
  let recommendations = 0;
  const dispatcher = user.get('dispatcher');
  for (const r of testing) {
    const at = located.get(r.enterprise_id!);
    if (!at || !dispatcher) continue;
    const story = r.title.includes('急需就近检测机构');
    if (!story && !rng.chance(0.6)) continue;
    const nearest = labs.map((l) => ({ l, d: distanceM(at, l) })).sort((a, b) => a.d - b.d)[story ? 0 : rng.int(0, 1)]!;
    const recommendedAt = new Date(r.submitted_at.getTime() + 2 * 3_600_000);
    if (recommendedAt > now) continue;
    const finished = r.resolved_at !== null;
    const outcome = finished ? (story || rng.chance(0.8) ? 'helped' : 'not_helped') : 'pending';
    const outcomeAt = finished ? r.resolved_at : null;
    const { id } = await tx.insertInto('service_recommendations').values({
      enterprise_id: r.enterprise_id!, request_id: r.id, provider_id: providerId.get(nearest.l.name)!, capability_code: 'testing', distance_m: Math.round(nearest.d),
      note: story ? '距企业不到 1 公里，具备 CMA 资质，可上门取样' : '', recommended_by: dispatcher.id, recommended_by_name: dispatcher.display_name, recommended_at: recommendedAt,
      outcome, outcome_note: outcome === 'helped' ? '已完成检测并出具报告' : outcome === 'not_helped' ? '检测周期不满足企业要求' : '', outcome_by_name: finished ? dispatcher.display_name : '', outcome_at: outcomeAt,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('service_request_events').values({
      request_id: r.id, type: 'resource_recommended', at: recommendedAt, actor_role: 'office_dispatcher', actor_id: dispatcher.id, actor_name: dispatcher.display_name, unit_id: null,
      payload: JSON.stringify({ recommendationId: id, providerId: providerId.get(nearest.l.name), providerName: nearest.l.name, capabilityCode: 'testing', capabilityName: '检验检测', distanceM: Math.round(nearest.d) }),
    }).execute();
    if (finished) {
      await tx.insertInto('service_request_events').values({
        request_id: r.id, type: 'resource_outcome', at: outcomeAt!, actor_role: 'office_dispatcher', actor_id: dispatcher.id, actor_name: dispatcher.display_name, unit_id: null,
        payload: JSON.stringify({ recommendationId: id, providerId: providerId.get(nearest.l.name), providerName: nearest.l.name, outcome, note: '' }),
      }).execute();
    }
    recommendations++;
  }

  // --- visits and plans over the last 90 days ----------------------------------------------------
  const visitors: Record<string, string | undefined> = { '330110010': 'agent', '330110012': 'unit_cq', '330110005': 'unit_wc' };
  const localDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const monthStart = `${localDate(now).slice(0, 7)}-01`;
  const last = new Date(Date.UTC(Number(monthStart.slice(0, 4)), Number(monthStart.slice(5, 7)), 0)).toISOString().slice(0, 10);
  let visits = 0;
  let plans = 0;
  for (const [street, username] of Object.entries(visitors)) {
    const v = username ? user.get(username) : undefined;
    if (!v) continue;
    const inStreet = enterprises.filter((e) => e.division_code.startsWith(street));
    const planned = inStreet.filter(() => rng.chance(0.35)).slice(0, 20);
    const { id: planId } = await tx.insertInto('service_visit_plans').values({
      agent_id: v.id, division_code: street, period_from: monthStart, period_to: last, enterprise_ids: planned.map((e) => e.id),
      note: '本月走访计划：重点企业和上次反映问题的企业', created_by: dispatcher?.id ?? null, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    plans++;
    for (const e of inStreet) {
      if (!rng.chance(0.45)) continue;
      const daysAgo = rng.int(0, 89);
      const at = new Date(now.getTime() - daysAgo * 86_400_000 - rng.int(1, 8) * 3_600_000);
      const inPlan = planned.some((p) => p.id === e.id) && localDate(at) >= monthStart;
      const problems = rng.chance(0.4) ? [rng.pick(PROBLEMS)] : [];
      const { id } = await tx.insertInto('service_visits').values({
        enterprise_id: e.id, division_code: e.division_code.slice(0, 9), park_id: e.park_id, plan_id: inPlan ? planId : null, visited_at: at,
        visitor_id: v.id, visitor_name: v.display_name, companions: rng.chance(0.5) ? '街道经发科同事；企业总经理接待' : '企业行政主管接待',
        discussed: rng.pick(TOPICS), follow_ups: problems.length ? '一周内回复企业办理进度' : '', created_by: v.id, created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      if (problems.length) await tx.insertInto('service_visit_problems').values(problems.map((text, i) => ({ visit_id: id, position: i + 1, text }))).execute();
      visits++;
    }
  }
  await sql`UPDATE service_directory_version SET version = version + 1 WHERE id = 1`.execute(tx);
  await sql`ANALYZE enterprises, service_providers, service_provider_services, service_recommendations, service_visits`.execute(tx);
  return { serviceProviders: providers.length, serviceRecommendations: recommendations, serviceVisits: visits, serviceVisitPlans: plans };
}
