import { z } from 'zod';
import { IsoDate } from '@zhizhi/contracts';

const Severity = z.enum(['red', 'orange']);
const ParamValue = z.union([z.number(), z.array(z.string().max(40)).max(200)]);
const TableRow = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.null()]));

export const RuleCodeParams = z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_-]{1,31}$/, '规则编号格式有误') });
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

const RuleVersion = z.object({
  version: z.number(),
  severity: Severity,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  params: z.record(z.string(), ParamValue),
  tables: z.record(z.string(), z.array(TableRow)),
  departmentName: z.string(),
  changeNote: z.string(),
  createdByName: z.string(),
  createdAt: z.date(),
});

const ParamSpecView = z.object({
  kind: z.enum(['int', 'number', 'codes']),
  zh: z.string(),
  en: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
});
const TableSpecView = z.object({
  zh: z.string(),
  en: z.string(),
  maxRows: z.number(),
  columns: z.array(z.object({ name: z.string(), kind: z.string(), zh: z.string(), en: z.string(), values: z.array(z.string()).optional(), min: z.number().optional(), max: z.number().optional(), optional: z.boolean().optional() })),
});

export const RuleView = z.object({
  code: z.string(),
  template: z.string(),
  templateName: z.string(),
  templateNameEn: z.string(),
  name: z.string(),
  nameEn: z.string(),
  enabled: z.boolean(),
  currentVersion: z.number(),
  current: RuleVersion,
  paramSpecs: z.record(z.string(), ParamSpecView),
  tableSpecs: z.record(z.string(), TableSpecView),
});
export const RuleDetail = RuleView.extend({ versions: z.array(RuleVersion) });
export const RuleList = z.object({ items: z.array(RuleView) });

export const RuleChangeInput = z.object({
  baseVersion: z.number().int().positive(),
  severity: Severity.optional(),
  effectiveFrom: IsoDate.optional(),
  effectiveTo: IsoDate.nullable().optional(),
  params: z.record(z.string().max(40), z.unknown()).optional(),
  tables: z.record(z.string().max(40), z.unknown()).optional(),
  departmentName: z.string().trim().max(60).optional(),
  changeNote: z.string().trim().min(1, '请说明调整原因').max(500),
});
export const RuleEnableInput = z.object({ enabled: z.boolean() });

export const StartRunInput = z.object({
  kind: z.enum(['full', 'incremental']),
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
});
export const RunView = z.object({
  id: z.number(),
  kind: z.enum(['full', 'incremental']),
  status: z.string(),
  engine: z.string(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  dataVersion: z.string(),
  ruleVersions: z.array(z.object({ rule: z.string(), version: z.number() })),
  progressDone: z.number(),
  progressTotal: z.number(),
  progressNote: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  requestedByName: z.string(),
  requestedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export const RunList = z.object({ items: z.array(RunView) });

export const FindingListQuery = z.object({
  rule: z.string().max(32).optional(),
  severity: Severity.optional(),
  provider: z.string().trim().max(60).optional(),
  person: z.string().trim().max(40).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  minAmountFen: z.coerce.number().int().min(0).optional(),
  maxAmountFen: z.coerce.number().int().min(0).optional(),
  run: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const FindingItem = z.object({
  id: z.number(), ruleCode: z.string(), ruleVersion: z.number(), ruleName: z.string(), ruleNameEn: z.string(), severity: Severity,
  psnNo: z.string(), psnName: z.string(), certno: z.string(), fixmedinsCode: z.string(), fixmedinsName: z.string(), setlId: z.string(),
  occurredOn: z.string(), amountFen: z.number(), departmentName: z.string(), lastRunId: z.number(), lineCount: z.number(),
});
export const FindingPage = z.object({ total: z.number(), amountFen: z.number(), items: z.array(FindingItem) });
export const FindingSummary = z.object({ items: z.array(z.object({ ruleCode: z.string(), severity: Severity, count: z.number(), amountFen: z.number() })) });
export const FindingDetail = z.object({
  id: z.number(), ruleCode: z.string(), ruleVersion: z.number(), ruleName: z.string(), ruleNameEn: z.string(), template: z.string(), severity: Severity,
  psnNo: z.string(), psnName: z.string(), certno: z.string(), fixmedinsCode: z.string(), fixmedinsName: z.string(), setlId: z.string(),
  lineIds: z.array(z.string()), occurredOn: z.string(), amountFen: z.number(), evidence: z.record(z.string(), z.unknown()), departmentName: z.string(),
  firstRunId: z.number(), lastRunId: z.number(), createdAt: z.date(), ruleParams: z.record(z.string(), ParamValue),
  ruleEffectiveFrom: z.string(), ruleEffectiveTo: z.string().nullable(),
  settlement: z.object({
    setlId: z.string(), mdtrtId: z.string(), medKind: z.string(), begndate: z.string(), enddate: z.string(), setlDate: z.string(), hospLv: z.number(),
    medfeeFen: z.number(), fundPayFen: z.number(), invoiceNo: z.string(), mainDiag: z.string(),
  }).nullable(),
  lines: z.array(z.object({
    lineId: z.string(), itemCode: z.string(), itemName: z.string(), feeDate: z.string(), cnt: z.number(), pricFen: z.number(), amountFen: z.number(),
    fundFen: z.number(), daysSupply: z.number(), offending: z.boolean(),
  })),
});
export const FindingReveal = z.object({ psnNo: z.string(), psnName: z.string(), certno: z.string() });

export const RiskQuery = z.object({ run: z.coerce.number().int().positive().optional() });
export const RiskPage = z.object({
  runId: z.number().nullable(),
  items: z.array(z.object({
    rank: z.number(), fixmedinsCode: z.string(), fixmedinsName: z.string(), providerType: z.string(), level: z.string(), peerGroup: z.string(),
    peerCount: z.number(), settlements: z.number(), costPerVisitFen: z.number(), fundShare: z.number(), findings: z.number(), findingsPerK: z.number(),
    amountAtRiskFen: z.number(), zCost: z.number().nullable(), zFundShare: z.number().nullable(), zFindings: z.number().nullable(),
    riskScore: z.number(), outliers: z.array(z.string()),
  })),
});
