import { lazy, Suspense } from 'react';
import { PageLoading } from '../../../ui/PageLoading';

const View = lazy(() => import('./EnterprisePointsView').then((m) => ({ default: m.EnterprisePointsView })));

/** 人才积分 tab of the enterprise file (一企一档): the enterprise's points, loaded on first open. */
export function EnterprisePointsTab({ enterpriseId }: { enterpriseId: string }) {
  return (
    <Suspense fallback={<PageLoading />}>
      <View enterpriseId={enterpriseId} />
    </Suspense>
  );
}
