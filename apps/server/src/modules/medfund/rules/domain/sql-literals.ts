import { isSafeCode } from './parameters';

/**
 * Values go into the screening SQL as literals (the same text runs on DuckDB and PostgreSQL, and
 * a rule table of a few thousand rows becomes a VALUES list). Only validated values reach here;
 * these helpers refuse anything else rather than escape it.
 */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in an SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlCode(value: string): string {
  if (!isSafeCode(value)) throw new Error(`Not a code: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Not an integer: ${value}`);
  return String(value);
}

export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a number: ${value}`);
  return String(value);
}

export function sqlDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Not a date: ${value}`);
  return `DATE '${value}'`;
}

/**
 * A relation of literal rows, typed by its first (NULL, never matching) row so that an empty table
 * still has column types on both engines: `SELECT ... WHERE 1 = 0 UNION ALL VALUES ...`.
 */
export function sqlValues(columns: { name: string; type: 'VARCHAR' | 'INTEGER' }[], rows: string[][]): string {
  const typed = `SELECT ${columns.map((c) => `CAST(NULL AS ${c.type}) AS ${c.name}`).join(', ')} WHERE 1 = 0`;
  if (rows.length === 0) return typed;
  const body = rows.map((r) => `SELECT ${r.map((v, i) => `CAST(${v} AS ${columns[i]!.type})`).join(', ')}`).join('\n  UNION ALL ');
  return `${typed}\n  UNION ALL ${body}`;
}

/** `expr LIKE 'A%' OR expr LIKE 'B%'`, or FALSE for none: code prefixes from a parameter. */
export function sqlPrefixAny(expr: string, prefixes: string[]): string {
  if (prefixes.length === 0) return 'FALSE';
  return `(${prefixes.map((p) => `${expr} LIKE ${sqlCode(p).slice(0, -1)}%'`).join(' OR ')})`;
}
