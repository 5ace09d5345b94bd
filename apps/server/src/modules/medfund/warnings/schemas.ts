import { z } from 'zod';
import { IsoDate } from '@zhizhi/contracts';

export const Level = z.enum(['red', 'orange', 'yellow']);
export const Status = z.enum(['open', 'in_case', 'closed', 'dismissed']);
export const SubjectKind = z.enum(['person', 'provider']);

export const WarningIdParams = z.object({ id: z.coerce.number().int().positive() });

export const WarningListQuery = z.object({
  level: Level.optional(),
  subjectKind: SubjectKind.optional(),
  status: Status.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  provider: z.string().trim().max(40).optional(),
  subject: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const WarningItem = z.object({
  id: z.number(), subjectKind: SubjectKind, subjectKey: z.string(), subjectName: z.string(), subjectCertno: z.string(), level: Level,
  computedLevel: Level.nullable(), levelPinned: z.boolean(), status: Status, amountFen: z.number(), findingsCount: z.number(), redFindings: z.number(),
  reasons: z.array(z.string()), providers: z.array(z.string()), ruleCodes: z.array(z.string()), firstOccurredOn: z.string().nullable(),
  lastOccurredOn: z.string().nullable(), ruleVersion: z.number(), notifiedAt: z.date().nullable(), handledByName: z.string(), handledAt: z.date().nullable(),
  createdAt: z.date(), updatedAt: z.date(),
  // how it was handled: the case opened from it (reports/warning-handling.ts, the 0034 glue); lists and the detail carry it
  handling: z.object({
    caseId: z.number(), caseNumber: z.string(), stage: z.enum(['first_review', 'second_review', 'appeal', 'investigation', 'closed']), stageDueOn: z.string().nullable(),
    decision: z.enum(['confirmed', 'dismissed', 'data_quality']).nullable(), recoveryDecidedFen: z.number(), recoveredFen: z.number(), openedAt: z.date(), decidedAt: z.date().nullable(),
  }).nullable().optional(),
});
export const WarningPage = z.object({
  total: z.number(),
  amountFen: z.number(),
  byLevel: z.object({ red: z.number(), orange: z.number(), yellow: z.number() }),
  scope: z.enum(['all', 'red']),
  items: z.array(WarningItem),
});
const WarningEvent = z.object({
  id: z.number(), kind: z.string(), from: z.string().nullable(), to: z.string().nullable(), reason: z.string(), actorName: z.string(), rollupId: z.number().nullable(), at: z.date(),
});
const WarningFinding = z.object({
  id: z.number(), ruleCode: z.string(), ruleName: z.string(), ruleNameEn: z.string(), severity: z.enum(['red', 'orange']), psnNo: z.string(), psnName: z.string(),
  certno: z.string(), fixmedinsCode: z.string(), fixmedinsName: z.string(), setlId: z.string(), occurredOn: z.string(), amountFen: z.number(), departmentName: z.string(),
});
export const WarningDetail = WarningItem.extend({ findings: z.array(WarningFinding), events: z.array(WarningEvent) });
export const WarningReveal = z.object({ subjectKey: z.string(), subjectName: z.string(), subjectCertno: z.string() });

export const LevelChangeInput = z.object({
  level: Level,
  reason: z.string().trim().min(2, '请说明调整等级的理由').max(500),
});
export const StatusChangeInput = z.object({
  status: z.enum(['open', 'closed', 'dismissed']),
  reason: z.string().trim().min(2, '请说明处置理由').max(500),
});

const Criteria = z.object({ singleRedFen: z.number().nullable(), count: z.number().nullable(), withinDays: z.number(), sumFen: z.number().nullable() });
const SubjectRulesView = z.object({ red: Criteria, orange: Criteria, yellow: z.object({ minFindings: z.number().nullable(), sumFen: z.number().nullable() }) });
export const RollupRulesView = z.object({ periodDays: z.number(), person: SubjectRulesView, provider: SubjectRulesView });
const RuleVersion = z.object({ version: z.number(), rules: RollupRulesView, changeNote: z.string(), createdByName: z.string(), createdAt: z.date() });
export const RulesAnswer = z.object({
  current: RuleVersion,
  versions: z.array(RuleVersion),
  ranges: z.record(z.string(), z.object({ min: z.number(), max: z.number() })),
});
export const RulesChangeInput = z.object({
  baseVersion: z.number().int().positive(),
  // checked field by field by validateRollupRules (400 MEDFUND_WARNING_RULES_INVALID names each)
  rules: z.record(z.string(), z.unknown()),
  changeNote: z.string().trim().min(1, '请说明调整原因').max(500),
});

const RollupView = z.object({
  id: z.number(), trigger: z.enum(['screening', 'manual', 'rules']), mode: z.enum(['full', 'incremental']), runId: z.number().nullable(), ruleVersion: z.number().nullable(),
  status: z.enum(['queued', 'running', 'done', 'failed']), asOf: z.string().nullable(), periodFrom: z.string().nullable(), counts: z.record(z.string(), z.number()),
  error: z.string().nullable(), requestedByName: z.string(), requestedAt: z.date(), startedAt: z.date().nullable(), finishedAt: z.date().nullable(),
});
export const RollupList = z.object({ items: z.array(RollupView) });
export { RollupView };
