import { useState } from 'react';
import { Card, Col, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../../ui/DownloadButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { fmtWan, useTransferStats, type StatRow } from './api';

function barChart(rows: StatRow[], t: (k: string) => string) {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 60, top: 32, bottom: 50 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 5 ? 20 : 0 } },
    yAxis: [{ type: 'value', name: t('transfer.stats.count'), minInterval: 1 }, { type: 'value', name: t('transfer.stats.wan'), splitLine: { show: false } }],
    series: [
      { name: t('transfer.stats.results'), type: 'bar', data: rows.map((r) => r.results) },
      { name: t('transfer.stats.landed'), type: 'bar', data: rows.map((r) => r.landed) },
      { name: t('transfer.stats.landedValue'), type: 'line', yAxisIndex: 1, data: rows.map((r) => r.landedValueWan) },
    ],
  };
}

/** Counts and values by lab, field and year, as charts and tables; Excel export. */
export function TransferStats() {
  const { t } = useTranslation('economy');
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const q = useTransferStats(from ?? undefined, to ?? undefined);
  const s = q.data;
  const columns = (first: string) => [
    { title: first, dataIndex: 'name' },
    { title: t('transfer.stats.results'), dataIndex: 'results', align: 'right' as const },
    { title: t('transfer.stats.asking'), dataIndex: 'askingWan', align: 'right' as const, render: fmtWan },
    { title: t('transfer.stats.deals'), dataIndex: 'deals', align: 'right' as const },
    { title: t('transfer.stats.landed'), dataIndex: 'landed', align: 'right' as const },
    { title: t('transfer.stats.landedValue'), dataIndex: 'landedValueWan', align: 'right' as const, render: fmtWan },
    { title: t('transfer.stats.newEnterprises'), dataIndex: 'newEnterprises', align: 'right' as const },
  ];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="transfer-stats">
      <Space wrap>
        <Typography.Text>{t('transfer.stats.years')}</Typography.Text>
        <InputNumber min={2000} max={2100} placeholder={t('transfer.stats.from')} value={from} onChange={(v) => setFrom(v ?? undefined)} />
        <InputNumber min={2000} max={2100} placeholder={t('transfer.stats.to')} value={to} onChange={(v) => setTo(v ?? undefined)} />
        <DownloadButton path="/api/economy/transfer/stats/export.xlsx" query={{ from, to }} testId="transfer-export">{t('transfer.stats.export')}</DownloadButton>
      </Space>
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      {s ? (
        <>
          <Row gutter={[12, 12]}>
            {([
              ['results', s.totals.results, t('transfer.stats.results')],
              ['deals', s.totals.deals, t('transfer.stats.deals')],
              ['landed', s.totals.landed, t('transfer.stats.landed')],
              ['value', s.totals.landedValueWan, t('transfer.stats.landedValue')],
              ['new', s.totals.newEnterprises, t('transfer.stats.newEnterprises')],
            ] as const).map(([key, value, title]) => (
              <Col xs={12} md={8} xl={4} key={key}><Card size="small" data-testid={`transfer-total-${key}`}><Statistic title={title} value={value} precision={key === 'value' ? 2 : 0} /></Card></Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}><Card size="small" title={t('transfer.stats.byLab')}><EChart option={barChart(s.byLab, t)} height={260} testId="transfer-chart-lab" /></Card></Col>
            <Col xs={24} xl={12}><Card size="small" title={t('transfer.stats.byYear')}><EChart option={barChart(s.byYear, t)} height={260} testId="transfer-chart-year" /></Card></Col>
            <Col xs={24}><Card size="small" title={t('transfer.stats.byField')}><EChart option={barChart(s.byField, t)} height={260} testId="transfer-chart-field" /></Card></Col>
          </Row>
          <Card size="small" title={t('transfer.stats.byLab')}><Table rowKey="key" size="small" pagination={false} dataSource={[...s.byLab, s.totals]} columns={columns(t('transfer.lab'))} /></Card>
          <Card size="small" title={t('transfer.stats.byField')}><Table rowKey="key" size="small" pagination={false} dataSource={[...s.byField, s.totals]} columns={columns(t('transfer.field'))} /></Card>
          <Card size="small" title={t('transfer.stats.byYear')}><Table rowKey="key" size="small" pagination={false} dataSource={[...s.byYear, s.totals]} columns={columns(t('transfer.stats.year'))} /></Card>
        </>
      ) : null}
    </Space>
  );
}
