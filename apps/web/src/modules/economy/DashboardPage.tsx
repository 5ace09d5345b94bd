import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Tabs, Typography } from 'antd';
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
import { fmtNumber, fmtPercent, useDashboard, wanToYi, type Dashboard, type GrowthRow, type Headline } from './api';

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

/** 经济运行: the leaders' screen. */
export function DashboardPage() {
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const [period, setPeriod] = useState<string | undefined>();
  const q = useDashboard(period);
  const d = q.data;
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
              value={period ?? d?.period ?? undefined}
              options={(d?.periods ?? []).map((p) => ({ value: p, label: p }))}
              onChange={setPeriod}
            />
            <DownloadButton path="/api/economy/dashboard/export.xlsx" query={{ period: period ?? d?.period ?? undefined }} testId="economy-export">{t('dashboard.export')}</DownloadButton>
            {canWrite ? <Link to="/economy/import"><Button icon={<UploadIcon />}>{t('menu.import')}</Button></Link> : null}
          </Space>
        }
      />
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      {q.isLoading ? <PageLoading /> : null}
      {d ? (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            {([
              ['enterprises', d.counts.enterprises, t('dashboard.enterprises')],
              ['above-scale', d.counts.aboveScale, t('dashboard.aboveScale', { year: d.year })],
              ['listed', d.counts.listed, t('dashboard.listed')],
              ['high-tech', d.counts.highTech, t('dashboard.highTech')],
              ['unicorns', d.counts.unicorns, t('dashboard.unicorns')],
              ['prospective', d.counts.prospectiveUnicorns, t('dashboard.prospective')],
            ] as const).map(([key, value, title]) => (
              <Col xs={12} md={8} xl={4} key={key}>
                <Card size="small" data-testid={`economy-count-${key}`}><Statistic title={title} value={value} /></Card>
              </Col>
            ))}
          </Row>
          {d.period === null ? <Empty description={t('dashboard.noFigures')} /> : (
            <>
              <Row gutter={[12, 12]}>
                <Col xs={24} md={8}><HeadlineCard title={`${t('dashboard.revenue')}（${d.period} ${t('basis.cumulative')}）`} h={d.aboveScaleRevenueWan} unit={t('unit.yi')} yi testId="economy-revenue" /></Col>
                <Col xs={24} md={8}><HeadlineCard title={`${t('dashboard.tax')}（${d.period} ${t('basis.cumulative')}）`} h={d.aboveScaleTaxWan} unit={t('unit.yi')} yi testId="economy-tax" /></Col>
                <Col xs={24} md={8}><HeadlineCard title={t('dashboard.employees')} h={d.employees} unit={t('unit.persons')} testId="economy-employees" /></Col>
              </Row>
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
              <Alert type="info" showIcon message={t('dashboard.method')} description={t('dashboard.methodText')} />
              <Typography.Text type="secondary">{fmtNumber(d.counts.specialised, 0)} {t('dashboard.specialised')}</Typography.Text>
            </>
          )}
        </Space>
      ) : null}
    </div>
  );
}
