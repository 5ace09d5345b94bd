import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { BASE, type EnterpriseBenefits } from './api';
import { BenefitsView } from './BenefitsView';

/** The 惠企政策 tab of the enterprise file (一企一档). */
export function EnterpriseBenefitsTab({ enterpriseId }: { enterpriseId: string }) {
  const q = useQuery({ queryKey: ['benefits', 'enterprise', enterpriseId], queryFn: () => api.get<EnterpriseBenefits>(`${BASE}/enterprises/${enterpriseId}`) });
  if (q.isLoading) return <PageLoading />;
  return q.data ? <BenefitsView data={q.data} mine={false} /> : <LoadError error={q.error} onRetry={() => q.refetch()} />;
}
