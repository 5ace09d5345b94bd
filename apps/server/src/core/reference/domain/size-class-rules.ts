// 中小企业划型 thresholds as versioned data.
// Thresholds: 工信部联企业〔2011〕300号《中小企业划型标准规定》 (2011-06-18), items (一)–(十六).
// Industry scopes: 国家统计局《统计上大中小微型企业划分办法（2017）》, which restates the same
// thresholds against GB/T 4754-2017 codes. Units: employees = 从业人员 (persons),
// revenueWan = 营业收入 and assetsWan = 资产总额, both in 万元.

export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type SizeIndicator = 'employees' | 'revenueWan' | 'assetsWan';

/** Lower bounds (inclusive: "及以上") of the large, medium and small tiers; below `small` is micro. */
export type TierBounds = readonly [large: number, medium: number, small: number];

export interface SizeGroup {
  id: string;
  nameZh: string;
  /**
   * GB/T 4754-2017 scopes: a 门类 letter, or a 大类/中类/小类 code prefix. The longest
   * matching digit prefix wins over a letter, so '7010' beats 'K'.
   */
  scopes: readonly string[];
  bounds: Partial<Record<SizeIndicator, TierBounds>>;
}

export interface SizeRuleSet {
  id: string;
  effectiveFrom: string; // 'YYYY-MM-DD'
  source: string;
  groups: readonly SizeGroup[];
}

const MIIT_2011: SizeRuleSet = {
  id: 'miit-2011-300/nbs-2017',
  effectiveFrom: '2011-06-18',
  source: '工信部联企业〔2011〕300号; scopes per 统计上大中小微型企业划分办法（2017）',
  groups: [
    { id: 'agriculture', nameZh: '农、林、牧、渔业', scopes: ['A'], bounds: { revenueWan: [20000, 500, 50] } },
    {
      id: 'industry',
      nameZh: '工业',
      scopes: ['B', 'C', 'D'],
      bounds: { employees: [1000, 300, 20], revenueWan: [40000, 2000, 300] },
    },
    {
      id: 'construction',
      nameZh: '建筑业',
      scopes: ['E'],
      bounds: { revenueWan: [80000, 6000, 300], assetsWan: [80000, 5000, 300] },
    },
    { id: 'wholesale', nameZh: '批发业', scopes: ['51'], bounds: { employees: [200, 20, 5], revenueWan: [40000, 5000, 1000] } },
    { id: 'retail', nameZh: '零售业', scopes: ['52'], bounds: { employees: [300, 50, 10], revenueWan: [20000, 500, 100] } },
    {
      // NBS 2017 note: 道路, 水上, 航空, 管道, 多式联运和运输代理 (54–58) and 装卸搬运 (591, which
      // sits inside 59); 铁路运输业 (53) is deliberately outside the table.
      id: 'transport',
      nameZh: '交通运输业',
      scopes: ['54', '55', '56', '57', '58', '591'],
      bounds: { employees: [1000, 300, 20], revenueWan: [30000, 3000, 200] },
    },
    // 59 is 装卸搬运和仓储业; its 591 goes to transport above (longer prefix wins).
    { id: 'warehousing', nameZh: '仓储业', scopes: ['59'], bounds: { employees: [200, 100, 20], revenueWan: [30000, 1000, 100] } },
    { id: 'postal', nameZh: '邮政业', scopes: ['60'], bounds: { employees: [1000, 300, 20], revenueWan: [30000, 2000, 100] } },
    { id: 'accommodation', nameZh: '住宿业', scopes: ['61'], bounds: { employees: [300, 100, 10], revenueWan: [10000, 2000, 100] } },
    { id: 'catering', nameZh: '餐饮业', scopes: ['62'], bounds: { employees: [300, 100, 10], revenueWan: [10000, 2000, 100] } },
    {
      id: 'informationTransmission',
      nameZh: '信息传输业',
      scopes: ['63', '64'],
      bounds: { employees: [2000, 100, 10], revenueWan: [100000, 1000, 100] },
    },
    {
      id: 'software',
      nameZh: '软件和信息技术服务业',
      scopes: ['65'],
      bounds: { employees: [300, 100, 10], revenueWan: [10000, 1000, 50] },
    },
    {
      id: 'realEstateDevelopment',
      nameZh: '房地产开发经营',
      scopes: ['7010'],
      bounds: { revenueWan: [200000, 1000, 100], assetsWan: [10000, 5000, 2000] },
    },
    {
      id: 'propertyManagement',
      nameZh: '物业管理',
      scopes: ['7020'],
      bounds: { employees: [1000, 300, 100], revenueWan: [5000, 1000, 500] },
    },
    {
      id: 'leasingAndBusinessServices',
      nameZh: '租赁和商务服务业',
      scopes: ['L'],
      bounds: { employees: [300, 100, 10], assetsWan: [120000, 8000, 100] },
    },
    {
      // 其他未列明行业 as the NBS note lists it: M, N, O, 社会工作 (85), R, 房地产中介 (7030),
      // 其他房地产业 (7090). Not covered: 7040 (自有/租赁房地产经营), J 金融 (its own 2015 standard),
      // P 教育, 84 卫生, S, T and 53 铁路.
      id: 'otherUnlisted',
      nameZh: '其他未列明行业',
      scopes: ['M', 'N', 'O', '85', 'R', '7030', '7090'],
      bounds: { employees: [300, 100, 10] },
    },
  ],
};

/** Oldest first. When 工信部's revised 划型标准 comes into force, append it with its effectiveFrom. */
export const SIZE_RULE_SETS: readonly SizeRuleSet[] = [MIIT_2011];

/** GB/T 4754-2017 门类 → range of its 大类, to place a digit code in its 门类. */
export const SECTION_DIVISIONS: Readonly<Record<string, readonly [number, number]>> = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};
