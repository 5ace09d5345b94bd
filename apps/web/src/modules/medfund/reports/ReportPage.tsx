import { useState } from 'react';
import { Alert, Card, Col, Empty, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { DownloadButton } from '../../../ui/DownloadButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageLoading } from '../../../ui/PageLoading';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { yuan } from '../api';
import { fmtChange, usePeriodicReport, wan, type PeriodKind, type PeriodicReport } from './api';

type T = (k: string, o?: Record<string, unknown>) => string;
const LEVEL_COLOR = { red: '#d9534f', orange: '#f0a020', yellow: '#e5c400' } as const;

function Kpi({ title, value, suffix, change, testId, precision }: { title: string; value: number | string; suffix?: string; change?: number | null; testId: string; precision?: number }) {
  const { t } = useTranslation('medfund');
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={value} suffix={suffix} precision={precision} />
      {change !== undefined ? (
        <Typography.Text type={change === null ? 'secondary' : change < 0 ? 'success' : 'danger'}>{t('report.change', { value: fmtChange(change) })}</Typography.Text>
      ) : null}
    </Card>
  );
}

function fundTrend(r: PeriodicReport, t: T) {
  return {
    color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: r.trend.map((p) => p.period) },
    yAxis: [{ type: 'value', name: t('report.unit.wan') }, { type: 'value', name: t('report.unit.count'), splitLine: { show: false } }],
    series: [
      { name: t('report.fundPaid'), type: 'bar', data: r.trend.map((p) => wan(p.fundFen)) },
      { name: t('report.findingsAmount'), type: 'bar', data: r.trend.map((p) => wan(p.findingsAmountFen)) },
      { name: t('report.findingsCount'), type: 'line', yAxisIndex: 1, data: r.trend.map((p) => p.findings) },
    ],
  };
}

function supervisionTrend(r: PeriodicReport, t: T) {
  const s = r.supervision.trend;
  return {
    color: ['#f0a020', '#d9534f', '#1b5fd1', '#2fa36b'], tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 60, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: s.map((p) => p.period) },
    yAxis: [{ type: 'value', name: t('report.unit.count') }, { type: 'value', name: t('report.unit.yuan'), splitLine: { show: false } }],
    series: [
      { name: t('report.warningsRaised'), type: 'bar', data: s.map((p) => p.warnings) },
      { name: t('report.redWarnings'), type: 'bar', data: s.map((p) => p.redWarnings) },
      { name: t('report.casesOpened'), type: 'bar', data: s.map((p) => p.casesOpened) },
      { name: t('report.recovered'), type: 'line', yAxisIndex: 1, data: s.map((p) => p.recoveredFen / 100) },
    ],
  };
}

function topBars(names: string[], amounts: number[], counts: number[], t: T) {
  return {
    color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 190, right: 40, top: 36, bottom: 24 },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 180, overflow: 'truncate' } },
    xAxis: [{ type: 'value', name: t('report.unit.yuan') }, { type: 'value', show: false }],
    series: [
      { name: t('report.findingsAmount'), type: 'bar', data: amounts.map((a) => a / 100) },
      { name: t('report.findingsCount'), type: 'bar', xAxisIndex: 1, data: counts },
    ],
  };
}

