import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../http/app-error';
import type { ClaimsStore } from '../../claims/claims-store';
import { openDuckdbStore } from '../../claims/duckdb-store';
import { sqlString } from '../../claims/duckdb-columns';
import { CLAIMS_TABLES, type ClaimsColumn, type ClaimsTableName } from '../../claims/tables';
import { missingHeaders, type ColumnMap } from '../../domain/mapping';
import { detectFormat, type ClaimsFileFormat } from './file-format';
import { xlsxToCsv } from './xlsx-to-csv';

export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'YYYY/MM/DD';

export interface LoadFileInput {
  loadId: number;
  table: ClaimsTableName;
  file: string;
  format?: ClaimsFileFormat;
  columns: ColumnMap;
  dateFormat: DateFormat;
  delimiter: string;
  /** Progress of the whole load, 0-1, with the phase in words (zh). */
  onProgress?: (share: number, phase: string) => void;
  /** Errors kept for the report (the count is always exact). */
  maxErrors?: number;
}

export interface LoadError {
  row_no: number;
  column_name: string;
  code: string;
  message: string;
  value: string | null;
}

export interface LoadOutcome {
  format: ClaimsFileFormat;
  rowsRead: number;
  rowsAdded: number;
  rowsExisting: number;
  rowsRejected: number;
  errorsByCode: Record<string, number>;
  errors: LoadError[];
}

const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;
const AMOUNT_TYPES = new Set(['DECIMAL(14,2)', 'DECIMAL(12,2)']);

