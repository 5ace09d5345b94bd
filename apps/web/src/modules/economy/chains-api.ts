import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Answer shapes of /api/economy/chains and /api/economy/projects (docs/economy/API.md). Money in 万元. */
export type Segment = 'upstream' | 'midstream' | 'downstream';
export interface ChainLink {
  id: string; chainId: string; parentId: string | null; name: string; nameEn: string; segment: Segment;
  industryPrefixes: string[]; industryNames: string[]; keywords: string[]; sortOrder: number; version: number;
}
export interface Chain { id: string; name: string; nameEn: string; description: string; sortOrder: number; version: number; links: ChainLink[] }
export interface ChainSummary { id: string; name: string; nameEn: string; description: string; sortOrder: number; version: number; links: number }
export interface GapProject { id: string; name: string; investor: string; stage: string; stageName: string; totalInvestmentWan: number; major: boolean; linkId: string }
export interface MapNode {
  id: string; parentId: string | null; name: string; nameEn: string; segment: Segment; industryNames: string[]; keywords: string[];
  enterprises: number; aboveScale: number; highTech: number; revenueWan: number; growthPercent: number | null; compared: number;
  score: number; gap: 'missing' | 'weak' | null; projects: GapProject[];
}
export interface ChainMapView { chain: Omit<ChainSummary, 'links'>; period: string | null; nodes: MapNode[]; method: string }
export interface LinkEnterprise { id: string; name: string; industryCode: string; divisionCode: string; aboveScale: boolean; highTech: boolean; revenueWan: number | null }

export interface Milestone { id: string; stage: string; name: string; required: boolean; dueDate: string | null; doneAt: string | null; doneBy: string; overdueDays: number | null; escalation: number }
export interface Problem { id: string; stage: string; description: string; responsible: string; dueDate: string | null; raisedBy: string; raisedAt: string; resolvedAt: string | null; resolution: string }
export interface ProjectCard {
  id: string; name: string; investor: string; industryCode: string; industryName: string;
  chainLink: { id: string; name: string; chainId: string; chainName: string } | null;
  totalInvestmentWan: number; receivedInvestmentWan: number; major: boolean; stage: string; stageName: string; stageEnteredAt: string; daysInStage: number;
  status: 'active' | 'landed' | 'dropped'; owner: { id: string; name: string }; divisionCode: string; streetName: string; constructionPercent: number;
  overdueMilestones: number; openProblems: number; enterprise: { id: string; name: string } | null;
  /** GCJ-02; null while unknown. */
  location: { lat: number; lng: number } | null;
}
/** GET /api/economy/projects/map */
export interface ProjectMap {
  stages: { code: string; name: string }[];
  projects: ProjectCard[];
  unlocated: { id: string; name: string; stageName: string; streetName: string }[];
  streets: { code: string; name: string; lat: number; lng: number; enterprises: number }[];
}
export interface Project extends ProjectCard {
  investorOrigin: string; address: string; description: string; version: number; createdAt: string;
  milestones: Milestone[]; problems: Problem[];
  events: { id: number; from: string | null; to: string; at: string; by: string; skipped: string[]; reason: string }[];
  files: { id: string; name: string; mediaType: string; sizeBytes: number; createdAt: string }[];
}
export interface Stage { code: string; name: string; nameEn: string; sortOrder: number; targetDays: number | null; milestones: { name: string; required: boolean; dueDays: number }[]; projects: number }
export interface Pipeline {
  stages: { stage: string; name: string; count: number; totalInvestmentWan: number; receivedInvestmentWan: number; major: number; projects: ProjectCard[] }[];
  dropped: number;
  funnel: { stage: string; name: string; reached: number; conversionPercent: number | null }[];
  timeInStage: { stage: string; name: string; targetDays: number | null; finished: number; medianDays: number | null; averageDays: number | null; current: number; longestCurrentDays: number | null; overTarget: number }[];
  byStreet: { divisionCode: string; name: string; count: number; totalInvestmentWan: number; major: number }[];
  major: ProjectCard[];
  overdue: { milestoneId: string; projectId: string; projectName: string; stage: string; stageName: string; name: string; dueDate: string; overdueDays: number; escalation: number; owner: string }[];
  totals: { count: number; totalInvestmentWan: number; major: number };
}

export const chainKeys = {
  all: ['economy', 'chains'] as const,
  list: ['economy', 'chains', 'list'] as const,
  chain: (id: string) => ['economy', 'chains', 'chain', id] as const,
  map: (id: string) => ['economy', 'chains', 'map', id] as const,
  linkEnterprises: (id: string) => ['economy', 'chains', 'link', id] as const,
};
export const projectKeys = {
  all: ['economy', 'projects'] as const,
  pipeline: ['economy', 'projects', 'pipeline'] as const,
  map: ['economy', 'projects', 'map'] as const,
  project: (id: string) => ['economy', 'projects', 'one', id] as const,
  stages: ['economy', 'projects', 'stages'] as const,
};

export const useChains = () => useQuery({ queryKey: chainKeys.list, queryFn: () => api.get<ChainSummary[]>('/api/economy/chains') });
export const useChain = (id: string) => useQuery({ queryKey: chainKeys.chain(id), queryFn: () => api.get<Chain>(`/api/economy/chains/${id}`), enabled: !!id });
export const useChainMap = (id: string) => useQuery({ queryKey: chainKeys.map(id), queryFn: () => api.get<ChainMapView>(`/api/economy/chains/${id}/map`), enabled: !!id });
export const useLinkEnterprises = (id: string | null) =>
  useQuery({ queryKey: chainKeys.linkEnterprises(id ?? ''), queryFn: () => api.get<LinkEnterprise[]>(`/api/economy/chain-links/${id}/enterprises`, { limit: 200 }), enabled: !!id });
export const useProjectMap = () => useQuery({ queryKey: projectKeys.map, queryFn: () => api.get<ProjectMap>('/api/economy/projects/map') });
export const usePipeline = () => useQuery({ queryKey: projectKeys.pipeline, queryFn: () => api.get<Pipeline>('/api/economy/projects/pipeline') });
export const useProject = (id: string) => useQuery({ queryKey: projectKeys.project(id), queryFn: () => api.get<Project>(`/api/economy/projects/${id}`), enabled: !!id });
export const useStages = () => useQuery({ queryKey: projectKeys.stages, queryFn: () => api.get<Stage[]>('/api/economy/project-stages') });
export const useAllChainLinks = () => useQuery({
  queryKey: ['economy', 'chains', 'all-links'],
  queryFn: async () => {
    const chains = await api.get<ChainSummary[]>('/api/economy/chains');
    return (await Promise.all(chains.map((c) => api.get<Chain>(`/api/economy/chains/${c.id}`)))).flatMap((c) => c.links.map((l) => ({ ...l, chainName: c.name })));
  },
});
