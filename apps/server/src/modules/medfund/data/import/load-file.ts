import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../http/app-error';
import type { ClaimsStore } from '../../claims/claims-store';
import { openDuckdbStore } from '../../claims/duckdb-store';
import { sqlString } from '../../claims/duckdb-columns';
import { CLAIMS_TABLES, type ClaimsTableName } from '../../claims/tables';
import { missingHeaders, type ColumnMap } from '../../domain/mapping';
import { detectFormat, type ClaimsFileFormat } from './file-format';
import { xlsxToCsv } from './xlsx-to-csv';
import { keyNames, referenceChecks, rowChecks, typedExpr, type DateFormat } from './row-checks';

export type { DateFormat };

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

/**
 * Loads one file into one claims table (docs/medfund/IMPORT.md). DuckDB does the reading (CSV and
 * Parquet natively; .xlsx is first streamed to CSV), the typing and the checks, set-based and
 * spilling to disk beyond its memory limit, so memory stays bounded whatever the file size:
 * 0. one aggregate pass over the file, typed and checked as in 1: how many rows fail a check, how
 *    many keys come twice. A clean file (the usual extract) then goes straight from the file into
 *    the store (step 4), with no row numbers and nothing kept; otherwise the checked path 1-4 runs;
 * 1. one pass over the file: number the rows, type each mapped column by the mapping's date
 *    format, match the reference tables (catalogue, provider, person) and evaluate every per-row
 *    check (row-checks.ts) into a bit mask per row — a value that does not convert, a missing
 *    required value, a negative amount (refund rows of setl_d excepted), an end before its start,
 *    an unknown code, a code outside its set; the file's own text is kept only for rows that failed;
 * 2. a second row with the same natural key in the file (grouped on the key; the first one counts);
 * 3. the error report, built from the failed rows only (a row with an error is left out);
 * 4. insert the valid rows whose natural key the store does not hold yet (idempotent); the key
 *    anti-join is skipped when the store holds no key in the file's key range.
 * On the DuckDB store all of it runs inside the store; on PostgreSQL, a scratch DuckDB does 0-3,
 * writes the valid rows to a CSV file and PostgreSQL reads it with COPY FROM STDIN into a temp
 * table, then the same anti-join inserts them, in one transaction.
 */
