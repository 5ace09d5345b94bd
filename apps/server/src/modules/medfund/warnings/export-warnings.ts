import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsxSheets } from '../../../core/excel/write-xlsx';
import { filteredWarnings, itemOf, LEVEL_ZH, STATUS_ZH, type WarningQuery } from './warnings.service';

export const EXPORT_LIMIT = 50_000;
const KIND_ZH = { person: '参保人', provider: '定点医药机构' } as const;
const yuan = (fen: number) => Math.round(fen) / 100;
const shanghai = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/**
 * The warnings list as Excel (the list's filters, at most EXPORT_LIMIT rows): names and ID numbers
 * masked as on screen; a second sheet says who exported it, when and with which filters; the
 * export is audited (medfund.warning.export) with the same.
 */
export async function exportWarnings(ctx: Ctx, q: Omit<WarningQuery, 'page' | 'pageSize'>) {
  const rows = await filteredWarnings(ctx, q).selectAll('w')
    .orderBy(sql`CASE w.level WHEN 'red' THEN 3 WHEN 'orange' THEN 2 ELSE 1 END`, 'desc').orderBy('w.amount_fen', 'desc').orderBy('w.id', 'desc')
    .limit(EXPORT_LIMIT).execute();
  const items = rows.map(itemOf);
  const at = shanghai(ctx.now);
  const buffer = await writeXlsxSheets([
    {
      name: '预警',
      columns: [
        { header: '预警编号', width: 10, value: (r: (typeof items)[number]) => r.id },
        { header: '等级', width: 8, value: (r: (typeof items)[number]) => LEVEL_ZH[r.level] },
        { header: '对象类型', width: 12, value: (r: (typeof items)[number]) => KIND_ZH[r.subjectKind] },
        { header: '对象编号', width: 20, value: (r: (typeof items)[number]) => r.subjectKey },
        { header: '名称/姓名', width: 24, value: (r: (typeof items)[number]) => r.subjectName },
        { header: '证件号码（脱敏）', width: 22, value: (r: (typeof items)[number]) => r.subjectCertno },
        { header: '状态', width: 10, value: (r: (typeof items)[number]) => STATUS_ZH[r.status] },
        { header: '疑点数', width: 8, value: (r: (typeof items)[number]) => r.findingsCount },
        { header: '红色疑点数', width: 10, value: (r: (typeof items)[number]) => r.redFindings },
        { header: '涉及金额（元）', width: 14, value: (r: (typeof items)[number]) => yuan(r.amountFen) },
        { header: '规则', width: 30, value: (r: (typeof items)[number]) => r.ruleCodes.join('、') },
        { header: '疑点起', width: 12, value: (r: (typeof items)[number]) => r.firstOccurredOn },
        { header: '疑点止', width: 12, value: (r: (typeof items)[number]) => r.lastOccurredOn },
        { header: '处置人', width: 12, value: (r: (typeof items)[number]) => r.handledByName },
      ],
      rows: items,
    },
    {
      name: '导出信息',
      columns: [{ header: '项目', width: 16, value: (r: [string, string]) => r[0] }, { header: '内容', width: 60, value: (r: [string, string]) => r[1] }],
      rows: [
        ['导出人', `${ctx.actor.displayName}（${ctx.actor.username}）`], ['导出时间', `${at}（北京时间）`], ['条数', String(items.length)],
        ['筛选条件', JSON.stringify(q)], ['说明', '个人姓名和证件号码已脱敏；本文件的导出已记入审计日志'],
      ] as [string, string][],
    },
  ]);
  await recordAudit(ctx.db, ctx, { action: 'medfund.warning.export', entityType: 'medfund_warning', after: { filters: q, rows: items.length } });
  const stamp = at.replace(/[-: ]/g, '').slice(0, 12);
  return { buffer, fileName: `医保预警_${stamp}_${ctx.actor.username}.xlsx`, rows: items.length };
}
