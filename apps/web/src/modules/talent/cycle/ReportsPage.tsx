import type { ReactNode } from 'react';
import { Alert, Col, Empty, Flex, Row, Select, Statistic, Tooltip, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { DownloadButton } from '../../../ui/DownloadButton';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { labelOf } from '../scoring/api';
import { cycleKeys, listCycles, pct, pts, type Bins, type Reports } from './api';

/** A figure with its definition in a tooltip (dotted underline: hover to read how it is counted). */
function Figure({ title, def, value, testId, color }: { title: string; def: string; value: ReactNode; testId?: string; color?: string }) {
  return (
    <Tooltip title={def}>
      <div className="zz-card" style={{ height: '100%' }} data-testid={testId}>
        <Statistic title={<span style={{ borderBottom: '1px dotted #999', cursor: 'help' }}>{title}</span>} value={value as string} valueStyle={color ? { color } : undefined} />
      </div>
    </Tooltip>
  );
}

function ChartCard({ title, def, children }: { title: string; def: string; children: ReactNode }) {
  return (
    <div className="zz-card" style={{ height: '100%' }}>
      <Tooltip title={def}><Typography.Text strong style={{ borderBottom: '1px dotted #999', cursor: 'help' }}>{title}</Typography.Text></Tooltip>
      {children}
    </div>
  );
}

const histogramOption = (b: Bins, name: string, color: string) => ({
  color: [color],
  tooltip: { trigger: 'axis' },
  grid: { left: 40, right: 16, top: 20, bottom: 40 },
  xAxis: { type: 'category', data: b.bins.map((x) => `${x.min}–${x.max}`), axisLabel: { rotate: 30 } },
  yAxis: { type: 'value', name, minInterval: 1 },
  series: [{ type: 'bar', name, data: b.bins.map((x) => x.count) }],
});

/** 积分报表: talents served by resource, enterprises per tier and moves, distributions, growth; Excel export. */
export function ReportsPage() {
  const { t, i18n } = useTranslation('talent');
  const [sp, setSp] = useSearchParams();
  const cycles = useQuery({ queryKey: cycleKeys.all, queryFn: listCycles });
  const published = (cycles.data?.items ?? []).filter((c) => c.status === 'notice' || c.status === 'final');
  const year = sp.get('year') ? Number(sp.get('year')) : published[0]?.year;
  const q = useQuery({ queryKey: cycleKeys.reports(year ?? 0), queryFn: () => api.get<Reports>(`/api/talent/reports/${year}`), enabled: !!year });
  if (cycles.isPending) return <PageLoading />;
  const r = q.data;
  const prevY = r?.previousYear;
  return (
    <>
      <PageHeader
        title={t('cycle.reports.title')}
        extra={
          <Flex gap={8}>
            <Select value={year} onChange={(y) => setSp({ year: String(y) })} style={{ width: 110 }} options={published.map((c) => ({ value: c.year, label: String(c.year) }))} data-testid="reports-year" />
            {year && <DownloadButton path={`/api/talent/reports/${year}/export.xlsx`} fileName={`人才积分报表-${year}.xlsx`} testId="reports-export" />}
          </Flex>
        }
      />
      {!year ? <Empty description={t('cycle.reports.none')} /> : (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon message={t('cycle.reports.hint')} />
          {q.error ? <ErrorAlert error={q.error} /> : null}
          {!prevY && r && <Alert type="warning" message={t('cycle.reports.noPrevious')} />}
          {r && (
            <>
              <Row gutter={[12, 12]}>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.served')} def={t('cycle.reports.servedDef', { year })} value={r.served.distinctTalents} testId="report-served" /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.up')} def={t('cycle.reports.upDef')} value={r.tierChanges?.up ?? '—'} color="#389e0d" testId="report-up" /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.growth')} def={t('cycle.reports.growthDef')} value={pct(r.growth.totalGrowth)} testId="report-growth" /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.bothGrowth')} def={t('cycle.reports.bothGrowthDef')} value={pct(r.growth.bothGrowth)} /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.down')} def={t('cycle.reports.downDef')} value={r.tierChanges?.down ?? '—'} color="#cf1322" /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.newTier')} def={t('cycle.reports.newTierDef')} value={r.tierChanges?.new ?? '—'} /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.total')} def={t('cycle.reports.totalDef')} value={pts(r.growth.totalThisYear)} /></Col>
                <Col xs={12} md={6}><Figure title={t('cycle.reports.grew')} def={t('cycle.reports.grewDef')} value={prevY ? `${r.growth.grew} / ${r.growth.both}` : '—'} /></Col>
              </Row>
              <Row gutter={[12, 12]}>
                <Col xs={24} lg={12}>
                  <ChartCard title={t('cycle.reports.servedByResource')} def={t('cycle.reports.servedByResourceDef', { year })}>
                    <EChart
                      height={260}
                      testId="report-served-chart"
                      empty={r.served.resources.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : undefined}
                      option={{
                        color: [CHART_COLORS[0]!, CHART_COLORS[1]!],
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0, data: [t('cycle.reports.talentsServed'), t('cycle.reports.places')] },
                        grid: { left: 40, right: 16, top: 36, bottom: 28 },
                        xAxis: { type: 'category', data: r.served.resources.map((x) => x.name) },
                        yAxis: { type: 'value', minInterval: 1 },
                        series: [
                          { type: 'bar', name: t('cycle.reports.talentsServed'), data: r.served.resources.map((x) => x.talents), label: { show: true, position: 'top' } },
                          { type: 'bar', name: t('cycle.reports.places'), data: r.served.resources.map((x) => x.places) },
                        ],
                      }}
                    />
                  </ChartCard>
                </Col>
                <Col xs={24} lg={12}>
                  <ChartCard title={t('cycle.reports.tiers')} def={t('cycle.reports.tiersDef', { year })}>
                    <EChart
                      height={260}
                      testId="report-tiers-chart"
                      option={{
                        color: [CHART_COLORS[0]!, '#bfbfbf'],
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0, data: [String(r.year), ...(prevY ? [String(prevY)] : [])] },
                        grid: { left: 40, right: 16, top: 36, bottom: 28 },
                        xAxis: { type: 'category', data: r.tiers.map((x) => labelOf(x.label, i18n.language)) },
                        yAxis: { type: 'value', minInterval: 1 },
                        series: [
                          { type: 'bar', name: String(r.year), data: r.tiers.map((x) => x.thisYear), label: { show: true, position: 'top' } },
                          ...(prevY ? [{ type: 'bar', name: String(prevY), data: r.tiers.map((x) => x.lastYear) }] : []),
                        ],
                      }}
                    />
                  </ChartCard>
                </Col>
                <Col xs={24} lg={12}>
                  <ChartCard title={t('cycle.reports.talentDist')} def={t('cycle.reports.talentDistDef')}>
                    <EChart height={260} testId="report-talent-dist" option={histogramOption(r.distribution.talents, t('cycle.reports.people'), CHART_COLORS[4]!)} />
                  </ChartCard>
                </Col>
                <Col xs={24} lg={12}>
                  <ChartCard title={t('cycle.reports.enterpriseDist')} def={t('cycle.reports.enterpriseDistDef')}>
                    <EChart height={260} testId="report-enterprise-dist" option={histogramOption(r.distribution.enterprises, t('cycle.reports.enterprises'), CHART_COLORS[5]!)} />
                  </ChartCard>
                </Col>
              </Row>
            </>
          )}
        </Flex>
      )}
    </>
  );
}
