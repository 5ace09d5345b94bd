import { useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, withQuery } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { yuan } from '../api';
import type { RecoveryTotals, TotalRow } from './casesApi';

/** 基金追回: totals by rule, provider and month, a chart per month, Excel export (audited, marked with the user). */
export function RecoveryPage() {
  const { t } = useTranslation('medfund');
  const can = useCan();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const query = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const q = useQuery({ queryKey: ['medfund', 'recovery', query], queryFn: () => api.get<RecoveryTotals>(withQuery('/api/medfund/recovery/totals', query)) });
  const d = q.data;
  const table = (rows: TotalRow[]) => (
    <Table<TotalRow> rowKey="key" size="small" pagination={{ pageSize: 20 }} dataSource={rows}
      columns={[
        { title: t('cases.recovery.name'), render: (_, r) => (r.key && r.key !== r.name ? `${r.name}（${r.key}）` : r.name) },
        { title: t('cases.recovery.amount'), align: 'right', render: (_, r) => yuan(r.recoveredFen) },
        { title: t('cases.recovery.caseCount'), align: 'right', dataIndex: 'cases' },
      ]} />
  );
  return (
    <>
      <PageHeader title={t('cases.recovery.title')} subTitle={t('cases.recovery.subTitle')}
        extra={(
          <Space>
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)} />
            {can('medfund.cases.export') ? <DownloadButton path="/api/medfund/recovery/export.xlsx" query={query} fileName="recovery.xlsx" testId="recovery-export">{t('cases.recovery.export')}</DownloadButton> : null}
          </Space>
        )} />
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title={t('cases.recovery.total')} value={yuan(d?.totalRecoveredFen ?? 0)} suffix="元" data-testid="recovery-total" /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cases.recovery.decided')} value={yuan(d?.decidedFen ?? 0)} suffix="元" /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cases.recovery.cases')} value={d?.casesWithRecovery ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cases.recovery.payments')} value={d?.payments ?? 0} /></Card></Col>
      </Row>
      <EChart
        height={260} testId="recovery-chart" empty={d && d.byMonth.length === 0 ? ' ' : undefined}
        option={{
          title: { text: t('cases.recovery.chart'), textStyle: { fontSize: 14 } }, tooltip: { trigger: 'axis' }, grid: { left: 70, right: 16, top: 40, bottom: 30 },
          xAxis: { type: 'category', data: (d?.byMonth ?? []).map((m) => m.key) }, yAxis: { type: 'value' },
          series: [{ type: 'bar', name: t('cases.recovery.amount'), color: '#3a8f5c', data: (d?.byMonth ?? []).map((m) => m.recoveredFen / 100) }],
        }}
      />
      <Tabs items={[
        { key: 'rule', label: t('cases.recovery.byRule'), children: table(d?.byRule ?? []) },
        { key: 'provider', label: t('cases.recovery.byProvider'), children: table(d?.byProvider ?? []) },
        { key: 'month', label: t('cases.recovery.byMonth'), children: table(d?.byMonth ?? []) },
      ]} />
    </>
  );
}
