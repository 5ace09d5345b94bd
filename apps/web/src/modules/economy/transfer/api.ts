import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** Answer shapes of /api/economy/transfer (docs/economy/TRANSFER.md). Money in 万元. */
export const FIELDS = ['ai', 'chips', 'network', 'biomed', 'materials', 'manufacturing', 'aerospace', 'energy', 'other'] as const;
export const MODES = ['licence', 'assignment', 'equity', 'joint_development'] as const;
export type Field = (typeof FIELDS)[number];
export type Mode = (typeof MODES)[number];
export type Stage = 'contacted' | 'negotiating' | 'landed' | 'failed';
export type ResultStatus = 'open' | 'landed' | 'withdrawn';

export interface Lab { id: string; name: string; nameEn: string; kind: string; results: number; landed: number }
export interface Patent { number: string; title: string; kind: 'invention' | 'utility' | 'design' | 'software' }
export interface ResultSummary {
  id: string; labId: string; labName: string; title: string; field: Field; maturity: number; modes: Mode[];
  priceMinWan: number | null; priceMaxWan: number | null; offeredOn: string; status: ResultStatus; patents: number; deals: number; landed: number;
}
export interface ResultView extends Omit<ResultSummary, 'patents'> {
  summary: string; patents: Patent[]; industryPrefixes: string[]; industryNames: string[]; keywords: string[]; version: number;
}
export interface MatchFactor { key: 'industry' | 'keywords' | 'rd' | 'highTech' | 'chain'; weight: number; fraction: number; points: number; reason: string; reasonEn: string }
export interface Match { enterpriseId: string; name: string; industryCode: string; industryName: string; highTech: boolean; score: number; factors: MatchFactor[]; dealId: string | null; dealStage: Stage | null }
export interface Matches { weights: Record<string, number>; chainAvailable: boolean; candidates: number; matches: Match[] }
export interface DealEvent { id: number; kind: 'contact' | 'negotiation' | 'landed' | 'failed'; happenedOn: string; note: string; recordedBy: string; recordedAt: string }
export interface Deal {
  id: string; resultId: string; enterpriseId: string | null; enterpriseName: string; stage: Stage; landedEnterpriseId: string | null; landedEnterpriseName: string | null;
  mode: Mode | null; valueWan: number | null; landedOn: string | null; newEnterprise: boolean; scoreAtContact: number | null; version: number; events: DealEvent[];
}
export interface StatRow { key: string; name: string; results: number; deals: number; landed: number; landedValueWan: number; newEnterprises: number; askingWan: number }
export interface Stats { totals: StatRow; byLab: StatRow[]; byField: StatRow[]; byYear: StatRow[] }

export const transferKeys = {
  all: ['economy', 'transfer'] as const,
  labs: ['economy', 'transfer', 'labs'] as const,
  results: (q: Record<string, string | undefined>) => ['economy', 'transfer', 'results', q] as const,
  result: (id: string) => ['economy', 'transfer', 'result', id] as const,
  matches: (id: string) => ['economy', 'transfer', 'matches', id] as const,
  deals: (id: string) => ['economy', 'transfer', 'deals', id] as const,
  stats: (from?: number, to?: number) => ['economy', 'transfer', 'stats', from ?? 0, to ?? 0] as const,
};

export const useLabs = () => useQuery({ queryKey: transferKeys.labs, queryFn: () => api.get<Lab[]>('/api/economy/transfer/labs') });
export const useResults = (q: { labId?: string; field?: string; status?: string; q?: string }) =>
  useQuery({ queryKey: transferKeys.results(q), queryFn: () => api.get<ResultSummary[]>('/api/economy/transfer/results', q) });
export const useResult = (id: string) => useQuery({ queryKey: transferKeys.result(id), queryFn: () => api.get<ResultView>(`/api/economy/transfer/results/${id}`) });
export const useMatches = (id: string) => useQuery({ queryKey: transferKeys.matches(id), queryFn: () => api.get<Matches>(`/api/economy/transfer/results/${id}/matches`, { limit: 20 }) });
export const useDeals = (id: string) => useQuery({ queryKey: transferKeys.deals(id), queryFn: () => api.get<Deal[]>(`/api/economy/transfer/results/${id}/deals`) });
export const useTransferStats = (from?: number, to?: number) =>
  useQuery({ queryKey: transferKeys.stats(from, to), queryFn: () => api.get<Stats>('/api/economy/transfer/stats', { from, to }) });

export const fmtWan = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
export const priceRange = (min: number | null, max: number | null) =>
  min === null && max === null ? '—' : min !== null && max !== null ? `${fmtWan(min)}–${fmtWan(max)}` : min !== null ? `≥ ${fmtWan(min)}` : `≤ ${fmtWan(max)}`;
export const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
