import { z } from 'zod';
import { IsoDate } from '@zhizhi/contracts';

export const CaseIdParams = z.object({ id: z.coerce.number().int().positive() });
export const TransferIdParams = z.object({ id: z.coerce.number().int().positive() });
export const DepartmentParams = z.object({ departmentId: z.string().uuid('部门编号格式有误') });
export const UserParams = z.object({ userId: z.string().uuid('用户编号格式有误') });

const Stage = z.enum(['first_review', 'second_review', 'appeal', 'investigation', 'closed']);
const OpenStage = z.enum(['first_review', 'second_review', 'appeal', 'investigation']);
const Decision = z.enum(['confirmed', 'dismissed', 'data_quality']);
const Measure = z.enum(['recovery', 'refuse_payment', 'penalty', 'transfer_police', 'transfer_discipline']);
const CheckResult = z.enum(['violation', 'no_violation', 'partly']);
const Fen = z.number().int().nonnegative().max(1e13);
const Text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max, `最多 ${max} 个字`);

export const OpenCaseInput = z.object({
  /** Optional with a warning: then the warning's findings (those not in an open case already). */
  findingIds: z.array(z.number().int().positive()).min(1, '请选择至少一条疑点').max(500, '一个案件最多 500 条疑点').optional(),
  warningId: z.number().int().positive().nullable().optional(),
  title: z.string().trim().max(120, '最多 120 个字').optional(),
  note: z.string().trim().max(2000, '最多 2000 个字').optional(),
});
export const OpenedCase = z.object({ id: z.number(), number: z.string(), findings: z.number(), skippedFindings: z.array(z.number()) });

const YesNo = z.enum(['true', 'false']).transform((v) => v === 'true');
export const CaseListQuery = z.object({
  stage: Stage.optional(),
  decision: Decision.optional(),
  provider: z.string().trim().max(60).optional(),
  q: z.string().trim().max(60).optional(),
  overdue: YesNo.optional(),
  mine: YesNo.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const CaseExportQuery = CaseListQuery.omit({ page: true, pageSize: true });

export const CaseSummary = z.object({
  id: z.number(), number: z.string(), title: z.string(), warningId: z.number().nullable(), subjectKind: z.enum(['person', 'provider']), subjectKey: z.string(),
  subjectName: z.string(), providerCodes: z.array(z.string()), providerNames: z.array(z.string()), stage: Stage, stageDueOn: z.string().nullable(), overdue: z.boolean(),
  appealDeadline: z.string().nullable(), ownerId: z.string().nullable(), ownerName: z.string(), amountAtRiskFen: z.number(), decision: Decision.nullable(),
  measures: z.array(Measure), confirmedFen: z.number(), recoveryDecidedFen: z.number(), recoveredFen: z.number(), openedAt: z.date(), openedByName: z.string(),
  decidedAt: z.date().nullable(),
});
export const CasePage = z.object({ total: z.number(), amountAtRiskFen: z.number(), recoveredFen: z.number(), items: z.array(CaseSummary) });
export const CaseCounts = z.object({ items: z.array(z.object({ stage: Stage, count: z.number(), overdue: z.number() })) });

export const CaseFinding = z.object({
  id: z.number(), ruleCode: z.string(), ruleName: z.string(), ruleNameEn: z.string(), severity: z.enum(['red', 'orange']), psnNo: z.string(), psnName: z.string(),
  certno: z.string(), fixmedinsCode: z.string(), fixmedinsName: z.string(), setlId: z.string(), occurredOn: z.string(), amountFen: z.number(), outcome: Decision.nullable(),
});
export const TransferView = z.object({
  id: z.number(), caseId: z.number(), departmentId: z.string(), departmentName: z.string(), purpose: z.enum(['clue', 'joint_check']), note: z.string(),
  transferredByName: z.string(), transferredAt: z.date(), receivedByName: z.string().nullable(), receivedAt: z.date().nullable(), checkResult: CheckResult.nullable(),
  report: z.string().nullable(), reportedByName: z.string().nullable(), reportedAt: z.date().nullable(),
  actions: z.array(z.object({ id: z.number(), action: z.string(), actedOn: z.string(), recordedByName: z.string(), recordedAt: z.date() })),
});
export const CaseDetail = CaseSummary.extend({
  appealedAt: z.date().nullable(), appealStatement: z.string().nullable(), refusedFen: z.number(), penaltyFen: z.number(), decisionBasis: z.string().nullable(),
  overReason: z.string().nullable(), decidedByName: z.string(), version: z.number(), canHandle: z.boolean(),
  findings: z.array(CaseFinding),
  stages: z.array(z.object({ stage: OpenStage, startedAt: z.date(), dueOn: z.string(), endedAt: z.date().nullable(), escalatedAt: z.date().nullable(), overdue: z.boolean() })),
  events: z.array(z.object({ id: z.number(), type: z.string(), stage: z.string(), note: z.string(), payload: z.record(z.string(), z.unknown()), actorName: z.string(), at: z.date() })),
  transfers: z.array(TransferView),
  recoveries: z.array(z.object({ id: z.number(), amountFen: z.number(), recoveredOn: z.string(), reference: z.string(), overReason: z.string().nullable(), recordedByName: z.string(), createdAt: z.date() })),
});
export const CaseReveal = z.object({ subjectName: z.string(), findings: z.array(z.object({ findingId: z.number(), psnNo: z.string(), psnName: z.string(), certno: z.string() })) });

export const StageActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pass_first_review'), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('confirm_second_review'), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('record_appeal'), statement: Text(4000, '请填写申诉理由') }),
  z.object({ action: z.literal('start_investigation'), note: z.string().trim().max(2000).optional() }),
]);
export const StageResult = z.object({ stage: Stage });

