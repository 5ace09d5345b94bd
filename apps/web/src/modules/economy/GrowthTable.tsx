import { Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtNumber, fmtPercent, fmtPoints, type GrowthRow } from './api';

/** Groups with their total, comparable growth, share and share change in percentage points. */
export function GrowthTable({ rows, testId }: { rows: GrowthRow[]; testId?: string }) {
  const { t } = useTranslation('economy');
  return (
    <Table<GrowthRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('dashboard.name'), dataIndex: 'name' },
        { title: t('dashboard.total'), dataIndex: 'total', align: 'right', render: (v: number) => fmtNumber(v, 0) },
        {
          title: t('dashboard.growthCol'), dataIndex: 'growthPercent', align: 'right',
          render: (v: number | null) => <Typography.Text type={v === null ? 'secondary' : v < 0 ? 'danger' : 'success'}>{fmtPercent(v)}</Typography.Text>,
        },
        { title: t('dashboard.share'), dataIndex: 'sharePercent', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`) },
        { title: t('dashboard.shareChange'), dataIndex: 'shareChangePoints', align: 'right', render: (v: number | null) => fmtPoints(v) },
        { title: t('dashboard.cohort'), dataIndex: 'cohortSize', align: 'right' },
        { title: t('dashboard.compared'), dataIndex: 'compared', align: 'right' },
        {
          title: t('dashboard.officialCol'), dataIndex: 'official',
          render: (o: GrowthRow['official']) => (o ? <Tooltip title={o.source}><Tag color="gold">{fmtPercent(o.ratePercent)}</Tag></Tooltip> : '—'),
        },
      ]}
    />
  );
}
