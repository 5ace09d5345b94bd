import { readFileSync } from 'node:fs';
import { srcPath } from '../../src-path';
import { parse } from 'csv-parse/sync';

/** A row of one of the code tables shipped in ./data (industries, divisions). */
export interface CodeRow {
  code: string;
  name: string;
  level: number;
  /** '' for a top-level row. */
  parentCode: string;
}

/**
 * Reads `data/<file>` next to this module. Codes stay strings (leading zeros matter: '0111').
 * Rows are checked here so that a hand edit that breaks the file fails at start-up, not later.
 */
export function referenceFilePath(file: string): string {
  return srcPath('core/reference/data', file);
}

export function readCodeTable(file: string): CodeRow[] {
  const path = referenceFilePath(file);
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r, i) => {
    const level = Number(r.level);
    if (!r.code || !r.name || !Number.isInteger(level)) throw new Error(`${file}: bad row ${i + 2}`);
    return { code: r.code, name: r.name, level, parentCode: r.parent_code ?? '' };
  });
}
