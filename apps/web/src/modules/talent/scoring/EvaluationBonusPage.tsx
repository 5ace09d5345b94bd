import { Alert, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBox } from '../../../ui/SearchBox';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { useTableQuery } from '../../../ui/useTableQuery';
import { labelOf, pointsKeys, type EvaluationBonusItem, type SchemeRef } from './api';
import { TierBadge } from './TierBadge';

interface BonusPageHead {
  scheme: SchemeRef | null;
  asOf: string | null;
  source: { scheme: SchemeRef; asOf: string } | null;
}

/**
 * 工业企业综合评价人才加分: each industrial enterprise's bonus under the bonus scheme in effect,
 * with the enterprise score it comes from, and the Excel record the evaluation takes.
 */
export function EvaluationBonusPage() {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const can = useCan();
  const tq = useTableQuery({ filterKeys: ['q'] });
  const head = useQuery({
    queryKey: [...pointsKeys.bonuses, 'head'],
    queryFn: () => api.get<BonusPageHead>('/api/talent/evaluation-bonuses', { pageSize: 1 }),
  });
  const h = head.data;
  const columns: ServerColumn<EvaluationBonusItem>[] = [
    {
      title: t('points.enterprise.name'), dataIndex: 'enterpriseName',
      render: (n: string, r) => <Link to={`/talent/enterprise-points/${r.enterpriseId}`} data-testid="bonus-enterprise-link">{n}</Link>,
    },
    { title: t('points.bonus.enterprisePoints'), dataIndex: 'enterprisePoints', align: 'right' },
    { title: t('points.bonus.enterpriseTier'), render: (_, r) => <TierBadge tier={r.enterpriseTier} /> },
    {
      title: t('points.bonus.points'), dataIndex: 'points', align: 'right',
      render: (p: number, r) => (r.complete ? <Typography.Text strong>{p}</Typography.Text> : <Typography.Text type="warning">{t('points.bonus.notEvaluated')}</Typography.Text>),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('points.bonus.title')}
        subTitle={h?.scheme ? `${labelOf(h.scheme.name, locale)} · ${h.scheme.version} · ${t('points.score.asOf')} ${h.asOf ?? '—'}` : undefined}
        extra={can('talent.export') ? <DownloadButton path="/api/talent/evaluation-bonuses/export.xlsx" query={tq.filterQuery} fileName="综合评价人才加分.xlsx" testId="bonus-export" /> : null}
      />
      <div className="zz-card">
        <Flex vertical gap={8}>
          <Alert
            type="info"
            showIcon
            message={t('points.bonus.hint')}
            description={h?.source ? t('points.bonus.source', { scheme: `${labelOf(h.source.scheme.name, locale)} ${h.source.scheme.version}`, asOf: h.source.asOf }) : undefined}
          />
          <Flex className="zz-filters">
            <SearchBox value={tq.filters.q} onSearch={(q) => tq.setFilters({ q })} placeholder={t('points.bonus.search')} testId="bonus-search" />
          </Flex>
          <ServerTable<EvaluationBonusItem>
            queryKey={pointsKeys.bonuses}
            path="/api/talent/evaluation-bonuses"
            tableQuery={tq}
            columns={columns}
            rowKey="enterpriseId"
            data-testid="bonus-table"
          />
        </Flex>
      </div>
    </>
  );
}