export async function loadFile(store: ClaimsStore, input: LoadFileInput): Promise<LoadOutcome> {
  const def = CLAIMS_TABLES[input.table];
  const onProgress = input.onProgress ?? (() => {});
  const format = input.format ?? detectFormat(input.file);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-medfund-load-'));
  const work = store.engine === 'duckdb' ? store : await openDuckdbStore(':memory:');
  const id = `${input.loadId}_${Math.random().toString(36).slice(2, 8)}`;
  const checked = `mf_checked_${id}`;
  const bad = `mf_bad_${id}`;
  const dups = `mf_dup_${id}`;
  const errs = `mf_err_${id}`;
  const temps = [checked, bad, dups, errs];
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
    const names = cols.map((c) => c.name);
    const mapped = cols.filter((c) => input.columns[c.name]);
    const checks = rowChecks(input.table, input.columns, (c) => `o_${c}`);
    const refs = referenceChecks(input.table, input.columns);
    // one BIGINT mask per 62 checks
    const masks = Array.from({ length: Math.max(1, Math.ceil(checks.length / 62)) }, (_, g) => `m${g}`);
    const bit = (i: number) => ({ mask: masks[Math.floor(i / 62)]!, value: `CAST(${2 ** (i % 62)} AS BIGINT)` });
    const anyFailed = masks.map((m) => `${m} <> 0`).join(' OR ');
    const noneFailed = masks.map((m) => `${m} = 0`).join(' AND ');

    // the reference keys: the store's own tables, or (PostgreSQL store) a copy in the scratch DuckDB
    const refTables: string[] = [];
    for (const r of refs) {
      if (work === store) {
        refTables.push(`medfund.${r.table}`);
        continue;
      }
      const copy = `mf_ref_${r.table}_${id}`;
      temps.push(copy);
      if (!refTables.includes(copy)) {
        await work.exec(`CREATE TABLE main.${copy} (${r.refColumn} VARCHAR)`);
        const keys = await store.query<Record<string, string>>(`SELECT DISTINCT ${r.refColumn} FROM medfund.${r.table}`);
        await work.append(`main.${copy}`, [r.refColumn], keys.map((k) => [k[r.refColumn]]));
      }
      refTables.push(copy);
    }

    // The progress of the statement running in the store, shown as the share [from, to] of the load.
    const stopFollowing = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const follow = (from: number, to: number, phase: string) => {
      stopFollowing();
      onProgress(from, phase);
      if (!store.progress || work !== store) return;
      poll = setInterval(() => {
        const p = store.progress!();
        if (p >= 0) onProgress(from + (to - from) * (p / 100), phase);
      }, 500);
    };
    // The file's rows typed, with their references matched; `numbered` adds the row number (a window
    // over the whole file, which the clean path does without).
    const rowsOf = (numbered: boolean) => {
      const read = `SELECT ${numbered ? 'row_number() OVER () AS row_no, ' : ''}${mapped.map((c) => `CAST(${q(input.columns[c.name]!)} AS VARCHAR) AS o_${c.name}`).join(', ')} FROM ${source}`;
      const trimmed = `SELECT *, ${mapped.map((c) => `NULLIF(TRIM(o_${c.name}), '') AS r_${c.name}`).join(', ')} FROM (${read}) n`;
      const typed = `SELECT *, ${cols
        .map((c) => (input.columns[c.name] ? `${typedExpr(c, `r_${c.name}`, input.dateFormat)} AS ${c.name}` : `CAST(NULL AS ${c.type}) AS ${c.name}`))
        .join(', ')} FROM (${trimmed}) r`;
      return refs.length
        ? `SELECT t.*, ${refs.map((_, i) => `j${i}.k AS rk_${i}`).join(', ')} FROM (${typed}) t ${refs
            .map((r, i) => `LEFT JOIN (SELECT DISTINCT ${r.refColumn} AS k FROM ${refTables[i]}) j${i} ON j${i}.k = t.${r.column}`)
            .join(' ')}`
        : typed;
    };
    const key = def.key;
    const keyMapped = key.every((k) => input.columns[k]);
    const keyed = key.map((k) => `${k} IS NOT NULL`).join(' AND ');
    const target = `medfund.${input.table}`;
    const keyMatch = key.map((k) => `x.${k} = v.${k}`).join(' AND ');
    const withLoadId = (from: string) => `SELECT ${names.join(', ')}, CAST(${Number(input.loadId)} AS BIGINT) AS load_id FROM ${from}`;

    /** Inserts the rows of `valid` whose natural key the store does not hold yet; `range` = MIN/MAX of their first key column. */
    const insertNew = async (valid: string, range: { lo: string | null; hi: string | null }): Promise<number> => {
      if (work === store) {
        follow(0.7, 0.98, '写入数据');
        // DuckDB orders text bytewise, as MIN/MAX: a store with no key in the file's range cannot hold one of its rows
        const inRange = range.lo != null ? `x.${key[0]} BETWEEN ${sqlString(range.lo)} AND ${sqlString(range.hi!)}` : 'false';
        const overlap = (await store.query(`SELECT 1 AS one FROM ${target} x WHERE ${inRange} LIMIT 1`)).length > 0;
        const [r] = await store.query<{ Count: number }>(
          `INSERT INTO ${target} (${names.join(', ')}, load_id) SELECT v.* FROM (${valid}) v${overlap ? ` WHERE NOT EXISTS (SELECT 1 FROM ${target} x WHERE ${inRange} AND ${keyMatch})` : ''}`,
        );
        stopFollowing();
        return Number(r?.Count ?? 0);
      }
      onProgress(0.7, '写入数据');
      const csv = path.join(tmpDir, 'valid.csv');
      await work.exec(`COPY (${valid}) TO ${sqlString(csv)} (FORMAT csv, HEADER false)`);
      onProgress(0.8, '写入数据');
      const added = await store.transaction(async (tx) => {
        const pgStage = `mf_in_${id}`;
        await tx.exec(`CREATE TEMP TABLE ${pgStage} (LIKE ${target}) ON COMMIT DROP`);
        await tx.copyFromCsv(`pg_temp.${pgStage}`, [...names, 'load_id'], csv, (share) => onProgress(0.8 + 0.15 * share, '写入数据'));
        // always the anti-join here: the key index answers it, and PostgreSQL's collation may order the keys otherwise than DuckDB
        const [r] = await tx.query<{ n: number }>(
          `WITH ins AS (INSERT INTO ${target} SELECT v.* FROM ${pgStage} v WHERE NOT EXISTS (SELECT 1 FROM ${target} x WHERE ${keyMatch}) RETURNING 1) SELECT COUNT(*) AS n FROM ins`,
        );
        return r?.n ?? 0;
      });
      // the screening plans its joins by these statistics (bench run 34): fresh ones now, not when autovacuum gets to it
      if (Number(added) > 0) await store.exec(`ANALYZE ${target}`);
      return added;
    };

    // 0. One aggregate pass: does any row fail a check, is any key twice? A clean file (the usual
    //    extract) then goes from the file straight into the store: no row numbers, nothing kept.
    follow(0.05, 0.3, '检查数据');
    const [scan] = await work.query<{ n: number; failed: number; dups: number; lo: string | null; hi: string | null }>(
      `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE ${checks.length ? checks.map((c) => `(${c.failed})`).join(' OR ') : 'false'}) AS failed,
         ${keyMapped ? `COUNT(*) FILTER (WHERE ${keyed}) - COUNT(DISTINCT ${key.length === 1 ? key[0] : `(${key.join(', ')})`}) FILTER (WHERE ${keyed})` : '0'} AS dups,
         CAST(MIN(${key[0]}) AS VARCHAR) AS lo, CAST(MAX(${key[0]}) AS VARCHAR) AS hi
       FROM (${rowsOf(false)}) j`,
    );
    stopFollowing();
    if (scan && scan.failed === 0 && scan.dups === 0) {
      const rowsAdded = await insertNew(withLoadId(`(${rowsOf(false)}) t`), scan);
      onProgress(1, '完成');
      return { format, rowsRead: scan.n, rowsAdded, rowsExisting: scan.n - rowsAdded, rowsRejected: 0, errorsByCode: {}, errors: [] };
    }

    // 1. The checked path: number, type, match references, check, into a bit mask per row
    follow(0.3, 0.6, '读取并检查数据');
    const maskExprs = masks.map((m, g) => {
      const mine = checks.slice(g * 62, g * 62 + 62);
      return `${mine.length ? mine.map((c, i) => `CASE WHEN ${c.failed} THEN ${bit(g * 62 + i).value} ELSE 0 END`).join(' + ') : '0'} AS ${m}`;
    });
    await work.exec(
      `CREATE TEMP TABLE ${checked} AS SELECT row_no, ${names.join(', ')}, ${masks.join(', ')}, ${mapped
        .map((c) => `CASE WHEN ${anyFailed} THEN o_${c.name} END AS o_${c.name}`)
        .join(', ')} FROM (SELECT *, ${maskExprs.join(', ')} FROM (${rowsOf(true)}) j) z`,
    );
    stopFollowing();
    const rowsRead = scan?.n ?? 0;

    // 2. a second row with the same natural key in the file
    onProgress(0.62, '检查重复');
    if (scan?.dups) {
      await work.exec(
        `CREATE TEMP TABLE ${dups} AS SELECT c.row_no, d.first_row, c.${key[0]} AS value
         FROM ${checked} c JOIN (SELECT ${key.join(', ')}, MIN(row_no) AS first_row FROM ${checked}
           WHERE ${keyed} GROUP BY ${key.join(', ')} HAVING COUNT(*) > 1) d
           ON ${key.map((k) => `c.${k} = d.${k}`).join(' AND ')}
         WHERE c.row_no > d.first_row`,
      );
    }
    const dupCount = scan?.dups ?? 0;

    // 3. the error report, from the failed rows only
    onProgress(0.66, '生成错误报告');
    await work.exec(`CREATE TEMP TABLE ${bad} AS SELECT * FROM ${checked} WHERE ${anyFailed}`);
    const errorSelects = scan?.failed
      ? checks.map((c, i) => {
          const b = bit(i);
          return `SELECT row_no, '${c.column}' AS column_name, '${c.code}' AS code, ${c.message} AS message, CAST(${c.value} AS VARCHAR) AS value FROM ${bad} WHERE (${b.mask} & ${b.value}) <> 0`;
        })
      : [];
    if (dupCount) {
      errorSelects.push(
        `SELECT row_no, '${key[0]}' AS column_name, 'DUPLICATE_IN_FILE' AS code, '第 ' || row_no || ' 行：与第 ' || first_row || ' 行的${keyNames(input.table)}相同（同一文件内重复）' AS message, CAST(value AS VARCHAR) AS value FROM ${dups}`,
      );
    }
    await work.exec(
      `CREATE TEMP TABLE ${errs} AS ${errorSelects.length ? errorSelects.join('\nUNION ALL\n') : 'SELECT CAST(NULL AS BIGINT) AS row_no, CAST(NULL AS VARCHAR) AS column_name, CAST(NULL AS VARCHAR) AS code, CAST(NULL AS VARCHAR) AS message, CAST(NULL AS VARCHAR) AS value WHERE false'}`,
    );
    const byCode = await work.query<{ code: string; n: number }>(`SELECT code, COUNT(*) AS n FROM ${errs} GROUP BY code ORDER BY code`);
    const [{ n: rowsRejected } = { n: 0 }] = await work.query<{ n: number }>(`SELECT COUNT(DISTINCT row_no) AS n FROM ${errs}`);
    const errors = await work.query<LoadError>(`SELECT row_no, column_name, code, message, value FROM ${errs} ORDER BY row_no, column_name, code LIMIT ${input.maxErrors ?? 10_000}`);

    // 4. insert the valid rows the store does not hold yet
    const valid = withLoadId(`${checked} t WHERE ${noneFailed}${dupCount ? ` AND NOT EXISTS (SELECT 1 FROM ${dups} d WHERE d.row_no = t.row_no)` : ''}`);
    const [range] = await work.query<{ lo: string | null; hi: string | null }>(`SELECT CAST(MIN(${key[0]}) AS VARCHAR) AS lo, CAST(MAX(${key[0]}) AS VARCHAR) AS hi FROM (${valid}) v`);
    const rowsAdded = await insertNew(valid, range ?? { lo: null, hi: null });
    onProgress(1, '完成');
    return {
      format,
      rowsRead,
      rowsAdded,
      rowsExisting: rowsRead - rowsRejected - rowsAdded,
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
