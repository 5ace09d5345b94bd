import { useMemo } from 'react';
import { Card, Col, Flex, Row, Select, Statistic, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../../auth/session';
import { EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBox } from '../../../ui/SearchBox';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { NotFoundResult } from '../../../ui/StatusResult';
import { useTableQuery } from '../../../ui/useTableQuery';
import { labelOf, pointsKeys, useDistribution, type EnterpriseScoreItem } from './api';
import { EnterprisePointsView } from './EnterprisePointsView';
import { EnterpriseFactsCard } from './EnterpriseFactsCard';
import { EvaluationBonusCard } from './EvaluationBonusCard';
import { TierBadge } from './TierBadge';

/** 企业积分: the office sees the county (distribution + ranking); enterprise HR its own enterprise. */
export function EnterprisePointsPage() {
  const { t } = useTranslation('talent');
  const can = useCan();
  const me = useCurrentUser();
  if (can('talent.county')) return <OfficeView />;
  return (
    <>
      <PageHeader title={t('points.enterprise.title')} />
      {me.scope.enterpriseId ? (
        <Flex vertical gap={12}>
          <EnterprisePointsView enterpriseId={me.scope.enterpriseId} showName />
          <EvaluationBonusCard enterpriseId={me.scope.enterpriseId} />
          <EnterpriseFactsCard enterpriseId={me.scope.enterpriseId} />
        </Flex>
      ) : <NotFoundResult />}
    </>
  );
}

/** One enterprise's points (from the ranking or a what-if row). */
export function EnterprisePointsFilePage() {
  const { enterpriseId = '' } = useParams();
  const { t } = useTranslation('talent');
  const can = useCan();
  return (
    <>
      <PageHeader
        title={t('points.enterprise.title')}
        back={can('talent.county') ? '/talent/enterprise-points' : undefined}
        breadcrumb={can('talent.county') ? [{ title: t('points.enterprise.title'), to: '/talent/enterprise-points' }, { title: t('points.enterprise.one') }] : undefined}
        extra={can('enterprise.read') ? <Link to={`/enterprises/${enterpriseId}`}>{t('points.enterprise.file')}</Link> : null}
      />
      <Flex vertical gap={12}>
        <EnterprisePointsView enterpriseId={enterpriseId} showName />
        <EvaluationBonusCard enterpriseId={enterpriseId} />
        <EnterpriseFactsCard enterpriseId={enterpriseId} />
      </Flex>
    </>
  );
}

function OfficeView() {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const dist = useDistribution(10);
  const navigate = useNavigate();
  const tq = useTableQuery({ filterKeys: ['q', 'tier'] });
  const d = dist.data;

  const tierChart = useMemo(() => {
    if (!d) return null;
    const cats = [...d.enterprise.tiers.map((x) => labelOf(x.label, locale)), t('points.enterprise.untiered')];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'bar', name: t('points.enterprise.count'), label: { show: true, position: 'top' },
        data: [...d.enterprise.tiers.map((x, i) => ({ value: x.count, itemStyle: { color: ['#c41d7f', '#d46b08', '#1b5fd1', '#389e0d'][i] ?? '#8c8c8c' } })), { value: d.enterprise.untiered, itemStyle: { color: '#bfbfbf' } }],
      }],
    };
  }, [d, locale, t]);

  const histChart = useMemo(() => {
    if (!d) return null;
    const h = d.personal.histogram;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: h.map((b) => `${b.from}–${b.to}`), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{
        type: 'bar', name: t('points.enterprise.talentsCount'), barCategoryGap: '8%',
        data: h.map((b) => ({ value: b.count, itemStyle: { color: d.personal.passMark !== null && b.from >= d.personal.passMark ? '#2fa36b' : '#1b5fd1' } })),
      }],
    };
  }, [d, t]);

  const columns: ServerColumn<EnterpriseScoreItem>[] = [
    { title: t('points.enterprise.rank'), dataIndex: 'rank', width: 70, render: (v: number | null) => v ?? '—' },
    { title: t('points.enterprise.name'), dataIndex: 'enterpriseName', render: (n: string, r) => <Link to={`/talent/enterprise-points/${r.enterpriseId}`} data-testid="enterprise-points-link">{n}</Link> },
    { title: t('points.score.total'), dataIndex: 'total', align: 'right' },
    { title: t('points.score.tier'), render: (_, r) => <TierBadge tier={r.tier} /> },
    { title: t('points.enterprise.staffPoints'), dataIndex: 'staffPointsTotal', align: 'right' },
    { title: t('points.enterprise.talentCount'), dataIndex: 'talentCount', align: 'right' },
    { title: t('points.score.asOf'), dataIndex: 'asOf' },
  ];

  return (
    <>
      <PageHeader title={t('points.enterprise.title')} subTitle={d?.enterprise.scheme ? `${labelOf(d.enterprise.scheme.name, locale)} · ${d.enterprise.scheme.version} · ${t('points.score.asOf')} ${d.enterprise.asOf ?? '—'}` : undefined} />
      <Flex vertical gap={12}>
        {dist.error ? <ErrorAlert error={dist.error} onRetry={() => void dist.refetch()} /> : null}
        <Row gutter={[12, 12]} data-testid="points-distribution">
          <Col xs={24} lg={12}>
            <Card size="small" title={t('points.enterprise.tierChart', { count: d?.enterprise.count ?? 0 })}>
              <Flex gap={24} wrap style={{ marginBottom: 8 }}>
                {d?.enterprise.tiers.map((x) => (
                  <Statistic key={x.id} title={labelOf(x.label, locale)} value={x.count} />
                ))}
                <Statistic title={t('points.enterprise.untiered')} value={d?.enterprise.untiered ?? 0} />
              </Flex>
              {tierChart ? <EChart option={tierChart} height={220} testId="chart-tiers" /> : <div style={{ height: 220 }} />}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card
              size="small"
              title={t('points.enterprise.histogram', { count: d?.personal.count ?? 0 })}
              extra={<Typography.Text type="secondary">{t('points.list.openBand')}</Typography.Text>}
            >
              <Flex gap={24} wrap style={{ marginBottom: 8 }}>
                <Statistic title={t('points.score.passed')} value={d?.personal.passed ?? 0} />
                <Statistic title={t('points.score.notPassed')} value={d?.personal.notPassed ?? 0} />
                <Statistic title={t('points.score.undecided')} value={d?.personal.undecided ?? 0} />
                <Statistic title={t('points.enterprise.mean')} value={d?.personal.mean ?? '—'} />
              </Flex>
              {histChart ? (
                <EChart
                  option={histChart}
                  height={220}
                  testId="chart-points-histogram"
                  onClick={({ dataIndex }) => {
                    const bin = d?.personal.histogram[dataIndex];
                    if (bin) void navigate(`/talent/points?minTotal=${bin.from}&maxTotal=${bin.to}`);
                  }}
                />
              ) : <div style={{ height: 220 }} />}
            </Card>
          </Col>
        </Row>
        <Card
          size="small"
          title={t('points.enterprise.ranking')}
          extra={
            <Flex gap={8} wrap>
              <Select
                size="small"
                allowClear
                style={{ width: 120 }}
                placeholder={t('points.score.tier')}
                value={tq.filters.tier}
                onChange={(v) => tq.setFilters({ tier: v })}
                options={(d?.enterprise.tiers ?? []).map((x) => ({ value: x.id, label: labelOf(x.label, locale) }))}
                data-testid="filter-tier"
              />
              <SearchBox value={tq.filters.q} onSearch={(q) => tq.setFilters({ q })} placeholder={t('points.enterprise.search')} testId="enterprise-points-search" />
            </Flex>
          }
        >
          <ServerTable<EnterpriseScoreItem>
            queryKey={pointsKeys.enterprises}
            path="/api/talent/enterprise-scores"
            tableQuery={tq}
            columns={columns}
            rowKey="enterpriseId"
            data-testid="enterprise-points-table"
          />
        </Card>
      </Flex>
    </>
  );
}
