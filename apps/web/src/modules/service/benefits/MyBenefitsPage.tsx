import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCurrentUser } from '../../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { BASE, type EnterpriseBenefits } from './api';
import { BenefitsView } from './BenefitsView';

/** The enterprise's own page: the policies it is eligible or nearly eligible for, and its 免申即享 grants to confirm. */
export function MyBenefitsPage() {
  const { t } = useTranslation('service');
  const me = useCurrentUser();
  const q = useQuery({ queryKey: ['benefits', 'mine'], queryFn: () => api.get<EnterpriseBenefits>(`${BASE}/mine`) });
  return (
    <>
      <PageHeader title={t('benefits.mineTitle')} subTitle={me.enterpriseName} />
      <div className="zz-card">
        {q.isLoading ? <PageLoading /> : q.data ? <BenefitsView data={q.data} mine /> : <LoadError error={q.error} onRetry={() => q.refetch()} />}
      </div>
    </>
  );
}
