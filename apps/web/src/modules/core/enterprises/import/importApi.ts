import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { ImportBatch, Job } from '../../../../api/types';

export const importKeys = {
  batch: (id: string) => ['imports', id] as const,
  job: (id: string) => ['jobs', id] as const,
};

export function useImportBatch(id: string | null) {
  return useQuery({
    queryKey: importKeys.batch(id ?? ''),
    queryFn: () => api.get<ImportBatch>(`/api/imports/${id}`),
    enabled: !!id,
    // While the import runs, the batch changes status in the background.
    refetchInterval: (q) => (q.state.data?.status === 'importing' ? 2000 : false),
  });
}

const DONE = new Set(['succeeded', 'failed', 'cancelled']);

/** GET /api/jobs/:id every second until the job is finished. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: () => api.get<Job>(`/api/jobs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 1000),
  });
}
