import { CLAIMS_TABLES, type ClaimsColumn, type ClaimsTableName } from '../../claims/tables';
import type { ColumnMap } from '../../domain/mapping';

export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'YYYY/MM/DD';

/**
 * The per-row checks of an import (docs/medfund/IMPORT.md), as SQL text over one row of the file:
 * `r_<col>` is the file's value trimmed (NULL when empty), `<col>` the typed value, `rk_<i>` the
 * key of a reference table matched by a LEFT JOIN (NULL = not found). The load evaluates every
 * check in one pass and keeps, per row, a bit mask of the failed ones (no per-row objects); the
 * messages are only built for the rows whose mask is not zero.
 */
export interface RowCheck {
  column: string;
  code: string;
  /** True when the row fails the check. */
  failed: string;
  /** The zh message (SQL text; `row_no` and the row's columns are in scope). */
  message: string;
  /** The value reported (SQL text), or NULL. */
  value: string;
}

export interface ReferenceCheck {
  column: string;
  table: ClaimsTableName;
  refColumn: string;
  code: string;
  zh: string;
}

const AMOUNT_TYPES = new Set(['DECIMAL(14,2)', 'DECIMAL(12,2)']);

const BAD_CODE: Record<string, { code: string; zh: string }> = {
  DATE: { code: 'BAD_DATE', zh: '日期无法识别' },
  TIMESTAMP: { code: 'BAD_TIME', zh: '时间无法识别' },
  BOOLEAN: { code: 'BAD_BOOLEAN', zh: '应为 是/否（1/0）' },
  'DECIMAL(14,2)': { code: 'BAD_NUMBER', zh: '应为金额数字' },
  'DECIMAL(12,2)': { code: 'BAD_NUMBER', zh: '应为数字' },
  INTEGER: { code: 'BAD_NUMBER', zh: '应为整数' },
  SMALLINT: { code: 'BAD_NUMBER', zh: '应为整数' },
  BIGINT: { code: 'BAD_NUMBER', zh: '应为整数' },
};

/** Code columns with a closed set of values. */
const CODE_SETS: Partial<Record<ClaimsTableName, Record<string, string[]>>> = {
  psn_info: { gend: ['0', '1', '2', '9'] },
  fixmedins: { fixmedins_type: ['1', '2'] },
  setl_d: { refd_setl_flag: ['0', '1'], vali_flag: ['0', '1'] },
  setl_list_diag_d: { maindiag_flag: ['0', '1'] },
  wi_recognition: { recg_result: ['0', '1'] },
  hilist: { lmt_gend: ['1', '2'], lmt_visit: ['inpatient'] },
  item_excl_pair: { window_kind: ['visit', 'day', 'hours'] },
};

/** Start-before-end pairs: [start, end, what (zh)]. */
const INTERVALS: Partial<Record<ClaimsTableName, [string, string, string][]>> = {
  mdtrt_d: [['begntime', 'endtime', '出院（结束）时间早于入院（开始）时间']],
  setl_d: [['begndate', 'enddate', '结束日期早于开始日期']],
  wi_payment: [['begndate', 'enddate', '治疗结束日期早于开始日期']],
  wi_recognition: [['injury_date', 'recg_date', '认定日期早于受伤日期']],
};

/** References to the store's other tables: [column, table, its column, code, what (zh)]. */
const REFERENCES: Partial<Record<ClaimsTableName, [string, ClaimsTableName, string, string, string][]>> = {
  fee_list_d: [
    ['hilist_code', 'hilist', 'hilist_code', 'UNKNOWN_CODE', '医保目录中没有该编码'],
    ['fixmedins_code', 'fixmedins', 'fixmedins_code', 'UNKNOWN_PROVIDER', '没有该定点医药机构'],
  ],
  setl_d: [
    ['fixmedins_code', 'fixmedins', 'fixmedins_code', 'UNKNOWN_PROVIDER', '没有该定点医药机构'],
    ['psn_no', 'psn_info', 'psn_no', 'UNKNOWN_PERSON', '参保人员中没有该人员编号'],
  ],
  mdtrt_d: [
    ['fixmedins_code', 'fixmedins', 'fixmedins_code', 'UNKNOWN_PROVIDER', '没有该定点医药机构'],
    ['psn_no', 'psn_info', 'psn_no', 'UNKNOWN_PERSON', '参保人员中没有该人员编号'],
  ],
};

