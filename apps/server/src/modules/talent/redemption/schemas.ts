import { z } from 'zod';

/** Request and response shapes of the redemption API (docs/talent/REDEMPTION.md). */
const Label = z.object({ zh: z.string(), en: z.string() });
export const Period = z.string().regex(/^\d{4}(-[A-Za-z0-9]{1,8})?$/, '期间格式应为年份，如 2026，或 2026-H1').describe("A year ('2026') or a part of one ('2026-H1', '2026-Q3')");
export const IdParams = z.object({ id: z.uuid() });
export const EnterpriseParams = z.object({ enterpriseId: z.uuid() });

// ---- resources ---------------------------------------------------------------------------------
export const ResourceInput = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, '资源代码为 2–40 位小写字母、数字、- 或 _，以字母开头'),
  name: z.string().trim().min(1, '请填写资源名称').max(100, '资源名称最长 100 字'),
  unit: z.string().trim().min(1, '请填写计量单位（如 套、个、人次）').max(20, '计量单位最长 20 字'),
  departmentId: z.uuid('请选择资源单位（部门）').describe('The owning department (住建局, 教育局, 卫健局 …)'),
  description: z.string().max(2000).default(''),
  active: z.boolean().default(true),
});
export const ResourceUpdateInput = ResourceInput.omit({ code: true });
export const ResourceView = z.object({
  id: z.uuid(), code: z.string(), name: z.string(), unit: z.string(),
  departmentId: z.uuid(), departmentName: z.string(), description: z.string(), active: z.boolean(),
  createdAt: z.date(), updatedAt: z.date(),
});
export const ResourceList = z.object({ items: z.array(ResourceView) });

// ---- tier quotas -------------------------------------------------------------------------------
export const QuotaQuery = z.object({ period: Period.optional(), resourceId: z.uuid().optional() });
export const QuotaInput = z.object({
  tier: z.string().min(1, '请选择档次').max(40).describe('A tier id of the enterprise scheme in effect (tier1 … tier4)'),
  resourceId: z.uuid('请选择资源'),
  period: Period,
  units: z.number().int('配额须为整数').min(0, '配额不能为负').max(100_000, '配额过大'),
});
export const QuotaView = z.object({
  tier: z.string(), tierLabel: Label.nullable(), resourceId: z.uuid(), resourceName: z.string(), unit: z.string(),
  period: z.string(), units: z.number().int(), updatedAt: z.date(),
});
export const QuotaList = z.object({ items: z.array(QuotaView), tiers: z.array(z.object({ id: z.string(), label: Label })) });

export const EnterpriseQuotaQuery = z.object({ period: Period.optional() });
export const EnterpriseQuotas = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  tier: z.object({ id: z.string(), label: Label }).nullable().describe('From the enterprise points of the scheme in effect, latest computed day; null: not tiered'),
  asOf: z.string().nullable(),
  quotas: z.array(z.object({
    resourceId: z.uuid(), resourceName: z.string(), unit: z.string(), period: z.string(),
    units: z.number().int().describe("What the enterprise's tier grants"),
    used: z.number().int().describe('Handed out and not revoked'),
    left: z.number().int(),
  })),
});

// ---- handovers ---------------------------------------------------------------------------------
export const HandoverStatus = z.enum(['assigned', 'revoked', 'used']);
export const HandoverInput = z.object({
  resourceId: z.uuid('请选择资源'),
  period: Period,
  talentId: z.uuid('请选择本企业的人才'),
  note: z.string().max(500, '备注最长 500 字').default(''),
});
export const HandoverQuery = z.object({ period: Period.optional(), resourceId: z.uuid().optional(), status: HandoverStatus.optional() });
export const HandoverView = z.object({
  id: z.uuid(), enterpriseId: z.uuid(), resourceId: z.uuid(), resourceName: z.string(), period: z.string(),
  talentId: z.uuid(), talentName: z.string(), idNumber: z.string().describe('Masked'),
  tier: z.string(), status: HandoverStatus, note: z.string(),
  assignedBy: z.string().nullable(), assignedAt: z.date(), revokedAt: z.date().nullable(), usedRoundId: z.uuid().nullable(),
});
export const HandoverList = z.object({ items: z.array(HandoverView) });

