import { Card, Col, Descriptions, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageLoading } from '../../../ui/PageLoading';
import { formatDateTime } from '../../../ui/format';
import { labelOf, textOf, useEnterpriseScore, type EnterpriseScore } from './api';
import { ExplainedItems } from './ExplainedItems';
import { TierBadge } from './TierBadge';

/** 企业积分: total, tier, rank, the items explained, and the talents whose points make staffPointsTotal. */
export function EnterprisePointsView({ enterpriseId, showName = false }: { enterpriseId: string; showName?: boolean }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const q = useEnterpriseScore(enterpriseId, locale);
  if (q.isPending) return <PageLoading />;
  if (q.error && isApiError(q.error) && q.error.status === 404)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.enterprise.none')} data-testid="enterprise-points-none" />;
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const e: EnterpriseScore = q.data;
  return (
    <Flex vertical gap={12} data-testid="enterprise-points">
      <Card size="small">
        <Row gutter={[16, 16]} align="middle">
          {showName ? (
            <Col xs={24}>
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="enterprise-points-name">
                {e.enterpriseName}
              </Typography.Title>
            </Col>
          ) : null}
          <Col xs={12} md={4}>
            <Statistic title={t('points.score.total')} value={e.total} suffix={t('points.score.unit')} data-testid="enterprise-points-total" />
          </Col>
          <Col xs={12} md={4}>
            <Typography.Text type="secondary">{t('points.score.tier')}</Typography.Text>
            <div style={{ marginTop: 6 }}>
              <TierBadge tier={e.tier} large />
            </div>
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('points.enterprise.rank')} value={e.rank ?? '—'} suffix={e.rank ? `/ ${e.ranked}` : undefined} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('points.enterprise.staffPoints')} value={e.staffPointsTotal} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('points.enterprise.talentCount')} value={e.talentCount} />
          </Col>
          <Col xs={24} md={4}>
            {e.complete ? null : <Tag color="orange">{t('points.enterprise.incomplete')}</Tag>}
          </Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('points.score.scheme')}>
            <span data-testid="enterprise-points-version">
              {labelOf(e.scheme.name, locale)} · {e.scheme.version}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('points.score.asOf')}>
            {e.asOf} <Typography.Text type="secondary">· {t('points.score.computedAt', { at: formatDateTime(e.computedAt) })}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        {textOf(e.summary, locale) ? <Typography.Text>{textOf(e.summary, locale)}</Typography.Text> : null}
      </Card>
      <Card size="small" title={t('points.enterprise.items')}>
        <ExplainedItems items={e.items} result={e.result} testId="enterprise-points-items" />
        {e.groups.length ? (
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {e.groups.map((g) => (
              <Tag key={g.groupId} title={textOf(g.explanation, locale)}>
                {labelOf(g.label, locale)}: {g.points}
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Card>
      <Card size="small" title={t('points.enterprise.talents', { count: e.talents.length, total: e.staffPointsTotal })}>
        <Table
          size="small"
          rowKey="talentId"
          dataSource={e.talents}
          pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
          data-testid="enterprise-points-talents"
          columns={[
            { title: '#', width: 56, render: (_, r) => e.talents.indexOf(r) + 1 },
            { title: t('field.name'), dataIndex: 'name', render: (n: string, r) => <Link to={`/talent/talents/${r.talentId}`}>{n}</Link> },
            { title: t('points.score.total'), dataIndex: 'total', align: 'right' },
            { title: '', dataIndex: 'complete', render: (c: boolean) => (c ? null : <Tag color="orange">{t('points.enterprise.talentIncomplete')}</Tag>) },
          ]}
        />
      </Card>
    </Flex>
  );
}
