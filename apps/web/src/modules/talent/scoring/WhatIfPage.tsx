import { useMemo } from 'react';
import { Alert, Card, Col, Flex, Progress, Row, Segmented, Select, Statistic, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../../ui/DownloadButton';
import { EChart } from '../../../ui/EChart';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { LoadError } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { useTableQuery } from '../../../ui/useTableQuery';
import { pointsKeys, usePointsJob, useScheme, useWhatIf, type WhatIfCounts, type WhatIfRow } from './api';

const CHANGES = ['gained', 'lost', 'undecided', 'tierChanged', 'onlyPublished', 'onlyDraft'] as const;
const CARD_KEYS = ['gained', 'lost', 'unchanged', 'tierChanged', 'undecided'] as const;
const CARD_COLORS: Record<string, string> = { gained: '#2fa36b', lost: '#d9534f', unchanged: '#8c8c8c', tierChanged: '#7b61c4', undecided: '#f0a020' };

function CountCards({ title, counts, subject }: { title: string; counts: WhatIfCounts; subject: 'talent' | 'enterprise' }) {
  const { t } = useTranslation('talent');
  const extra = subject === 'talent' ? (['passGained', 'passLost'] as const) : (['tierUp', 'tierDown'] as const);
  return (
    <Card size="small" title={`${title} · ${t('points.whatIf.subjects', { count: counts.subjects ?? 0 })}`} data-testid={`what-if-counts-${subject}`}>
      <Row gutter={[12, 12]}>
        {CARD_KEYS.map((k) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Statistic title={t(`points.whatIf.count.${k}`)} value={counts[k] ?? 0} styles={{ content: { color: CARD_COLORS[k] } }} data-testid={`what-if-${subject}-${k}`} />
          </Col>
        ))}
        {extra.map((k) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Statistic title={t(`points.whatIf.count.${k}`)} value={counts[k] ?? 0} data-testid={`what-if-${subject}-${k}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** 试算结果: counts as cards and a chart, the changed rows (server-paged), the Excel download; progress while it runs. */
export function WhatIfPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('talent');
  const run = useWhatIf(id);
  const job = usePointsJob(run.data && run.data.status !== 'succeeded' && run.data.status !== 'failed' ? run.data.jobId : null);
  const draft = useScheme(run.data?.draftId ?? '');
  const baseline = useScheme(run.data?.baselineId ?? '');
  const tq = useTableQuery({ prefix: 'r', filterKeys: ['subject', 'change'] });

  const chart = useMemo(() => {
    const r = run.data;
    if (!r?.talentCounts || !r.enterpriseCounts) return null;
    const keys = CARD_KEYS;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: keys.map((k) => t(`points.whatIf.count.${k}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('points.whatIf.talents'), type: 'bar', data: keys.map((k) => r.talentCounts?.[k] ?? 0), label: { show: true, position: 'top' } },
        { name: t('points.whatIf.enterprises'), type: 'bar', data: keys.map((k) => r.enterpriseCounts?.[k] ?? 0), label: { show: true, position: 'top' } },
      ],
    };
  }, [run.data, t]);

  if (run.isPending) return <PageLoading />;
  if (run.error) return <LoadError error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  const done = r.status === 'succeeded';
  const p = job.data?.progress;
  const pct = done ? 100 : p && p.total ? Math.round((p.done / p.total) * 100) : 0;

  const columns: ServerColumn<WhatIfRow>[] = [
    { title: t('points.whatIf.subject'), dataIndex: 'subjectType', render: (s: string) => <Tag>{t(`points.whatIf.subjectType.${s}`)}</Tag> },
    {
      title: t('points.whatIf.name'),
      render: (_, row) =>
        row.subjectType === 'talent' ? <Link to={`/talent/talents/${row.subjectId}`}>{row.name ?? row.subjectId}</Link> : <Link to={`/talent/enterprise-points/${row.subjectId}`}>{row.name ?? row.subjectId}</Link>,
    },
    { title: t('points.whatIf.enterprise'), render: (_, row) => (row.subjectType === 'talent' ? row.enterpriseName ?? '—' : '') },
    { title: t('points.whatIf.before'), dataIndex: 'beforeTotal', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('points.whatIf.after'), dataIndex: 'afterTotal', align: 'right', render: (v: number | null) => v ?? '—' },
    {
      title: t('points.whatIf.delta'),
      dataIndex: 'delta',
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : <Typography.Text strong style={{ color: v > 0 ? '#2fa36b' : v < 0 ? '#d9534f' : undefined }}>{v > 0 ? `+${v}` : v}</Typography.Text>,
    },
    { title: t('points.whatIf.tier'), render: (_, row) => (row.beforeTier || row.afterTier ? `${row.beforeTier ?? '—'} → ${row.afterTier ?? '—'}` : '') },
    { title: t('points.whatIf.change'), dataIndex: 'change', render: (c: string, row) => <>
      <Tag color={c === 'gained' ? 'green' : c === 'lost' ? 'red' : c === 'undecided' ? 'orange' : 'default'}>{t(`points.whatIf.count.${c}`, { defaultValue: c })}</Tag>
      {row.tierChanged ? <Tag color="purple">{t('points.whatIf.count.tierChanged')}</Tag> : null}
    </> },
  ];

  return (
    <>
      <PageHeader
        title={t('points.whatIf.title')}
        back={`/talent/schemes/${r.draftId}`}
        breadcrumb={[
          { title: t('points.schemes.title'), to: '/talent/schemes' },
          { title: draft.data?.version ?? '…', to: `/talent/schemes/${r.draftId}` },
          { title: t('points.whatIf.title') },
        ]}
        extra={done ? <DownloadButton path={`/api/talent/what-if/${r.id}/rows.xlsx`} fileName="试算结果.xlsx" testId="what-if-export">{t('points.whatIf.download')}</DownloadButton> : null}
      />
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" data-testid="what-if-meta">
          {t('points.whatIf.meta', {
            draft: draft.data?.version ?? '…',
            baseline: baseline.data?.version ?? (r.baselineId ? '…' : t('points.whatIf.noBaseline')),
            asOf: r.asOf,
            at: formatDateTime(r.createdAt),
          })}
        </Typography.Text>
        {!done && r.status !== 'failed' ? (
          <Card size="small" data-testid="what-if-progress">
            <Typography.Text>{t(`points.whatIf.runStatus.${r.status}`)}…</Typography.Text>
            <Progress percent={pct} status="active" />
            {p?.message ? <Typography.Text type="secondary">{p.message}</Typography.Text> : null}
          </Card>
        ) : null}
        {r.status === 'failed' ? <Alert type="error" showIcon title={t('points.whatIf.failed')} description={r.error} data-testid="what-if-failed" /> : null}
        {r.draftChangedSince ? <Alert type="warning" showIcon title={t('points.whatIf.stale')} /> : null}
        {done && r.talentCounts && r.enterpriseCounts ? (
          <div data-testid="what-if-done">
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={12}>
                <CountCards title={t('points.whatIf.talents')} counts={r.talentCounts} subject="talent" />
              </Col>
              <Col xs={24} xl={12}>
                <CountCards title={t('points.whatIf.enterprises')} counts={r.enterpriseCounts} subject="enterprise" />
              </Col>
            </Row>
          </div>
        ) : null}
        {chart ? (
          <Card size="small" title={t('points.whatIf.chart')}>
            <EChart option={chart} height={280} testId="what-if-chart" />
          </Card>
        ) : null}
        {done ? (
          <Card
            size="small"
            title={t('points.whatIf.rows')}
            extra={
              <Flex gap={8} wrap>
                <Segmented
                  size="small"
                  value={tq.filters.subject ?? ''}
                  onChange={(v) => tq.setFilters({ subject: (v as string) || undefined })}
                  options={[
                    { label: t('yesNo.all'), value: '' },
                    { label: t('points.whatIf.talents'), value: 'talent' },
                    { label: t('points.whatIf.enterprises'), value: 'enterprise' },
                  ]}
                  data-testid="what-if-filter-subject"
                />
                <Select
                  size="small"
                  allowClear
                  placeholder={t('points.whatIf.change')}
                  style={{ width: 150 }}
                  value={tq.filters.change}
                  onChange={(v) => tq.setFilters({ change: v })}
                  options={CHANGES.map((c) => ({ value: c, label: t(`points.whatIf.count.${c}`) }))}
                  data-testid="what-if-filter-change"
                />
              </Flex>
            }
          >
            <ServerTable<WhatIfRow>
              queryKey={pointsKeys.whatIfRows}
              path={`/api/talent/what-if/${r.id}/rows`}
              tableQuery={tq}
              columns={columns}
              rowKey={(row) => `${row.subjectType}:${row.subjectId}`}
              data-testid="what-if-table"
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
