import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { Overview } from './api';
import { useClaimsTables } from './LoadsPanel';

/** What the claims store holds: settlements and fund paid per month, fund paid by kind of provider, rows per table. */
export function OverviewPanel() {
  const { t, i18n } = useTranslation('medfund');
  const zh = i18n.language !== 'en-US';
  const tables = useClaimsTables();
  const o = useQuery({ queryKey: ['medfund', 'overview'], queryFn: () => api.get<Overview>('/api/medfund/overview') });
  if (o.error) return <ErrorAlert error={o.error} />;
  const d = o.data;
  const months = (d?.months ?? []).map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`);
  return (
    <Flex vertical gap={16}>
      <Flex gap={24}>
        <Typography.Text type="secondary">{t('overview.engine', { engine: d?.engine === 'postgres' ? 'PostgreSQL' : 'DuckDB' })}</Typography.Text>
        <Typography.Text type="secondary">{t('overview.netted', { n: (d?.netted ?? 0).toLocaleString() })}</Typography.Text>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('overview.byMonth')}>
            <EChart
              testId="medfund-overview-months"
              loading={o.isLoading}
              empty={!d?.months.length}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { data: [t('overview.settlements'), t('overview.fund')] },
                xAxis: { type: 'category', data: months },
                yAxis: [{ type: 'value', name: t('overview.settlements') }, { type: 'value', name: t('overview.fund') }],
                series: [
                  { name: t('overview.settlements'), type: 'bar', data: (d?.months ?? []).map((m) => m.settlements) },
                  { name: t('overview.fund'), type: 'line', yAxisIndex: 1, data: (d?.months ?? []).map((m) => Math.round(m.fund / 100) / 100) },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('overview.byKind')}>
            <EChart
              loading={o.isLoading}
              empty={!d?.providerKinds.length}
              option={{
                tooltip: { trigger: 'item' },
                series: [{ type: 'pie', radius: ['40%', '70%'], data: (d?.providerKinds ?? []).map((k) => ({ name: t(`overview.kind.${k.kind}`), value: Math.round(k.fund / 100) / 100 })) }],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('overview.tables')}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={(tables.data ?? []).map((x) => ({ name: x.name, label: zh ? x.zh : x.en, rows: d?.tables[x.name] ?? 0 }))}
          columns={[
            { title: t('mappings.table'), dataIndex: 'label' },
            { title: '', dataIndex: 'name', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('overview.rows'), dataIndex: 'rows', align: 'right', render: (n: number) => n.toLocaleString() },
          ]}
        />
      </Card>
    </Flex>
  );
}
