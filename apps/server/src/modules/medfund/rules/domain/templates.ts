import type { ParamSpec, TableSpec } from './parameters';

/**
 * The rule templates (规则模板): each is one screening SQL text (template-sql.ts) with the
 * parameters and tables a rule fills in. A rule is a template + a versioned set of values
 * (rule-catalog.ts ships the 14 of issue 7). docs/medfund/RULES.md defines each precisely.
 */
export const TEMPLATE_CODES = [
  'cross_fund_duplicate',
  'work_injury_scope',
  'pair_exclusion',
  'units_per_window',
  'attribute_sex',
  'attribute_age',
  'payment_scope',
  'outpatient_during_stay',
  'stay_overlap',
  'short_readmission',
  'after_death',
  'supply_per_window',
  'price_cap',
  'duplicate_bill',
] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

export interface TemplateSpec {
  code: TemplateCode;
  zh: string;
  en: string;
  params: Record<string, ParamSpec>;
  tables: Record<string, TableSpec>;
}

const code = (name: string, zh: string, en: string) => ({ name, kind: 'code' as const, zh, en });
const note = { name: 'note', kind: 'text' as const, zh: '备注', en: 'Note', optional: true };

export const TEMPLATES: Record<TemplateCode, TemplateSpec> = {
  cross_fund_duplicate: {
    code: 'cross_fund_duplicate',
    zh: '跨基金重复报销',
    en: 'Duplicate across funds',
    params: {
      amountTolerancePct: { kind: 'number', min: 0, max: 10, default: 1, zh: '金额相符容差', en: 'Amount match tolerance', unit: '%' },
    },
    tables: {},
  },
  work_injury_scope: {
    code: 'work_injury_scope',
    zh: '工伤费用由医保支付',
    en: 'Work-injury care paid by the medical fund',
    params: {
      daysAfterInjury: { kind: 'int', min: 1, max: 1095, default: 365, zh: '认定工伤后天数', en: 'Days after the injury', unit: '天' },
      injuryDiagnosisPrefixes: { kind: 'codes', maxItems: 50, default: ['S', 'T'], zh: '损伤类诊断编码前缀', en: 'Injury diagnosis code prefixes' },
    },
    tables: {
      workInjuryDrugs: { zh: '工伤保险专用药品', en: 'Work-injury-only drugs', maxRows: 5000, columns: [code('code', '药品编码（前缀）', 'Drug code (prefix)'), note] },
    },
  },
  pair_exclusion: {
    code: 'pair_exclusion',
    zh: '互斥项目重复收费',
    en: 'Mutually exclusive pair',
    params: {},
    tables: {
      pairs: {
        zh: '互斥项目对',
        en: 'Exclusive pairs',
        maxRows: 5000,
        columns: [
          code('mainCode', '主项编码（前缀）', 'Main item code (prefix)'),
          code('subCode', '从项编码（前缀）', 'Secondary item code (prefix)'),
          { name: 'window', kind: 'enum', values: ['visit', 'day', 'hours'], zh: '频度（单次就诊/单日/小时）', en: 'Window (visit / day / hours)' },
          { name: 'hours', kind: 'int', min: 1, max: 24, zh: '小时数', en: 'Hours', optional: true },
          note,
        ],
      },
    },
  },
  units_per_window: {
    code: 'units_per_window',
    zh: '超频次收费',
    en: 'Units over the limit',
    params: {},
    tables: {
      limits: {
        zh: '限定频次',
        en: 'Frequency limits',
        maxRows: 5000,
        columns: [
          code('code', '项目编码（前缀）', 'Item code (prefix)'),
          { name: 'maxUnits', kind: 'int', min: 1, max: 1000, zh: '限制数量', en: 'Limit' },
          { name: 'per', kind: 'enum', values: ['day', 'visit'], zh: '计量周期（日/次就诊）', en: 'Per (day / visit)' },
          note,
        ],
      },
    },
  },
  attribute_sex: {
    code: 'attribute_sex',
    zh: '限性别项目和药品',
    en: 'Sex-restricted items and drugs',
    params: {},
    tables: {
      restrictions: {
        zh: '限定性别',
        en: 'Sex restrictions',
        maxRows: 20000,
        columns: [code('code', '项目或药品编码（前缀）', 'Item or drug code (prefix)'), { name: 'sex', kind: 'enum', values: ['1', '2'], zh: '限定性别（1 男 / 2 女）', en: 'Only for sex (1 male / 2 female)' }, note],
      },
    },
  },
  attribute_age: {
    code: 'attribute_age',
    zh: '限年龄项目和药品',
    en: 'Age-restricted items and drugs',
    params: {},
    tables: {
      bands: {
        zh: '年龄段',
        en: 'Age bands',
        maxRows: 50,
        columns: [
          code('band', '年龄段代码', 'Band code'),
          { name: 'minAge', kind: 'int', min: 0, max: 150, zh: '起始年龄（周岁，含）', en: 'From age (years, inclusive)' },
          { name: 'maxAge', kind: 'int', min: 1, max: 151, zh: '截止年龄（周岁，不含）', en: 'Below age (years, exclusive)' },
          note,
        ],
      },
      restrictions: {
        zh: '本地补充的限定年龄项目（目录之外）',
        en: 'Local age restrictions (beyond the catalogue)',
        maxRows: 20000,
        columns: [code('code', '项目或药品编码（前缀）', 'Item or drug code (prefix)'), code('band', '年龄段代码', 'Band code'), note],
      },
    },
  },
  payment_scope: {
    code: 'payment_scope',
    zh: '限支付范围（就医方式、机构等级、疗程）',
    en: 'Payment scope (visit type, provider level, days of course)',
    params: {},
    tables: {
      inpatientOnly: { zh: '限住院使用', en: 'Inpatient only', maxRows: 5000, columns: [code('code', '药品编码（前缀）', 'Drug code (prefix)'), note] },
      minLevel: {
        zh: '限机构等级',
        en: 'Minimum provider level',
        maxRows: 5000,
        columns: [code('code', '药品编码（前缀）', 'Drug code (prefix)'), { name: 'minLevel', kind: 'int', min: 1, max: 3, zh: '最低医院等级（1–3 级）', en: 'Minimum hospital level (1–3)' }, note],
      },
      maxDays: {
        zh: '限支付疗程',
        en: 'Maximum paid days',
        maxRows: 5000,
        columns: [code('code', '药品编码（前缀）', 'Drug code (prefix)'), { name: 'maxDays', kind: 'int', min: 1, max: 365, zh: '最多支付天数', en: 'Maximum paid days' }, note],
      },
    },
  },
  outpatient_during_stay: {
    code: 'outpatient_during_stay',
    zh: '住院期间门诊或购药',
    en: 'Outpatient or pharmacy during a stay',
    params: {},
    tables: {},
  },
  stay_overlap: {
    code: 'stay_overlap',
    zh: '重叠住院',
    en: 'Overlapping stays',
    params: {
      minOverlapDays: { kind: 'int', min: 1, max: 30, default: 1, zh: '最少重叠天数', en: 'Minimum overlap', unit: '天' },
    },
    tables: {},
  },
  short_readmission: {
    code: 'short_readmission',
    zh: '短期再入院（分解住院）',
    en: 'Short-interval readmission',
    params: {
      maxGapDays: { kind: 'int', min: 1, max: 90, default: 15, zh: '出院至再入院天数（含）', en: 'Days from discharge to readmission (inclusive)', unit: '天' },
      diagnosisPrefixLength: { kind: 'int', min: 1, max: 7, default: 3, zh: '主诊断比较位数', en: 'Main-diagnosis characters compared' },
      plannedDiagnosisPrefixes: { kind: 'codes', maxItems: 100, default: ['Z51', 'Z49', 'N18.5'], zh: '计划性治疗诊断前缀（排除）', en: 'Planned-treatment diagnosis prefixes (excluded)' },
    },
    tables: {},
  },
  after_death: {
    code: 'after_death',
    zh: '死亡后就医',
    en: 'Services after death',
    params: {
      graceDays: { kind: 'int', min: 0, max: 30, default: 1, zh: '宽限天数', en: 'Grace days', unit: '天' },
    },
    tables: {},
  },
  supply_per_window: {
    code: 'supply_per_window',
    zh: '跨机构超量开药',
    en: 'Over-supply across providers',
    params: {
      windowDays: { kind: 'int', min: 7, max: 180, default: 30, zh: '滚动窗口天数', en: 'Rolling window', unit: '天' },
      maxDays: { kind: 'int', min: 1, max: 365, default: 40, zh: '窗口内最多用药天数', en: 'Most days of supply in the window', unit: '天' },
      minProviders: { kind: 'int', min: 1, max: 10, default: 2, zh: '最少机构数', en: 'Minimum number of providers' },
    },
    tables: {},
  },
  price_cap: {
    code: 'price_cap',
    zh: '超限价收费',
    en: 'Price above the cap',
    params: {},
    tables: {
      caps: {
        zh: '限价',
        en: 'Price caps',
        maxRows: 20000,
        columns: [code('code', '项目或药品编码', 'Item or drug code'), { name: 'capFen', kind: 'int', min: 1, max: 100_000_000, zh: '最高单价（分）', en: 'Maximum unit price (fen)' }, note],
      },
    },
  },
  duplicate_bill: {
    code: 'duplicate_bill',
    zh: '同一票据重复结算',
    en: 'Same bill settled twice',
    params: {},
    tables: {},
  },
};
