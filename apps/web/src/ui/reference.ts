import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { County, Department, Park, RefNode } from '../api/types';

/**
 * Reference data every page may need (the county's streets, industries, parks, departments),
 * cached for the session: it changes rarely and lists should not wait for it twice.
 */
export const refKeys = {
  county: ['ref', 'county'] as const,
  industries: (parent: string) => ['ref', 'industries', parent] as const,
  industrySearch: (q: string) => ['ref', 'industries', 'q', q] as const,
  parks: ['parks'] as const,
  departments: ['departments'] as const,
  tags: ['enterprises', 'tags'] as const,
};

export function fetchIndustries(parent: string): Promise<RefNode[]> {
  return api.get<RefNode[]>('/api/reference/industries', { parent });
}

export function searchIndustries(q: string): Promise<RefNode[]> {
  return api.get<RefNode[]>('/api/reference/industries', { q });
}

export function useCounty() {
  return useQuery({
    queryKey: refKeys.county,
    queryFn: () => api.get<County>('/api/reference/county'),
    staleTime: Infinity,
  });
}

export function useParks(enabled = true) {
  return useQuery({
    queryKey: refKeys.parks,
    queryFn: () => api.get<Park[]>('/api/parks'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: refKeys.departments,
    queryFn: () => api.get<Department[]>('/api/departments'),
    staleTime: 60_000,
    enabled,
  });
}

export function useEnterpriseTags(enabled = true) {
  return useQuery({
    queryKey: refKeys.tags,
    queryFn: () => api.get<string[]>('/api/enterprises/tags'),
    staleTime: 5 * 60_000,
    enabled,
  });
}
