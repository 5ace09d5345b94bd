import { Suspense, useMemo } from 'react';
import { Col, Row, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCurrentUser } from '../../../auth/session';
import { parkFileTabsFor } from '../../registry';
import type { ParkFile } from '../../../api/types';
import { formatInt } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { useTableQuery } from '../../../ui/useTableQuery';
import { ENTERPRISE_FILTER_KEYS } from '../enterprises/api';
import { EnterpriseFilters } from '../enterprises/EnterpriseFilters';
import { EnterpriseTable } from '../enterprises/EnterpriseTable';
import { IndustryChart, SizeClassChart } from './ParkCharts';
import { ParkStats } from './ParkStats';

const FILTERS = ENTERPRISE_FILTER_KEYS.filter((k) => k !== 'park');

/** 一园一档: a park's totals, its make-up by size and industry, and its enterprises. */
export function ParkFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('core');
  const park = useQuery({ queryKey: ['parks', id], queryFn: () => api.get<ParkFile>(`/api/parks/${encodeURIComponent(id)}`) });
  const tq = useTableQuery({ filterKeys: FILTERS, defaultSort: { sort: 'revenue', order: 'desc' } });
  const me = useCurrentUser();
  const moduleTabs = useMemo(() => parkFileTabsFor(me), [me]);

  if (park.isPending) return <PageLoading />;
  if (park.error) return <LoadError error={park.error} onRetry={() => void park.refetch()} />;
  const p = park.data;

  return (
    <>
      <PageHeader
        title={p.name}
        back="/parks"
        breadcrumb={[{ title: t('park.list.title'), to: '/parks' }, { title: p.name }]}
        tags={<Tag color="blue">{t(`common:enum.parkKind.${p.kind}`)}</Tag>}
        subTitle={
          <Typography.Text type="secondary">
            {[p.divisionName, p.address, p.areaMu ? `${formatInt(p.areaMu)} ${t('common:unit.mu')}` : null].filter(Boolean).join(' · ')}
          </Typography.Text>
        }
      />
      <ParkStats totals={p.totals} />
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <div className="zz-card" style={{ height: '100%' }}>
            <Typography.Text strong>{t('park.chart.size')}</Typography.Text>
            <SizeClassChart data={p.bySizeClass} onPick={(s) => tq.setFilters({ sizeClass: s })} />
          </div>
        </Col>
        <Col xs={24} lg={14}>
          <div className="zz-card" style={{ height: '100%' }}>
            <Typography.Text strong>{t('park.chart.industry')}</Typography.Text>
            <IndustryChart data={p.byIndustry} onPick={(code) => tq.setFilters({ industry: code })} />
          </div>
        </Col>
      </Row>
      <div className="zz-card" style={{ marginTop: 12 }}>
        {/* The park's enterprises, then what other modules add (e.g. the service module's 诉求 tab). */}
        <Tabs
          destroyOnHidden
          items={[
            {
              key: 'enterprises',
              label: t('park.enterprises'),
              children: (
                <>
                  <EnterpriseFilters tq={tq} hidePark />
                  <EnterpriseTable tableQuery={tq} extraQuery={{ park: p.id }} hide={['park']} />
                </>
              ),
            },
            ...moduleTabs.map((tab) => ({ key: tab.key, label: t(tab.label), children: <Suspense fallback={<PageLoading />}>{tab.render(p.id)}</Suspense> })),
          ].map((i) => ({ ...i, label: <span data-testid={`park-tab-${i.key}`}>{i.label}</span> }))}
        />
      </div>
    </>
  );
}
