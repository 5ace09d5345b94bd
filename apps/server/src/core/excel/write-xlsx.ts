// exceljs is loaded on first use: it costs about half a second at start-up (bench/RESULTS.md).
const loadExcel = async () => (await import('exceljs')).default;

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

/** One sheet with a bold, frozen header row: what officers expect of an export. */
export async function writeXlsx<T>(sheetName: string, columns: SheetColumn<T>[], rows: Iterable<T>): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '智治';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Several sheets in one workbook (a report with one table per figure). */
export interface Sheet<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: Iterable<T>;
}

export async function writeXlsxSheets(sheets: Sheet<any>[]): Promise<Buffer> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = '智治';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(s.columns.map((c) => c.value(row) ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a Chinese file name (RFC 5987), with an ASCII fallback. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
