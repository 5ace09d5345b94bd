import { Suspense, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { UploadIcon } from '../../ui/icons';
import { lazyNamed } from '../lazy';
import { fmtNumber, fmtPercent, useDashboard, useDashboardHeadline, wanToYi, type DashboardHeadline, type Headline } from './api';

// the charts' code (ECharts, tabs, tables) is asked for when the headline renders, so it does not hold the headline up
const DashboardDetails = lazyNamed(() => import('./DashboardDetails'), 'DashboardDetails');

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

function DetailsLoading() {
  const { t } = useTranslation('economy');
  return (
    <Card size="small" title={t('dashboard.trend')} data-testid="economy-details-loading">
      <Skeleton active paragraph={{ rows: 6 }} />
    </Card>
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
              <Suspense fallback={<DetailsLoading />}><DashboardDetails q={q} /></Suspense>
              <Alert type="info" showIcon message={t('dashboard.method')} description={t('dashboard.methodText')} />
              <Typography.Text type="secondary">{fmtNumber(h.counts.specialised, 0)} {t('dashboard.specialised')}</Typography.Text>
            </>
          )}
        </Space>
      ) : null}
    </div>
  );
}
