import { Col, Row, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { formatWan } from '../../../ui/format';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { BASE, type ParkBenefits } from './api';

/** The 惠企政策 tab of the park file (一园一档): its enterprises per published policy — eligible, nearly, granted. */
export function ParkBenefitsTab({ parkId }: { parkId: string }) {
  const { t } = useTranslation('service');
  const q = useQuery({ queryKey: ['benefits', 'park', parkId], queryFn: () => api.get<ParkBenefits>(`${BASE}/parks/${parkId}`) });
  if (q.isLoading) return <PageLoading />;
  if (!q.data) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const shown = d.policies.filter((p) => p.eligible + p.nearly + p.granted > 0);
  return (
    <div data-testid="park-benefits">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Statistic title={t('benefits.park.eligible')} value={d.totals.eligibleEnterprises} suffix={`/ ${d.enterprises}`} /></Col>
        <Col xs={12} md={6}><Statistic title={t('benefits.park.nearly')} value={d.totals.nearlyEnterprises} /></Col>
        <Col xs={12} md={6}><Statistic title={t('benefits.park.granted')} value={d.totals.grantedEnterprises} /></Col>
        <Col xs={12} md={6}><Statistic title={t('benefits.park.grantedFen')} value={`${formatWan(d.totals.grantedFen) || 0} ${t('benefits.wan')}`} /></Col>
      </Row>
      <EChart
        height={Math.max(200, shown.length * 34 + 60)} testId="park-benefits-chart"
        option={{
          color: [CHART_COLORS[1]!, CHART_COLORS[2]!, CHART_COLORS[0]!], tooltip: { trigger: 'axis' }, legend: { top: 0 },
          grid: { left: 220, right: 24, top: 32, bottom: 24 },
          yAxis: { type: 'category', data: shown.map((p) => p.title), axisLabel: { width: 200, overflow: 'truncate' } },
          xAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('benefits.col.eligible'), type: 'bar', data: shown.map((p) => p.eligible) },
            { name: t('benefits.col.nearly'), type: 'bar', data: shown.map((p) => p.nearly) },
            { name: t('benefits.park.granted2'), type: 'bar', data: shown.map((p) => p.granted) },
          ],
        }}
      />
      <Table
        rowKey="id" size="small" pagination={false} dataSource={d.policies} style={{ marginTop: 12 }}
        columns={[
          { title: t('benefits.col.title'), render: (_, p) => <Link to={`/service/benefits/policies/${p.id}`}>{p.title}</Link> },
          { title: '', width: 110, render: (_, p) => (p.autoGrant ? <Tag color="gold">{t('benefits.autoGrant')}</Tag> : null) },
          { title: t('benefits.col.eligible'), dataIndex: 'eligible', width: 80, align: 'right' },
          { title: t('benefits.col.nearly'), dataIndex: 'nearly', width: 90, align: 'right' },
          { title: t('benefits.park.granted2'), dataIndex: 'granted', width: 80, align: 'right' },
          { title: t('benefits.col.amount'), width: 120, align: 'right', render: (_, p) => (p.grantedFen ? `${formatWan(p.grantedFen)} ${t('benefits.wan')}` : '—') },
        ]}
      />
    </div>
  );
}
