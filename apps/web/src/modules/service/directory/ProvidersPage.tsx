import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, download } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { capabilityTree, directoryKeys, PROVIDER_KINDS, useCapabilities, type Page, type ProviderDetail, type ProviderSummary } from './api';
import { ProviderFormModal } from './ProviderFormModal';

/** 服务资源库: the providers, filtered by name, kind and capability; register, edit, import, export. */
export function ProvidersPage() {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const navigate = useNavigate();
  const caps = useCapabilities();
  const [filters, setFilters] = useState<{ q?: string; kind?: string; capability?: string; page: number }>({ page: 1 });
  const [editing, setEditing] = useState<ProviderDetail | null | undefined>(undefined);
  const query = { ...filters, pageSize: 20 };
  const list = useQuery({ queryKey: directoryKeys.providers(query), queryFn: () => api.get<Page<ProviderSummary>>('/api/service/directory/providers', query) });
  const manage = can('service.directory.manage');
  const open = async (id: string) => setEditing(await api.get<ProviderDetail>(`/api/service/directory/providers/${id}`));
  return (
    <>
      <PageHeader
        title={t('providers.title')} subTitle={t('providers.subTitle')}
        extra={manage ? (
          <Space>
            <Button onClick={() => void navigate('/service/directory/import')}>{t('providers.import')}</Button>
            <Button onClick={() => void download('/api/service/directory/providers/export.xlsx', { q: filters.q, kind: filters.kind, capability: filters.capability })}>{t('providers.export')}</Button>
            <Button type="primary" onClick={() => setEditing(null)} data-testid="provider-create">{t('providers.create')}</Button>
          </Space>
        ) : null}
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder={t('providers.search')} style={{ width: 220 }} onSearch={(q) => setFilters((f) => ({ ...f, q: q || undefined, page: 1 }))} data-testid="provider-search" />
          <Select allowClear placeholder={t('field.kind')} style={{ width: 160 }} options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} onChange={(kind) => setFilters((f) => ({ ...f, kind, page: 1 }))} />
          <TreeSelect allowClear treeDefaultExpandAll placeholder={t('field.capability')} style={{ width: 220 }} treeData={capabilityTree(caps.data ?? [])} onChange={(capability) => setFilters((f) => ({ ...f, capability, page: 1 }))} />
        </Space>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table
          size="small" rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} data-testid="provider-table" locale={{ emptyText: t('providers.empty') }}
          pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setFilters((f) => ({ ...f, page })) }}
          columns={[
            { title: t('field.name'), render: (_, p) => (manage ? <a onClick={() => void open(p.id)}>{p.name}</a> : p.name) },
            { title: t('field.kind'), width: 120, render: (_, p) => t(`kind.${p.kind}`) },
            { title: t('field.capabilities'), render: (_, p) => p.capabilities.map((c) => <Tag key={c.code} color="blue">{c.name}</Tag>) },
            { title: t('field.address'), render: (_, p) => <>{p.address}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.lat.toFixed(5)}, {p.lng.toFixed(5)}</Typography.Text></> },
            { title: t('field.openingHours'), width: 170, dataIndex: 'openingHours' },
            { title: t('field.contactPhone'), width: 130, render: (_, p) => <>{p.contactName}<br />{p.contactPhone}</> },
            { title: t('field.status'), width: 70, render: (_, p) => <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`status.${p.status}`)}</Tag> },
            { title: t('field.updatedAt'), width: 150, render: (_, p) => formatDateTime(p.updatedAt) },
          ]}
        />
      </Card>
      <ProviderFormModal provider={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
    </>
  );
}
