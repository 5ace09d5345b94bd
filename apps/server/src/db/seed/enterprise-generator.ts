import type { EnterpriseInput } from '@zhizhi/contracts';
import { makeCreditCode, CREDIT_CODE_ALPHABET } from '../../core/reference/domain/credit-code';
import type { Random } from './random';

/**
 * Plausible enterprises for the demo county, tests and benchmarks: real GB/T 4754-2017 codes,
 * credit codes with a correct check character, figures in proportion to the industry.
 * Everything here is invented; any likeness to a real company's data is chance.
 */
interface IndustryProfile {
  code: string;
  words: readonly string[]; // the business part of the name
  suffix: string;
  employees: readonly [number, number];
  revenuePerHeadWan: readonly [number, number];
  tags: readonly string[];
  highTechChance: number;
}

export const INDUSTRY_PROFILES: readonly IndustryProfile[] = [
  { code: '6513', words: ['云栖', '数智', '智联', '数链', '云帆'], suffix: '科技有限公司', employees: [8, 600], revenuePerHeadWan: [30, 120], tags: ['数字经济', '科技型中小企业'], highTechChance: 0.5 },
  { code: '6511', words: ['星核', '原点', '深算'], suffix: '软件有限公司', employees: [10, 300], revenuePerHeadWan: [30, 100], tags: ['数字经济', '信创'], highTechChance: 0.6 },
  { code: '6520', words: ['芯原', '微芯', '晶智'], suffix: '微电子有限公司', employees: [20, 400], revenuePerHeadWan: [50, 200], tags: ['数字经济', '集成电路'], highTechChance: 0.8 },
  { code: '6531', words: ['政通', '信达', '汇智'], suffix: '信息技术有限公司', employees: [5, 200], revenuePerHeadWan: [20, 80], tags: ['数字经济'], highTechChance: 0.3 },
  { code: '6550', words: ['数港', '云仓', '算力'], suffix: '数据服务有限公司', employees: [10, 150], revenuePerHeadWan: [40, 150], tags: ['数字经济', '数据要素'], highTechChance: 0.4 },
  { code: '2720', words: ['康源', '华瑞', '百川'], suffix: '制药有限公司', employees: [50, 1500], revenuePerHeadWan: [60, 200], tags: ['生物医药'], highTechChance: 0.6 },
  { code: '2761', words: ['生命源', '基因港', '赛维'], suffix: '生物科技有限公司', employees: [20, 500], revenuePerHeadWan: [40, 180], tags: ['生物医药'], highTechChance: 0.7 },
  { code: '3581', words: ['安诊', '睿影', '康达'], suffix: '医疗器械有限公司', employees: [20, 600], revenuePerHeadWan: [40, 150], tags: ['生物医药', '医疗器械'], highTechChance: 0.6 },
  { code: '7340', words: ['泰格', '博研', '启明'], suffix: '医药研究有限公司', employees: [10, 300], revenuePerHeadWan: [30, 90], tags: ['生物医药', '研发服务'], highTechChance: 0.5 },
  { code: '7452', words: ['谱尼', '中检', '华测', '正信'], suffix: '检测技术有限公司', employees: [10, 300], revenuePerHeadWan: [20, 60], tags: ['检验检测'], highTechChance: 0.3 },
  { code: '4014', words: ['仪科', '精测', '实验'], suffix: '仪器有限公司', employees: [20, 400], revenuePerHeadWan: [30, 90], tags: ['高端装备'], highTechChance: 0.5 },
  { code: '3484', words: ['恒力', '永固', '精工'], suffix: '机械有限公司', employees: [20, 800], revenuePerHeadWan: [30, 80], tags: ['先进制造'], highTechChance: 0.2 },
  { code: '3670', words: ['驰远', '车联', '安途'], suffix: '汽车零部件有限公司', employees: [50, 1200], revenuePerHeadWan: [40, 120], tags: ['先进制造', '汽车零部件'], highTechChance: 0.3 },
  { code: '3841', words: ['锂能', '储源', '电芯'], suffix: '新能源科技有限公司', employees: [50, 1000], revenuePerHeadWan: [80, 250], tags: ['新能源'], highTechChance: 0.6 },
  { code: '2929', words: ['塑美', '永成', '恒通'], suffix: '塑业有限公司', employees: [10, 300], revenuePerHeadWan: [30, 70], tags: ['传统制造'], highTechChance: 0.1 },
  { code: '7320', words: ['之江', '天目', '创新'], suffix: '研究院有限公司', employees: [10, 200], revenuePerHeadWan: [20, 80], tags: ['研发服务', '成果转化'], highTechChance: 0.7 },
  { code: '6432', words: ['优选', '邻里', '乐享'], suffix: '网络科技有限公司', employees: [10, 500], revenuePerHeadWan: [40, 150], tags: ['数字经济', '平台经济'], highTechChance: 0.3 },
  { code: '5179', words: ['汇通', '联创', '鑫达'], suffix: '贸易有限公司', employees: [3, 60], revenuePerHeadWan: [80, 400], tags: [], highTechChance: 0 },
];

