import { useState } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { useCurrentUser } from '../../auth/session';
import { LoadsPanel } from './LoadsPanel';
import { MappingsPanel } from './MappingsPanel';
import { OverviewPanel } from './OverviewPanel';

/** 数据加载: the loads with their progress and error reports, the column mappings, what the store holds. */
export function DataLoadsPage() {
  const { t } = useTranslation('medfund');
  const me = useCurrentUser();
  const canLoad = me.permissions.includes('medfund.data.load');
  const [tab, setTab] = useState('loads');
  return (
    <>
      <PageHeader title={t('loads.title')} subTitle={t('loads.subTitle')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'loads', label: t('loads.tabs.loads'), children: <LoadsPanel canLoad={canLoad} canReveal={me.permissions.includes('personal.reveal')} /> },
          { key: 'mappings', label: t('loads.tabs.mappings'), children: <MappingsPanel canEdit={canLoad} /> },
          { key: 'overview', label: t('loads.tabs.overview'), children: <OverviewPanel /> },
        ]}
      />
    </>
  );
}