export const DecisionInput = z.object({
  decision: Decision,
  basis: z.string().max(4000, '最多 4000 个字'),
  measures: z.array(Measure).max(5).optional(),
  recoveryFen: Fen.optional(),
  refusedFen: Fen.optional(),
  penaltyFen: Fen.optional(),
  overReason: z.string().trim().max(2000).optional(),
  findingOutcomes: z.array(z.object({ findingId: z.number().int().positive(), outcome: Decision })).max(500).optional(),
});
export const DecisionResult = z.object({ stage: z.literal('closed'), decision: Decision, label: z.string(), from: z.string() });

export const TransferInput = z.object({
  departmentIds: z.array(z.string().uuid('部门编号格式有误')).min(1, '请选择至少一个协作部门').max(20),
  note: z.string().trim().max(2000, '最多 2000 个字').optional(),
});
export const TransferResult = z.object({ created: z.array(z.object({ id: z.number(), departmentName: z.string() })), skipped: z.array(z.string()) });

export const RecoveryInput = z.object({
  amountFen: z.number().int().positive('追回金额须大于 0').max(1e13),
  recoveredOn: IsoDate,
  reference: z.string().trim().max(120).optional(),
  overReason: z.string().trim().max(2000).optional(),
});
export const RecoveryResult = z.object({ id: z.number(), recoveredFen: z.number(), recoveredYuan: z.string() });
export const PeriodQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });
const TotalRow = z.object({ key: z.string(), name: z.string(), recoveredFen: z.number(), cases: z.number() });
export const RecoveryTotals = z.object({
  totalRecoveredFen: z.number(), payments: z.number(), decidedFen: z.number(), casesWithRecovery: z.number(),
  byRule: z.array(TotalRow), byProvider: z.array(TotalRow), byMonth: z.array(TotalRow),
});

export const InboxQuery = z.object({
  status: z.enum(['unreceived', 'open', 'reported']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const InboxPage = z.object({
  department: z.object({ id: z.string(), name: z.string() }),
  total: z.number(),
  items: z.array(z.object({
    id: z.number(), purpose: z.enum(['clue', 'joint_check']), note: z.string(), transferredAt: z.date(), transferredByName: z.string(), receivedAt: z.date().nullable(),
    receivedByName: z.string().nullable(), reportedAt: z.date().nullable(), checkResult: CheckResult.nullable(), caseId: z.number(), caseNumber: z.string(),
    caseTitle: z.string(), caseStage: Stage, subjectName: z.string(), providerNames: z.array(z.string()), amountAtRiskFen: z.number(),
  })),
});
export const InboxItem = z.object({
  transfer: TransferView,
  otherTransfers: z.array(TransferView),
  case: z.object({
    id: z.number(), number: z.string(), title: z.string(), stage: Stage, stageDueOn: z.string().nullable(), overdue: z.boolean(), subjectKind: z.enum(['person', 'provider']),
    subjectName: z.string(), providerNames: z.array(z.string()), amountAtRiskFen: z.number(), decision: Decision.nullable(), ownerName: z.string(), openedAt: z.date(),
  }),
  findings: z.array(CaseFinding),
});
export const ReceiveResult = z.object({ receivedAt: z.date(), receivedByName: z.string().nullable() });
export const TransferActionInput = z.object({ action: Text(1000, '请填写处理情况'), actedOn: IsoDate });
export const ReportInput = z.object({ report: Text(4000, '请填写反馈内容'), checkResult: CheckResult.optional() });

export const PartnerList = z.object({
  items: z.array(z.object({ departmentId: z.string(), name: z.string(), active: z.boolean(), duty: z.string(), sortOrder: z.number(), transfers: z.number(), openTransfers: z.number() })),
});
export const PartnerAddInput = z.object({ name: Text(60, '请填写部门名称'), duty: z.string().trim().max(200).optional() });
export const PartnerUpdateInput = z.object({ active: z.boolean().optional(), duty: z.string().trim().max(200).optional() });
export const StageLimitList = z.object({ items: z.array(z.object({ stage: OpenStage, workdays: z.number() })) });
export const StageLimitInput = z.object({ items: z.array(z.object({ stage: OpenStage, workdays: z.number().int().min(1, '至少 1 个工作日').max(120, '最多 120 个工作日') })).min(1).max(4) });
export const Area = z.object({
  userId: z.string(), username: z.string(), displayName: z.string(), active: z.boolean(), inspector: z.boolean(),
  areaName: z.string().nullable(), updatedAt: z.date().nullable(), openCases: z.number(),
  providers: z.array(z.object({ code: z.string(), name: z.string(), known: z.boolean() })),
});
export const AreaList = z.object({ items: z.array(Area) });
export const AreaInput = z.object({ areaName: Text(60, '请填写片区名称'), providerCodes: z.array(z.string().trim().min(1, '机构编号不能为空').max(40, '机构编号最多 40 个字符')).max(2000, '一个片区最多 2000 家机构') });
export const AreaProviderList = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), type: z.string(), area: z.object({ userId: z.string(), displayName: z.string(), areaName: z.string() }).nullable() })),
});
export const Ok = z.object({ ok: z.literal(true) });
