import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError, NotFoundResult } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { labelOf } from '../scoring/api';
import { redeemKeys, roundAction, useRound, type RoundAction, type RoundDetail } from './api';
import { OptionsEditor } from './OptionsEditor';
import { RoundFormModal } from './RoundFormModal';
import { FillChart, RoundResults } from './RoundResults';
import { RoundStatusTag } from './RoundStatusTag';
import { SeedCard } from './SeedCard';

const revealed = (r: RoundDetail) => r.status === 'allocated' || r.status === 'final';

/** The buttons the office has on a round in its current status (the server decides in the end). */
function actionsFor(r: RoundDetail): RoundAction[] {
  switch (r.status) {
    case 'draft': return ['open'];
    case 'open': return Date.parse(r.closesAt) <= Date.now() ? ['close', 'allocate'] : ['close'];
    case 'closed': return ['allocate'];
    case 'allocated': return ['finalize'];
    default: return [];
  }
}

/**
 * A redemption round: its rules, the options and places (published by the resource owner), the
 * seed commitment and, once allocated, the seed, the fill per option and the full result. The
 * office moves it along: open, close, allocate (once), finalize; refusals show the server's words.
 */
export function RoundDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('talent');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const round = useRound(id);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<RoundAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (round.isLoading) return <PageLoading />;
  if (round.error && isApiError(round.error) && round.error.status === 404) return <NotFoundResult />;
  if (round.error || !round.data) return <LoadError error={round.error} onRetry={() => void round.refetch()} />;
  const r = round.data;
  const manage = can('talent.rounds.manage');
  const publish = can('talent.resource.publish');

  const run = (action: RoundAction) => {
    const confirm = { open: 'confirmOpen', close: 'confirmClose', allocate: 'confirmAllocate', finalize: 'confirmFinalize' }[action];
    modal.confirm({
      title: t(`redeem.rounds.${action}`),
      content: t(`redeem.rounds.${confirm}`),
      okButtonProps: { 'data-testid': 'round-action-confirm' } as never,
      onOk: async () => {
        setBusy(action);
        setError(null);
        try {
          const next = await roundAction(r.id, action);
          qc.setQueryData(redeemKeys.round(r.id), next);
          await qc.invalidateQueries({ queryKey: redeemKeys.all });
          message.success(t(`redeem.rounds.done.${action}`));
        } catch (e) {
          setError(e);
          await qc.invalidateQueries({ queryKey: redeemKeys.round(r.id) });
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const yesNo = (b: boolean) => t(b ? 'redeem.rounds.yes' : 'redeem.rounds.no');
  return (
    <>
      <PageHeader
        title={r.name}
        back="/talent/redemption/rounds"
        breadcrumb={[{ title: t('redeem.rounds.title'), to: '/talent/redemption/rounds' }, { title: r.name }]}
        tags={<RoundStatusTag status={r.status} />}
        subTitle={`${r.resourceName} · ${r.period} · ${t('redeem.rounds.summary', { applications: r.applications, capacity: r.capacity })}`}
        extra={manage ? (
          <>
            {r.status === 'draft' ? <Button onClick={() => setEditing(true)} data-testid="round-edit">{t('redeem.rounds.edit')}</Button> : null}
            {actionsFor(r).map((a) => (
              <Button key={a} type={a === 'finalize' || a === 'allocate' || a === 'open' ? 'primary' : 'default'} loading={busy === a} onClick={() => run(a)} data-testid={`round-${a}`}>
                {t(`redeem.rounds.${a}`)}
              </Button>
            ))}
          </>
        ) : null}
      />
      <Flex vertical gap={16}>
        {error ? <ErrorAlert error={error} showFields /> : null}
        {r.status === 'allocated' && r.noticeEndsAt ? <Tag color="blue" style={{ alignSelf: 'flex-start' }}>{t('redeem.rounds.noticeRunning', { at: formatDateTime(r.noticeEndsAt) })}</Tag> : null}
        <Flex gap={16} wrap align="stretch">
          <Card size="small" title={t('redeem.rounds.rules')} style={{ flex: '2 1 420px' }} data-testid="round-rules">
            <Descriptions size="small" column={{ xs: 1, md: 2 }}
              items={[
                { key: 'res', label: t('redeem.field.resource'), children: `${r.resourceName}（${r.unit}）` },
                { key: 'period', label: t('redeem.field.period'), children: r.period },
                { key: 'opens', label: t('redeem.field.opensAt'), children: formatDateTime(r.opensAt) },
                { key: 'closes', label: t('redeem.field.closesAt'), children: formatDateTime(r.closesAt) },
                { key: 'min', label: t('redeem.field.minPoints'), children: r.minPoints ?? t('redeem.rounds.noThreshold') },
                { key: 'qh', label: t('redeem.field.quotaHolders'), children: yesNo(r.quotaHolders) },
                { key: 'qf', label: t('redeem.field.quotaFirst'), children: yesNo(r.quotaFirst) },
                { key: 'notice', label: t('redeem.field.noticeDays'), children: r.noticeDays },
                {
                  key: 'tie', label: t('redeem.field.tieBreakItems'), span: 2,
                  children: r.tieBreakItems.length ? r.tieBreakItems.map((x, i) => `${i + 1}. ${labelOf(x.label, i18n.language) || x.itemId}`).join('  ') : t('redeem.rounds.none'),
                },
                ...(r.pointsAsOf ? [{ key: 'asof', label: t('redeem.field.pointsAsOf'), children: r.pointsAsOf }] : []),
                ...(r.allocatedAt ? [{ key: 'alloc', label: t('redeem.field.allocatedAt'), children: formatDateTime(r.allocatedAt) }] : []),
                ...(r.noticeEndsAt ? [{ key: 'ne', label: t('redeem.field.noticeEndsAt'), children: formatDateTime(r.noticeEndsAt) }] : []),
                ...(r.finalizedAt ? [{ key: 'fin', label: t('redeem.field.finalizedAt'), children: formatDateTime(r.finalizedAt) }] : []),
              ]} />
          </Card>
          <div style={{ flex: '1 1 360px', minWidth: 0 }}>
            <SeedCard seed={r.seed} commitment={r.seedCommitment} />
          </div>
        </Flex>
        <Card size="small" title={t('redeem.rounds.options')} data-testid="round-options">
          {publish && !revealed(r) ? <OptionsEditor round={r} /> : revealed(r) && !publish ? <FillChart round={r} /> : (
            <Flex vertical gap={4}>
              {r.options.length ? r.options.map((o) => <span key={o.id}>{o.name}：{o.capacity} {r.unit}</span>) : <Typography.Text type="secondary">{t('redeem.rounds.noOptions')}</Typography.Text>}
            </Flex>
          )}
        </Card>
        {revealed(r) && publish ? <RoundResults round={r} /> : null}
      </Flex>
      {editing ? <RoundFormModal round={r} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
