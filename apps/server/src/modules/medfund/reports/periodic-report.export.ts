import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import type { ClaimsStore } from '../claims/claims-store';
import type { TopProvider, TopRule, TrendPoint } from './domain/periodic-report';
import { exportMark, writeMarkedWorkbook, type MarkedSheet } from './marked-workbook';
import { periodicReport, type ReportQuery, type ReportView } from './periodic-report.service';

const yuan = (fen: number) => Math.round(fen) / 100;
const SEVERITY: Record<string, string> = { red: '红色（明确违规）', orange: '橙色（可疑）' };
const LEVEL: Record<string, string> = { red: '红色预警', orange: '橙色预警', yellow: '黄色预警' };
const STAGE: Record<string, string> = { first_review: '初审', second_review: '复审', appeal: '申诉', investigation: '调查核实' };
const DECISION: Record<string, string> = { confirmed: '确认违规', dismissed: '排除', data_quality: '数据问题（纠正不处罚）' };
type Sup = ReportView['supervision'];

type Line = { name: string; value: number | string | null; change: number | null };

/** The report's sheets (docs/medfund/REPORT.md); amounts in yuan with two decimals. */
export function reportSheets(r: ReportView): MarkedSheet<any>[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headline: Line[] = [
    { name: '结算笔数（冲销后）', value: r.fund.settlements, change: r.fund.settlementsChangePercent },
    { name: '医疗费用总额（元）', value: yuan(r.fund.medfeeFen), change: null },
    { name: '基金支付（元）', value: yuan(r.fund.fundFen), change: r.fund.fundChangePercent },
    { name: '疑点数', value: r.findings.count, change: r.findings.changePercent },
    { name: '疑点金额（元）', value: yuan(r.findings.amountFen), change: r.findings.amountChangePercent },
    { name: '疑点金额占基金支付（‰）', value: r.findings.perMilleOfFund, change: null },
    { name: '涉及定点医药机构数', value: r.findings.providers, change: null },
    { name: '触发规则数', value: r.findings.rules, change: null },
  ];
  return [
    { name: '核心指标', columns: [
      { header: '指标', width: 30, value: (l: Line) => l.name }, { header: '本期', width: 18, value: (l: Line) => l.value },
      { header: '较上期（%）', width: 14, value: (l: Line) => l.change },
    ], rows: headline },
    { name: '趋势', columns: [
      { header: '期间', width: 12, value: (p: TrendPoint) => p.period },
      { header: '结算笔数', width: 12, value: (p: TrendPoint) => p.settlements },
      { header: '医疗费用总额（元）', width: 18, value: (p: TrendPoint) => yuan(p.medfeeFen) },
      { header: '基金支付（元）', width: 18, value: (p: TrendPoint) => yuan(p.fundFen) },
      { header: '疑点数', width: 10, value: (p: TrendPoint) => p.findings },
      { header: '疑点金额（元）', width: 16, value: (p: TrendPoint) => yuan(p.findingsAmountFen) },
    ], rows: r.trend },
    { name: '疑点按等级', columns: [
      { header: '等级', width: 18, value: (s: ReportView['bySeverity'][number]) => SEVERITY[s.severity] ?? s.severity },
      { header: '疑点数', width: 10, value: (s: ReportView['bySeverity'][number]) => s.findings },
      { header: '疑点金额（元）', width: 16, value: (s: ReportView['bySeverity'][number]) => yuan(s.amountFen) },
    ], rows: r.bySeverity },
    { name: '重点规则', columns: [
      { header: '规则编号', width: 22, value: (x: TopRule) => x.ruleCode }, { header: '规则名称', width: 28, value: (x: TopRule) => x.ruleName },
      { header: '疑点数', width: 10, value: (x: TopRule) => x.findings }, { header: '其中红色', width: 10, value: (x: TopRule) => x.red },
      { header: '疑点金额（元）', width: 16, value: (x: TopRule) => yuan(x.amountFen) }, { header: '金额占比（%）', width: 14, value: (x: TopRule) => x.sharePercent },
    ], rows: r.topRules },
    { name: '预警', columns: [
      { header: '等级', width: 12, value: (x: Sup['warnings']['byLevel'][number]) => LEVEL[x.level] },
      { header: '本期新增', width: 10, value: (x: Sup['warnings']['byLevel'][number]) => x.raised },
      { header: '涉及金额（元）', width: 16, value: (x: Sup['warnings']['byLevel'][number]) => yuan(x.amountFen) },
      { header: '其中待处置', width: 12, value: (x: Sup['warnings']['byLevel'][number]) => x.open },
      { header: '已立案', width: 10, value: (x: Sup['warnings']['byLevel'][number]) => x.inCase },
      { header: '已办结', width: 10, value: (x: Sup['warnings']['byLevel'][number]) => x.closed },
      { header: '已排除', width: 10, value: (x: Sup['warnings']['byLevel'][number]) => x.dismissed },
    ], rows: r.supervision.warnings.byLevel },
    { name: '案件', columns: [
      { header: '项目', width: 28, value: (x: Line) => x.name }, { header: '数值', width: 18, value: (x: Line) => x.value },
    ], rows: [
      { name: '本期立案', value: r.supervision.cases.opened, change: null },
      { name: '本期办结', value: r.supervision.cases.decided, change: null },
      ...r.supervision.cases.byDecision.map((d) => ({ name: `本期办结·${DECISION[d.decision]}`, value: d.cases, change: null })),
      { name: '当前在办', value: r.supervision.cases.open, change: null },
      ...r.supervision.cases.byStage.map((st) => ({ name: `当前在办·${STAGE[st.stage]}（其中超期 ${st.overdue}）`, value: st.cases, change: null })),
      { name: '本期决定追回（元）', value: yuan(r.supervision.recovery.decidedFen), change: null },
      { name: '本期已追回（元）', value: yuan(r.supervision.recovery.recoveredFen), change: null },
      { name: '本期追回笔数', value: r.supervision.recovery.payments, change: null },
      { name: '追回率（%，本期已追回 ÷ 本期决定追回）', value: r.supervision.recovery.recoveredPercent, change: null },
      { name: '累计待追回（元，当前）', value: yuan(r.supervision.recovery.outstandingFen), change: null },
    ] },
    { name: '预警案件趋势', columns: [
      { header: '期间', width: 12, value: (x: Sup['trend'][number]) => x.period },
      { header: '新增预警', width: 10, value: (x: Sup['trend'][number]) => x.warnings },
      { header: '其中红色', width: 10, value: (x: Sup['trend'][number]) => x.redWarnings },
      { header: '立案', width: 8, value: (x: Sup['trend'][number]) => x.casesOpened },
      { header: '追回（元）', width: 14, value: (x: Sup['trend'][number]) => yuan(x.recoveredFen) },
    ], rows: r.supervision.trend },
    { name: '重点机构', columns: [
      { header: '机构编码', width: 16, value: (x: TopProvider) => x.fixmedinsCode }, { header: '机构名称', width: 28, value: (x: TopProvider) => x.fixmedinsName },
      { header: '疑点数', width: 10, value: (x: TopProvider) => x.findings }, { header: '触发规则数', width: 12, value: (x: TopProvider) => x.rules },
      { header: '疑点金额（元）', width: 16, value: (x: TopProvider) => yuan(x.amountFen) }, { header: '本期结算笔数', width: 14, value: (x: TopProvider) => x.settlements },
      { header: '本期基金支付（元）', width: 18, value: (x: TopProvider) => yuan(x.fundFen) }, { header: '疑点金额占基金支付（‰）', width: 22, value: (x: TopProvider) => x.perMilleOfFund },
    ], rows: r.topProviders },
  ];
}

/** The report as a workbook marked with the user; the export is audited (medfund.report.export). */
export async function exportPeriodicReport(ctx: Ctx, store: ClaimsStore, q: ReportQuery): Promise<{ fileName: string; buffer: Buffer }> {
  const r = await periodicReport(ctx, store, q);
  const mark = exportMark(ctx.actor, ctx.now);
  const fileName = `医保基金运行风险报告-${r.period}.xlsx`;
  const buffer = await writeMarkedWorkbook(mark, [
    { label: '报告', value: `医保基金运行风险分析报告（${r.kind === 'month' ? '月报' : '季报'}）` },
    { label: '报告期', value: r.period },
    { label: '统计区间', value: `${r.from} 至 ${r.until}（不含）` },
    { label: '口径', value: '基金支付按结算时间、冲销退费后计；疑点按发生日期计；金额单位元' },
  ], reportSheets(r));
  await recordAudit(ctx.db, ctx, { action: 'medfund.report.export', entityType: 'medfund_report', entityId: r.period, after: { period: r.period, fileName, bytes: buffer.length } });
  return { fileName, buffer };
}
