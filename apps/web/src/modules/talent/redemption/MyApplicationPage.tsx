import { Alert, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError, NotFoundResult } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { labelOf } from '../scoring/api';
import { useMyApplication, type Application } from './api';
import { RoundStatusTag } from './RoundStatusTag';
import { SeedCard } from './SeedCard';

type CutoffRow = NonNullable<Application['result']>['cutoffs'][number];

/** 兑现申请 (the talent's own): preferences, and once allocated the rank, the place won and why, each listed option's cut-off, the seed and the ticket. */
export function MyApplicationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('talent');
  const q = useMyApplication(id);
  if (q.isLoading) return <PageLoading />;
  if (q.error && isApiError(q.error) && q.error.status === 404) return <NotFoundResult />;
  if (q.error || !q.data) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const r = a.result;
  return (
    <>
      <PageHeader title={a.roundName} back="/talent/redemption" breadcrumb={[{ title: t('redeem.mine.title'), to: '/talent/redemption' }, { title: t('redeem.application.title') }]}
        tags={<RoundStatusTag status={a.roundStatus} />} subTitle={`${a.resourceName} · ${a.period}`} />
      <Flex vertical gap={16}>
        {r ? (
          <Alert type={r.optionId ? 'success' : 'warning'} showIcon data-testid="application-result"
            title={r.optionName ? t('redeem.application.won', { n: (r.preferenceIndex ?? 0) + 1, name: r.optionName }) : t('redeem.application.lost')}
            description={<span data-testid="application-why">{labelOf(r.why, i18n.language)}</span>} />
        ) : <Alert type="info" showIcon title={t('redeem.application.pending')} data-testid="application-pending" />}
        <Card size="small" title={t('redeem.application.title')}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}
            items={[
              { key: 'p', label: t('redeem.field.preference'), span: 2, children: a.preferences.map((p, i) => `${i + 1}. ${p.name}`).join('  ') },
              { key: 'by', label: t('redeem.field.priority'), children: t(a.byQuota ? 'redeem.application.byQuota' : 'redeem.application.byPoints') },
              { key: 'pts', label: t('redeem.field.points'), children: r ? r.points : a.points ?? '—' },
              { key: 'at', label: t('redeem.field.submittedAt'), children: formatDateTime(a.submittedAt) },
              ...(r ? [
                { key: 'rank', label: t('redeem.field.rank'), children: `${r.rank} / ${r.applicants}` },
                { key: 'q', label: t('redeem.field.qualifiedAt'), children: r.qualifiedAt ?? '—' },
                { key: 'ticket', label: t('redeem.field.ticket'), span: 2, children: <Typography.Text code copyable>{r.ticket}</Typography.Text> },
              ] : []),
            ]} />
          {r ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>{t('redeem.application.ticketHint', { id: a.id })}</Typography.Paragraph> : null}
        </Card>
        {r ? (
          <Card size="small" title={t('redeem.application.cutoffs')}>
            <Table<CutoffRow> size="small" rowKey="optionId" pagination={false} dataSource={r.cutoffs} data-testid="application-cutoffs"
              columns={[
                { title: '#', render: (_, __, i) => i + 1, width: 40 },
                { title: t('redeem.rounds.optionName'), dataIndex: 'name', render: (n: string, c) => (c.optionId === r.optionId ? <Tag color="green">{n}</Tag> : n) },
                { title: t('redeem.field.filled'), render: (_, c) => `${c.filled}/${c.capacity}` },
                { title: t('redeem.field.cutoff'), render: (_, c) => (c.cutoff ? c.cutoff.points : '—') },
                { title: t('redeem.field.cutoffRank'), render: (_, c) => (c.cutoff ? c.cutoff.rank : '—') },
              ]} />
          </Card>
        ) : null}
        <SeedCard seed={a.seed} commitment={a.seedCommitment} />
      </Flex>
    </>
  );
}
