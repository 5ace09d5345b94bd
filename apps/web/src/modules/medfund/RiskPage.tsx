import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { yuan, type RiskItem } from './api';

/** Designated providers ranked by risk against their peers (docs/medfund/RISK.md), with a chart of the top 15. */
export function RiskPage() {
  const { t } = useTranslation('medfund');
  const q = useQuery({ queryKey: ['medfund', 'risk'], queryFn: () => api.get<{ runId: number | null; items: RiskItem[] }>('/api/medfund/provider-risk') });
  const top = (q.data?.items ?? []).slice(0, 15);
  return (
    <>
      <PageHeader title={t('risk.title')} />
      <Typography.Paragraph type="secondary">{t('risk.method')}</Typography.Paragraph>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <EChart
        height={300} testId="risk-chart" empty={top.length ? undefined : t('risk.none')}
        option={{
          title: { text: t('risk.chart'), textStyle: { fontSize: 14 } }, tooltip: { trigger: 'axis' }, legend: { top: 24 },
          grid: { left: 180, right: 24, top: 56, bottom: 24 },
          yAxis: { type: 'category', inverse: true, data: top.map((r) => r.fixmedinsName) },
          xAxis: { type: 'value' },
          series: [
            { type: 'bar', stack: 'z', name: t('risk.metric.cost'), data: top.map((r) => Math.max(0, Math.min(10, r.zCost ?? 0))) },
            { type: 'bar', stack: 'z', name: t('risk.metric.fund_share'), data: top.map((r) => Math.max(0, Math.min(10, r.zFundShare ?? 0))) },
            { type: 'bar', stack: 'z', name: t('risk.metric.findings'), data: top.map((r) => Math.max(0, Math.min(10, r.zFindings ?? 0))) },
          ],
        }}
      />
      <Table<RiskItem>
        rowKey="fixmedinsCode" loading={q.isLoading} dataSource={q.data?.items ?? []} size="middle" data-testid="medfund-risk"
        columns={[
          { title: t('risk.rank'), dataIndex: 'rank', width: 60 },
          { title: t('risk.provider'), render: (_, r) => `${r.fixmedinsName}（${r.fixmedinsCode}）` },
          { title: t('risk.peer'), render: (_, r) => `${r.peerGroup} · ${r.peerCount}` },
          { title: t('risk.settlements'), dataIndex: 'settlements', align: 'right' },
          { title: t('risk.cost'), align: 'right', render: (_, r) => yuan(r.costPerVisitFen) },
          { title: t('risk.fundShare'), align: 'right', render: (_, r) => `${(r.fundShare * 100).toFixed(1)}%` },
          { title: t('risk.perK'), dataIndex: 'findingsPerK', align: 'right' },
          { title: t('risk.amount'), align: 'right', render: (_, r) => yuan(r.amountAtRiskFen) },
          { title: t('risk.score'), dataIndex: 'riskScore', align: 'right' },
          { title: t('risk.outliers'), render: (_, r) => r.outliers.map((o) => <Tag color="red" key={o}>{t(`risk.metric.${o}`)}</Tag>) },
        ]}
      />
    </>
  );
}