const CITY_PREFIX = ['杭州', '浙江', '杭州余杭'];
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强文博宇浩然子涵欣怡梓萱一诺思远俊杰晨曦雨桐佳琪';
const TITLES = ['总经理', '财务负责人', '人事经理', '行政主管', '董事长', '研发总监'];
const PHONE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '158', '159', '177', '180', '186', '187', '189'];

export function personName(rng: Random): string {
  return rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.6) ? rng.pick([...GIVEN]) : '');
}

export function mobilePhone(rng: Random): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A credit code of a company registered with the market regulator (91…) in `countyCode`. */
export function creditCodeIn(rng: Random, countyCode: string): string {
  let body = 'MA2';
  for (let i = 0; i < 6; i++) body += CREDIT_CODE_ALPHABET[rng.int(0, CREDIT_CODE_ALPHABET.length - 1)];
  return makeCreditCode(`91${countyCode}${body}`);
}

export interface GeneratorPlace {
  countyCode: string;
  streets: readonly string[];
  /** park id → street code */
  parks: readonly { id: string; divisionCode: string }[];
}

export function generateEnterprise(rng: Random, place: GeneratorPlace, usedNames: Set<string>): EnterpriseInput {
  const p = rng.pick(INDUSTRY_PROFILES);
  let name = '';
  for (let attempt = 0; attempt < 50 && (!name || usedNames.has(name)); attempt++) {
    const extra = attempt > 3 ? rng.pick(['东方', '新', '恒', '瑞', '嘉', '中', '卓', '博']) : '';
    name = `${rng.pick(CITY_PREFIX)}${extra}${rng.pick(p.words)}${rng.pick(['', '智', '达', '远', '创', '恒', '华'])}${p.suffix}`;
  }
  if (usedNames.has(name)) name = name.replace('有限公司', `${usedNames.size}号有限公司`);
  usedNames.add(name);
  const park = rng.chance(0.55) ? rng.pick(place.parks) : null;
  const divisionCode = park?.divisionCode ?? rng.pick(place.streets);
  // Most firms are small: skew head counts towards the low end (a county has few large ones).
  const employees = Math.round(p.employees[0] + (p.employees[1] - p.employees[0]) * rng.next() ** 4);
  const perHead = p.revenuePerHeadWan[0] + (p.revenuePerHeadWan[1] - p.revenuePerHeadWan[0]) * rng.next() ** 2;
  const revenueWan = Math.round(employees * perHead * 100) / 100;
  const industrial = /^(2|3|4)/.test(p.code);
  const year = rng.int(2003, 2024);
  const tags = p.tags.filter(() => rng.chance(0.8));
  if (rng.chance(0.08)) tags.push('专精特新');
  return {
    creditCode: creditCodeIn(rng, place.countyCode),
    name,
    legalRepresentative: personName(rng),
    establishedOn: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    registeredCapitalFen: rng.int(50, 20_000) * 1_000_000,
    industryCode: p.code,
    divisionCode,
    parkId: park?.id ?? null,
    address: `${rng.pick(['文一西路', '良渚大道', '古墩路', '五常大道', '向往街', '仓兴街', '梦想小镇路'])}${rng.int(1, 1999)}号`,
    employees,
    revenueFen: Math.round(revenueWan * 1_000_000),
    assetsFen: Math.round(revenueWan * rng.int(6, 20) * 100_000),
    // 规上: industry and most services at 2,000 万元 of revenue (NBS; see shared/domain/economy.md §3.5).
    aboveScale: revenueWan >= 2000 && (industrial || rng.chance(0.9)),
    highTech: rng.chance(p.highTechChance),
    listed: employees > 500 && rng.chance(0.15),
    tags: [...new Set(tags)],
    status: rng.chance(0.97) ? 'active' : rng.pick(['suspended', 'closed'] as const),
    businessScope: '',
  };
}
