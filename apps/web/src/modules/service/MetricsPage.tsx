import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Segmented, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DownloadButton } from '../../ui/DownloadButton';
import { EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { formatDateTime } from '../../ui/format';
import { serviceKeys } from './api';

/** One rate as the API gives it (`value` null when there is nothing to measure). */
interface Rate { numerator: number; denominator: number; value: number | null }
interface Figures {
  requests: number;
  responseRate: Rate;
  resolutionRate: Rate;
  satisfactionRate: Rate;
  followUpRate: Rate;
  onTime: Record<string, Rate>;
  counts: { open: number; resolved: number; followedUp: number; overdue: number };
}
type Words = { name: string; numerator: string; denominator: string; note?: string };
interface Metrics {
  asOf: string;
  period: string;
  from: string | null;
  to: string | null;
  scope: string;
  groupBy: string | null;
  total: Figures;
  groups: { key: string; name: string; figures: Figures; rank: Record<'responseRate' | 'resolutionRate' | 'satisfactionRate', number | null> }[];
  definitions: Record<string, { zh: Words; en: Words }>;
}
interface Overdue {
  items: { requestId: string; number: string; title: string; leadUnit: { id: string; name: string } | null; step: string; dueAt: string; overdueMs: number; supervised: boolean }[];
  total: number;
}

const RATES = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;
const GROUPS = ['unit', 'agent', 'category', 'street', 'park', 'channel', 'month'] as const;
const PERIODS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'all', 'custom'] as const;
type Period = (typeof PERIODS)[number];
const pct = (r: Rate | undefined) => (r && r.value !== null ? `${(r.value * 100).toFixed(1)}%` : '—');

/**
 * 三率看板: the response, resolution and satisfaction rates (and on-time response, overdue) for
 * the period, by unit, category, street, channel or month, ranked; every figure explains its
 * numerator and denominator in a tooltip (the words of RATES.md, from the API); Excel export;
 * the overdue list. The server scopes it: the office and leaders all, a unit its own.
 */