/** 医保基金运行风险报告: the leaders' monthly or quarterly look at the fund, the findings, warnings, cases and recovery. */
export function ReportPage() {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const [kind, setKind] = useState<PeriodKind>('month');
  const [period, setPeriod] = useState<string | undefined>();
  const q = usePeriodicReport({ period, kind });
  const r = q.data;
  const options = (kind === 'month' ? r?.available.months : r?.available.quarters) ?? [];
  const sup = r?.supervision;
  return (
    <div data-testid="medfund-report">
      <PageHeader
        title={t('report.title')}
        subTitle={t('report.subTitle')}
        extra={
          <Space wrap>
            <Segmented<PeriodKind>
              data-testid="report-kind" value={kind}
              options={[{ value: 'month', label: t('report.month') }, { value: 'quarter', label: t('report.quarter') }]}
              onChange={(k) => { setKind(k); setPeriod(undefined); }}
            />
            <Select
              data-testid="report-period" style={{ width: 130 }} value={period ?? r?.period}
              options={options.map((p) => ({ value: p, label: p }))} onChange={setPeriod} showSearch
            />
            <DownloadButton path="/api/medfund/reports/periodic/export.xlsx" query={{ period: period ?? r?.period }} testId="report-export">{t('report.export')}</DownloadButton>
          </Space>
        }
      />
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      {q.isLoading ? <PageLoading /> : null}
      {r && sup ? (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('report.range', { from: r.from, until: r.until })}</Typography.Text>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-fund" title={t('report.fundPaid')} value={wan(r.fund.fundFen)} precision={2} suffix={t('report.unit.wan')} change={r.fund.fundChangePercent} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-settlements" title={t('report.settlements')} value={r.fund.settlements} change={r.fund.settlementsChangePercent} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-findings" title={t('report.findingsCount')} value={r.findings.count} change={r.findings.changePercent} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-findings-amount" title={t('report.findingsAmount')} value={yuan(r.findings.amountFen)} suffix={t('report.unit.yuan')} change={r.findings.amountChangePercent} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-warnings" title={t('report.warningsRaised')} value={sup.warnings.raised} /></Col>
            <Col xs={12} md={8} xl={4}><Kpi testId="report-recovered" title={t('report.recovered')} value={yuan(sup.recovery.recoveredFen)} suffix={t('report.unit.yuan')} /></Col>
          </Row>
          <Card size="small" title={t('report.fundTrend')}>
            <EChart option={fundTrend(r, t)} height={300} testId="report-fund-trend" />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('report.topRules')}>
                <EChart
                  height={300} testId="report-top-rules" empty={r.topRules.length ? undefined : t('report.noFindings')}
                  option={topBars(r.topRules.map((x) => (en ? x.ruleNameEn : x.ruleName)), r.topRules.map((x) => x.amountFen), r.topRules.map((x) => x.findings), t)}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('report.topProviders')}>
                <EChart
                  height={300} testId="report-top-providers" empty={r.topProviders.length ? undefined : t('report.noFindings')}
                  option={topBars(r.topProviders.map((x) => x.fixmedinsName), r.topProviders.map((x) => x.amountFen), r.topProviders.map((x) => x.findings), t)}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('report.warningsByLevel')}>
                <EChart
                  height={260} testId="report-warning-levels" empty={sup.warnings.raised ? undefined : t('report.noWarnings')}
                  option={{
                    tooltip: { trigger: 'item' }, legend: { bottom: 0 },
                    series: [{
                      type: 'pie', radius: ['40%', '68%'],
                      data: sup.warnings.byLevel.map((l) => ({ name: t(`report.level.${l.level}`), value: l.raised, itemStyle: { color: LEVEL_COLOR[l.level] } })),
                    }],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('report.casesByStage')}>
                <EChart
                  height={260} testId="report-case-stages"
                  option={{
                    color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 36, bottom: 30 },
                    xAxis: { type: 'category', data: sup.cases.byStage.map((s) => t(`report.stage.${s.stage}`)) }, yAxis: { type: 'value', minInterval: 1 },
                    series: [
                      { name: t('report.openCases'), type: 'bar', data: sup.cases.byStage.map((s) => s.cases) },
                      { name: t('report.overdue'), type: 'bar', data: sup.cases.byStage.map((s) => s.overdue), itemStyle: { color: '#d9534f' } },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('report.recovery')} data-testid="report-recovery">
                <Row gutter={[8, 8]}>
                  <Col span={12}><Statistic title={t('report.casesOpened')} value={sup.cases.opened} /></Col>
                  <Col span={12}><Statistic title={t('report.casesDecided')} value={sup.cases.decided} /></Col>
                  <Col span={12}><Statistic title={t('report.recoveryDecided')} value={yuan(sup.recovery.decidedFen)} /></Col>
                  <Col span={12}><Statistic title={t('report.recovered')} value={yuan(sup.recovery.recoveredFen)} /></Col>
                  <Col span={12}><Statistic title={t('report.recoveredPercent')} value={sup.recovery.recoveredPercent ?? '—'} suffix={sup.recovery.recoveredPercent === null ? undefined : '%'} /></Col>
                  <Col span={12}><Statistic title={t('report.outstanding')} value={yuan(sup.recovery.outstandingFen)} /></Col>
                </Row>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('report.supervisionTrend')}>
            <EChart option={supervisionTrend(r, t)} height={260} testId="report-supervision-trend" />
          </Card>
          <Card size="small" title={t('report.providersTable')}>
            {r.topProviders.length === 0 ? <Empty description={t('report.noFindings')} /> : (
              <Table
                rowKey="fixmedinsCode" size="small" pagination={false} dataSource={r.topProviders} data-testid="report-providers"
                columns={[
                  { title: t('report.provider'), render: (_, x) => `${x.fixmedinsName}（${x.fixmedinsCode}）` },
                  { title: t('report.findingsCount'), dataIndex: 'findings', align: 'right' },
                  { title: t('report.rulesHit'), dataIndex: 'rules', align: 'right' },
                  { title: t('report.findingsAmount'), align: 'right', render: (_, x) => yuan(x.amountFen) },
                  { title: t('report.providerFund'), align: 'right', render: (_, x) => yuan(x.fundFen) },
                  { title: t('report.perMille'), align: 'right', render: (_, x) => (x.perMilleOfFund === null ? '—' : `${x.perMilleOfFund}‰`) },
                ]}
              />
            )}
          </Card>
          <Alert type="info" showIcon message={t('report.method')} description={t('report.methodText')} />
        </Space>
      ) : null}
    </div>
  );
}
