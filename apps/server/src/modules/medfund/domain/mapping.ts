import { CLAIMS_TABLES, CLAIMS_TABLE_NAMES, type ClaimsTableName } from '../claims/tables';

/**
 * A column mapping: which header of the user's file fills which column of a claims table. Pure.
 * load_id is never mapped (the load stamps it).
 */
export type ColumnMap = Record<string, string>;

export function isClaimsTable(t: string): t is ClaimsTableName {
  return (CLAIMS_TABLE_NAMES as readonly string[]).includes(t);
}

/** The columns a file can fill: every column but load_id. */
export function mappableColumns(table: ClaimsTableName) {
  return CLAIMS_TABLES[table].columns.filter((c) => c.name !== 'load_id');
}

/** The built-in mapping of the national layout: each column from the header of the same name. */
export function nationalMapping(table: ClaimsTableName): ColumnMap {
  return Object.fromEntries(mappableColumns(table).map((c) => [c.name, c.name]));
}

/** Problems of a mapping, by column (zh): unknown columns, required ones missing, empty headers, a header used twice. */
export function mappingProblems(table: ClaimsTableName, columns: ColumnMap): Record<string, string> {
  const problems: Record<string, string> = {};
  const known = new Map(mappableColumns(table).map((c) => [c.name, c]));
  for (const [col, header] of Object.entries(columns)) {
    if (!known.has(col)) problems[col] = `数据表 ${table} 没有列 ${col}`;
    else if (!header.trim()) problems[col] = `列 ${col} 的文件表头为空`;
    else if (header.length > 100) problems[col] = `列 ${col} 的文件表头过长（最多 100 字）`;
  }
  for (const c of known.values()) {
    if (c.required && !columns[c.name]?.trim()) problems[c.name] = `必填列 ${c.name}（${c.zh}）须映射到文件的一列`;
  }
  return problems;
}

/** The mapped headers the file lacks. */
export function missingHeaders(columns: ColumnMap, headers: readonly string[]): string[] {
  const have = new Set(headers.map((h) => h.trim()));
  return [...new Set(Object.values(columns))].filter((h) => !have.has(h.trim()));
}
