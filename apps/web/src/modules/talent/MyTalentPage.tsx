import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { api } from '../../api/client';
import type { ListPage } from '../../api/types';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError, NotFoundResult } from '../../ui/StatusResult';
import type { TalentSummary } from './api';

/** A talent's own entry point: their one file (the list scope for them is "self"). */
export function MyTalentPage() {
  const mine = useQuery({ queryKey: ['talent', 'mine'], queryFn: () => api.get<ListPage<TalentSummary>>('/api/talent/talents', { pageSize: 1 }) });
  if (mine.isPending) return <PageLoading />;
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const first = mine.data.items[0];
  return first ? <Navigate to={`/talent/talents/${first.id}`} replace /> : <NotFoundResult />;
}
