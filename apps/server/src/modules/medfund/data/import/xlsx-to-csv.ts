import fs from 'node:fs';
import ExcelJS from 'exceljs';

const NEEDS_QUOTES = /[",\n\r]/;
const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // Excel dates have no zone: exceljs gives them as UTC
    const d = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const t = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    return t === '00:00:00' ? d : `${d} ${t}`;
  }
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}

/**
 * The first sheet of an .xlsx, streamed row by row into a CSV file (memory bounded), so that the
 * import reads every format the same way. Returns the rows written (header included).
 */
export async function xlsxToCsv(xlsx: string, csv: string): Promise<number> {
  const out = fs.openSync(csv, 'w');
  let rows = 0;
  let width = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(xlsx, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
    let buf: string[] = [];
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        if (rows === 0) width = values.length;
        const cells: string[] = [];
        for (let i = 0; i < width; i++) {
          const s = cellText(values[i] ?? null);
          cells.push(NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
        }
        buf.push(cells.join(','));
        rows++;
        if (buf.length >= 5000) {
          fs.writeSync(out, `${buf.join('\n')}\n`);
          buf = [];
        }
      }
      break; // the first sheet only
    }
    if (buf.length) fs.writeSync(out, `${buf.join('\n')}\n`);
  } finally {
    fs.closeSync(out);
  }
  return rows;
}
