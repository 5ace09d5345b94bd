import type { Transaction } from 'kysely';
import type { DB } from '../../../../db/schema';
import { seededRandom } from '../../../../db/seed/random';
import { mobilePhone } from '../../../../db/seed/enterprise-generator';
import { recordPeriodicFacts } from '../../../../core/enterprises/enterprise-facts';
import { Notifier } from '../../../../core/notifications/notifier';
import { localDateOf } from '../../../../core/reference/domain/workday';
import { validateCriteria, type Criteria } from '../domain';
import { deliverEligible, matchEverything } from '../matching';
import { hasPolicy } from '../match-store';

const LIANGZHU = '330110010';
const WAN = 1_000_000; // fen in 1 万元

interface DemoPolicy {
  title: string;
  issuer: string;
  documentNumber: string;
  interpretation: string;
  benefitAmountFen: number | null;
  benefitDescription: string;
  autoGrant?: boolean;
  status: 'draft' | 'published' | 'expired';
  /** Published this many days ago; valid for `years` from then. */
  ageDays: number;
  criteria: Criteria | ((ids: { liangzhuPark: string }) => Criteria);
}

/** A dozen policies in the style of Yuhang's 惠企政策 (amounts and thresholds realistic, not real). */
const POLICIES: DemoPolicy[] = [
  {
    title: '国家高新技术企业认定奖励', issuer: '余杭区科学技术局', documentNumber: '余科〔2026〕8号', status: 'published', ageDays: 60, autoGrant: true,
    interpretation: '对经认定（含重新认定）的国家高新技术企业，给予一次性奖励。本政策“免申即享”：科技局根据高企认定名单和企业登记信息直接生成兑现名单，企业无需申报，只需在平台确认领取意向和收款账户。',
    benefitAmountFen: 20 * WAN, benefitDescription: '一次性奖励 20 万元',
    criteria: { combine: 'all', items: [{ field: 'highTech', op: 'is', value: true }, { field: 'ageYears', op: 'gte', value: 1 }] },
  },
  {
    title: '2026 年度“小升规”工业企业培育奖励', issuer: '余杭区经济和信息化局', documentNumber: '余经信〔2026〕21号', status: 'draft', ageDays: 0, autoGrant: true,
    interpretation: '对首次纳入规模以上统计的工业企业给予培育奖励，“免申即享”：经信局按统计部门名单生成兑现名单，审核确认后通知企业确认领取意向。',
    benefitAmountFen: 10 * WAN, benefitDescription: '奖励 10 万元',
    criteria: { combine: 'all', items: [{ field: 'aboveScale', op: 'is', value: true }, { field: 'industry', op: 'prefix', values: ['26', '27', '35', '38', '39', '40'] }, { field: 'ageYears', op: 'gte', value: 1 }] },
  },
  {
    title: '企业研发投入补助', issuer: '余杭区科学技术局', documentNumber: '余科〔2025〕31号', status: 'published', ageDays: 200,
    interpretation: '按企业上年度研发费用加计扣除额的 10% 给予补助。申报条件：年营业收入 500 万元以上、上年纳税额 50 万元以上，且为高新技术企业或科技型中小企业。',
    benefitAmountFen: null, benefitDescription: '按研发费用的 10% 补助，最高 100 万元',
    criteria: { combine: 'all', items: [{ field: 'revenueFen', op: 'gte', value: 500 * WAN }, { field: 'taxFen', op: 'gte', value: 50 * WAN }, { field: 'tags', op: 'hasAny', values: ['科技型中小企业', '数字经济', '生物医药'] }] },
  },
  {
    title: '专精特新中小企业奖励', issuer: '余杭区经济和信息化局', documentNumber: '余经信〔2025〕45号', status: 'published', ageDays: 150,
    interpretation: '对新认定的省级专精特新中小企业给予奖励。企业须为中小微企业，纳税信用等级为 A 或 B。',
    benefitAmountFen: 30 * WAN, benefitDescription: '省级奖励 30 万元',
    criteria: { combine: 'all', items: [{ field: 'tags', op: 'hasAll', values: ['专精特新'] }, { field: 'sizeClass', op: 'in', values: ['medium', 'small', 'micro'] }, { field: 'creditRating', op: 'in', values: ['A', 'B'] }] },
  },
  {
    title: '数字经济核心产业企业扶持', issuer: '余杭区经济和信息化局', documentNumber: '余经信〔2025〕52号', status: 'published', ageDays: 120,
    interpretation: '支持软件和信息技术服务业企业做大做强：从业人员 20 人以上、年营业收入 1000 万元以上的，按新增营业收入给予奖励。',
    benefitAmountFen: null, benefitDescription: '按新增营业收入的 1% 奖励，最高 50 万元',
    criteria: { combine: 'all', items: [{ field: 'industry', op: 'prefix', values: ['65'] }, { field: 'employees', op: 'gte', value: 20 }, { field: 'revenueFen', op: 'gte', value: 1_000 * WAN }] },
  },
  {
    title: '生物医药产业创新发展扶持', issuer: '余杭区发展和改革局', documentNumber: '余发改〔2025〕17号', status: 'published', ageDays: 90,
    interpretation: '支持医药制造、医疗器械和医药研发服务企业，成立满 2 年、纳税信用良好的，给予研发和产业化扶持。',
    benefitAmountFen: 50 * WAN, benefitDescription: '最高 50 万元',
    criteria: { combine: 'all', items: [{ field: 'industry', op: 'prefix', values: ['27', '358', '734'] }, { field: 'ageYears', op: 'gte', value: 2 }, { field: 'creditRating', op: 'in', values: ['A', 'B', 'M'] }] },
  },
  {
    title: '良渚新城科创园入驻企业房租补贴', issuer: '良渚街道办事处', documentNumber: '良街〔2026〕3号', status: 'published', ageDays: 30,
    interpretation: '对入驻良渚新城科创园、成立 5 年以内的企业，前三年按实际租金给予补贴。',
    benefitAmountFen: null, benefitDescription: '第一年全额、第二年 50%、第三年 30% 补贴',
    criteria: ({ liangzhuPark }) => ({ combine: 'all', items: [{ field: 'park', op: 'in', values: [liangzhuPark] }, { field: 'ageYears', op: 'lt', value: 5 }] }),
  },
  {
    title: '纳税信用 A 级企业融资贴息', issuer: '余杭区财政局', documentNumber: '余财〔2025〕66号', status: 'published', ageDays: 100,
    interpretation: '纳税信用 A 级、年纳税额 100 万元以上的企业，银行贷款按基准利率的 30% 给予贴息。',
    benefitAmountFen: null, benefitDescription: '贴息比例 30%，最高 80 万元',
    criteria: { combine: 'all', items: [{ field: 'creditRating', op: 'in', values: ['A'] }, { field: 'taxFen', op: 'gte', value: 100 * WAN }] },
  },
  {
    title: '小微企业稳岗扩岗补贴', issuer: '余杭区人力资源和社会保障局', documentNumber: '余人社〔2026〕5号', status: 'published', ageDays: 45,
    interpretation: '小型、微型企业吸纳就业、稳定岗位的，按参保职工人数给予补贴。',
    benefitAmountFen: null, benefitDescription: '每人 1500 元',
    criteria: { combine: 'all', items: [{ field: 'sizeClass', op: 'in', values: ['small', 'micro'] }, { field: 'employees', op: 'gte', value: 5 }] },
  },
  {
    title: '科技型中小企业认定奖励', issuer: '余杭区科学技术局', documentNumber: '余科〔2025〕40号', status: 'published', ageDays: 180,
    interpretation: '首次入库的科技型中小企业，或已认定为高新技术企业的，给予一次性奖励（二者择一）。',
    benefitAmountFen: 5 * WAN, benefitDescription: '一次性奖励 5 万元',
    criteria: { combine: 'any', items: [{ field: 'tags', op: 'hasAny', values: ['科技型中小企业'] }, { field: 'highTech', op: 'is', value: true }] },
  },
  {
    title: '良渚街道初创企业首贷贴息', issuer: '良渚街道办事处', documentNumber: '良街〔2026〕9号', status: 'published', ageDays: 20,
    interpretation: '良渚街道内成立 3 年以内的企业首次获得银行贷款的，给予贴息。',
    benefitAmountFen: null, benefitDescription: '贴息 50%，最高 20 万元',
    criteria: { combine: 'all', items: [{ field: 'street', op: 'in', values: [LIANGZHU] }, { field: 'ageYears', op: 'lte', value: 3 }] },
  },
  {
    title: '2024 年度工业企业技术改造补助', issuer: '余杭区经济和信息化局', documentNumber: '余经信〔2024〕12号', status: 'expired', ageDays: 700,
    interpretation: '对 2024 年度完成技术改造投入 500 万元以上的规上工业企业给予补助（已到期）。',
    benefitAmountFen: null, benefitDescription: '按设备投入的 10% 补助',
    criteria: { combine: 'all', items: [{ field: 'aboveScale', op: 'is', value: true }, { field: 'revenueFen', op: 'gte', value: 2_000 * WAN }] },
  },
];

