import type { Ctx } from '../../../core/context';
import { localDateOf } from '../../../core/reference/domain/workday';
import { recordAudit } from '../../../core/audit/audit';
import { exportMark, writeMarkedWorkbook, type MarkedSheet } from './marked-workbook';
import { ruleEffectivenessView, type RuleEffectivenessView } from './rule-effectiveness.service';

type Rule = RuleEffectivenessView['rules'][number];
type Version = Rule['versions'][number] & { name: string };
const yuan = (fen: number) => Math.round(fen) / 100;
const pct = (p: number | null) => (p === null ? null : Math.round(p * 1000) / 10);
const flags = (r: { lowPrecision: boolean; mostlyDataQuality: boolean }) =>
  [r.lowPrecision ? '准确率偏低，建议调整或停用' : '', r.mostlyDataQuality ? '多为数据问题，先核对数据' : ''].filter(Boolean).join('；');

/** The rule-effectiveness sheets: one row per rule, then one per rule version. */
export function effectivenessSheets(e: RuleEffectivenessView): MarkedSheet<any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const common = <T extends Rule | Version>() => [
    { header: '疑点数', width: 10, value: (r: T) => r.findings },
    { header: '疑点金额（元）', width: 16, value: (r: T) => yuan(r.amountFen) },
    { header: '已立案', width: 10, value: (r: T) => r.inCase },
    { header: '待定', width: 8, value: (r: T) => r.pending },
    { header: '确认', width: 8, value: (r: T) => r.confirmed },
    { header: '排除', width: 8, value: (r: T) => r.dismissed },
    { header: '数据问题', width: 10, value: (r: T) => r.dataQuality },
    { header: '准确率（%）', width: 12, value: (r: T) => pct(r.precision) },
    { header: '确认金额（元）', width: 16, value: (r: T) => yuan(r.confirmedAmountFen) },
    { header: '决定追回（元）', width: 16, value: (r: T) => yuan(r.recoveryDecidedFen) },
    { header: '已追回（元）', width: 16, value: (r: T) => yuan(r.recoveredFen) },
    { header: '提示', width: 30, value: (r: T) => flags(r) },
  ];
  return [
    { name: '规则成效', columns: [
      { header: '规则编号', width: 22, value: (r: Rule) => r.ruleCode }, { header: '规则名称', width: 28, value: (r: Rule) => r.name },
      { header: '状态', width: 8, value: (r: Rule) => (r.enabled ? '启用' : '停用') }, { header: '当前版本', width: 10, value: (r: Rule) => r.currentVersion },
      ...common<Rule>(),
    ], rows: e.rules },
    { name: '按规则版本', columns: [
      { header: '规则编号', width: 22, value: (r: Version) => r.ruleCode }, { header: '规则名称', width: 28, value: (r: Version) => r.name },
      { header: '版本', width: 8, value: (r: Version) => r.ruleVersion }, ...common<Version>(),
    ], rows: e.rules.flatMap((r) => r.versions.map((v) => ({ ...v, name: r.name }))) },
  ];
}

export const EFFECTIVENESS_NOTE = '准确率 = 确认 ÷（确认 + 排除 + 数据问题）；案件的追回金额按其确认疑点的金额比例分摊到规则，精确到分（最大余数法）；未能分摊（案件无确认疑点）的单列';

export async function exportRuleEffectiveness(ctx: Ctx): Promise<{ fileName: string; buffer: Buffer }> {
  const e = await ruleEffectivenessView(ctx);
  const mark = exportMark(ctx.actor, ctx.now);
  const fileName = `医保筛查规则成效-${localDateOf(ctx.now)}.xlsx`;
  const buffer = await writeMarkedWorkbook(mark, [
    { label: '报告', value: '医保筛查规则成效' },
    { label: '范围', value: `截至 ${localDateOf(ctx.now)} 的全部疑点` },
    { label: '口径', value: EFFECTIVENESS_NOTE },
    { label: '未分摊追回', value: `${e.unattributed.cases} 件案件，决定追回 ${yuan(e.unattributed.recoveryDecidedFen)} 元，已追回 ${yuan(e.unattributed.recoveredFen)} 元` },
  ], effectivenessSheets(e));
  await recordAudit(ctx.db, ctx, { action: 'medfund.report.export', entityType: 'medfund_report', entityId: 'rule-effectiveness', after: { fileName, bytes: buffer.length } });
  return { fileName, buffer };
}