function typedExpr(c: ClaimsColumn, raw: string, dateFormat: DateFormat): string {
  const v = `NULLIF(TRIM(${raw}), '')`;
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

/**
 * Loads one file into one claims table (docs/medfund/IMPORT.md). DuckDB does the reading (CSV and
 * Parquet natively; .xlsx is first streamed to CSV), the typing and the checks, all set-based and
 * spilling to disk beyond its memory limit, so memory stays bounded whatever the file size:
 * 1. stage: the mapped columns as text, numbered rows;
 * 2. type each column by the mapping's date format; a value that does not convert, a missing
 *    required value, a negative amount (refund rows of setl_d excepted), an end before its start,
 *    an unknown code (catalogue, provider, person), a code outside its set, or a second row with
 *    the same natural key in the file is an error of that row, and the row is left out;
 * 3. insert the valid rows whose natural key the store does not hold yet (idempotent).
 * On the DuckDB store all of it runs inside the store; on PostgreSQL, a scratch DuckDB does 1-2
 * and the valid rows go over in chunks, deduplicated by the same anti-join inside PostgreSQL.
 */
export async function loadFile(store: ClaimsStore, input: LoadFileInput): Promise<LoadOutcome> {
  const def = CLAIMS_TABLES[input.table];
  const onProgress = input.onProgress ?? (() => {});
  const format = input.format ?? detectFormat(input.file);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-medfund-load-'));
  const work = store.engine === 'duckdb' ? store : await openDuckdbStore(':memory:');
  const id = `${input.loadId}_${Math.random().toString(36).slice(2, 8)}`;
  const stage = `mf_stage_${id}`;
  const typed = `mf_typed_${id}`;
  const errs = `mf_err_${id}`;
  const temps = [stage, typed, errs];
  let poll: NodeJS.Timeout | null = null;
  try {
    let file = input.file;
    if (format === 'xlsx') {
      onProgress(0.02, '读取 Excel');
      file = path.join(tmpDir, 'sheet.csv');
      await xlsxToCsv(input.file, file);
    }
    const source = format === 'parquet'
      ? `read_parquet(${sqlString(file)})`
      : `read_csv(${sqlString(file)}, header = true, all_varchar = true, delim = ${sqlString(input.delimiter)}, quote = '"', escape = '"', strict_mode = false, null_padding = true)`;

    // the file's headers against the mapping
    let headers: string[];
    try {
      headers = (await work.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`)).map((r) => r.column_name);
    } catch (err) {
      throw new AppError('MEDFUND_FILE_FORMAT', undefined, {
        zh: `无法读取文件（${format.toUpperCase()}）：${(err as Error).message.split('\n')[0]!.slice(0, 200)}`,
        en: `The ${format.toUpperCase()} file could not be read`,
      });
    }
    const missing = missingHeaders(input.columns, headers);
    if (missing.length) {
      throw new AppError('MEDFUND_FILE_COLUMNS_MISMATCH', undefined, {
        zh: `文件缺少列映射要求的列：${missing.join('、')}（文件的列：${headers.slice(0, 30).join('、')}）`,
        en: `The file lacks the mapped columns: ${missing.join(', ')}`,
      });
    }
    const cols = def.columns.filter((c) => c.name !== 'load_id');
    const mapped = cols.filter((c) => input.columns[c.name]);

    // 1. stage
    onProgress(0.05, '读取文件');
    if (store.progress && work === store) {
      poll = setInterval(() => {
        const p = store.progress!();
        if (p >= 0) onProgress(0.05 + 0.55 * (p / 100), '读取文件');
      }, 500);
    }
    await work.exec(
      `CREATE TEMP TABLE ${stage} AS SELECT row_number() OVER () AS row_no, ${mapped
        .map((c) => `CAST(${q(input.columns[c.name]!)} AS VARCHAR) AS ${c.name}`)
        .join(', ')} FROM ${source}`,
    );
    if (poll) clearInterval(poll);
    poll = null;
    const [{ n: rowsRead } = { n: 0 }] = await work.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${stage}`);

    // 2. type and check
    onProgress(0.6, '检查数据');
    await work.exec(
      `CREATE TEMP TABLE ${typed} AS SELECT row_no, ${cols
        .map((c) => (input.columns[c.name] ? `${typedExpr(c, c.name, input.dateFormat)} AS ${c.name}` : `CAST(NULL AS ${c.type}) AS ${c.name}`))
        .join(', ')} FROM ${stage}`,
    );
    await work.exec(`CREATE TEMP TABLE ${errs} (row_no BIGINT, column_name VARCHAR, code VARCHAR, message VARCHAR, value VARCHAR)`);
    const checks: string[] = [];
    const join = `FROM ${stage} s JOIN ${typed} t USING (row_no)`;
    for (const c of cols) {
      const header = input.columns[c.name];
      if (c.required && header) {
        checks.push(`SELECT row_no, '${c.name}', 'MISSING_VALUE', '第 ' || row_no || ' 行：必填列「${header}」（${c.zh}）为空', NULL ${join} WHERE NULLIF(TRIM(s.${c.name}), '') IS NULL`);
      }
      if (header && c.type !== 'VARCHAR') {
        const bad = BAD_CODE[c.type]!;
        checks.push(`SELECT row_no, '${c.name}', '${bad.code}', '第 ' || row_no || ' 行「${header}」（${c.zh}）：${bad.zh}', s.${c.name} ${join} WHERE t.${c.name} IS NULL AND NULLIF(TRIM(s.${c.name}), '') IS NOT NULL`);
      }
      if (header && AMOUNT_TYPES.has(c.type)) {
        const refundOk = input.table === 'setl_d' && input.columns.init_setl_id ? ' AND t.init_setl_id IS NULL' : '';
        checks.push(`SELECT row_no, '${c.name}', 'NEGATIVE_AMOUNT', '第 ' || row_no || ' 行「${header}」（${c.zh}）为负数', s.${c.name} ${join} WHERE t.${c.name} < 0${refundOk}`);
      }
    }
    for (const [col, set] of Object.entries(CODE_SETS[input.table] ?? {})) {
      const header = input.columns[col];
      if (!header) continue;
      checks.push(`SELECT row_no, '${col}', 'BAD_CODE', '第 ' || row_no || ' 行「${header}」：取值应为 ${set.join(' / ')}', s.${col} ${join} WHERE t.${col} IS NOT NULL AND t.${col} NOT IN (${set.map((x) => `'${x}'`).join(', ')})`);
    }
    if (input.columns.certno) {
      checks.push(`SELECT row_no, 'certno', 'BAD_ID_NUMBER', '第 ' || row_no || ' 行「${input.columns.certno}」：证件号码应为 18 位（或 15 位）身份证号', s.certno ${join} WHERE t.certno IS NOT NULL AND NOT regexp_matches(t.certno, '^([0-9]{17}[0-9Xx]|[0-9]{15})$')`);
    }
    for (const [a, b, what] of INTERVALS[input.table] ?? []) {
      if (!input.columns[a] || !input.columns[b]) continue;
      checks.push(`SELECT row_no, '${b}', 'END_BEFORE_START', '第 ' || row_no || ' 行：${what}（' || s.${a} || ' → ' || s.${b} || '）', s.${b} ${join} WHERE t.${b} < t.${a}`);
    }
    for (const [col, refTable, refCol, code, what] of REFERENCES[input.table] ?? []) {
      if (!input.columns[col]) continue;
      let ref = `medfund.${refTable}`;
      if (work !== store) {
        // the reference lives in PostgreSQL: bring its keys over
        ref = `mf_ref_${refTable}_${id}`;
        temps.push(ref);
        await work.exec(`CREATE TABLE main.${ref} (${refCol} VARCHAR)`);
        const keys = await store.query<Record<string, string>>(`SELECT DISTINCT ${refCol} FROM medfund.${refTable}`);
        await work.append(`main.${ref}`, [refCol], keys.map((k) => [k[refCol]]));
      }
      checks.push(`SELECT row_no, '${col}', '${code}', '第 ' || row_no || ' 行「${input.columns[col]}」：${what}（' || t.${col} || '）', t.${col} FROM ${typed} t WHERE t.${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ref} r WHERE r.${refCol} = t.${col})`);
    }
    const key = def.key;
    if (key.every((k) => input.columns[k])) {
      checks.push(`SELECT row_no, '${key[0]}', 'DUPLICATE_IN_FILE', '第 ' || row_no || ' 行：与第 ' || first_row || ' 行的${key.map((k) => CLAIMS_TABLES[input.table].columns.find((c) => c.name === k)!.zh).join('、')}相同（同一文件内重复）', ${key[0]} FROM (SELECT row_no, ${key.join(', ')}, MIN(row_no) OVER (PARTITION BY ${key.join(', ')}) AS first_row FROM ${typed} WHERE ${key.map((k) => `${k} IS NOT NULL`).join(' AND ')}) d WHERE row_no > first_row`);
    }
    for (const c of checks) await work.exec(`INSERT INTO ${errs} ${c}`);
    const byCode = await work.query<{ code: string; n: number }>(`SELECT code, COUNT(*) AS n FROM ${errs} GROUP BY code ORDER BY code`);
    const [{ n: rowsRejected } = { n: 0 }] = await work.query<{ n: number }>(`SELECT COUNT(DISTINCT row_no) AS n FROM ${errs}`);
    const errors = await work.query<LoadError>(`SELECT row_no, column_name, code, message, value FROM ${errs} ORDER BY row_no, column_name, code LIMIT ${input.maxErrors ?? 10_000}`);

    // 3. insert the valid rows the store does not hold yet
    onProgress(0.75, '写入数据');
    const names = cols.map((c) => c.name);
    const valid = `SELECT ${names.join(', ')}, ${Number(input.loadId)} AS load_id FROM ${typed} t WHERE NOT EXISTS (SELECT 1 FROM ${errs} e WHERE e.row_no = t.row_no)`;
    const keyMatch = key.map((k) => `x.${k} = v.${k}`).join(' AND ');
    let rowsAdded = 0;
    if (work === store) {
      const [r] = await store.query<{ Count: number }>(
        `INSERT INTO medfund.${input.table} (${names.join(', ')}, load_id) SELECT v.* FROM (${valid}) v WHERE NOT EXISTS (SELECT 1 FROM medfund.${input.table} x WHERE ${keyMatch})`,
      );
      rowsAdded = Number(r?.Count ?? 0);
    } else {
      rowsAdded = await store.transaction(async (tx) => {
        const pgStage = `mf_in_${id}`;
        await tx.exec(`CREATE TEMP TABLE ${pgStage} (LIKE medfund.${input.table}) ON COMMIT DROP`);
        const CHUNK = 50_000;
        const [{ m: maxRow } = { m: 0 }] = await work.query<{ m: number | null }>(`SELECT COALESCE(MAX(row_no), 0) AS m FROM ${typed}`);
        for (let from = 1; from <= (maxRow ?? 0); from += CHUNK) {
          const rows = await work.query<Record<string, unknown>>(`${valid} AND t.row_no BETWEEN ${from} AND ${from + CHUNK - 1}`);
          await tx.append(`pg_temp.${pgStage}`, [...names, 'load_id'], rows.map((r) => [...names, 'load_id'].map((n) => r[n])));
          onProgress(0.75 + 0.2 * Math.min(1, (from + CHUNK) / Math.max(1, maxRow ?? 1)), '写入数据');
        }
        const [r] = await tx.query<{ n: number }>(
          `WITH ins AS (INSERT INTO medfund.${input.table} SELECT v.* FROM ${pgStage} v WHERE NOT EXISTS (SELECT 1 FROM medfund.${input.table} x WHERE ${keyMatch}) RETURNING 1) SELECT COUNT(*) AS n FROM ins`,
        );
        return r?.n ?? 0;
      });
    }
    onProgress(1, '完成');
    const validRows = rowsRead - rowsRejected;
    return {
      format,
      rowsRead,
      rowsAdded,
      rowsExisting: validRows - rowsAdded,
      rowsRejected,
      errorsByCode: Object.fromEntries(byCode.map((r) => [r.code, r.n])),
      errors,
    };
  } finally {
    if (poll) clearInterval(poll);
    for (const t of temps) await work.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => {});
    if (work !== store) await work.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
