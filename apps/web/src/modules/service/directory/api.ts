import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** Answer shapes of /api/service/directory and /api/service/visits (docs/service/API.md). */
export const PROVIDER_KINDS = ['testing_lab', 'certification_body', 'law_firm', 'bank', 'patent_agency', 'training_body', 'accounting_firm', 'consultancy', 'other'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];
export type Outcome = 'pending' | 'helped' | 'not_helped';
export type CoordinateSystem = 'gcj02' | 'wgs84' | 'bd09';

export interface Capability { code: string; parentCode: string | null; name: string; nameEn: string; sortOrder: number; active: boolean; providerCount: number }
export interface ProviderSummary {
  id: string; name: string; kind: ProviderKind; address: string; divisionCode: string | null; lat: number; lng: number;
  contactName: string; contactPhone: string; openingHours: string; status: 'active' | 'inactive'; capabilities: { code: string; name: string }[]; updatedAt: string;
}
export interface ProviderDetail extends ProviderSummary {
  description: string; enterpriseId: string | null; enterpriseName: string | null; website: string; email: string;
  services: { id: string; capabilityCode: string; capabilityName: string; name: string; description: string }[];
  recommendations: { total: number; helped: number; notHelped: number }; version: number;
}
export interface Page<T> { items: T[]; total: number; totalEstimated: boolean }
export interface NearestResult {
  origin: { lat: number; lng: number; label: string; enterpriseId: string | null };
  capability: string | null; directoryVersion: number;
  providers: (ProviderSummary & { distanceM: number; recommendedBefore: number })[];
}
export interface Recommendation {
  id: string; enterpriseId: string; enterpriseName: string; requestId: string | null; requestNumber: number | null;
  provider: { id: string; name: string; kind: ProviderKind }; capabilityCode: string; capabilityName: string; distanceM: number | null; note: string;
  recommendedByName: string; recommendedAt: string; outcome: Outcome; outcomeNote: string; outcomeByName: string; outcomeAt: string | null; version: number;
}
export interface ParkFigures {
  parkId: string; total: number; helped: number; notHelped: number; pending: number; enterprises: number;
  byCapability: { code: string; name: string; total: number; helped: number }[];
  topProviders: { id: string; name: string; total: number; helped: number }[];
  recent: Recommendation[];
}
export interface VisitProblem { id: string; position: number; text: string; requestId: string | null; requestNumber: number | null; requestStatus: string | null }
export interface Visit {
  id: string; enterpriseId: string; enterpriseName: string; divisionCode: string; divisionName: string; parkId: string | null; planId: string | null;
  visitedAt: string; visitorId: string | null; visitorName: string; companions: string; discussed: string; followUps: string;
  problems: VisitProblem[]; canEdit: boolean; version: number;
}
export interface Plan {
  id: string; agentId: string; agentName: string; divisionCode: string; divisionName: string; periodFrom: string; periodTo: string; note: string;
  enterprises: { id: string; name: string; visited: boolean; lastVisitedAt: string | null }[]; planned: number; visited: number; visitCount: number; version: number;
  updatedAt: string; updatedByName: string;
}
export interface CoverageRow { key: string; name: string; enterprises: number; visited: number; visits: number; share: number }
export interface Coverage { from: string; to: string; by: 'street' | 'park'; rows: CoverageRow[]; total: CoverageRow }

export const directoryKeys = {
  all: ['directory'] as const,
  capabilities: ['directory', 'capabilities'] as const,
  providers: (q: object) => ['directory', 'providers', q] as const,
  provider: (id: string) => ['directory', 'provider', id] as const,
  nearest: (q: object) => ['directory', 'nearest', q] as const,
  recommendations: (q: object) => ['directory', 'recommendations', q] as const,
  park: (id: string) => ['directory', 'park', id] as const,
  location: (id: string) => ['directory', 'location', id] as const,
  visits: (q: object) => ['visits', 'list', q] as const,
  coverage: (q: object) => ['visits', 'coverage', q] as const,
  plans: (q: object) => ['visits', 'plans', q] as const,
  agents: ['visits', 'agents'] as const,
};

export function useCapabilities() {
  return useQuery({ queryKey: directoryKeys.capabilities, queryFn: () => api.get<Capability[]>('/api/service/directory/capabilities'), staleTime: 60_000 });
}

/** Capabilities as a tree for TreeSelect (codes are paths: a child starts with its parent's code and a dot). */
export function capabilityTree(caps: readonly Capability[], onlyActive = true) {
  type Node = { value: string; title: string; children: Node[] };
  const nodes = new Map<string, Node>();
  const roots: Node[] = [];
  for (const c of caps) if (!onlyActive || c.active) nodes.set(c.code, { value: c.code, title: `${c.name}（${c.providerCount}）`, children: [] });
  for (const c of caps) {
    const n = nodes.get(c.code);
    if (!n) continue;
    const parent = c.parentCode ? nodes.get(c.parentCode) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

export const recommend = (body: { providerId: string; capabilityCode: string; requestId?: string | null; enterpriseId?: string | null; note?: string }) =>
  api.post<Recommendation>('/api/service/directory/recommendations', body);
export const recordOutcome = (id: string, body: { outcome: 'helped' | 'not_helped'; note: string; version: number }) =>
  api.put<Recommendation>(`/api/service/directory/recommendations/${encodeURIComponent(id)}/outcome`, body);
export const revealProviderPhone = (id: string) => api.post<{ contactPhone: string }>(`/api/service/directory/providers/${encodeURIComponent(id)}/reveal`);

export function useRecommendations(q: { requestId?: string; enterpriseId?: string }) {
  return useQuery({ queryKey: directoryKeys.recommendations(q), queryFn: () => api.get<Recommendation[]>('/api/service/directory/recommendations', q) });
}

export const formatDistance = (m: number | null | undefined) => (m == null ? '—' : m < 1000 ? `${m} m` : `${(m / 1000).toFixed(1)} km`);
export const OUTCOME_COLORS: Record<Outcome, string> = { pending: 'default', helped: 'green', not_helped: 'red' };
