import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { EnterpriseFile, HistoryEntry } from '../../../api/types';

export const enterpriseKeys = {
  all: ['enterprises'] as const,
  list: ['enterprises', 'list'] as const,
  file: (id: string) => ['enterprises', 'file', id] as const,
  history: (id: string) => ['enterprises', 'history', id] as const,
};

export function useEnterpriseFile(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.file(id),
    queryFn: () => api.get<EnterpriseFile>(`/api/enterprises/${encodeURIComponent(id)}`),
  });
}

export function useEnterpriseHistory(id: string) {
  return useQuery({
    queryKey: enterpriseKeys.history(id),
    queryFn: () => api.get<HistoryEntry[]>(`/api/enterprises/${encodeURIComponent(id)}/history`),
  });
}

/** The filters of the enterprise list (URL keys = API query names). */
export const ENTERPRISE_FILTER_KEYS = [
  'q',
  'industry',
  'division',
  'park',
  'sizeClass',
  'tag',
  'aboveScale',
  'highTech',
  'listed',
  'status',
] as const;
