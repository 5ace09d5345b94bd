/**
 * The claims store's tables, defined once. The DDL for DuckDB and for PostgreSQL is generated from
 * these definitions (claims-ddl.ts) with the same SQL types, so the screening SQL reads the same
 * columns with the same types on both engines. Names follow the national medical insurance data
 * layout (国家医疗保障信息平台: setl_d, mdtrt_d, fee_list_d, setl_list_diag_d) where it exists;
 * the tables other departments share and the reference tables are ours (docs/medfund/DATA.md).
 *
 * Types, and how they reach TypeScript (both stores return the same values):
 * - VARCHAR → string; codes stay text ('1', '01', '310'), never numbers.
 * - DATE → 'YYYY-MM-DD'; TIMESTAMP → 'YYYY-MM-DD HH:MM:SS' (local time of the claims, Asia/Shanghai,
 *   as the national files carry it; no time zone).
 * - DECIMAL(14,2) money in yuan (元) as the national layout has it; exact on both engines; read as
 *   a JS number. DECIMAL(12,2) quantities. INTEGER / SMALLINT → number. BOOLEAN → boolean.
 * Every table has load_id: the platform's medfund_data_loads.id that brought the row (0 = demo/generator).
 */

export type ClaimsSqlType =
  | 'VARCHAR'
  | 'DATE'
  | 'TIMESTAMP'
  | 'DECIMAL(14,2)'
  | 'DECIMAL(12,2)'
  | 'INTEGER'
  | 'SMALLINT'
  | 'BIGINT'
  | 'BOOLEAN';

export interface ClaimsColumn {
  name: string;
  type: ClaimsSqlType;
  /** NOT NULL in the DDL, and a required column of an import mapping. */
  required?: boolean;
  zh: string;
  en: string;
}

export interface ClaimsTableDef {
  name: ClaimsTableName;
  zh: string;
  en: string;
  columns: readonly ClaimsColumn[];
  /** The natural key: a row whose key is already stored is not added again (idempotent import). */
  key: readonly string[];
}

const money = (name: string, zh: string, en: string, required = false): ClaimsColumn => ({
  name,
  type: 'DECIMAL(14,2)',
  required,
  zh,
  en,
});
const text = (name: string, zh: string, en: string, required = false): ClaimsColumn => ({
  name,
  type: 'VARCHAR',
  required,
  zh,
  en,
});
const loadId: ClaimsColumn = { name: 'load_id', type: 'BIGINT', required: true, zh: '数据加载批次', en: 'Data load' };

export const CLAIMS_TABLE_NAMES = [
  'psn_info',
  'fixmedins',
  'mdtrt_d',
  'setl_d',
  'fee_list_d',
  'setl_list_diag_d',
  'wi_recognition',
  'wi_payment',
  'death_reg',
  'hilist',
  'item_excl_pair',
] as const;
export type ClaimsTableName = (typeof CLAIMS_TABLE_NAMES)[number];

