import { CLAIMS_TABLES, type ClaimsTableName } from './tables';

/** DuckDB's read_csv `columns` struct for a claims table: the file's header must be the table's columns. */
export function duckdbColumnsStruct(table: ClaimsTableName): string {
  return `{${CLAIMS_TABLES[table].columns.map((c) => `'${c.name}': '${c.type}'`).join(', ')}}`;
}

/** A file path as a DuckDB string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}
