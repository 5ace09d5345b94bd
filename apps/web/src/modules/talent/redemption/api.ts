import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Label, Tier } from '../scoring/api';

/** Answer shapes of the redemption API (docs/talent/REDEMPTION.md, redemption/schemas.ts); dates as ISO strings. */
export type RoundStatus = 'draft' | 'open' | 'closed' | 'allocated' | 'final';
export type HandoverStatus = 'assigned' | 'revoked' | 'used';
export const ROUND_STATUSES: readonly RoundStatus[] = ['draft', 'open', 'closed', 'allocated', 'final'];

export interface Resource {
  id: string; code: string; name: string; unit: string; departmentId: string; departmentName: string;
  description: string; active: boolean; createdAt: string; updatedAt: string;
}
export interface ResourceInput { code?: string; name: string; unit: string; departmentId: string; description: string; active: boolean }

export interface Quota { tier: string; tierLabel: Label | null; resourceId: string; resourceName: string; unit: string; period: string; units: number; updatedAt: string }
export interface QuotaList { items: Quota[]; tiers: Tier[] }

export interface EnterpriseQuotas {
  enterpriseId: string; enterpriseName: string; tier: Tier | null; asOf: string | null;
  quotas: { resourceId: string; resourceName: string; unit: string; period: string; units: number; used: number; left: number }[];
}
export interface Handover {
  id: string; enterpriseId: string; resourceId: string; resourceName: string; period: string; talentId: string; talentName: string;
  idNumber: string; tier: string; status: HandoverStatus; note: string; assignedBy: string | null; assignedAt: string;
  revokedAt: string | null; usedRoundId: string | null;
}

export interface Cutoff { points: number; rank: number }
export interface RoundOption { id: string; name: string; capacity: number; publishedAt: string | null; filled: number | null; cutoff: Cutoff | null }
export interface Round {
  id: string; name: string; resourceId: string; resourceName: string; unit: string; period: string; status: RoundStatus;
  minPoints: number | null; quotaHolders: boolean; quotaFirst: boolean;
  tieBreakItems: { itemId: string; label: Label | null }[];
  opensAt: string; closesAt: string; noticeDays: number;
  seedCommitment: string | null; seed: string | null;
  pointsAsOf: string | null; allocatedAt: string | null; noticeEndsAt: string | null; finalizedAt: string | null;
  capacity: number; applications: number; placed: number | null; createdAt: string; updatedAt: string;
}
export interface RoundDetail extends Round { options: RoundOption[] }
export interface RoundInput {
  name: string; resourceId: string; period: string; minPoints: number | null; quotaHolders: boolean; quotaFirst: boolean;
  tieBreakItems: string[]; opensAt: string; closesAt: string; noticeDays: number;
}

export type DecidedBy = { key: 'priorityClass' | 'points' | 'subScore' | 'qualifiedAt' | 'lottery'; index?: number } | null;
export interface ResultRow {
  rank: number; applicationId: string; talentId: string; name: string; idNumber: string; enterpriseName: string | null;
  optionId: string | null; optionName: string | null; preferenceIndex: number | null; priorityClass: number; points: number;
  subScores: (number | null)[]; qualifiedAt: string | null; ticket: string; decidedBy: DecidedBy;
}
export interface ResultList { round: RoundDetail; items: ResultRow[] }

export interface Eligibility { eligible: boolean; points: number | null; pointsAsOf: string | null; holdsQuota: boolean; reason: Label }
export interface MyRound { round: RoundDetail; eligibility: Eligibility; applicationId: string | null }
export interface Application {
  id: string; roundId: string; roundName: string; roundStatus: RoundStatus; resourceName: string; period: string;
  preferences: { optionId: string; name: string }[]; points: number | null; byQuota: boolean; submittedAt: string;
  result: {
    rank: number; applicants: number; optionId: string | null; optionName: string | null; preferenceIndex: number | null;
    priorityClass: number; points: number; subScores: (number | null)[]; qualifiedAt: string | null; ticket: string; decidedBy: DecidedBy;
    cutoffs: { optionId: string; name: string; capacity: number; filled: number; cutoff: Cutoff | null }[];
    why: Label;
  } | null;
  seed: string | null; seedCommitment: string | null;
}

