import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PlusIcon } from '../../../ui/icons';
import { FIELDS, priceRange, useLabs, useResults, type ResultSummary } from './api';
import { ResultFormModal } from './ResultFormModal';
import { TransferStats } from './TransferStats';

export const STATUS_COLOR = { open: 'blue', landed: 'green', withdrawn: 'default' } as const;

/** 科技成果转化: the results labs offer (filter by lab, field, status) and the counts and values. */
export function TransferListPage() {
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const canWrite = !!me?.permissions.includes('economy.transfer.write');
  const [filter, setFilter] = useState<{ labId?: string; field?: string; status?: string; q?: string }>({});
  const [adding, setAdding] = useState(false);
  const labs = useLabs();
  const q = useResults(filter);
  const results = (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('transfer.lab')} style={{ width: 160 }} data-testid="transfer-filter-lab"
          options={(labs.data ?? []).map((l) => ({ value: l.id, label: l.name }))} onChange={(labId) => setFilter((f) => ({ ...f, labId }))} />
        <Select allowClear placeholder={t('transfer.field')} style={{ width: 160 }}
          options={FIELDS.map((f) => ({ value: f, label: t(`transfer.fields.${f}`) }))} onChange={(field) => setFilter((f) => ({ ...f, field }))} />
        <Select allowClear placeholder={t('transfer.status')} style={{ width: 120 }}
          options={(['open', 'landed', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`transfer.statuses.${s}`) }))} onChange={(status) => setFilter((f) => ({ ...f, status }))} />
        <Input.Search allowClear placeholder={t('transfer.search')} style={{ width: 220 }} onSearch={(v) => setFilter((f) => ({ ...f, q: v || undefined }))} />
      </Space>
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      <Table<ResultSummary>
        rowKey="id" size="middle" loading={q.isLoading} dataSource={q.data ?? []} data-testid="transfer-results" pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('transfer.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/economy/transfer/${r.id}`}>{v}</Link> },
          { title: t('transfer.lab'), dataIndex: 'labName', width: 120 },
          { title: t('transfer.field'), dataIndex: 'field', width: 120, render: (f: string) => t(`transfer.fields.${f}`) },
          { title: t('transfer.maturity'), dataIndex: 'maturity', width: 90, render: (m: number) => `TRL ${m}` },
          { title: t('transfer.modes'), dataIndex: 'modes', render: (ms: string[]) => ms.map((m) => <Tag key={m}>{t(`transfer.modeNames.${m}`)}</Tag>) },
          { title: t('transfer.price'), key: 'price', width: 130, align: 'right', render: (_: unknown, r) => priceRange(r.priceMinWan, r.priceMaxWan) },
          { title: t('transfer.patents'), dataIndex: 'patents', width: 70, align: 'right' },
          { title: t('transfer.offeredOn'), dataIndex: 'offeredOn', width: 110 },
          { title: t('transfer.dealsCol'), key: 'deals', width: 110, align: 'right', render: (_: unknown, r) => `${r.landed} / ${r.deals}` },
          { title: t('transfer.status'), dataIndex: 'status', width: 90, render: (s: ResultSummary['status']) => <Tag color={STATUS_COLOR[s]}>{t(`transfer.statuses.${s}`)}</Tag> },
        ]}
      />
    </>
  );
  return (
    <div data-testid="economy-transfer">
      <PageHeader title={t('transfer.pageTitle')} subTitle={t('transfer.subTitle')}
        extra={canWrite ? <Button type="primary" icon={<PlusIcon />} onClick={() => setAdding(true)} data-testid="transfer-add">{t('transfer.add')}</Button> : null} />
      <Tabs items={[
        { key: 'results', label: t('transfer.tabResults'), children: results },
        { key: 'stats', label: t('transfer.tabStats'), children: <TransferStats /> },
      ]} />
      {adding ? <ResultFormModal onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
