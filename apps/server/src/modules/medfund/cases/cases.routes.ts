import { ctxOf, type Routes } from '../../../http/deps';
import { recordAudit } from '../../../core/audit/audit';
import { attachment, writeXlsxSheets, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { actOnCase, allCases, caseCounts, decideCase, getCase, listCases, openCase, revealCase } from './case.service';
import { transferCase } from './transfer.service';
import { recordRecovery, recoveryPayments, recoveryTotals } from './recovery.service';
import { DECISION_NAMES, MEASURE_NAMES, STAGE_NAMES, yuan } from './domain/review-chain';
import {
  CaseCounts, CaseDetail, CaseExportQuery, CaseIdParams, CaseListQuery, CasePage, CaseReveal, DecisionInput, DecisionResult, OpenCaseInput, OpenedCase,
  PeriodQuery, RecoveryInput, RecoveryResult, RecoveryTotals, StageActionInput, StageResult, TransferInput, TransferResult,
} from './schemas';

const TAG = ['medfund cases'];
const beijing = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
/** Every export carries who made it and when (a sheet of its own), besides the audit entry. */
const exportMark = (name: string, at: Date, filters: unknown) => ({
  name: '导出说明',
  columns: [{ header: '项目', width: 14, value: (r: string[]) => r[0] }, { header: '内容', width: 60, value: (r: string[]) => r[1] }],
  rows: [['导出人', name], ['导出时间（北京时间）', beijing(at)], ['筛选条件', JSON.stringify(filters)], ['说明', '含个人信息已脱敏；仅限医保基金监管工作使用，不得外传']],
});

/** Cases, their review chain, transfers, decisions and recovery: /api/medfund/cases… (docs/medfund/API.md). */
export const medfundCaseRoutes: Routes = (app, deps) => {
  const caseDeps = () => ({ calendar: deps.calendar.get(), notifier: deps.notifier });

  app.post('/medfund/cases', {
    config: { access: 'medfund.cases.open' },
    schema: {
      tags: TAG, summary: '依据疑点立案（进入初审）', body: OpenCaseInput, response: { 201: OpenedCase },
      description: 'findingIds, or warningId (立案 from a warning: its findings, those already in an open case left out and listed in skippedFindings), or both (the findings must be the warning\'s). 400 MEDFUND_CASE_FINDINGS_INVALID names findings that do not exist or already sit in an open case; 404 MEDFUND_WARNING_NOT_FOUND; 409 MEDFUND_WARNING_STATUS when the warning is not open or already in an open case. The owner is the inspector whose area covers every provider.',
    },
  }, async (req, reply) => reply.status(201).send(await openCase(ctxOf(req, deps), caseDeps(), req.body)));

  app.get('/medfund/cases', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '案件列表（阶段、处理结果、机构、超期、本人承办、立案期间；个人姓名脱敏）', querystring: CaseListQuery, response: { 200: CasePage } },
  }, (req) => listCases(ctxOf(req, deps), req.query));

  app.get('/medfund/cases/counts', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '各阶段案件数和超期数', response: { 200: CaseCounts } },
  }, async (req) => ({ items: await caseCounts(ctxOf(req, deps)) }));

  app.get('/medfund/cases/export.xlsx', {
    config: { access: 'medfund.cases.export' },
    schema: { tags: TAG, summary: '导出案件（Excel，个人信息脱敏，留痕并标注导出人）', querystring: CaseExportQuery },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const rows = await allCases(ctx, req.query);
    await recordAudit(deps.db, ctx, { action: 'medfund.cases.export', entityType: 'medfund_case', after: { filters: req.query, rows: rows.length } });
    const buffer = await writeXlsxSheets([
      {
        name: '案件', rows, columns: [
          { header: '案件编号', width: 18, value: (r: typeof rows[number]) => r.number },
          { header: '案件名称', width: 36, value: (r: typeof rows[number]) => r.title },
          { header: '对象', width: 22, value: (r: typeof rows[number]) => r.subjectName },
          { header: '定点医药机构', width: 30, value: (r: typeof rows[number]) => r.providerNames.join('、') },
          { header: '阶段', width: 10, value: (r: typeof rows[number]) => STAGE_NAMES[r.stage].zh },
          { header: '阶段期限', width: 12, value: (r: typeof rows[number]) => r.stageDueOn ?? '' },
          { header: '超期', width: 6, value: (r: typeof rows[number]) => (r.overdue ? '是' : '') },
          { header: '承办人', width: 12, value: (r: typeof rows[number]) => r.ownerName },
          { header: '疑点金额（元）', width: 14, value: (r: typeof rows[number]) => r.amountAtRiskFen / 100 },
          { header: '处理结果', width: 16, value: (r: typeof rows[number]) => (r.decision ? DECISION_NAMES[r.decision].zh : '') },
          { header: '处理措施', width: 24, value: (r: typeof rows[number]) => r.measures.map((m) => MEASURE_NAMES[m].zh).join('、') },
          { header: '决定追回（元）', width: 14, value: (r: typeof rows[number]) => r.recoveryDecidedFen / 100 },
          { header: '已追回（元）', width: 14, value: (r: typeof rows[number]) => r.recoveredFen / 100 },
          { header: '立案时间', width: 17, value: (r: typeof rows[number]) => beijing(r.openedAt) },
        ],
      },
      exportMark(ctx.actor.displayName, ctx.now, req.query),
    ]);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`医保监管案件-${ctx.now.toISOString().slice(0, 10)}.xlsx`)).send(buffer);
  });

  app.get('/medfund/cases/:id', {
    config: { access: 'medfund.cases.read' },
    schema: {
      tags: TAG, summary: '案件详情：疑点、阶段与期限、时间线、移交及各部门处理、追回款（查阅留痕）', params: CaseIdParams, response: { 200: CaseDetail },
      description: 'Audited medfund.case.read. Names and ID numbers masked; canHandle says whether the reader is an inspector of the case\'s area.',
    },
  }, (req) => getCase(ctxOf(req, deps), req.params.id));

  app.post('/medfund/cases/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看案件涉及人员的完整姓名和证件号码（留痕）', params: CaseIdParams, response: { 200: CaseReveal } },
  }, (req) => revealCase(ctxOf(req, deps), req.params.id));

  app.post('/medfund/cases/:id/actions', {
    config: { access: 'medfund.cases.review' },
    schema: {
      tags: TAG, summary: '审核链推进：初审通过、复审确认、登记申诉、转入调查核实', params: CaseIdParams, body: StageActionInput, response: { 200: StageResult },
      description: '409 MEDFUND_CASE_STAGE_ORDER for a move out of order (names the stage); 400 MEDFUND_APPEAL_LATE after the appeal deadline; 403 MEDFUND_CASE_OUT_OF_AREA outside the inspector\'s area.',
    },
  }, (req) => actOnCase(ctxOf(req, deps), caseDeps(), req.params.id, req.body));

  app.post('/medfund/cases/:id/decision', {
    config: { access: 'medfund.cases.review' },
    schema: {
      tags: TAG, summary: '作出处理决定（确认违规及措施、排除疑点、数据质量问题整改不处罚），逐条认定疑点', params: CaseIdParams, body: DecisionInput, response: { 200: DecisionResult },
      description: '400 MEDFUND_DECISION_INVALID names the missing field; 400 MEDFUND_RECOVERY_OVER_RISK when the recovery exceeds the confirmed amount without overReason; 409 MEDFUND_CASE_STAGE_ORDER for a confirmed decision before the investigation.',
    },
  }, (req) => decideCase(ctxOf(req, deps), req.params.id, req.body));

  app.post('/medfund/cases/:id/transfers', {
    config: { access: 'medfund.cases.transfer' },
    schema: {
      tags: TAG, summary: '线索移交（可同时移交多个协作部门）', params: CaseIdParams, body: TransferInput, response: { 200: TransferResult },
      description: '400 MEDFUND_PARTNER_INACTIVE names each inactive department; 404 MEDFUND_PARTNER_NOT_FOUND names a department outside the community. A department that already holds a transfer of the case is skipped.',
    },
  }, (req) => transferCase(ctxOf(req, deps), deps.notifier, req.params.id, { ...req.body, purpose: 'clue' }));

  app.post('/medfund/cases/:id/joint-inspection', {
    config: { access: 'medfund.cases.transfer' },
    schema: {
      tags: TAG, summary: '发起联合检查（调查核实阶段；一案多查，各部门分别记录检查结论）', params: CaseIdParams, body: TransferInput, response: { 200: TransferResult },
    },
  }, (req) => transferCase(ctxOf(req, deps), deps.notifier, req.params.id, { ...req.body, purpose: 'joint_check' }));

  app.post('/medfund/cases/:id/recoveries', {
    config: { access: 'medfund.cases.review' },
    schema: {
      tags: TAG, summary: '登记追回款（精确到分；超过认定疑点金额须说明理由）', params: CaseIdParams, body: RecoveryInput, response: { 201: RecoveryResult },
    },
  }, async (req, reply) => reply.status(201).send(await recordRecovery(ctxOf(req, deps), req.params.id, req.body)));

  app.get('/medfund/recovery/totals', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '追回金额汇总：按规则、机构、月份', querystring: PeriodQuery, response: { 200: RecoveryTotals } },
  }, (req) => recoveryTotals(ctxOf(req, deps), req.query));

  app.get('/medfund/recovery/export.xlsx', {
    config: { access: 'medfund.cases.export' },
    schema: { tags: TAG, summary: '导出追回情况（Excel，留痕并标注导出人）', querystring: PeriodQuery },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const [totals, payments] = await Promise.all([recoveryTotals(ctx, req.query), recoveryPayments(ctx, req.query)]);
    await recordAudit(deps.db, ctx, { action: 'medfund.recovery.export', entityType: 'medfund_recovery', after: { filters: req.query, payments: payments.length } });
    type T = (typeof totals.byRule)[number];
    const totalCols = (h: string) => [
      { header: h, width: 30, value: (r: T) => r.name },
      { header: '编码', width: 16, value: (r: T) => r.key },
      { header: '追回金额（元）', width: 16, value: (r: T) => yuan(r.recoveredFen) },
      { header: '案件数', width: 10, value: (r: T) => r.cases },
    ];
    type P = (typeof payments)[number];
    const buffer = await writeXlsxSheets([
      { name: '按规则', columns: totalCols('规则'), rows: totals.byRule },
      { name: '按机构', columns: totalCols('定点医药机构'), rows: totals.byProvider },
      { name: '按月份', columns: totalCols('月份'), rows: totals.byMonth },
      {
        name: '追回明细', rows: payments, columns: [
          { header: '案件编号', width: 18, value: (r: P) => r.number },
          { header: '案件名称', width: 36, value: (r: P) => r.title },
          { header: '定点医药机构', width: 30, value: (r: P) => r.provider_names.join('、') },
          { header: '追回日期', width: 12, value: (r: P) => r.recovered_on },
          { header: '追回金额（元）', width: 16, value: (r: P) => yuan(Number(r.amount_fen)) },
          { header: '凭证号', width: 18, value: (r: P) => r.reference },
          { header: '超额理由', width: 30, value: (r: P) => r.over_reason ?? '' },
          { header: '登记人', width: 12, value: (r: P) => r.recorded_by_name },
        ],
      },
      exportMark(ctx.actor.displayName, ctx.now, req.query),
    ]);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`医保基金追回情况-${ctx.now.toISOString().slice(0, 10)}.xlsx`)).send(buffer);
  });
};
