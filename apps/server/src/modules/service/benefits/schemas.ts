import { z } from 'zod';
import { Fen, IsoDate, PageQuery, pageOf } from '@zhizhi/contracts';

/** The benefits API's schemas (惠企政策直达). Criteria arrive as loose JSON and are checked by the domain (clear 400s). */
const CriterionIn = z.object({ field: z.string(), op: z.string(), value: z.unknown().optional(), values: z.unknown().optional() });
export const CriteriaIn = z.object({ combine: z.string(), items: z.array(CriterionIn).max(50) });
const Criterion = z.object({ field: z.string(), op: z.string(), value: z.union([z.number(), z.boolean()]).optional(), values: z.array(z.string()).optional() });
const Criteria = z.object({ combine: z.enum(['all', 'any']), items: z.array(Criterion) });

export const PolicyInput = z.object({
  title: z.string().trim().min(1, '须填写政策名称').max(200),
  issuer: z.string().trim().min(1, '须填写发文单位').max(100),
  documentNumber: z.string().trim().max(100).default(''),
  publishedOn: IsoDate.nullable().default(null),
  validFrom: IsoDate.nullable().default(null),
  validTo: IsoDate.nullable().default(null),
  interpretation: z.string().trim().max(20_000).default(''),
  benefitAmountFen: Fen.max(1e13).nullable().default(null),
  benefitDescription: z.string().trim().max(2_000).default(''),
  autoGrant: z.boolean().default(false),
  criteria: CriteriaIn,
});
export const PolicyUpdate = PolicyInput.extend({ version: z.number().int().min(1) });
export const VersionBody = z.object({ version: z.number().int().min(1) });

const Attachment = z.object({ id: z.string(), name: z.string(), mediaType: z.string(), sizeBytes: z.number() });
const GrantListSummary = z.object({
  status: z.enum(['review', 'confirmed']), generatedAt: z.date(), confirmedAt: z.date().nullable(), confirmedByName: z.string(),
  total: z.number(), included: z.number(), intentConfirmed: z.number(), intentDeclined: z.number(), version: z.number(),
});
export const Policy = z.object({
  id: z.string(), title: z.string(), issuer: z.string(), documentNumber: z.string(),
  publishedOn: z.string().nullable(), validFrom: z.string().nullable(), validTo: z.string().nullable(),
  interpretation: z.string(), benefitAmountFen: z.number().nullable(), benefitDescription: z.string(), autoGrant: z.boolean(),
  criteria: Criteria, status: z.enum(['draft', 'published', 'expired']), publishedAt: z.date().nullable(),
  matchedAt: z.date().nullable(), matching: z.boolean(),
  counts: z.object({ eligible: z.number(), nearly: z.number(), notified: z.number() }),
  attachments: z.array(Attachment), grantList: GrantListSummary.nullable(),
  updatedAt: z.date(), version: z.number(),
});
export const PolicyListQuery = PageQuery.extend({
  status: z.enum(['draft', 'published', 'expired']).optional(),
  q: z.string().trim().max(100).optional(),
});
export const PolicyListItem = Policy.omit({ interpretation: true, criteria: true, attachments: true, grantList: true }).extend({ criteriaCount: z.number() });
export const PolicyList = pageOf(PolicyListItem);

export const MatchQuery = PageQuery.extend({ outcome: z.enum(['eligible', 'nearly']).default('eligible') });
export const MatchItem = z.object({
  enterpriseId: z.string(), enterpriseName: z.string(), creditCode: z.string(), parkName: z.string().nullable(),
  outcome: z.enum(['eligible', 'nearly']), codes: z.string(), missing: z.array(z.string()), failed: z.array(z.string()),
});
export const MatchList = pageOf(MatchItem);

export const Explanation = z.object({
  policyId: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), asOf: z.string(),
  outcome: z.enum(['eligible', 'nearly', 'not_eligible']), codes: z.string(), combine: z.enum(['all', 'any']),
  criteria: z.array(z.object({
    index: z.number(), criterion: Criterion, result: z.enum(['P', 'F', 'U']),
    fact: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).nullable(), missing: z.boolean(), attainable: z.boolean(),
  })),
});

export const FieldCatalog = z.array(z.object({
  field: z.string(), kind: z.string(), ops: z.array(z.string()), zh: z.string(), en: z.string(), attainable: z.boolean(),
  source: z.string(), values: z.array(z.string()).optional(),
}));

const PolicyBrief = z.object({ id: z.string(), title: z.string(), issuer: z.string(), autoGrant: z.boolean(), benefitAmountFen: z.number().nullable(), benefitDescription: z.string(), validTo: z.string().nullable() });
export const EnterpriseBenefit = PolicyBrief.extend({ outcome: z.enum(['eligible', 'nearly']), missing: z.array(z.string()), failed: z.array(z.string()), notifiedAt: z.date().nullable() });
export const Grant = z.object({
  id: z.string(), policyId: z.string(), policyTitle: z.string(), enterpriseId: z.string(), enterpriseName: z.string(),
  amountFen: z.number().nullable(), included: z.boolean(), excludeReason: z.string(), listStatus: z.enum(['review', 'confirmed']),
  intent: z.enum(['pending', 'confirmed', 'declined']), intentAt: z.date().nullable(),
  bankName: z.string(), bankAccountName: z.string(), bankAccountNo: z.string(), contactName: z.string(), contactPhone: z.string(),
});
export const EnterpriseBenefits = z.object({
  enterpriseId: z.string(), eligible: z.array(EnterpriseBenefit), nearly: z.array(EnterpriseBenefit), grants: z.array(Grant),
  receivedFen: z.number(),
});
export const ParkBenefits = z.object({
  parkId: z.string(), enterprises: z.number(),
  policies: z.array(PolicyBrief.extend({ eligible: z.number(), nearly: z.number(), granted: z.number(), grantedFen: z.number() })),
  totals: z.object({ eligibleEnterprises: z.number(), nearlyEnterprises: z.number(), grantedEnterprises: z.number(), grantedFen: z.number() }),
});

export const GrantListQuery = PageQuery.extend({ included: z.enum(['true', 'false']).optional() });
export const GrantList = pageOf(Grant).extend({ summary: GrantListSummary });
export const GrantItemUpdate = z.object({ included: z.boolean(), reason: z.string().trim().max(500).default(''), version: z.number().int().min(1) });
export const IntentBody = z.object({
  accept: z.boolean(),
  bankName: z.string().trim().max(100).default(''),
  bankAccountName: z.string().trim().max(100).default(''),
  bankAccountNo: z.string().trim().max(40).default(''),
  contactName: z.string().trim().max(50).default(''),
  contactPhone: z.string().trim().max(30).default(''),
});