export function MetricsPage() {
  const { t, i18n } = useTranslation('service');
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  // The server resolves the presets (this month by default) on its clock and answers with the dates.
  const [period, setPeriod] = useState<Period>('this_month');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [groupBy, setGroupBy] = useState<(typeof GROUPS)[number]>('unit');
  const query = period === 'custom'
    ? { period, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy }
    : { period, groupBy };
  const m = useQuery({ queryKey: [...serviceKeys.all, 'metrics', query], queryFn: () => api.get<Metrics>('/api/service/metrics', query) });
  const overdue = useQuery({ queryKey: [...serviceKeys.all, 'overdue'], queryFn: () => api.get<Overdue>('/api/service/metrics/overdue', { limit: 20 }) });
  const d = m.data;

  const explain = (key: string) => {
    const w = d?.definitions[key]?.[lang];
    return w ? `${w.name} = ${w.numerator} ÷ ${w.denominator}${w.note ? `（${w.note}）` : ''}` : '';
  };

  const chart = useMemo(() => {
    if (!d) return null;
    const groups = d.groups.filter((g) => g.figures.requests > 0).slice(0, 15);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 80 },
      xAxis: { type: 'category', data: groups.map((g) => g.name), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map((r) => ({
        type: 'bar', name: t(`metrics.${r}`),
        data: groups.map((g) => (g.figures[r].value === null ? null : Math.round(g.figures[r].value! * 1000) / 10)),
      })),
    };
  }, [d, t]);

  return (
    <>
      <PageHeader
        title={t('metrics.title')}
        subTitle={d ? t('metrics.asOf', { at: formatDateTime(d.asOf) }) : undefined}
        extra={<DownloadButton path="/api/service/metrics/export.xlsx" query={query} fileName="三率统计.xlsx" testId="metrics-export" />}
      />
      <Flex vertical gap={12} data-testid="service-metrics">
        <Flex gap={12} wrap align="center">
          <Segmented value={period} onChange={(v) => setPeriod(v as Period)} options={PERIODS.map((p) => ({ value: p, label: t(`metrics.period.${p}`) }))} data-testid="metrics-period" />
          {period === 'custom' ? (
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="metrics-range" />
          ) : null}
          <Typography.Text type="secondary" data-testid="metrics-window">
            {d ? (d.from || d.to ? t('metrics.window', { from: d.from ?? '…', to: d.to ?? '…' }) : t('metrics.windowAll')) : ' '}
          </Typography.Text>
        </Flex>
        <Flex gap={12} wrap align="center">
          <Segmented value={groupBy} onChange={(v) => setGroupBy(v as (typeof GROUPS)[number])} options={GROUPS.map((g) => ({ value: g, label: t(`metrics.by.${g}`) }))} data-testid="metrics-group" />
          {groupBy === 'unit' || groupBy === 'agent' ? (
            <Tooltip title={t('metrics.byHolderNote')}>
              <Typography.Text type="secondary" style={{ borderBottom: '1px dashed #999' }} data-testid="metrics-holder-note">{t('metrics.byHolder')}</Typography.Text>
            </Tooltip>
          ) : null}
        </Flex>
        {m.error ? <ErrorAlert error={m.error} onRetry={() => void m.refetch()} /> : null}
        <Row gutter={[12, 12]}>
          {[...RATES, 'onTimeRespond' as const].map((r) => {
            const rate = r === 'onTimeRespond' ? d?.total.onTime.respond : d?.total[r];
            const key = r === 'onTimeRespond' ? 'onTime.respond' : r;
            return (
              <Col xs={12} md={6} key={r}>
                <Card size="small">
                  <Tooltip title={explain(key)}>
                    <Statistic
                      title={<span style={{ borderBottom: '1px dashed #999' }}>{t(`metrics.${r}`)}</span>}
                      value={pct(rate)}
                      data-testid={`metrics-${r}`}
                    />
                  </Tooltip>
                  <Typography.Text type="secondary" data-testid={`metrics-${r}-fraction`}>{rate ? `${rate.numerator} / ${rate.denominator}` : ' '}</Typography.Text>
                </Card>
              </Col>
            );
          })}
        </Row>
        <Card size="small" title={t('metrics.chart', { by: t(`metrics.by.${groupBy}`) })}>
          {chart ? <EChart option={chart} height={320} testId="metrics-chart" /> : <div style={{ height: 320 }} />}
        </Card>
        <Card size="small" title={t('metrics.table')}>
          <Table
            size="small"
            rowKey="key"
            loading={m.isFetching}
            dataSource={d?.groups ?? []}
            pagination={{ pageSize: 20, size: 'small', showSizeChanger: false }}
            data-testid="metrics-table"
            columns={[
              { title: t(`metrics.by.${groupBy}`), dataIndex: 'name' },
              { title: t('metrics.requests'), render: (_, g) => g.figures.requests, align: 'right' },
              ...RATES.map((r) => ({
                title: <Tooltip title={explain(r)}>{t(`metrics.${r}`)}</Tooltip>,
                align: 'right' as const,
                render: (_: unknown, g: Metrics['groups'][number]) => (
                  <span>
                    {pct(g.figures[r])} {g.rank[r] !== null ? <Typography.Text type="secondary">#{g.rank[r]}</Typography.Text> : null}
                  </span>
                ),
              })),
              { title: t('metrics.overdue'), align: 'right', render: (_, g) => (g.figures.counts.overdue ? <Tag color="red">{g.figures.counts.overdue}</Tag> : 0) },
            ]}
          />
        </Card>
        <Card size="small" title={t('metrics.overdueList', { count: overdue.data?.total ?? 0 })}>
          <Table
            size="small"
            rowKey={(r) => `${r.requestId}:${r.step}`}
            dataSource={overdue.data?.items ?? []}
            pagination={false}
            data-testid="metrics-overdue"
            columns={[
              { title: t('metrics.number'), render: (_, r) => <Link to={`/service/requests/${r.requestId}`}>{r.number}</Link> },
              { title: t('metrics.requestTitle'), dataIndex: 'title', ellipsis: true },
              { title: t('metrics.unit'), dataIndex: 'leadUnit', render: (u: { name: string } | null) => u?.name ?? '—' },
              { title: t('metrics.step'), dataIndex: 'step', render: (s: string) => t(`step.${s}`) },
              { title: t('metrics.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatDateTime(v) },
              { title: t('metrics.late'), dataIndex: 'overdueMs', render: (ms: number) => t('metrics.hours', { n: Math.round(ms / 3_600_000) }) },
              { title: '', dataIndex: 'supervised', render: (s: boolean) => (s ? <Tag color="orange">{t('action.supervise')}</Tag> : null) },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
