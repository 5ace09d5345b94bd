import type { Actor } from '../../../core/identity/actor';

// exceljs is loaded on first use, like core/excel/write-xlsx.ts (it costs ~0.5 s at start-up)
const loadExcel = async () => (await import('exceljs')).default;

export interface MarkedColumn<T> { header: string; width?: number; value: (row: T) => string | number | null | undefined }
export interface MarkedSheet<T> { name: string; columns: MarkedColumn<T>[]; rows: readonly T[] }

/** Who exported and when, as printed on every sheet: '导出人 孙局长（mf_viewer） 2026-11-29 18:05'. */
export function exportMark(actor: Pick<Actor, 'displayName' | 'username'>, at: Date): string {
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
  return `导出人 ${actor.displayName}（${actor.username}） ${local}`;
}

/**
 * A workbook marked with the user who made it (报告导出留痕): the creator property, a first sheet
 * naming the report, the user and the time, and the same mark in every sheet's printed header and
 * footer, so a printed or forwarded copy still says whose it was. Header rows bold and frozen.
 */
export async function writeMarkedWorkbook(
  mark: string, info: { label: string; value: string }[], sheets: MarkedSheet<any>[], // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = mark;
  wb.lastModifiedBy = mark;
  const stamp = (ws: ReturnType<typeof wb.addWorksheet>) => {
    const text = mark.replace(/&/g, '&&');
    ws.headerFooter = { oddHeader: `&L内部资料 注意保密&R${text}`, oddFooter: `&L${text}&R第 &P 页 共 &N 页` };
  };
  const cover = wb.addWorksheet('报告信息');
  cover.columns = [{ header: '项目', width: 18 }, { header: '内容', width: 60 }];
  cover.getRow(1).font = { bold: true };
  for (const row of [...info, { label: '导出', value: mark }, { label: '密级', value: '内部资料，注意保密；导出已留痕' }]) cover.addRow([row.label, row.value]);
  stamp(cover);
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) ws.addRow(s.columns.map((c) => c.value(row) ?? null));
    stamp(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
