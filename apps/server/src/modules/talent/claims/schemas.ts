import { z } from 'zod';
import { CLAIM_STATUSES, PageQuery, pageOf } from '@zhizhi/contracts';

/** Request and response shapes of the claims API (docs/talent/EVIDENCE.md). */
export const ClaimIdParams = z.object({ id: z.uuid() });
export const EvidenceParams = z.object({ id: z.uuid(), fileId: z.uuid() });

export const ClaimListQuery = PageQuery.extend({
  status: z.enum([...CLAIM_STATUSES, 'open']).optional().describe("A status, or 'open' (submitted, more_info_requested, resubmitted)"),
  enterprise: z.uuid().optional(),
  talent: z.uuid().optional(),
  subjectKind: z.enum(['talent', 'enterprise']).optional(),
  fact: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/, '积分事实名称格式不正确').optional().describe('Claims that change this fact'),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().describe('Waiting for the office at least this many days'),
  order: z.enum(['asc', 'desc']).default('asc').describe('By waiting time: asc = oldest first (the queue)'),
});
export type ClaimListQuery = z.infer<typeof ClaimListQuery>;

const Status = z.enum(CLAIM_STATUSES);

export const ClaimSummary = z.object({
  id: z.uuid(),
  subjectKind: z.enum(['talent', 'enterprise']),
  talentId: z.uuid().nullable(),
  talentName: z.string().nullable(),
  year: z.number().int().nullable(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  status: Status,
  facts: z.array(z.string()).describe('The facts the claim changes'),
  evidenceCount: z.number().int(),
  reason: z.string().describe('The reason of a rejection, or what the office asked for'),
  submittedByName: z.string().nullable(),
  createdAt: z.date(),
  waitingSince: z.date(),
  decidedAt: z.date().nullable(),
  version: z.number().int(),
});
export const ClaimPage = pageOf(ClaimSummary).extend({
  counts: z.record(z.string(), z.number().int()).describe('Claims per status under the same filters (status aside)'),
});

export const EvidenceView = z.object({
  id: z.uuid(), name: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), fact: z.string().nullable(),
  uploadedByName: z.string().nullable(), createdAt: z.date(),
});

export const ClaimDetail = ClaimSummary.extend({
  changes: z.array(z.object({
    fact: z.string(),
    before: z.unknown().describe('The approved value when claimed (null = none)'),
    claimed: z.unknown(),
    current: z.unknown().describe('The approved value now'),
    stale: z.boolean().describe('The approved value changed since the claim was made: approval would be refused'),
  })),
  evidence: z.array(EvidenceView),
  events: z.array(z.object({ action: z.string(), note: z.string(), actorName: z.string(), at: z.date() })),
  canReview: z.boolean(),
  canRespond: z.boolean(),
  uploadLimits: z.object({ kinds: z.array(z.string()), maxBytes: z.number().int() }),
});

const Version = z.number().int().positive();
export const ApproveInput = z.object({ version: Version, note: z.string().trim().max(500).default('') });
export const RejectInput = z.object({ version: Version, reason: z.string().trim().min(1, '请填写驳回理由').max(1000) });
export const RequestInfoInput = z.object({ version: Version, note: z.string().trim().min(1, '请写明需要补充的材料').max(1000) });
export const ResubmitInput = z.object({ version: Version, note: z.string().trim().max(1000).default('') });
export const BatchApproveInput = z.object({ ids: z.array(z.uuid()).min(1, '请选择要通过的申报').max(100, '一次最多通过 100 条') });
export const BatchApproveResult = z.object({
  approved: z.number().int(),
  results: z.array(z.object({ id: z.uuid(), ok: z.boolean(), code: z.string().nullable(), message: z.string().nullable() })),
});
export const EvidenceUploadQuery = z.object({ fact: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/).optional() });
export const EvidenceDownloadQuery = z.object({ inline: z.enum(['true', 'false']).default('false') });