const BANKS = ['中国工商银行杭州余杭支行', '中国建设银行杭州良渚支行', '杭州银行余杭科技支行', '浙江农商银行良渚支行'];

/**
 * The demo's benefit policies: a policy officer (benefits), periodic facts (tax and credit
 * rating) for about two thirds of the enterprises, a dozen policies matched on first start, the
 * eligible told of the published ones, and the 高企 奖励 (免申即享) with a confirmed grant list
 * and intents. The 小升规 奖励 (免申即享) is left as a draft for the office to publish.
 */
export async function seedDemoBenefits(tx: Transaction<DB>, demo: { passwordHash: string }, now: Date = new Date()): Promise<Record<string, number>> {
  const rng = seededRandom(6025);
  const today = localDateOf(now);
  const day = (offset: number) => localDateOf(new Date(now.getTime() + offset * 86_400_000));
  // Not bound to a department: the core's departments keep the core demo's user counts.
  const officer = await tx.insertInto('users').values({
    username: 'benefits', display_name: '区经信局 惠企政策专员 林晓', password_hash: demo.passwordHash, phone: mobilePhone(rng),
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('user_roles').values({ user_id: officer.id, role_code: 'benefit_officer' }).execute();

  const enterprises = await tx.selectFrom('enterprises').select(['id', 'name', 'revenue_fen', 'high_tech']).orderBy('credit_code').execute();
  const facts = enterprises.filter((e) => e.name === '中双元（杭州）科技有限公司' || rng.chance(0.65)).map((e) => ({
    enterpriseId: e.id, period: String(Number(today.slice(0, 4)) - 1), source: '演示：区税务局年度数据',
    taxFen: e.revenue_fen === null ? null : Math.round(e.revenue_fen * (0.02 + rng.next() * 0.05)),
    creditRating: e.name === '中双元（杭州）科技有限公司' ? 'A' as const : rng.pick(['A', 'A', 'B', 'B', 'B', 'M', 'C'] as const),
  }));
  await recordPeriodicFacts(tx, facts, now);

  const liangzhuPark = (await tx.selectFrom('parks').select('id').where('division_code', '=', LIANGZHU).orderBy('name').executeTakeFirstOrThrow()).id;
  const ids: string[] = [];
  for (const p of POLICIES) {
    const raw = typeof p.criteria === 'function' ? p.criteria({ liangzhuPark }) : p.criteria;
    const checked = validateCriteria(raw);
    if (!checked.ok) throw new Error(`demo policy ${p.title}: ${checked.problems.map((x) => x.en).join('; ')}`);
    const publishedOn = day(-p.ageDays);
    const row = await tx.insertInto('benefit_policies').values({
      title: p.title, issuer: p.issuer, document_number: p.documentNumber, published_on: p.status === 'draft' ? null : publishedOn,
      valid_from: p.status === 'draft' ? today : publishedOn, valid_to: p.status === 'expired' ? day(-p.ageDays + 365) : day(-p.ageDays + 3 * 365),
      interpretation: p.interpretation, benefit_amount_fen: p.benefitAmountFen, benefit_description: p.benefitDescription,
      auto_grant: p.autoGrant ?? false, criteria: JSON.stringify(checked.criteria), status: p.status,
      published_at: p.status === 'draft' ? null : new Date(now.getTime() - p.ageDays * 86_400_000), published_by: p.status === 'draft' ? null : officer.id,
      created_by: officer.id, created_at: new Date(now.getTime() - (p.ageDays + 3) * 86_400_000), updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const matched = await matchEverything(tx, now);
  const notified = await deliverEligible(tx, new Notifier({ send: async () => {} }), now);
  await tx.insertInto('benefit_match_state').values({ id: 1, enterprises_to: now, facts_to: now }).execute();

  // 高企认定奖励: the list generated, reviewed and confirmed 40 days ago; most enterprises have answered.
  const gaoqi = ids[0]!;
  const gaoqiKey = (await tx.selectFrom('benefit_policies').select('match_key').where('id', '=', gaoqi).executeTakeFirstOrThrow()).match_key;
  const eligible = await tx.selectFrom('benefit_enterprise_matches as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id').select(['e.id', 'e.name'])
    .where(hasPolicy('m', gaoqiKey, 'eligible')).orderBy('e.credit_code').execute();
  const confirmedAt = new Date(now.getTime() - 40 * 86_400_000);
  await tx.insertInto('benefit_grant_lists').values({
    policy_id: gaoqi, status: 'confirmed', generated_at: new Date(confirmedAt.getTime() - 2 * 86_400_000), generated_by: officer.id,
    confirmed_at: confirmedAt, confirmed_by: officer.id, confirmed_by_name: '区经信局 惠企政策专员 林晓', version: 3,
  }).execute();
  let grants = 0;
  for (const [i, e] of eligible.entries()) {
    const excluded = i === 3;
    const answered = e.name === '中双元（杭州）科技有限公司' || (!excluded && rng.chance(0.7));
    const declined = answered && e.name !== '中双元（杭州）科技有限公司' && rng.chance(0.05);
    await tx.insertInto('benefit_grants').values({
      policy_id: gaoqi, enterprise_id: e.id, amount_fen: 20 * WAN, included: !excluded, exclude_reason: excluded ? '该企业本年度已享受同类奖励，不重复兑现' : '',
      intent: !answered || excluded ? 'pending' : declined ? 'declined' : 'confirmed',
      intent_at: answered && !excluded ? new Date(confirmedAt.getTime() + rng.int(1, 20) * 86_400_000) : null,
      ...(answered && !excluded && !declined ? {
        bank_name: rng.pick(BANKS), bank_account_name: e.name, bank_account_no: `3301${String(rng.int(10_000_000, 99_999_999))}${String(rng.int(1000, 9999))}`,
        contact_name: '财务负责人', contact_phone: mobilePhone(rng),
      } : {}),
    }).execute();
    grants++;
  }
  return { benefitPolicies: ids.length, benefitMatches: matched.eligible + matched.nearly, benefitNotified: notified, benefitGrants: grants };
}
