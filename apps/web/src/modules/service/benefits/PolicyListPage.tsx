import { Button, Flex, Select, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { PlusIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBox } from '../../../ui/SearchBox';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { useTableQuery } from '../../../ui/useTableQuery';
import { BASE, type PolicySummary } from './api';

export const STATUS_COLOR = { draft: 'default', published: 'green', expired: 'red' } as const;

/** 惠企政策库: every policy with how many enterprises it finds eligible, nearly, and has told (within the officer's scope). */
export function PolicyListPage() {
  const { t } = useTranslation('service');
  const can = useCan();
  const tq = useTableQuery({ prefix: 'bp', filterKeys: ['status', 'q'] });
  const columns: ServerColumn<PolicySummary>[] = [
    {
      title: t('benefits.col.title'), dataIndex: 'title',
      render: (_, p) => (
        <Link to={`/service/benefits/policies/${p.id}`} data-testid="policy-link">
          {p.title} {p.autoGrant ? <Tag color="gold">{t('benefits.autoGrant')}</Tag> : null}
        </Link>
      ),
    },
    { title: t('benefits.col.issuer'), dataIndex: 'issuer', width: 180 },
    { title: t('benefits.col.documentNumber'), dataIndex: 'documentNumber', width: 150 },
    { title: t('benefits.col.status'), dataIndex: 'status', width: 90, render: (s: PolicySummary['status']) => <Tag color={STATUS_COLOR[s]}>{t(`benefits.status.${s}`)}</Tag> },
    { title: t('benefits.col.validTo'), dataIndex: 'validTo', width: 110 },
    { title: t('benefits.col.eligible'), width: 80, align: 'right', render: (_, p) => (p.matching ? '…' : p.counts.eligible) },
    { title: t('benefits.col.nearly'), width: 90, align: 'right', render: (_, p) => (p.matching ? '…' : p.counts.nearly) },
    { title: t('benefits.col.notified'), width: 80, align: 'right', render: (_, p) => p.counts.notified },
  ];
  return (
    <>
      <PageHeader
        title={t('benefits.title')}
        extra={can('benefit.manage') ? <Link to="/service/benefits/policies/new"><Button type="primary" icon={<PlusIcon />} data-testid="policy-new">{t('benefits.new')}</Button></Link> : null}
      />
      <div className="zz-card">
        <Flex wrap gap={8} className="zz-filters" align="center">
          <SearchBox value={tq.filters.q} onSearch={(v) => tq.setFilters({ q: v })} placeholder={t('benefits.search')} width={280} testId="policy-search" />
          <Select
            allowClear value={tq.filters.status} onChange={(v) => tq.setFilters({ status: v })} placeholder={t('benefits.col.status')} style={{ width: 120 }}
            options={(['draft', 'published', 'expired'] as const).map((s) => ({ value: s, label: t(`benefits.status.${s}`) }))}
          />
        </Flex>
        <ServerTable<PolicySummary> rowKey="id" queryKey={['benefits', 'policies']} path={`${BASE}/policies`} tableQuery={tq} columns={columns} data-testid="policy-table" />
      </div>
    </>
  );
}
