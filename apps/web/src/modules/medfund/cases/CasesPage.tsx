import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, withQuery } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { formatDateTime } from '../../../ui/format';
import { yuan } from '../api';
import { decisionColor, stageColor, STAGES, type CaseSummary, type Decision, type Stage } from './casesApi';

interface Filters { stage?: Stage; decision?: Decision; provider?: string; q?: string; overdue?: boolean; mine?: boolean; range?: [Dayjs, Dayjs] | null }

/** 案件办理: cases with filters, paged on the server, a chart of the stages, Excel export (audited, marked with the user), and opening a case. */
export function CasesPage() {
  const { t } = useTranslation('medfund');
  const can = useCan();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [opening, setOpening] = useState(false);
  const query = {
    stage: filters.stage, decision: filters.decision, provider: filters.provider || undefined, q: filters.q || undefined,
    overdue: filters.overdue ? 'true' : undefined, mine: filters.mine ? 'true' : undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'), to: filters.range?.[1]?.format('YYYY-MM-DD'),
  };
  const list = useQuery({ queryKey: ['medfund', 'cases', query, page], queryFn: () => api.get<{ total: number; amountAtRiskFen: number; recoveredFen: number; items: CaseSummary[] }>(withQuery('/api/medfund/cases', { ...query, page, pageSize: 20 })) });
  const counts = useQuery({ queryKey: ['medfund', 'cases', 'counts'], queryFn: () => api.get<{ items: { stage: Stage; count: number; overdue: number }[] }>('/api/medfund/cases/counts') });
  const count = (s: Stage, k: 'count' | 'overdue') => counts.data?.items.find((c) => c.stage === s)?.[k] ?? 0;
  return (
    <>
      <PageHeader
        title={t('cases.list.title')} subTitle={t('cases.list.subTitle')}
        extra={(
          <Space>
            {can('medfund.cases.open') ? <Button type="primary" onClick={() => setOpening(true)} data-testid="case-open">{t('cases.list.open')}</Button> : null}
            {can('medfund.cases.export') ? <DownloadButton path="/api/medfund/cases/export.xlsx" query={query} fileName="cases.xlsx" testId="cases-export">{t('cases.list.export')}</DownloadButton> : null}
          </Space>
        )}
      />
      <EChart
        height={200} testId="cases-chart"
        option={{
          tooltip: { trigger: 'axis' }, legend: { top: 0, right: 16 }, grid: { left: 40, right: 16, bottom: 30, top: 36 },
          xAxis: { type: 'category', data: STAGES.map((s) => t(`cases.stage.${s}`)) }, yAxis: { type: 'value', minInterval: 1 },
          series: [
            { type: 'bar', stack: 'n', name: t('cases.detail.onTime'), color: '#4a7bd0', data: STAGES.map((s) => count(s, 'count') - count(s, 'overdue')) },
            { type: 'bar', stack: 'n', name: t('cases.detail.overdue'), color: '#d9534f', data: STAGES.map((s) => count(s, 'overdue')) },
          ],
        }}
        onClick={(p) => { const s = STAGES[p.dataIndex as number]; setFilters({ ...filters, stage: s }); setPage(1); }}
      />
      <Form layout="inline" style={{ margin: '12px 0', rowGap: 8 }} onValuesChange={(_, v: Filters) => { setFilters(v); setPage(1); }} initialValues={filters} key={filters.stage ?? ''}>
        <Form.Item name="stage" label={t('cases.list.stage')}>
          <Select allowClear style={{ width: 140 }} options={STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) }))} data-testid="filter-stage" />
        </Form.Item>
        <Form.Item name="decision" label={t('cases.list.decision')}>
          <Select allowClear style={{ width: 200 }} options={(['confirmed', 'dismissed', 'data_quality'] as const).map((d) => ({ value: d, label: t(`cases.decision.${d}`) }))} />
        </Form.Item>
        <Form.Item name="provider" label={t('cases.list.provider')}><Input allowClear style={{ width: 160 }} /></Form.Item>
        <Form.Item name="q" label={t('cases.list.q')}><Input allowClear style={{ width: 160 }} /></Form.Item>
        <Form.Item name="range" label={t('cases.list.period')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="overdue" valuePropName="checked"><Checkbox>{t('cases.list.overdue')}</Checkbox></Form.Item>
        <Form.Item name="mine" valuePropName="checked"><Checkbox>{t('cases.list.mine')}</Checkbox></Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<CaseSummary>
        rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} size="middle" data-testid="medfund-cases"
        pagination={{
          current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false,
          showTotal: () => t('cases.list.total', { n: list.data?.total ?? 0, risk: yuan(list.data?.amountAtRiskFen ?? 0), recovered: yuan(list.data?.recoveredFen ?? 0) }),
        }}
        onRow={(r) => ({ onClick: () => navigate(`/medfund/cases/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('cases.list.number'), render: (_, r) => <Link to={`/medfund/cases/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.number}</Link> },
          { title: t('cases.list.name'), dataIndex: 'title', ellipsis: true },
          { title: t('cases.list.provider'), render: (_, r) => r.providerNames.join('、'), ellipsis: true },
          {
            title: t('cases.list.stage'),
            render: (_, r) => (
              <Space size={4}>
                <Tag color={stageColor(r.stage)}>{t(`cases.stage.${r.stage}`)}</Tag>
                {r.decision ? <Tag color={decisionColor(r.decision)}>{t(`cases.decision.${r.decision}`)}</Tag> : null}
                {r.overdue ? <Tag color="red">{t('cases.list.overdueTag')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('cases.list.due'), render: (_, r) => r.stageDueOn ?? '—' },
          { title: t('cases.list.owner'), dataIndex: 'ownerName' },
          { title: t('cases.list.risk'), align: 'right', render: (_, r) => yuan(r.amountAtRiskFen) },
          { title: t('cases.list.recovered'), align: 'right', render: (_, r) => (r.recoveredFen ? yuan(r.recoveredFen) : '—') },
          { title: t('cases.list.openedAt'), render: (_, r) => formatDateTime(r.openedAt) },
        ]}
      />
      {opening ? <OpenCaseModal onClose={() => setOpening(false)} /> : null}
    </>
  );
}

function OpenCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ findingIds: string; title?: string }>();
  const open = useMutation({
    mutationFn: (v: { findingIds: string; title?: string }) =>
      api.post<{ id: number; number: string }>('/api/medfund/cases', { findingIds: v.findingIds.split(/[\s,，、]+/).filter(Boolean).map(Number), title: v.title || undefined }),
    onSuccess: (r) => {
      message.success(t('cases.list.opened', { number: r.number }));
      void qc.invalidateQueries({ queryKey: ['medfund', 'cases'] });
      navigate(`/medfund/cases/${r.id}`);
    },
  });
  return (
    <Modal open title={t('cases.list.openTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={open.isPending}>
      {open.error ? <ErrorAlert error={open.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => open.mutate(v)}>
        <Form.Item name="findingIds" label={t('cases.list.findingIds')} extra={t('cases.list.findingIdsHint')} rules={[{ required: true }]}><Input data-testid="case-finding-ids" /></Form.Item>
        <Form.Item name="title" label={t('cases.list.caseTitle')}><Input maxLength={120} /></Form.Item>
      </Form>
    </Modal>
  );
}
