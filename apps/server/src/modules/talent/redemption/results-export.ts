import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import type { Ctx } from '../../../core/context';
import { roundResults } from './round.service';

type Row = Awaited<ReturnType<typeof roundResults>>['items'][number];

const DECIDED_ZH: Record<string, string> = {
  priorityClass: '持有配额者优先', points: '积分', subScore: '同分比较单项', qualifiedAt: '达到条件先后', lottery: '摇号',
};

/**
 * The allocation result of a round as an Excel sheet, in rank order: what the office files and a
 * notice is drawn from. ID numbers stay masked (as on the page); the seed and its commitment stand
 * in the first row's last two columns, so that the file alone lets anyone re-check the lottery.
 * Same access as the result page (the office, or the resource's owner). Audited with the row count.
 */
export async function exportRoundResults(ctx: Ctx, id: string) {
  const { round, items } = await roundResults(ctx, id);
  const tieLabels = round.tieBreakItems.map((x) => x.label?.zh ?? x.itemId);
  const columns: SheetColumn<Row>[] = [
    { header: '排名', width: 6, value: (r) => r.rank },
    { header: '姓名', width: 10, value: (r) => r.name },
    { header: '身份证号码（脱敏）', width: 20, value: (r) => r.idNumber },
    { header: '所属企业', width: 30, value: (r) => r.enterpriseName },
    { header: '分配结果', width: 20, value: (r) => r.optionName ?? '未获分配' },
    { header: '志愿序号', width: 8, value: (r) => (r.preferenceIndex === null ? null : r.preferenceIndex + 1) },
    { header: '持有配额优先', width: 10, value: (r) => (round.quotaFirst ? (r.priorityClass === 0 ? '是' : '否') : '—') },
    { header: '积分', width: 8, value: (r) => r.points },
    ...tieLabels.map((label, i): SheetColumn<Row> => ({ header: `同分比较 ${i + 1}：${label}`, width: 14, value: (r) => r.subScores[i] ?? null })),
    { header: '达到条件日期', width: 12, value: (r) => r.qualifiedAt },
    { header: '与前一位的决定因素', width: 16, value: (r) => (r.decidedBy ? DECIDED_ZH[r.decidedBy.key] ?? r.decidedBy.key : '排名第一') },
    { header: '摇号票据 SHA-256(种子:申请编号)', width: 66, value: (r) => r.ticket },
    { header: '申请编号', width: 38, value: (r) => r.applicationId },
    { header: '种子（分配时公布）', width: 66, value: (r) => (r.rank === 1 ? round.seed : null) },
    { header: '种子承诺 SHA-256(种子)', width: 66, value: (r) => (r.rank === 1 ? round.seedCommitment : null) },
  ];
  await recordAudit(ctx.db, ctx, {
    action: 'talent.round.export', entityType: 'talent_round', entityId: id,
    after: { rows: items.length, status: round.status },
  });
  const buffer = await writeXlsx('分配结果', columns, items);
  return { buffer, fileName: `兑现分配结果-${round.name}-${round.period}.xlsx` };
}