export const CLAIMS_TABLES: Record<ClaimsTableName, ClaimsTableDef> = {
  psn_info: {
    name: 'psn_info',
    zh: '参保人员',
    en: 'Insured persons',
    key: ['psn_no'],
    columns: [
      text('psn_no', '人员编号', 'Person number', true),
      text('certno', '证件号码', 'ID number', true),
      text('psn_name', '姓名', 'Name'),
      // GB/T 2261.1: '1' male, '2' female, '0'/'9' unknown
      text('gend', '性别（1男 2女）', 'Sex (1 male, 2 female)', true),
      { name: 'brdy', type: 'DATE', required: true, zh: '出生日期', en: 'Birth date' },
      // national 险种类型: '310' 职工基本医疗保险, '390' 城乡居民基本医疗保险
      text('insutype', '险种类型（310职工 390居民）', 'Insurance type (310 employee, 390 resident)', true),
      { name: 'die_date', type: 'DATE', zh: '死亡日期（医保登记）', en: 'Death date (insurance record)' },
      text('insu_admdvs', '参保地医保区划', 'Insurance division'),
      loadId,
    ],
  },
  fixmedins: {
    name: 'fixmedins',
    zh: '定点医药机构',
    en: 'Designated providers',
    key: ['fixmedins_code'],
    columns: [
      text('fixmedins_code', '定点医药机构编号', 'Provider code', true),
      text('fixmedins_name', '定点医药机构名称', 'Provider name', true),
      // '1' 定点医疗机构, '2' 定点零售药店
      text('fixmedins_type', '机构类型（1医疗机构 2零售药店）', 'Type (1 medical institution, 2 retail pharmacy)', true),
      // 综合 / 中医 / 专科 / 基层 / 药店
      text('medins_type', '医疗机构类别', 'Institution category'),
      // national 医院等级 code: 01-04 三级, 05-07 二级, 08-10 一级, 11 未定级
      text('hosp_lv', '医院等级代码', 'Hospital level code'),
      { name: 'lv_rank', type: 'SMALLINT', required: true, zh: '等级（3三级 2二级 1一级 0未定级）', en: 'Level rank (3, 2, 1, 0 = none)' },
      text('admdvs', '所在医保区划', 'Division'),
      loadId,
    ],
  },
  mdtrt_d: {
    name: 'mdtrt_d',
    zh: '就诊信息',
    en: 'Visits',
    key: ['mdtrt_id'],
    columns: [
      text('mdtrt_id', '就诊ID', 'Visit id', true),
      text('psn_no', '人员编号', 'Person number', true),
      text('certno', '证件号码', 'ID number', true),
      text('fixmedins_code', '定点医药机构编号', 'Provider code', true),
      // '11' 普通门诊, '14' 门诊慢特病, '21' 普通住院, '41' 定点药店购药
      text('med_type', '医疗类别', 'Visit type', true),
      { name: 'begntime', type: 'TIMESTAMP', required: true, zh: '开始（入院）时间', en: 'Start (admission) time' },
      { name: 'endtime', type: 'TIMESTAMP', required: true, zh: '结束（出院）时间', en: 'End (discharge) time' },
      text('dscg_maindiag_code', '主诊断代码（ICD-10）', 'Main diagnosis (ICD-10)'),
      text('dscg_maindiag_name', '主诊断名称', 'Main diagnosis name'),
      // 离院方式: '1' 医嘱离院, '2' 医嘱转院, '5' 死亡, '9' 其他
      text('dscg_way', '离院方式', 'Discharge way'),
      text('refl_old_mdtrt_id', '转出就诊ID（转院）', 'Transferred from visit'),
      loadId,
    ],
  },
  setl_d: {
    name: 'setl_d',
    zh: '结算信息',
    en: 'Settlements',
    key: ['setl_id'],
    columns: [
      text('setl_id', '结算ID', 'Settlement id', true),
      text('mdtrt_id', '就诊ID', 'Visit id', true),
      text('psn_no', '人员编号', 'Person number', true),
      text('certno', '证件号码', 'ID number', true),
      text('fixmedins_code', '定点医药机构编号', 'Provider code', true),
      text('insutype', '险种类型', 'Insurance type', true),
      text('med_type', '医疗类别', 'Visit type', true),
      { name: 'begndate', type: 'DATE', required: true, zh: '开始日期', en: 'Start date' },
      { name: 'enddate', type: 'DATE', required: true, zh: '结束日期', en: 'End date' },
      { name: 'setl_time', type: 'TIMESTAMP', required: true, zh: '结算时间', en: 'Settlement time' },
      money('medfee_sumamt', '医疗费总额', 'Total medical cost', true),
      money('fulamt_ownpay_amt', '全自费金额', 'Fully self-paid'),
      money('inscp_amt', '符合范围金额', 'In-scope amount'),
      money('hifp_pay', '统筹基金支出', 'Pooled fund paid'),
      money('fund_pay_sumamt', '基金支付总额', 'Fund paid total', true),
      money('psn_pay', '个人负担总额', 'Person paid'),
      money('acct_pay', '个人账户支出', 'Personal account paid'),
      money('cash_payamt', '现金支付', 'Cash paid'),
      text('invono', '发票号', 'Invoice number'),
      // '1' on a refund (冲销) row; its init_setl_id is the settlement it reverses
      text('refd_setl_flag', '退费结算标志', 'Refund flag', true),
      // '1' valid, '0' cancelled (作废)
      text('vali_flag', '有效标志', 'Valid flag', true),
      text('init_setl_id', '原结算ID', 'Original settlement id'),
      loadId,
    ],
  },
  fee_list_d: {
    name: 'fee_list_d',
    zh: '费用明细',
    en: 'Fee lines',
    key: ['feedetl_sn'],
    columns: [
      text('feedetl_sn', '费用明细流水号', 'Fee line id', true),
      text('mdtrt_id', '就诊ID', 'Visit id', true),
      text('setl_id', '结算ID', 'Settlement id', true),
      text('psn_no', '人员编号', 'Person number', true),
      text('fixmedins_code', '定点医药机构编号', 'Provider code', true),
      { name: 'fee_ocur_time', type: 'TIMESTAMP', required: true, zh: '费用发生时间', en: 'Time of service' },
      text('hilist_code', '医保目录编码', 'Catalogue code', true),
      text('hilist_name', '医保目录名称', 'Catalogue name'),
      // '101' 西药中成药, '102' 中药饮片, '201' 医疗服务项目, '301' 医用耗材
      text('list_type', '目录类别', 'Catalogue kind', true),
      { name: 'cnt', type: 'DECIMAL(12,2)', required: true, zh: '数量', en: 'Quantity' },
      money('pric', '单价', 'Unit price', true),
      money('det_item_fee_sumamt', '明细项目费用总额', 'Line amount', true),
      money('inscp_scp_amt', '符合范围金额', 'In-scope amount'),
      money('fund_pay_amt', '基金支付金额', 'Fund paid (line)', true),
      { name: 'prd_days', type: 'INTEGER', zh: '用药天数', en: 'Days of supply' },
      loadId,
    ],
  },
  setl_list_diag_d: {
    name: 'setl_list_diag_d',
    zh: '诊断信息',
    en: 'Diagnoses',
    key: ['mdtrt_id', 'diag_type', 'diag_code'],
    columns: [
      text('mdtrt_id', '就诊ID', 'Visit id', true),
      text('setl_id', '结算ID', 'Settlement id'),
      // '1' 西医诊断, '2' 中医主病, '3' 中医主证
      text('diag_type', '诊断类别', 'Diagnosis kind', true),
      text('diag_code', '诊断代码', 'Diagnosis code', true),
      text('diag_name', '诊断名称', 'Diagnosis name'),
      text('maindiag_flag', '主诊断标志', 'Main diagnosis flag', true),
      loadId,
    ],
  },
  wi_recognition: {
    name: 'wi_recognition',
    zh: '工伤认定（人社）',
    en: 'Work-injury recognitions (HRSS)',
    key: ['wi_recg_id'],
    columns: [
      text('wi_recg_id', '认定书编号', 'Recognition id', true),
      text('certno', '证件号码', 'ID number', true),
      text('psn_name', '姓名', 'Name'),
      text('emp_name', '用人单位', 'Employer'),
      { name: 'injury_date', type: 'DATE', required: true, zh: '受伤日期', en: 'Injury date' },
      { name: 'recg_date', type: 'DATE', required: true, zh: '认定日期', en: 'Recognition date' },
      // '1' 认定为工伤, '0' 不予认定
      text('recg_result', '认定结论（1工伤 0不予认定）', 'Result (1 work injury, 0 not)', true),
      text('injured_part', '受伤部位', 'Injured part'),
      text('diag_code', '伤情诊断代码', 'Injury diagnosis'),
      { name: 'stop_work_end', type: 'DATE', zh: '停工留薪期截止', en: 'Paid leave ends' },
      loadId,
    ],
  },
  wi_payment: {
    name: 'wi_payment',
    zh: '工伤医疗费用支付（人社）',
    en: 'Work-injury fund payments (HRSS)',
    key: ['wi_pay_id'],
    columns: [
      text('wi_pay_id', '支付记录编号', 'Payment id', true),
      text('wi_recg_id', '认定书编号', 'Recognition id'),
      text('certno', '证件号码', 'ID number', true),
      text('fixmedins_code', '医疗机构编号', 'Provider code'),
      { name: 'begndate', type: 'DATE', required: true, zh: '治疗开始日期', en: 'Treatment start' },
      { name: 'enddate', type: 'DATE', required: true, zh: '治疗结束日期', en: 'Treatment end' },
      money('medfee_amt', '医疗费用', 'Medical cost', true),
      money('wi_fund_pay', '工伤保险基金支付', 'Work-injury fund paid', true),
      text('invono', '发票号', 'Invoice number'),
      { name: 'pay_date', type: 'DATE', zh: '支付日期', en: 'Paid on' },
      loadId,
    ],
  },
  death_reg: {
    name: 'death_reg',
    zh: '死亡登记（民政/公安/卫健）',
    en: 'Death registrations',
    key: ['death_reg_id'],
    columns: [
      text('death_reg_id', '登记编号', 'Registration id', true),
      text('certno', '证件号码', 'ID number', true),
      text('psn_name', '姓名', 'Name'),
      { name: 'death_date', type: 'DATE', required: true, zh: '死亡日期', en: 'Date of death' },
      // 民政 (殡葬) / 公安 (户籍注销) / 卫健 (死亡医学证明)
      text('source_dept', '来源部门', 'Source department', true),
      loadId,
    ],
  },
  hilist: {
    name: 'hilist',
    zh: '医保药品与项目目录（含限定）',
    en: 'Item and drug catalogue (with restrictions)',
    key: ['hilist_code', 'begndate'],
    columns: [
      text('hilist_code', '医保目录编码', 'Catalogue code', true),
      text('hilist_name', '名称', 'Name', true),
      text('list_type', '目录类别', 'Catalogue kind', true),
      // drugs: the generic (通用名) group over which days of supply add up (over-supply rule)
      text('drug_generic', '通用名（药品组）', 'Generic group'),
      text('unit', '计价单位', 'Unit'),
      // restrictions, NULL = none
      text('lmt_gend', '限定性别（1男 2女）', 'Sex restriction (1 male, 2 female)'),
      // an age band code ('child', 'young_child', 'working_age', …) whose limits the rules set
      text('lmt_age_band', '限定年龄段', 'Age band restriction'),
      // 'inpatient' = 限住院使用
      text('lmt_visit', '限定就医方式', 'Visit type restriction'),
      { name: 'lmt_lv_min', type: 'SMALLINT', zh: '限定最低机构等级', en: 'Minimum provider level' },
      { name: 'wi_only', type: 'BOOLEAN', required: true, zh: '限工伤保险', en: 'Work-injury insurance only' },
      { name: 'max_per_day', type: 'DECIMAL(12,2)', zh: '每日限定数量', en: 'Limit per day' },
      { name: 'max_per_visit', type: 'DECIMAL(12,2)', zh: '每次就诊限定数量', en: 'Limit per visit' },
      { name: 'max_course_days', type: 'INTEGER', zh: '限定支付疗程（天）', en: 'Paid course (days)' },
      money('pric_uplmt', '最高限价', 'Price cap'),
      { name: 'begndate', type: 'DATE', required: true, zh: '生效日期', en: 'Effective from' },
      { name: 'enddate', type: 'DATE', zh: '失效日期', en: 'Effective to' },
      loadId,
    ],
  },
  item_excl_pair: {
    name: 'item_excl_pair',
    zh: '重复收费互斥项目对',
    en: 'Mutually exclusive item pairs',
    key: ['main_code', 'sub_code', 'window_kind'],
    columns: [
      text('main_code', '主项编码（前缀匹配）', 'Main item code (prefix)', true),
      text('main_name', '主项名称', 'Main item name'),
      text('sub_code', '从项编码（前缀匹配）', 'Secondary item code (prefix)', true),
      text('sub_name', '从项名称', 'Secondary item name'),
      // 'visit' 单次就诊, 'day' 单日, 'hours' within window_hours (同一小时 = 1, 6小时 = 6)
      text('window_kind', '频度（visit/day/hours）', 'Window (visit/day/hours)', true),
      { name: 'window_hours', type: 'INTEGER', zh: '时间窗（小时）', en: 'Window (hours)' },
      text('source', '来源批次', 'Source'),
      loadId,
    ],
  },
};

export function columnNames(table: ClaimsTableName): string[] {
  return CLAIMS_TABLES[table].columns.map((c) => c.name);
}
