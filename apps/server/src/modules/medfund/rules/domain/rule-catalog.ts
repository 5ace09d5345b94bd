import type { TemplateCode } from './templates';
import type { ParamValues, TableValues } from './parameters';
import { TEMPLATES } from './templates';
import { defaultParams } from './parameters';

export type Severity = 'red' | 'orange';

/** A rule as shipped (version 1 of the 14 rules of issue 7); analysts change it through new versions. */
export interface ShippedRule {
  code: string;
  template: TemplateCode;
  zh: string;
  en: string;
  severity: Severity;
  department: string;
  params: ParamValues;
  tables: TableValues;
}

/**
 * The shipped code lists are small samples in the national code systems (drugs: 医保药品代码
 * X…/Z…; service items: 15-digit 医疗服务项目 国标代码; diagnoses: ICD-10), matching the claims
 * generator's catalogue (modules/medfund/generator). Analysts load the full NHSA batches as new
 * versions. docs/medfund/RULES.md gives the definition of each rule.
 */
export const SHIPPED_RULES: ShippedRule[] = [
  {
    code: 'MF01',
    template: 'cross_fund_duplicate',
    zh: '医保与工伤重复报销',
    en: 'Paid by both the medical and the work-injury fund',
    severity: 'red',
    department: '人社局工伤保险科',
    params: defaultParams(TEMPLATES.cross_fund_duplicate.params),
    tables: {},
  },
  {
    code: 'MF02',
    template: 'work_injury_scope',
    zh: '工伤医疗费用由医保基金支付',
    en: 'Work-injury treatment paid by the medical fund',
    severity: 'orange',
    department: '人社局工伤保险科',
    params: defaultParams(TEMPLATES.work_injury_scope.params),
    tables: { workInjuryDrugs: [{ code: 'XD03AXG001', note: '疤痕止痒软化膏（工伤保险目录用药）' }, { code: 'XJ07BGK001', note: '冻干人用狂犬病疫苗（工伤）' }] },
  },
  {
    code: 'MF03',
    template: 'pair_exclusion',
    zh: '重复收费（互斥项目）',
    en: 'Duplicate charging (mutually exclusive items)',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {
      pairs: [
        { mainCode: '110200005', subCode: '110200001', window: 'day', note: '住院诊查费 与 门诊诊查费 同日' },
        { mainCode: '310701001', subCode: '310701002', window: 'visit', note: '心电图 与 床边心电图 同次就诊' },
        { mainCode: '250305004', subCode: '250305003', window: 'hours', hours: 6, note: '血糖测定（仪器法）与 血糖测定（试纸法）6 小时内' },
      ],
    },
  },
  {
    code: 'MF04',
    template: 'units_per_window',
    zh: '超频次收费',
    en: 'Units over the frequency limit',
    severity: 'orange',
    department: '医保局基金监管科',
    params: {},
    tables: {
      limits: [
        { code: '110200005', maxUnits: 1, per: 'day', note: '住院诊查费 1 次/日' },
        { code: '120100001', maxUnits: 1, per: 'day', note: '床位费 1 日/日' },
        { code: '250101015', maxUnits: 1, per: 'visit', note: '血常规 1 次/次就诊' },
      ],
    },
  },
  {
    code: 'MF05',
    template: 'attribute_sex',
    zh: '限性别项目和药品',
    en: 'Sex-restricted items and drugs',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {
      restrictions: [
        { code: '311201', sex: '2', note: '产科项目（限女性）' },
        { code: 'XG03DAP', sex: '2', note: '黄体酮类（限女性）' },
        { code: '311000025', sex: '1', note: '前列腺按摩（限男性）' },
      ],
    },
  },
  {
    code: 'MF06',
    template: 'attribute_age',
    zh: '限年龄项目和药品',
    en: 'Age-restricted items and drugs',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {
      restrictions: [
        { code: '311202', minAge: 0, maxAge: 14, note: '儿童项目（0–14 周岁）' },
        { code: 'XR05CBX', minAge: 0, maxAge: 6, note: '婴幼儿用药（0–6 周岁）' },
        { code: '340200011', minAge: 16, maxAge: 60, note: '职业功能训练（法定劳动年龄）' },
      ],
    },
  },
  {
    code: 'MF07',
    template: 'payment_scope',
    zh: '限支付范围（就医方式、机构等级、疗程）',
    en: 'Payment scope (visit type, provider level, days of course)',
    severity: 'red',
    department: '医保局医药服务管理科',
    params: {},
    tables: {
      inpatientOnly: [{ code: 'XB05BAW', note: 'ω-3 鱼油脂肪乳（限住院）' }],
      minLevel: [{ code: 'XL01XCR', minLevel: 2, note: '利妥昔单抗（限二级及以上）' }],
      maxDays: [{ code: 'XB01ACA', maxDays: 14, note: '奥扎格雷（限 14 天）' }],
    },
  },
  {
    code: 'MF08',
    template: 'outpatient_during_stay',
    zh: '住院期间门诊或购药结算',
    en: 'Outpatient or pharmacy settlement during a stay',
    severity: 'orange',
    department: '医保局基金监管科',
    params: {},
    tables: {},
  },
  {
    code: 'MF09',
    template: 'stay_overlap',
    zh: '重叠住院',
    en: 'Overlapping inpatient stays',
    severity: 'red',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.stay_overlap.params),
    tables: {},
  },
  {
    code: 'MF10',
    template: 'short_readmission',
    zh: '短期再入院（分解住院）',
    en: 'Short-interval readmission (split stays)',
    severity: 'orange',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.short_readmission.params),
    tables: {},
  },
  {
    code: 'MF11',
    template: 'after_death',
    zh: '死亡后发生医疗费用',
    en: 'Services after death',
    severity: 'red',
    department: '公安局经侦大队',
    params: defaultParams(TEMPLATES.after_death.params),
    tables: {},
  },
  {
    code: 'MF12',
    template: 'supply_per_window',
    zh: '跨机构超量开药',
    en: 'Over-supply of a drug across providers',
    severity: 'orange',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.supply_per_window.params),
    tables: {},
  },
  {
    code: 'MF13',
    template: 'price_cap',
    zh: '超限价收费',
    en: 'Price above the cap',
    severity: 'red',
    department: '市场监管局价格监督检查科',
    params: {},
    tables: {
      caps: [
        { code: '120100001', capFen: 4500, note: '普通床位费 45 元/日' },
        { code: '110200005', capFen: 2000, note: '住院诊查费 20 元/日' },
      ],
    },
  },
  {
    code: 'MF14',
    template: 'duplicate_bill',
    zh: '同一票据重复结算',
    en: 'Same bill settled twice',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {},
  },
];
