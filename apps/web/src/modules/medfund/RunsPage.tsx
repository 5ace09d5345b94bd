import { App, Button, Progress, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { formatDateTime } from '../../ui/format';
import type { Run } from './api';

const KEY = ['medfund', 'runs'];

/** Screening runs with their progress (polled while one is active); starting a full or incremental run. */
export function RunsPage() {
  const { t } = useTranslation('medfund');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<{ items: Run[] }>('/api/medfund/screening-runs'),
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: (kind: 'full' | 'incremental') => api.post<Run>('/api/medfund/screening-runs', { kind }),
    onSuccess: (r) => { message.success(t('runs.started', { id: r.id })); void qc.invalidateQueries({ queryKey: KEY }); },
  });
  return (
    <>
      <PageHeader
        title={t('runs.title')}
        extra={
          <Space>
            <Button type="primary" onClick={() => start.mutate('full')} loading={start.isPending} data-testid="run-full">{t('runs.full')}</Button>
            <Button onClick={() => start.mutate('incremental')} loading={start.isPending}>{t('runs.incremental')}</Button>
          </Space>
        }
      />
      {start.error ? <ErrorAlert error={start.error} /> : null}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<Run>
        rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} data-testid="medfund-runs"
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('runs.kind'), render: (_, r) => t(r.kind === 'full' ? 'runs.full' : 'runs.incremental') },
          { title: t('runs.status.done'), render: (_, r) => <Tag color={r.status === 'done' ? 'green' : r.status === 'failed' ? 'red' : 'blue'} data-testid={`run-status-${r.id}`}>{t(`runs.status.${r.status}`)}</Tag> },
          { title: t('runs.progress'), render: (_, r) => <Progress percent={r.progressTotal ? Math.round((100 * r.progressDone) / r.progressTotal) : 0} size="small" status={r.status === 'failed' ? 'exception' : undefined} format={(p) => `${p}% ${r.progressNote}`} /> },
          { title: t('runs.period'), render: (_, r) => (r.periodFrom ? `${r.periodFrom} – ${r.periodTo}` : '') },
          { title: t('runs.found'), render: (_, r) => r.counts.found ?? '' },
          { title: t('runs.new'), render: (_, r) => r.counts.new ?? '' },
          { title: t('runs.data'), dataIndex: 'dataVersion' },
          { title: t('runs.requestedBy'), dataIndex: 'requestedByName' },
          { title: t('runs.requestedAt'), render: (_, r) => formatDateTime(r.requestedAt) },
        ]}
        expandable={{ rowExpandable: (r) => !!r.error, expandedRowRender: (r) => r.error }}
      />
    </>
  );
}
