import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { CHART_COLORS, EChart } from '../../ui/EChart';
import { economyKeys, fmtPercent, type ParkFigures } from './api';

/** 一园一档·经济指标: the park's aggregates (its enterprises within the viewer's scope). */
export function ParkFiguresTab({ parkId }: { parkId: string }) {
  const { t } = useTranslation('economy');
  const q = useQuery({ queryKey: economyKeys.park(parkId), queryFn: () => api.get<ParkFigures>(`/api/economy/parks/${parkId}/figures`) });
  const p = q.data;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!p) return null;
  if (!p.period) return <Empty description={t('park.none')} />;
  const growth = (g: number | null) => <Typography.Text type={g === null ? 'secondary' : g < 0 ? 'danger' : 'success'} style={{ fontSize: 12 }}>{fmtPercent(g)}</Typography.Text>;
  return (
    <div data-testid="economy-park-tab">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`${t('park.aboveScale')}（${p.period}）`} value={p.aboveScale} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('park.revenue')} value={p.revenueWan ?? '—'} precision={0} />{growth(p.revenueGrowthPercent)}</Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('park.tax')} value={p.taxWan ?? '—'} precision={0} />{growth(p.taxGrowthPercent)}</Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('park.taxPerMu')} value={p.taxPerMuWan ?? '—'} precision={2} /></Card></Col>
      </Row>
      <EChart height={240} testId="economy-park-chart" option={{
        color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 50, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: p.months.map((m) => m.period) },
        yAxis: [{ type: 'value', name: t('unit.wan') }, { type: 'value', name: '%', splitLine: { show: false } }],
        series: [
          { name: t('indicator.revenue'), type: 'bar', data: p.months.map((m) => m.revenueWan) },
          { name: t('dashboard.revenueGrowth'), type: 'line', yAxisIndex: 1, data: p.months.map((m) => m.revenueGrowthPercent) },
        ],
      }} />
    </div>
  );
}