// ---- rounds ------------------------------------------------------------------------------------
export const RoundStatus = z.enum(['draft', 'open', 'closed', 'allocated', 'final']);
const RoundFields = z.object({
  name: z.string().trim().min(1, '请填写轮次名称').max(100, '轮次名称最长 100 字'),
  resourceId: z.uuid('请选择资源'),
  period: Period,
  minPoints: z.number().min(0, '积分门槛不能为负').nullable().default(null).describe('Minimum personal points; null: only quota holders may apply'),
  quotaHolders: z.boolean().default(false).describe('Holding a unit of this resource and period (handed over by the enterprise) qualifies'),
  quotaFirst: z.boolean().default(false).describe('Quota holders are placed before applicants eligible by points only'),
  tieBreakItems: z.array(z.string().min(1)).max(10).default([]).describe('Item ids of the personal scheme in effect, in the published order'),
  opensAt: z.coerce.date(),
  closesAt: z.coerce.date(),
  noticeDays: z.number().int().min(0).max(30).default(5).describe('公示 days after the allocation'),
});
export const RoundInput = RoundFields;
export const RoundListQuery = z.object({ status: RoundStatus.optional(), resourceId: z.uuid().optional(), period: Period.optional() });
export const OptionView = z.object({
  id: z.uuid(), name: z.string(), capacity: z.number().int(), publishedAt: z.date().nullable(),
  filled: z.number().int().nullable(), cutoff: z.object({ points: z.number(), rank: z.number().int() }).nullable(),
});
export const RoundView = z.object({
  id: z.uuid(), name: z.string(), resourceId: z.uuid(), resourceName: z.string(), unit: z.string(), period: z.string(), status: RoundStatus,
  minPoints: z.number().nullable(), quotaHolders: z.boolean(), quotaFirst: z.boolean(),
  tieBreakItems: z.array(z.object({ itemId: z.string(), label: Label.nullable() })),
  opensAt: z.date(), closesAt: z.date(), noticeDays: z.number().int(),
  seedCommitment: z.string().nullable().describe('SHA-256 of the seed, published when the round opens'),
  seed: z.string().nullable().describe('Revealed with the result: printf %s SEED | sha256sum gives the commitment'),
  pointsAsOf: z.string().nullable(), allocatedAt: z.date().nullable(), noticeEndsAt: z.date().nullable(), finalizedAt: z.date().nullable(),
  options: z.array(OptionView),
  capacity: z.number().int(), applications: z.number().int(), placed: z.number().int().nullable(),
  createdAt: z.date(), updatedAt: z.date(),
});
export const RoundList = z.object({ items: z.array(RoundView.omit({ options: true })) });
export const OptionsInput = z.object({
  options: z.array(z.object({
    id: z.uuid().optional().describe('An existing option; absent: a new one (draft rounds only)'),
    name: z.string().trim().min(1, '请填写选项名称').max(100),
    capacity: z.number().int('名额须为整数').min(0, '名额不能为负').max(100_000),
  })).min(1, '至少一个选项').max(500),
});

export const DecidedBy = z.object({ key: z.enum(['priorityClass', 'points', 'subScore', 'qualifiedAt', 'lottery']), index: z.number().int().optional() }).nullable();
export const ResultRow = z.object({
  rank: z.number().int(), applicationId: z.uuid(), talentId: z.uuid(), name: z.string(), idNumber: z.string().describe('Masked'),
  enterpriseName: z.string().nullable(), optionId: z.uuid().nullable(), optionName: z.string().nullable(), preferenceIndex: z.number().int().nullable(),
  priorityClass: z.number().int(), points: z.number(), subScores: z.array(z.number().nullable()), qualifiedAt: z.string().nullable(),
  ticket: z.string(), decidedBy: DecidedBy,
});
export const ResultList = z.object({ round: RoundView, items: z.array(ResultRow) });

// ---- applications ------------------------------------------------------------------------------
export const ApplicationInput = z.object({
  preferences: z.array(z.uuid('志愿须为本轮的选项')).min(1, '至少填报一个志愿').max(20, '最多填报 20 个志愿'),
});
export const Eligibility = z.object({
  eligible: z.boolean(),
  points: z.number().nullable(), pointsAsOf: z.string().nullable(),
  holdsQuota: z.boolean(),
  reason: Label.describe('Why (not) eligible'),
});
export const ApplicationView = z.object({
  id: z.uuid(), roundId: z.uuid(), roundName: z.string(), roundStatus: RoundStatus, resourceName: z.string(), period: z.string(),
  preferences: z.array(z.object({ optionId: z.uuid(), name: z.string() })),
  points: z.number().nullable(), byQuota: z.boolean(), submittedAt: z.date(),
  result: z.object({
    rank: z.number().int(), applicants: z.number().int(), optionId: z.uuid().nullable(), optionName: z.string().nullable(), preferenceIndex: z.number().int().nullable(),
    priorityClass: z.number().int(), points: z.number(), subScores: z.array(z.number().nullable()), qualifiedAt: z.string().nullable(),
    ticket: z.string(), decidedBy: DecidedBy,
    cutoffs: z.array(z.object({ optionId: z.uuid(), name: z.string(), capacity: z.number().int(), filled: z.number().int(), cutoff: z.object({ points: z.number(), rank: z.number().int() }).nullable() }))
      .describe('The options the talent listed, in their order, with their cut-offs'),
    why: Label,
  }).nullable().describe('null until the round is allocated'),
  seed: z.string().nullable(), seedCommitment: z.string().nullable(),
});
export const ApplicationList = z.object({ items: z.array(ApplicationView) });
export const MyRounds = z.object({
  items: z.array(z.object({ round: RoundView, eligibility: Eligibility, applicationId: z.uuid().nullable() })),
});
