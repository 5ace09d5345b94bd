import { Card, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { CHART_COLORS, EChart } from '../../ui/EChart';
import { GrowthTable } from './GrowthTable';
import type { Dashboard, GrowthRow, useDashboard } from './api';

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

/**
 * The months and the groups: they come in the second request and fill in after the headline. A
 * chunk of its own with ECharts, the tabs and the table (DashboardPage loads it lazily), so the
 * headline figures do not wait for the charts' code.
 */
export function DashboardDetails({ q }: { q: ReturnType<typeof useDashboard> }) {
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
