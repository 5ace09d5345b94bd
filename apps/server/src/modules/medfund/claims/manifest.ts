/**
 * The 14 screening rules of issue 7 (codes shared by the generator, its manifest and the rules
 * engine) and the format of the generator's manifest of injected violations. The rules engine's
 * recall test: for every entry of `violations`, a finding of `rule` exists on each settlement of
 * `setlIds` and, where `lineIds` is not empty, covering each of those fee lines. Entries of
 * `nearMisses` must produce NO finding of their rule on their settlements/lines.
 */
export const MEDFUND_RULE_CODES = [
  'WI_DUPLICATE', //  1 医保与工伤重复报销
  'WI_PAID_BY_MEDICAL', //  2 工伤医疗费用由医保基金支付
  'PAIR_EXCLUSION', //  3 重复收费（互斥项目）
  'FREQUENCY_LIMIT', //  4 超频次
  'SEX_RESTRICTION', //  5 限性别
  'AGE_RESTRICTION', //  6 限年龄
  'PAYMENT_SCOPE', //  7 限就医方式 / 机构等级 / 支付疗程
  'OUTPATIENT_DURING_STAY', //  8 住院期间门诊或购药
  'OVERLAPPING_STAYS', //  9 重叠住院
  'SHORT_READMISSION', // 10 分解住院
  'AFTER_DEATH', // 11 死亡后就医
  'DRUG_OVERSUPPLY', // 12 跨机构超量开药
  'PRICE_CAP', // 13 超限价
  'DUPLICATE_SETTLEMENT', // 14 同一票据重复结算
] as const;
export type MedfundRuleCode = (typeof MEDFUND_RULE_CODES)[number];

export const MEDFUND_RULE_NAMES: Record<MedfundRuleCode, { no: number; zh: string; en: string }> = {
  WI_DUPLICATE: { no: 1, zh: '医保与工伤重复报销', en: 'Duplicate reimbursement (medical and work-injury funds)' },
  WI_PAID_BY_MEDICAL: { no: 2, zh: '工伤医疗费用由医保基金支付', en: 'Work-injury treatment paid by the medical fund' },
  PAIR_EXCLUSION: { no: 3, zh: '重复收费（互斥项目）', en: 'Duplicate charging (mutually exclusive items)' },
  FREQUENCY_LIMIT: { no: 4, zh: '超频次收费', en: 'Units over the frequency limit' },
  SEX_RESTRICTION: { no: 5, zh: '限性别项目或药品', en: 'Sex-restricted item or drug' },
  AGE_RESTRICTION: { no: 6, zh: '限年龄项目或药品', en: 'Age-restricted item or drug' },
  PAYMENT_SCOPE: { no: 7, zh: '超支付范围（就医方式、机构等级、疗程）', en: 'Outside the payment scope (visit type, level, course)' },
  OUTPATIENT_DURING_STAY: { no: 8, zh: '住院期间门诊或购药结算', en: 'Outpatient or pharmacy settlement during a stay' },
  OVERLAPPING_STAYS: { no: 9, zh: '住院时间重叠', en: 'Overlapping inpatient stays' },
  SHORT_READMISSION: { no: 10, zh: '分解住院（短期再入院）', en: 'Short-interval readmission' },
  AFTER_DEATH: { no: 11, zh: '死亡后就医结算', en: 'Services after death' },
  DRUG_OVERSUPPLY: { no: 12, zh: '跨机构超量开药', en: 'Drug over-supply across providers' },
  PRICE_CAP: { no: 13, zh: '超最高限价', en: 'Price above the cap' },
  DUPLICATE_SETTLEMENT: { no: 14, zh: '同一费用重复结算', en: 'The same bill settled twice' },
};

/** One injected case: the finding(s) the rule must produce. */
export interface InjectedViolation {
  /** Stable id within the manifest, e.g. 'V-PRICE_CAP-003'. */
  id: string;
  rule: MedfundRuleCode;
  /** The person (psn_no) the finding is about. */
  psnNo: string;
  /** The settlement(s) the finding must be on (for pairs, e.g. overlapping stays, both). */
  setlIds: string[];
  /** The offending fee lines (feedetl_sn); empty when the rule is settlement-level. */
  lineIds: string[];
  /** Other records the evidence must cite: wi_pay_id, wi_recg_id, death_reg_id. */
  otherIds: string[];
  /** Expected severity where the rule definition fixes it ('red' | 'orange'). */
  severity?: 'red' | 'orange';
  /** What was injected, in words (for the test's failure message). */
  note: string;
}

/** A case built to sit just outside a rule: it must NOT produce a finding of `rule`. */
export interface NearMiss {
  id: string;
  rule: MedfundRuleCode;
  psnNo: string;
  setlIds: string[];
  lineIds: string[];
  /** e.g. 'readmission after 16 days (window 15)', 'same-day transfer', 'planned chemotherapy (Z51.1)'. */
  note: string;
}

/** The parameters the injected cases assume (the rules' defaults must match them). */
export interface ManifestAssumptions {
  /** Short readmission window in days (default 15). */
  readmissionDays: number;
  /** Diagnosis prefixes of planned treatments excluded from short readmission (Z51 chemo/radio, Z49 dialysis). */
  plannedDiagnosisPrefixes: string[];
  /** Work-injury scope window after the injury date, in days (default 365). */
  workInjuryWindowDays: number;
  /** ICD-10 prefixes of the injury chapters (S, T). */
  injuryDiagnosisPrefixes: string[];
  /** Rolling window and tolerance of the over-supply rule. */
  oversupplyWindowDays: number;
  oversupplyMaxDays: number;
  /** Age bands in whole years, [min, max): band code → limits. */
  ageBands: Record<string, { min: number; max: number }>;
  /** Days after death within which a settlement still counts as posting (default 1: the next day is tolerated). */
  afterDeathGraceDays: number;
}

export interface GeneratorManifest {
  format: 'zhizhi.medfund.manifest/1';
  seed: number;
  scale: string;
  /** The district-year: 'YYYY'. */
  year: number;
  admdvs: string;
  counts: Record<string, number>;
  assumptions: ManifestAssumptions;
  violations: InjectedViolation[];
  nearMisses: NearMiss[];
  /** The last sequence numbers this generation used (generator/ids.ts): a next generation into the same store starts after them. */
  lastIds?: GeneratorIds;
}

/**
 * The generator's id sequences: persons P{admdvs}{9 digits} (clean from 1, injected cases from
 * 900,000,001), visits M{9}, settlements S{9}, fee lines F{11}. Zero = none used yet.
 */
export interface GeneratorIds {
  person: number;
  injectedPerson: number;
  visit: number;
  settlement: number;
  line: number;
}
