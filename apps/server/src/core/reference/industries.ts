// 国民经济行业分类 (industryCode), GB/T 4754-2017, all four levels. Provenance and the
// count discrepancy (1381 小类 here vs the 1380 usually quoted): docs/REFERENCE_DATA.md.
import { readCodeTable, type CodeRow } from './read-reference-csv';

export type IndustryLevel = 1 | 2 | 3 | 4; // 门类 letter, 大类 2 digits, 中类 3 digits, 小类 4 digits

export interface IndustryRow extends CodeRow {
  level: IndustryLevel;
}

let cache: IndustryRow[] | undefined;

/** All rows in standard order. Every 中类 has a row, even where the standard prints only its single 小类 (code 中类+"0"). */
export function readIndustries(): IndustryRow[] {
  cache ??= readCodeTable('industries-gbt4754-2017.csv').map((r) => {
    const expected = /^[A-T]$/.test(r.code) ? 1 : r.code.length;
    if (r.level !== expected || r.level < 1 || r.level > 4) throw new Error(`industries: bad level for ${r.code}`);
    return { ...r, level: r.level as IndustryLevel };
  });
  return cache;
}
