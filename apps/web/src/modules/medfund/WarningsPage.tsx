import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, withQuery } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { DownloadButton } from '../../ui/DownloadButton';
import { EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { yuan, type RiskItem } from './api';
import { LEVEL_COLORS, TAG_COLORS, WARNING_LEVELS, WARNING_STATUSES, type Rollup, type SubjectKind, type WarningItem, type WarningLevel, type WarningPage, type WarningStatus } from './warnings-api';
import { WarningHandling } from './reports/WarningHandling';

interface Filters { level?: WarningLevel; subjectKind?: SubjectKind; status?: WarningStatus; provider?: string; subject?: string; range?: [Dayjs, Dayjs] | null }

/**
 * 预警: warnings per person or provider with filters (level, subject kind, status, period,
 * provider), server-side paging, a chart by level, the Excel export (logged, marked with the
 * user), and "roll up now" for analysts. The discipline inspection group sees red ones only.
 */
export function WarningsPage() {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('medfund.warnings.manage');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ level: (params.get('level') as WarningLevel) || undefined, status: (params.get('status') as WarningStatus) || undefined });
  const [page, setPage] = useState(1);
  const qc = useQueryClient();
  const query = {
    level: filters.level, subjectKind: filters.subjectKind, status: filters.status, provider: filters.provider || undefined, subject: filters.subject || undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'), to: filters.range?.[1]?.format('YYYY-MM-DD'),
  };
  const list = useQuery({ queryKey: ['medfund', 'warnings', query, page], queryFn: () => api.get<WarningPage>(withQuery('/api/medfund/warnings', { ...query, page, pageSize: 20 })) });
  const providers = useQuery({ queryKey: ['medfund', 'risk'], queryFn: () => api.get<{ items: RiskItem[] }>('/api/medfund/provider-risk'), enabled: me.permissions.includes('medfund.rules.read') });
  const rollups = useQuery({
    queryKey: ['medfund', 'warning-rollups'], queryFn: () => api.get<{ items: Rollup[] }>('/api/medfund/warning-rollups'),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1500 : false),
  });
  const rollUp = useMutation({
    mutationFn: () => api.post<Rollup>('/api/medfund/warning-rollups'),
    onSuccess: (r) => { message.success(t('warnings.rollupQueued', { id: r.id })); void qc.invalidateQueries({ queryKey: ['medfund', 'warning-rollups'] }); },
  });
  const last = rollups.data?.items[0];
  const by = list.data?.byLevel;
  return (
    <>
      <PageHeader
        title={t('warnings.title')}
        subTitle={list.data?.scope === 'red' ? t('warnings.scopeRed') : t('warnings.subTitle')}
        extra={(
          <Space>
            {canManage ? <Button onClick={() => rollUp.mutate()} loading={rollUp.isPending} data-testid="warnings-rollup">{t('warnings.rollupNow')}</Button> : null}
            <DownloadButton path="/api/medfund/warnings/export.xlsx" query={query} testId="warnings-export">{t('warnings.export')}</DownloadButton>
          </Space>
        )}
      />
      {rollUp.error ? <ErrorAlert error={rollUp.error} /> : null}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={14}>
          <Card size="small">
            <Space size={32}>
              {WARNING_LEVELS.map((l) => (
                <Statistic key={l} title={t(`warnings.level.${l}`)} value={by?.[l] ?? 0} valueStyle={{ color: LEVEL_COLORS[l] }} />
              ))}
              <Statistic title={t('warnings.amountTotal')} value={yuan(list.data?.amountFen ?? 0)} />
            </Space>
            {last ? (
              <div style={{ marginTop: 8, color: '#888' }} data-testid="warnings-last-rollup">
                {t('warnings.lastRollup', { id: last.id, status: t(`warnings.rollupStatus.${last.status}`), mode: last.status === 'done' ? t(`warnings.rollupMode.${last.mode}`, { n: last.counts.subjects ?? 0 }) : t('warnings.rollupMode.undecided'), asOf: last.asOf ?? '—', from: last.periodFrom ?? '—', by: last.requestedByName })}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col span={10}>
          <EChart
            height={120} testId="warnings-chart" empty={by && by.red + by.orange + by.yellow > 0 ? undefined : ' '}
            option={{
              tooltip: { trigger: 'item' }, grid: { left: 60, right: 16, top: 8, bottom: 8 },
              xAxis: { type: 'value' }, yAxis: { type: 'category', data: WARNING_LEVELS.map((l) => t(`warnings.level.${l}`)) },
              series: [{ type: 'bar', data: WARNING_LEVELS.map((l) => ({ value: by?.[l] ?? 0, itemStyle: { color: LEVEL_COLORS[l] } })) }],
            }}
            onClick={(p) => { setFilters({ ...filters, level: WARNING_LEVELS[p.dataIndex ?? 0] }); setPage(1); }}
          />
        </Col>
      </Row>
      <Form layout="inline" style={{ margin: '12px 0', rowGap: 8 }} initialValues={filters} key={filters.level ?? ''} onValuesChange={(_, v: Filters) => { setFilters(v); setPage(1); }}>
        <Form.Item name="level" label={t('warnings.col.level')}>
          <Select allowClear style={{ width: 120 }} data-testid="warnings-filter-level" options={WARNING_LEVELS.map((l) => ({ value: l, label: t(`warnings.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="subjectKind" label={t('warnings.col.kind')}>
          <Select allowClear style={{ width: 140 }} options={(['person', 'provider'] as const).map((k) => ({ value: k, label: t(`warnings.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('warnings.col.status')}>
          <Select allowClear style={{ width: 120 }} options={WARNING_STATUSES.map((s) => ({ value: s, label: t(`warnings.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="range" label={t('warnings.period')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="provider" label={t('warnings.provider')}>
          {providers.data ? (
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }}
              options={providers.data.items.map((p) => ({ value: p.fixmedinsCode, label: `${p.fixmedinsName}（${p.fixmedinsCode}）` }))} />
          ) : <Input allowClear style={{ width: 180 }} placeholder={t('warnings.providerCode')} />}
        </Form.Item>
        <Form.Item name="subject" label={t('warnings.subject')}><Input allowClear style={{ width: 200 }} /></Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<WarningItem>
        rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} size="middle" data-testid="medfund-warnings"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('warnings.total', { n }) }}
        onRow={(r) => ({ onClick: () => navigate(`/medfund/warnings/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '#', dataIndex: 'id', width: 70, render: (id: number) => <Link to={`/medfund/warnings/${id}`}>{id}</Link> },
          { title: t('warnings.col.level'), width: 90, render: (_, r) => <Tag color={TAG_COLORS[r.level]}>{t(`warnings.level.${r.level}`)}</Tag> },
          { title: t('warnings.col.kind'), width: 100, render: (_, r) => t(`warnings.kind.${r.subjectKind}`) },
          { title: t('warnings.col.subject'), render: (_, r) => (r.subjectKind === 'person' ? `${r.subjectName} ${r.subjectCertno}` : `${r.subjectName}（${r.subjectKey}）`) },
          { title: t('warnings.col.findings'), align: 'right', render: (_, r) => `${r.findingsCount}${r.redFindings ? ` / ${t('warnings.redN', { n: r.redFindings })}` : ''}` },
          { title: t('warnings.col.amount'), align: 'right', render: (_, r) => yuan(r.amountFen) },
          { title: t('warnings.col.rules'), render: (_, r) => r.ruleCodes.join('、') },
          { title: t('warnings.col.period'), render: (_, r) => `${r.firstOccurredOn ?? ''} – ${r.lastOccurredOn ?? ''}` },
          { title: t('warnings.col.status'), render: (_, r) => <Tag>{t(`warnings.status.${r.status}`)}</Tag> },
          { title: t('warnings.col.handledBy'), render: (_, r) => r.handledByName || '—' },
          { title: t('handling.title'), render: (_, r) => <WarningHandling h={r.handling} /> },
        ]}
      />
    </>
  );
}
