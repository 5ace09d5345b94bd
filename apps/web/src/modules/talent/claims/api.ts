import { useQuery } from '@tanstack/react-query';
import type { ClaimStatus, PendingClaim as PendingClaimShape } from '@zhizhi/contracts';
import { api } from '../../../api/client';

export type { ClaimStatus };
export const CLAIM_STATUSES: readonly ClaimStatus[] = ['submitted', 'more_info_requested', 'resubmitted', 'approved', 'rejected', 'withdrawn'];
export const OPEN_STATUSES: readonly ClaimStatus[] = ['submitted', 'more_info_requested', 'resubmitted'];

/** A subject's open claim as a file shows it (dates arrive as ISO strings). */
export type PendingClaim = Omit<PendingClaimShape, 'waitingSince'> & { waitingSince: string };

/** Answer shapes of /api/talent/claims (docs/talent/EVIDENCE.md). */
export interface ClaimSummary {
  id: string;
  subjectKind: 'talent' | 'enterprise';
  talentId: string | null;
  talentName: string | null;
  year: number | null;
  enterpriseId: string;
  enterpriseName: string;
  status: ClaimStatus;
  facts: string[];
  evidenceCount: number;
  reason: string;
  submittedByName: string | null;
  createdAt: string;
  waitingSince: string;
  decidedAt: string | null;
  version: number;
}

export interface Evidence {
  id: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  fact: string | null;
  uploadedByName: string | null;
  createdAt: string;
}

export interface ClaimDetail extends ClaimSummary {
  changes: { fact: string; before: unknown; claimed: unknown; current: unknown; stale: boolean }[];
  evidence: Evidence[];
  events: { action: string; note: string; actorName: string; at: string }[];
  canReview: boolean;
  canRespond: boolean;
  uploadLimits: { kinds: string[]; maxBytes: number };
}

export const claimKeys = {
  all: ['talent', 'claims'] as const,
  detail: (id: string) => ['talent', 'claims', 'detail', id] as const,
};

export function useClaim(id: string) {
  return useQuery({ queryKey: claimKeys.detail(id), queryFn: () => api.get<ClaimDetail>(`/api/talent/claims/${encodeURIComponent(id)}`), enabled: !!id });
}

export const evidenceUrl = (claimId: string, fileId: string, inline = false) =>
  `/api/talent/claims/${encodeURIComponent(claimId)}/evidence/${encodeURIComponent(fileId)}${inline ? '?inline=true' : ''}`;

/** The approved facts with the open claim's values laid over them: what the enterprise edits. */
export function withClaimed<T extends Record<string, unknown>>(facts: T, claim: { changes: { fact: string; claimed: unknown }[] } | null): T {
  if (!claim) return facts;
  const out: Record<string, unknown> = { ...facts };
  for (const c of claim.changes) {
    if (c.claimed === null || c.claimed === undefined) delete out[c.fact];
    else out[c.fact] = c.claimed;
  }
  return out as T;
}

export const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
