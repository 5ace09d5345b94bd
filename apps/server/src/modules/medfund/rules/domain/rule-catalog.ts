import type { TemplateCode } from './templates';
import type { ParamValues, TableValues } from './parameters';
import { TEMPLATES } from './templates';
import { defaultParams } from './parameters';
import type { MedfundRuleCode } from '../../claims/manifest';

export type Severity = 'red' | 'orange';

/** A rule as shipped (version 1 of the 14 rules of issue 7); analysts change it through new versions. */
export interface ShippedRule {
  code: MedfundRuleCode;
  template: TemplateCode;
  zh: string;
  en: string;
  severity: Severity;
  department: string;
  params: ParamValues;
  tables: TableValues;
}

/**
 * The restrictions themselves (the national 两库 batches: sex, age band, visit type, level,
 * work-injury-only, frequency, course days, price caps, exclusive pairs) come from the catalogue in
 * the claims store (hilist, item_excl_pair: loaded like the claims). A rule's own tables are local
 * additions matched by code prefix, empty as shipped; its parameters are the windows, days and
 * bands. docs/medfund/RULES.md gives the definition of each rule.
 */
export const SHIPPED_RULES: ShippedRule[] = [
  {
    code: 'WI_DUPLICATE',
    template: 'cross_fund_duplicate',
    zh: '医保与工伤重复报销',
    en: 'Paid by both the medical and the work-injury fund',
    severity: 'red',
    department: '人社局工伤保险科',
    params: defaultParams(TEMPLATES.cross_fund_duplicate.params),
    tables: {},
  },
  {
    code: 'WI_PAID_BY_MEDICAL',
    template: 'work_injury_scope',
    zh: '工伤医疗费用由医保基金支付',
    en: 'Work-injury treatment paid by the medical fund',
    severity: 'orange',
    department: '人社局工伤保险科',
    params: defaultParams(TEMPLATES.work_injury_scope.params),
    tables: { workInjuryDrugs: [] },
  },
  {
    code: 'PAIR_EXCLUSION',
    template: 'pair_exclusion',
    zh: '重复收费（互斥项目）',
    en: 'Duplicate charging (mutually exclusive items)',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: { pairs: [] },
  },
  {
    code: 'FREQUENCY_LIMIT',
    template: 'units_per_window',
    zh: '超频次收费',
    en: 'Units over the frequency limit',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: { limits: [] },
  },
  {
    code: 'SEX_RESTRICTION',
    template: 'attribute_sex',
    zh: '限性别项目和药品',
    en: 'Sex-restricted items and drugs',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: { restrictions: [] },
  },
  {
    code: 'AGE_RESTRICTION',
    template: 'attribute_age',
    zh: '限年龄项目和药品',
    en: 'Age-restricted items and drugs',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {
      bands: [
        { band: 'infant', minAge: 0, maxAge: 3, note: '婴幼儿（0–2 周岁）' },
        { band: 'young_child', minAge: 0, maxAge: 7, note: '婴幼儿（不满 7 周岁）' },
        { band: 'child', minAge: 0, maxAge: 15, note: '少年儿童（不满 15 周岁）' },
        { band: 'working_age', minAge: 16, maxAge: 60, note: '劳动年龄（16–59 周岁）' },
        { band: 'adult', minAge: 18, maxAge: 151, note: '成人（18 周岁及以上）' },
      ],
      restrictions: [],
    },
  },
  {
    code: 'PAYMENT_SCOPE',
    template: 'payment_scope',
    zh: '限支付范围（就医方式、机构等级、疗程）',
    en: 'Payment scope (visit type, provider level, days of course)',
    severity: 'red',
    department: '医保局医药服务管理科',
    params: {},
    tables: { inpatientOnly: [], minLevel: [], maxDays: [] },
  },
  {
    code: 'OUTPATIENT_DURING_STAY',
    template: 'outpatient_during_stay',
    zh: '住院期间门诊或购药结算',
    en: 'Outpatient or pharmacy settlement during a stay',
    severity: 'orange',
    department: '医保局基金监管科',
    params: {},
    tables: {},
  },
  {
    code: 'OVERLAPPING_STAYS',
    template: 'stay_overlap',
    zh: '重叠住院',
    en: 'Overlapping inpatient stays',
    severity: 'red',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.stay_overlap.params),
    tables: {},
  },
  {
    code: 'SHORT_READMISSION',
    template: 'short_readmission',
    zh: '短期再入院（分解住院）',
    en: 'Short-interval readmission (split stays)',
    severity: 'orange',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.short_readmission.params),
    tables: {},
  },
  {
    code: 'AFTER_DEATH',
    template: 'after_death',
    zh: '死亡后发生医疗费用',
    en: 'Services after death',
    severity: 'red',
    department: '公安局经侦大队',
    params: defaultParams(TEMPLATES.after_death.params),
    tables: {},
  },
  {
    code: 'DRUG_OVERSUPPLY',
    template: 'supply_per_window',
    zh: '跨机构超量开药',
    en: 'Over-supply of a drug across providers',
    severity: 'orange',
    department: '医保局基金监管科',
    params: defaultParams(TEMPLATES.supply_per_window.params),
    tables: {},
  },
  {
    code: 'PRICE_CAP',
    template: 'price_cap',
    zh: '超限价收费',
    en: 'Price above the cap',
    severity: 'red',
    department: '市场监管局价格监督检查科',
    params: {},
    tables: { caps: [] },
  },
  {
    code: 'DUPLICATE_SETTLEMENT',
    template: 'duplicate_bill',
    zh: '同一票据重复结算',
    en: 'Same bill settled twice',
    severity: 'red',
    department: '医保局基金监管科',
    params: {},
    tables: {},
  },
];