export const redeemKeys = {
  all: ['talent', 'redemption'] as const,
  resources: ['talent', 'redemption', 'resources'] as const,
  quotas: (period: string) => ['talent', 'redemption', 'quotas', period] as const,
  enterpriseQuotas: (id: string, period: string) => ['talent', 'redemption', 'enterprise', id, 'quotas', period] as const,
  handovers: (id: string) => ['talent', 'redemption', 'enterprise', id, 'handovers'] as const,
  rounds: ['talent', 'redemption', 'rounds'] as const,
  round: (id: string) => ['talent', 'redemption', 'rounds', id] as const,
  results: (id: string) => ['talent', 'redemption', 'rounds', id, 'results'] as const,
  myRounds: ['talent', 'redemption', 'my', 'rounds'] as const,
  myApplications: ['talent', 'redemption', 'my', 'applications'] as const,
  myApplication: (id: string) => ['talent', 'redemption', 'my', 'applications', id] as const,
};

const enc = encodeURIComponent;

export const useResources = () => useQuery({ queryKey: redeemKeys.resources, queryFn: () => api.get<{ items: Resource[] }>('/api/talent/resources') });
export const useQuotas = (period: string) => useQuery({
  queryKey: redeemKeys.quotas(period), queryFn: () => api.get<QuotaList>('/api/talent/quotas', { period }), enabled: /^\d{4}/.test(period),
});
export const useEnterpriseQuotas = (enterpriseId: string, period: string) => useQuery({
  queryKey: redeemKeys.enterpriseQuotas(enterpriseId, period),
  queryFn: () => api.get<EnterpriseQuotas>(`/api/talent/enterprises/${enc(enterpriseId)}/quotas`, { period: period || undefined }),
});
export const useHandovers = (enterpriseId: string) => useQuery({
  queryKey: redeemKeys.handovers(enterpriseId),
  queryFn: () => api.get<{ items: Handover[] }>(`/api/talent/enterprises/${enc(enterpriseId)}/handovers`),
});
export const useRounds = () => useQuery({ queryKey: redeemKeys.rounds, queryFn: () => api.get<{ items: Round[] }>('/api/talent/rounds') });
export const useRound = (id: string) => useQuery({ queryKey: redeemKeys.round(id), queryFn: () => api.get<RoundDetail>(`/api/talent/rounds/${enc(id)}`) });
export const useResults = (id: string, enabled: boolean) => useQuery({
  queryKey: redeemKeys.results(id), queryFn: () => api.get<ResultList>(`/api/talent/rounds/${enc(id)}/results`), enabled,
});
export const useMyRounds = () => useQuery({ queryKey: redeemKeys.myRounds, queryFn: () => api.get<{ items: MyRound[] }>('/api/talent/my/rounds') });
export const useMyApplications = () => useQuery({ queryKey: redeemKeys.myApplications, queryFn: () => api.get<{ items: Application[] }>('/api/talent/my/applications') });
export const useMyApplication = (id: string) => useQuery({
  queryKey: redeemKeys.myApplication(id), queryFn: () => api.get<Application>(`/api/talent/my/applications/${enc(id)}`),
});

export const createResource = (body: ResourceInput) => api.post<Resource>('/api/talent/resources', body);
export const updateResource = (id: string, body: Omit<ResourceInput, 'code'>) => api.put<Resource>(`/api/talent/resources/${enc(id)}`, body);
export const setQuota = (body: { tier: string; resourceId: string; period: string; units: number }) => api.put<Quota>('/api/talent/quotas', body);
export const handOver = (enterpriseId: string, body: { resourceId: string; period: string; talentId: string; note: string }) =>
  api.post<Handover>(`/api/talent/enterprises/${enc(enterpriseId)}/handovers`, body);
export const revokeHandover = (id: string) => api.post<Handover>(`/api/talent/handovers/${enc(id)}/revoke`);
export const createRound = (body: RoundInput) => api.post<RoundDetail>('/api/talent/rounds', body);
export const updateRound = (id: string, body: RoundInput) => api.put<RoundDetail>(`/api/talent/rounds/${enc(id)}`, body);
export const setOptions = (id: string, options: { id?: string; name: string; capacity: number }[]) =>
  api.put<RoundDetail>(`/api/talent/rounds/${enc(id)}/options`, { options });
export type RoundAction = 'open' | 'close' | 'allocate' | 'finalize';
export const roundAction = (id: string, action: RoundAction) => api.post<RoundDetail>(`/api/talent/rounds/${enc(id)}/${action}`);
export const applyTo = (roundId: string, preferences: string[]) => api.post<Application>(`/api/talent/rounds/${enc(roundId)}/applications`, { preferences });
export const changePreferences = (roundId: string, preferences: string[]) => api.put<Application>(`/api/talent/rounds/${enc(roundId)}/applications/mine`, { preferences });
export const withdrawApplication = (roundId: string) => api.del(`/api/talent/rounds/${enc(roundId)}/applications/mine`);

/** The current year, as the default period of the pages. */
export const thisYear = () => String(new Date().getFullYear());
