// 国民经济行业分类 (industryCode), GB/T 4754-2017 with its 2019 第1号修改单, all four levels
// (1,382 小类). Provenance and the published counts: docs/REFERENCE_DATA.md.
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

const sectionRanges = new Map<string, [string, string][]>();

/**
 * The 小类 codes of a 门类 as ranges of code strings [from, to): the 门类 letter is not a prefix
 * of the numeric codes, but each 门类 is a run of consecutive 大类 (C = 13–43), so a filter on it
 * is a range on industry_code that an index serves, instead of a join over three levels.
 */
export function industrySectionRanges(section: string): [string, string][] {
  let ranges = sectionRanges.get(section);
  if (!ranges) {
    const divisions = readIndustries()
      .filter((r) => r.level === 2 && r.parentCode === section)
      .map((r) => Number(r.code))
      .sort((a, b) => a - b);
    ranges = [];
    for (const d of divisions) {
      const last = ranges.at(-1);
      const next = String(d + 1).padStart(2, '0');
      if (last && Number(last[1]) === d) last[1] = next;
      else ranges.push([String(d).padStart(2, '0'), next]);
    }
    sectionRanges.set(section, ranges);
  }
  return ranges;
}

let names: Map<string, string> | undefined;

/**
 * The name of an industry code ('' when unknown), from the shipped table that the industries
 * table is loaded from (reloaded whenever the file changes): lists resolve names here instead of
 * joining the table for every row.
 */
export function industryName(code: string): string {
  names ??= new Map(readIndustries().map((r) => [r.code, r.name]));
  return names.get(code) ?? '';
}
