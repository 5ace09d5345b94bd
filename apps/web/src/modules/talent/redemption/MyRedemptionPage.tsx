import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { formatDateTime } from '../../../ui/format';
import { labelOf } from '../scoring/api';
import { useMyApplications, useMyRounds, withdrawApplication, type Application, type MyRound } from './api';
import { ApplyModal } from './ApplyModal';
import { RoundStatusTag } from './RoundStatusTag';

function OpenRoundCard({ item, application, onApply }: { item: MyRound; application: Application | undefined; onApply: (initial: string[] | null) => void }) {
  const { t, i18n } = useTranslation('talent');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const { round, eligibility: e } = item;
  const withdraw = () => modal.confirm({
    title: t('redeem.mine.withdraw'),
    content: t('redeem.mine.confirmWithdraw', { round: round.name }),
    okButtonProps: { 'data-testid': 'withdraw-confirm' } as never,
    onOk: async () => {
      setError(null);
      try {
        await withdrawApplication(round.id);
        message.success(t('redeem.mine.withdrawn'));
      } catch (err) {
        setError(err);
      } finally {
        await qc.invalidateQueries({ queryKey: ['talent', 'redemption', 'my'] });
      }
    },
  });
  return (
    <Card size="small" data-testid="open-round" data-round={round.name}
      title={<Flex gap={8} align="center" wrap>{round.name}<RoundStatusTag status={round.status} /></Flex>}
      extra={<Typography.Text type="secondary">{t('redeem.mine.closes', { at: formatDateTime(round.closesAt) })}</Typography.Text>}>
      <Flex vertical gap={8}>
        <Typography.Text>{round.resourceName} · {round.period} · {round.options.map((o) => `${o.name} ${o.capacity}`).join('、')}</Typography.Text>
        <Flex gap={8} align="center" wrap>
          <Tag color={e.eligible ? 'green' : 'red'} data-testid="eligibility" data-eligible={String(e.eligible)}>{t(e.eligible ? 'redeem.mine.eligible' : 'redeem.mine.notEligible')}</Tag>
          <Typography.Text data-testid="eligibility-reason">{labelOf(e.reason, i18n.language)}</Typography.Text>
          {e.points !== null ? <Typography.Text type="secondary">{t('redeem.mine.points', { points: e.points, date: e.pointsAsOf ?? '—' })}</Typography.Text> : <Typography.Text type="secondary">{t('redeem.mine.noPoints')}</Typography.Text>}
          {e.holdsQuota ? <Tag color="blue">{t('redeem.mine.holdsQuota')}</Tag> : null}
        </Flex>
        {application ? (
          <Flex gap={8} align="center" wrap>
            <Tag color="processing">{t('redeem.mine.applied')}</Tag>
            <span>{application.preferences.map((p, i) => `${i + 1}. ${p.name}`).join('  ')}</span>
            <Button size="small" onClick={() => onApply(application.preferences.map((p) => p.optionId))} data-testid="apply-change">{t('redeem.mine.change')}</Button>
            <Button size="small" danger onClick={withdraw} data-testid="apply-withdraw">{t('redeem.mine.withdraw')}</Button>
          </Flex>
        ) : (
          <div><Button type="primary" onClick={() => onApply(null)} data-testid="apply-open">{t('redeem.mine.apply')}</Button></div>
        )}
        {error ? <ErrorAlert error={error} /> : null}
      </Flex>
    </Card>
  );
}

/** 我的兑现 (a talent): the rounds open now with eligibility and why; apply, change, withdraw; my applications and their results. */
export function MyRedemptionPage() {
  const { t } = useTranslation('talent');
  const rounds = useMyRounds();
  const apps = useMyApplications();
  const [applying, setApplying] = useState<{ item: MyRound; initial: string[] | null } | null>(null);
  const appByRound = new Map((apps.data?.items ?? []).map((a) => [a.roundId, a]));
  return (
    <>
      <PageHeader title={t('redeem.mine.title')} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('redeem.mine.openRounds')}>
          {rounds.error ? <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
          <Flex vertical gap={12}>
            {(rounds.data?.items ?? []).map((item) => (
              <OpenRoundCard key={item.round.id} item={item} application={appByRound.get(item.round.id)} onApply={(initial) => setApplying({ item, initial })} />
            ))}
            {rounds.data && !rounds.data.items.length ? <Empty description={t('redeem.mine.noOpen')} /> : null}
          </Flex>
        </Card>
        <Card size="small" title={t('redeem.mine.applications')}>
          {apps.error ? <ErrorAlert error={apps.error} /> : null}
          <Table<Application>
            size="small" rowKey="id" dataSource={apps.data?.items ?? []} loading={apps.isFetching} pagination={false} data-testid="my-applications"
            locale={{ emptyText: t('redeem.mine.noApplications') }} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('redeem.field.round'), dataIndex: 'roundName', render: (n: string, a) => <Link to={`/talent/applications/${a.id}`} data-testid="my-application-link">{n}</Link> },
              { title: t('redeem.field.status'), dataIndex: 'roundStatus', render: (s: Application['roundStatus']) => <RoundStatusTag status={s} /> },
              { title: t('redeem.field.preference'), render: (_, a) => a.preferences.map((p, i) => `${i + 1}. ${p.name}`).join('  ') },
              { title: t('redeem.field.submittedAt'), dataIndex: 'submittedAt', render: formatDateTime },
              {
                title: t('redeem.mine.result'),
                render: (_, a) => (!a.result ? <Typography.Text type="secondary">{t('redeem.mine.waiting')}</Typography.Text>
                  : a.result.optionName ? <Tag color="green" data-testid="my-result">{a.result.optionName}</Tag> : <Tag data-testid="my-result">{t('redeem.application.lost')}</Tag>),
              },
            ]}
          />
        </Card>
      </Flex>
      {applying ? <ApplyModal round={applying.item.round} initial={applying.initial} onClose={() => setApplying(null)} /> : null}
    </>
  );
}