/** The typed value of column `c` from its trimmed text `v` (NULL when it does not convert). */
export function typedExpr(c: ClaimsColumn, v: string, dateFormat: DateFormat): string {
  switch (c.type) {
    case 'VARCHAR':
      return v;
    case 'DATE':
      if (dateFormat === 'YYYY-MM-DD') return `TRY_CAST(${v} AS DATE)`;
      return `CAST(try_strptime(${v}, '${dateFormat === 'YYYYMMDD' ? '%Y%m%d' : '%Y/%m/%d'}') AS DATE)`;
    case 'TIMESTAMP':
      if (dateFormat === 'YYYY-MM-DD') return `TRY_CAST(${v} AS TIMESTAMP)`;
      return dateFormat === 'YYYYMMDD'
        ? `try_strptime(${v}, ['%Y%m%d%H%M%S', '%Y%m%d %H:%M:%S', '%Y%m%d %H:%M', '%Y%m%d'])`
        : `try_strptime(${v}, ['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d'])`;
    case 'BOOLEAN':
      return `CASE WHEN lower(${v}) IN ('1', 'true', 't', 'y', 'yes', '是') THEN true WHEN lower(${v}) IN ('0', 'false', 'f', 'n', 'no', '否') THEN false END`;
    case 'DECIMAL(14,2)':
    case 'DECIMAL(12,2)':
      return `TRY_CAST(REPLACE(${v}, ',', '') AS ${c.type})`;
    default:
      return `TRY_CAST(${v} AS ${c.type})`;
  }
}

/** The reference checks of `table` whose column the mapping fills. */
export function referenceChecks(table: ClaimsTableName, columns: ColumnMap): ReferenceCheck[] {
  return (REFERENCES[table] ?? [])
    .filter(([col]) => columns[col])
    .map(([column, refTable, refColumn, code, zh]) => ({ column, table: refTable, refColumn, code, zh }));
}

/**
 * Every per-row check of `table` under the mapping `columns`, in a fixed order (the bit of check
 * i is 2^i). `raw(col)` is the SQL of the file's original text of a column (the value reported).
 */
export function rowChecks(table: ClaimsTableName, columns: ColumnMap, raw: (col: string) => string): RowCheck[] {
  const cols = CLAIMS_TABLES[table].columns.filter((c) => c.name !== 'load_id');
  const checks: RowCheck[] = [];
  for (const c of cols) {
    const header = columns[c.name];
    if (!header) continue;
    if (c.required) {
      checks.push({ column: c.name, code: 'MISSING_VALUE', failed: `r_${c.name} IS NULL`, message: `'第 ' || row_no || ' 行：必填列「${header}」（${c.zh}）为空'`, value: 'NULL' });
    }
    if (c.type !== 'VARCHAR') {
      const bad = BAD_CODE[c.type]!;
      checks.push({ column: c.name, code: bad.code, failed: `${c.name} IS NULL AND r_${c.name} IS NOT NULL`, message: `'第 ' || row_no || ' 行「${header}」（${c.zh}）：${bad.zh}'`, value: raw(c.name) });
    }
    if (AMOUNT_TYPES.has(c.type)) {
      const refundOk = table === 'setl_d' && columns.init_setl_id ? ' AND init_setl_id IS NULL' : '';
      checks.push({ column: c.name, code: 'NEGATIVE_AMOUNT', failed: `${c.name} < 0${refundOk}`, message: `'第 ' || row_no || ' 行「${header}」（${c.zh}）为负数'`, value: raw(c.name) });
    }
  }
  for (const [col, set] of Object.entries(CODE_SETS[table] ?? {})) {
    const header = columns[col];
    if (!header) continue;
    checks.push({ column: col, code: 'BAD_CODE', failed: `${col} IS NOT NULL AND ${col} NOT IN (${set.map((x) => `'${x}'`).join(', ')})`, message: `'第 ' || row_no || ' 行「${header}」：取值应为 ${set.join(' / ')}'`, value: raw(col) });
  }
  if (columns.certno) {
    checks.push({ column: 'certno', code: 'BAD_ID_NUMBER', failed: `certno IS NOT NULL AND NOT regexp_matches(certno, '^([0-9]{17}[0-9Xx]|[0-9]{15})$')`, message: `'第 ' || row_no || ' 行「${columns.certno}」：证件号码应为 18 位（或 15 位）身份证号'`, value: raw('certno') });
  }
  for (const [a, b, what] of INTERVALS[table] ?? []) {
    if (!columns[a] || !columns[b]) continue;
    checks.push({ column: b, code: 'END_BEFORE_START', failed: `${b} < ${a}`, message: `'第 ' || row_no || ' 行：${what}（' || ${raw(a)} || ' → ' || ${raw(b)} || '）'`, value: raw(b) });
  }
  referenceChecks(table, columns).forEach((r, i) => {
    checks.push({ column: r.column, code: r.code, failed: `rk_${i} IS NULL AND ${r.column} IS NOT NULL`, message: `'第 ' || row_no || ' 行「${columns[r.column]}」：${r.zh}（' || ${r.column} || '）'`, value: r.column });
  });
  return checks;
}

/** The zh names of the key columns, for the in-file duplicate message. */
export function keyNames(table: ClaimsTableName): string {
  const def = CLAIMS_TABLES[table];
  return def.key.map((k) => def.columns.find((c) => c.name === k)!.zh).join('、');
}
