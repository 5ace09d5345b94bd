import { z } from 'zod';

/** Shapes of /api/economy/transfer (docs/economy/TRANSFER.md). Money in 万元 on the wire, fen in the database. */
export const TRANSFER_FIELDS = ['ai', 'chips', 'network', 'biomed', 'materials', 'manufacturing', 'aerospace', 'energy', 'other'] as const;
export const TRANSFER_MODES = ['licence', 'assignment', 'equity', 'joint_development'] as const;
export const DEAL_STAGES = ['contacted', 'negotiating', 'landed', 'failed'] as const;

export const TransferField = z.enum(TRANSFER_FIELDS);
export const TransferMode = z.enum(TRANSFER_MODES);
const Wan = z.number().nonnegative('金额不能为负数').max(100_000_000).multipleOf(0.000001, '金额最多精确到分（万元 6 位小数）');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应如 2026-03-01');
const IndustryPrefix = z.string().regex(/^\d{2,4}$/, '行业代码应为 2-4 位（大类、中类或小类）');

export const Patent = z.object({
  number: z.string().trim().min(4, '专利号至少 4 位').max(40),
  title: z.string().trim().min(1, '请填写专利名称').max(200),
  kind: z.enum(['invention', 'utility', 'design', 'software']),
});

export const ResultInput = z.object({
  labId: z.uuid(),
  title: z.string().trim().min(2, '成果名称至少 2 个字').max(200),
  summary: z.string().trim().max(4000).default(''),
  field: TransferField,
  maturity: z.number().int().min(1, '成熟度为 TRL 1-9').max(9, '成熟度为 TRL 1-9'),
  patents: z.array(Patent).max(50).default([]),
  modes: z.array(TransferMode).min(1, '至少选择一种转化方式'),
  priceMinWan: Wan.nullable().default(null),
  priceMaxWan: Wan.nullable().default(null),
  industryPrefixes: z.array(IndustryPrefix).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  offeredOn: IsoDate,
}).refine((r) => r.priceMinWan === null || r.priceMaxWan === null || r.priceMaxWan >= r.priceMinWan, { path: ['priceMaxWan'], message: '期望价格上限不能低于下限' })
  .refine((r) => r.industryPrefixes.length + r.keywords.length > 0, { path: ['keywords'], message: '至少填写一个适用行业或关键词，才能匹配企业' });

export const ResultUpdate = z.object({ version: z.number().int().positive() }).and(ResultInput);

export const ResultListQuery = z.object({
  labId: z.uuid().optional(),
  field: TransferField.optional(),
  status: z.enum(['open', 'landed', 'withdrawn']).optional(),
  q: z.string().trim().max(50).optional(),
});

export const Lab = z.object({ id: z.uuid(), name: z.string(), nameEn: z.string(), kind: z.string(), results: z.number(), landed: z.number() });

export const ResultSummary = z.object({
  id: z.uuid(), labId: z.uuid(), labName: z.string(), title: z.string(), field: TransferField, maturity: z.number(),
  modes: z.array(TransferMode), priceMinWan: z.number().nullable(), priceMaxWan: z.number().nullable(), offeredOn: z.string(),
  status: z.enum(['open', 'landed', 'withdrawn']), patents: z.number(), deals: z.number(), landed: z.number(),
});

export const ResultView = ResultSummary.omit({ patents: true }).extend({
  summary: z.string(), patents: z.array(Patent), industryPrefixes: z.array(z.string()), industryNames: z.array(z.string()),
  keywords: z.array(z.string()), version: z.number(), createdAt: z.date(), updatedAt: z.date(),
});

export const MatchFactorView = z.object({ key: z.string(), weight: z.number(), fraction: z.number(), points: z.number(), reason: z.string(), reasonEn: z.string() });
export const MatchView = z.object({
  enterpriseId: z.uuid(), name: z.string(), industryCode: z.string(), industryName: z.string(), highTech: z.boolean(),
  score: z.number(), factors: z.array(MatchFactorView), dealId: z.uuid().nullable(), dealStage: z.enum(DEAL_STAGES).nullable(),
});
export const MatchesView = z.object({ weights: z.record(z.string(), z.number()), chainAvailable: z.boolean(), candidates: z.number(), matches: z.array(MatchView) });

export const EventView = z.object({ id: z.number(), kind: z.enum(['contact', 'negotiation', 'landed', 'failed']), happenedOn: z.string(), note: z.string(), recordedBy: z.string(), recordedAt: z.date() });
export const DealView = z.object({
  id: z.uuid(), resultId: z.uuid(), enterpriseId: z.uuid().nullable(), enterpriseName: z.string(), stage: z.enum(DEAL_STAGES),
  landedEnterpriseId: z.uuid().nullable(), landedEnterpriseName: z.string().nullable(),
  mode: TransferMode.nullable(), valueWan: z.number().nullable(), landedOn: z.string().nullable(), newEnterprise: z.boolean(),
  scoreAtContact: z.number().nullable(), version: z.number(), events: z.array(EventView),
});

export const ContactInput = z.object({
  /** An enterprise in the registry (usually a match), or a founding team not registered yet. */
  enterpriseId: z.uuid().optional(),
  prospectName: z.string().trim().min(2, '请填写对接对象名称').max(100).optional(),
  happenedOn: IsoDate,
  note: z.string().trim().min(1, '请写明对接情况').max(2000),
}).refine((c) => (c.enterpriseId ? 1 : 0) + (c.prospectName ? 1 : 0) === 1, { path: ['enterpriseId'], message: '请选择一家企业，或填写尚未注册的对接对象（二者选一）' });
export const EventInput = z.object({
  kind: z.enum(['contact', 'negotiation']),
  happenedOn: IsoDate,
  note: z.string().trim().min(1, '请写明对接或洽谈情况').max(2000),
  version: z.number().int().positive(),
});
const NewEnterprise = z.object({
  creditCode: z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位数字或大写字母'),
  name: z.string().trim().min(2, '企业名称至少 2 个字').max(100),
  industryCode: z.string().regex(/^\d{4}$/, '请选择国民经济行业小类（4 位代码）'),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/, '请选择所属街道'),
  parkId: z.uuid().nullable().default(null),
});
export const LandInput = z.object({
  version: z.number().int().positive(),
  landedOn: IsoDate,
  mode: TransferMode,
  valueWan: Wan.nullable().default(null),
  note: z.string().trim().max(2000).default(''),
  /** Where it landed: a company founded for the transfer (registered now), another registered enterprise, or (neither) the contacted enterprise. */
  newEnterprise: NewEnterprise.optional(),
  landedEnterpriseId: z.uuid().optional(),
}).refine((l) => !(l.newEnterprise && l.landedEnterpriseId), { path: ['landedEnterpriseId'], message: '落地企业只能是新注册或已登记企业之一' });
export const FailInput = z.object({ version: z.number().int().positive(), happenedOn: IsoDate, note: z.string().trim().min(1, '请写明未成原因').max(2000) });

export const StatsQuery = z.object({ from: z.coerce.number().int().min(2000).max(2100).optional(), to: z.coerce.number().int().min(2000).max(2100).optional() });
const StatRow = z.object({ key: z.string(), name: z.string(), results: z.number(), deals: z.number(), landed: z.number(), landedValueWan: z.number(), newEnterprises: z.number(), askingWan: z.number() });
export const StatsView = z.object({ totals: StatRow, byLab: z.array(StatRow), byField: z.array(StatRow), byYear: z.array(StatRow) });
