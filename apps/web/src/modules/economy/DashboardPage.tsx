import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { CHART_COLORS, EChart } from '../../ui/EChart';
import { UploadIcon } from '../../ui/icons';
import { GrowthTable } from './GrowthTable';
import { fmtNumber, fmtPercent, useDashboard, useDashboardHeadline, wanToYi, type Dashboard, type DashboardHeadline, type GrowthRow, type Headline } from './api';

function HeadlineCard({ title, h, unit, testId, yi }: { title: string; h: Headline; unit: string; testId: string; yi?: boolean }) {
  const { t } = useTranslation('economy');
  const value = yi ? wanToYi(h.value) : h.value;
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value ?? '—'} precision={yi ? 2 : 0} suffix={unit} />
      <Typography.Text type={h.growthPercent === null ? 'secondary' : h.growthPercent < 0 ? 'danger' : 'success'}>
        {t('dashboard.growth', { value: fmtPercent(h.growthPercent) })}
      </Typography.Text>
      {h.official ? (
        <div><Typography.Text type="warning" style={{ fontSize: 12 }}>{t('dashboard.official', { rate: fmtPercent(h.official.ratePercent), source: h.official.source })}</Typography.Text></div>
      ) : null}
    </Card>
  );
}

function groupChart(rows: GrowthRow[], t: (k: string) => string) {
  const top = rows.slice(0, 12);
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 50, top: 32, bottom: 60 },
    xAxis: { type: 'category', data: top.map((r) => r.name), axisLabel: { interval: 0, rotate: top.length > 4 ? 20 : 0 } },
    yAxis: [{ type: 'value', name: t('unit.yi') }, { type: 'value', name: '%', splitLine: { show: false } }],
    series: [
      { name: t('dashboard.revenueSeries'), type: 'bar', data: top.map((r) => Math.round((r.total / 10_000) * 100) / 100) },
      { name: t('dashboard.revenueGrowth'), type: 'line', yAxisIndex: 1, data: top.map((r) => r.growthPercent) },
    ],
  };
}

function trendChart(d: Dashboard, t: (k: string) => string) {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 60, right: 50, top: 32, bottom: 30 },
    xAxis: { type: 'category', data: d.series.map((s) => s.period) },
    yAxis: [{ type: 'value', name: t('unit.yi') }, { type: 'value', name: '%', splitLine: { show: false } }],
    series: [
      { name: t('dashboard.revenueSeries'), type: 'bar', data: d.series.map((s) => Math.round(s.revenueWan / 100) / 100) },
      { name: t('dashboard.taxSeries'), type: 'bar', data: d.series.map((s) => Math.round(s.taxWan / 100) / 100) },
      { name: t('dashboard.revenueGrowth'), type: 'line', yAxisIndex: 1, data: d.series.map((s) => s.revenueGrowthPercent) },
      { name: t('dashboard.taxGrowth'), type: 'line', yAxisIndex: 1, data: d.series.map((s) => s.taxGrowthPercent) },
    ],
  };
}

/** The months and the groups: they come in the second request and fill in after the headline. */
function DashboardDetails({ q }: { q: ReturnType<typeof useDashboard> }) {
  const { t } = useTranslation('economy');
  const d = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!d) {
    return (
      <Card size="small" title={t('dashboard.trend')} data-testid="economy-details-loading">
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }
  return (
    <>
      <Card size="small" title={t('dashboard.trend')}>
        <EChart option={trendChart(d, t)} height={300} testId="economy-trend" />
      </Card>
      <Card size="small">
        <Tabs
          items={([
            ['ecosystem', t('dashboard.byEcosystem'), d.byEcosystem],
            ['street', t('dashboard.byStreet'), d.byStreet],
            ['park', t('dashboard.byPark'), d.byPark],
          ] as const).map(([key, label, rows]) => ({
            key, label,
            children: (
              <>
                <EChart option={groupChart(rows, t)} height={260} testId={`economy-chart-${key}`} />
                <GrowthTable rows={rows} testId={`economy-table-${key}`} />
              </>
            ),
          }))}
        />
      </Card>
    </>
  );
}

/**
 * 经济运行: the leaders' screen. The first screen (counts, the three headline figures) comes from
 * /api/economy/dashboard/headline, read from the stored period sums; the months and the groups
 * from /api/economy/dashboard, asked for at the same time, fill in when they arrive.
 */
export function DashboardPage() {
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const [period, setPeriod] = useState<string | undefined>();
  const hq = useDashboardHeadline(period);
  const q = useDashboard(period);
  const h: DashboardHeadline | undefined = hq.data ?? q.data;
  const canWrite = !!me?.permissions.includes('economy.write');
  return (
    <div data-testid="economy-dashboard">
      <PageHeader
        title={t('dashboard.title')}
        subTitle={t('dashboard.subTitle')}
        extra={
          <Space wrap>
            <Typography.Text>{t('dashboard.period')}</Typography.Text>
            <Select
              data-testid="economy-period"
              style={{ width: 130 }}
              value={period ?? h?.period ?? undefined}
              options={(h?.periods ?? []).map((p) => ({ value: p, label: p }))}
              onChange={setPeriod}
            />
            <DownloadButton path="/api/economy/dashboard/export.xlsx" query={{ period: period ?? h?.period ?? undefined }} testId="economy-export">{t('dashboard.export')}</DownloadButton>
            {canWrite ? <Link to="/economy/import"><Button icon={<UploadIcon />}>{t('menu.import')}</Button></Link> : null}
          </Space>
        }
      />
      {hq.error && !h ? <ErrorAlert error={hq.error} onRetry={() => hq.refetch()} /> : null}
      {!h && !hq.error ? <PageLoading /> : null}
      {h ? (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            {([
              ['enterprises', h.counts.enterprises, t('dashboard.enterprises')],
              ['above-scale', h.counts.aboveScale, t('dashboard.aboveScale', { year: h.year })],
              ['listed', h.counts.listed, t('dashboard.listed')],
              ['high-tech', h.counts.highTech, t('dashboard.highTech')],
              ['unicorns', h.counts.unicorns, t('dashboard.unicorns')],
              ['prospective', h.counts.prospectiveUnicorns, t('dashboard.prospective')],
            ] as const).map(([key, value, title]) => (
              <Col xs={12} md={8} xl={4} key={key}>
                <Card size="small" data-testid={`economy-count-${key}`}><Statistic title={title} value={value} /></Card>
              </Col>
            ))}
          </Row>
          {h.period === null ? <Empty description={t('dashboard.noFigures')} /> : (
            <>
              <Row gutter={[12, 12]}>
                <Col xs={24} md={8}><HeadlineCard title={`${t('dashboard.revenue')}（${h.period} ${t('basis.cumulative')}）`} h={h.aboveScaleRevenueWan} unit={t('unit.yi')} yi testId="economy-revenue" /></Col>
                <Col xs={24} md={8}><HeadlineCard title={`${t('dashboard.tax')}（${h.period} ${t('basis.cumulative')}）`} h={h.aboveScaleTaxWan} unit={t('unit.yi')} yi testId="economy-tax" /></Col>
                <Col xs={24} md={8}><HeadlineCard title={t('dashboard.employees')} h={h.employees} unit={t('unit.persons')} testId="economy-employees" /></Col>
              </Row>
              <DashboardDetails q={q} />
              <Alert type="info" showIcon message={t('dashboard.method')} description={t('dashboard.methodText')} />
              <Typography.Text type="secondary">{fmtNumber(h.counts.specialised, 0)} {t('dashboard.specialised')}</Typography.Text>
            </>
          )}
        </Space>
      ) : null}
    </div>
  );
}
