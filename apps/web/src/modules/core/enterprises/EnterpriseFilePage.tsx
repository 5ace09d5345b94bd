import { Suspense, useMemo } from 'react';
import { Tabs } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../auth/session';
import { enterpriseFileTabsFor } from '../../registry';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { useEnterpriseFile } from './api';
import { ContactsTab } from './ContactsTab';
import { EnterpriseFileHeader } from './EnterpriseFileHeader';
import { HistoryTab } from './HistoryTab';
import { ProfileTab } from './ProfileTab';

/** 一企一档: everything about one enterprise; other modules add their tabs via their manifest. */
export function EnterpriseFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('core');
  const me = useCurrentUser();
  const file = useEnterpriseFile(id);
  const [sp, setSp] = useSearchParams();
  const moduleTabs = useMemo(() => enterpriseFileTabsFor(me), [me]);

  if (file.isPending) return <PageLoading />;
  if (file.error) return <LoadError error={file.error} onRetry={() => void file.refetch()} />;
  const e = file.data;

  const items = [
    { key: 'profile', label: t('enterprise.tab.profile'), children: <ProfileTab file={e} /> },
    { key: 'contacts', label: `${t('enterprise.tab.contacts')} (${e.contacts.length})`, children: <ContactsTab file={e} /> },
    { key: 'history', label: t('enterprise.tab.history'), children: <HistoryTab enterpriseId={e.id} /> },
    ...moduleTabs.map((tab) => ({ key: tab.key, label: t(tab.label), children: <Suspense fallback={<PageLoading />}>{tab.render(e.id)}</Suspense> })),
  ];
  const requested = sp.get('tab');
  const active = items.some((i) => i.key === requested) ? (requested as string) : 'profile';

  return (
    <>
      <EnterpriseFileHeader file={e} showBreadcrumb={!me.scope.enterpriseId} />
      <div className="zz-card" style={{ paddingTop: 4 }}>
        <Tabs
          activeKey={active}
          onChange={(key) =>
            setSp(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (key === 'profile') next.delete('tab');
                else next.set('tab', key);
                return next;
              },
              { replace: true },
            )
          }
          items={items.map((i) => ({ ...i, label: <span data-testid={`tab-${i.key}`}>{i.label}</span> }))}
        />
      </div>
    </>
  );
}
