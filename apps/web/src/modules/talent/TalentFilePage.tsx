import { useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../auth/session';
import { MaskedValue } from '../../ui/MaskedValue';
import { EyeIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
import { formatDateTime } from '../../ui/format';
import { revealTalent, useTalentFile } from './api';
import { FactsView } from './FactsView';
import { MoveModal } from './MoveModal';
import { AccountLink } from './AccountLink';
import { TalentScoreCard } from './scoring/TalentScoreCard';
import { PendingClaimNotice } from './claims/PendingClaimNotice';

/** One talent: personal data (masked, with an audited reveal), scoring facts, employment history. */
export function TalentFilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('talent');
  const me = useCurrentUser();
  const can = useCan();
  const file = useTalentFile(id);
  const [moving, setMoving] = useState(false);
  const { message } = App.useApp();
  // One audited request reveals both values; the two 查看 buttons and 查看完整信息 share it.
  const revealed = useRef<Promise<{ idNumber: string; phone: string }> | null>(null);
  const [full, setFull] = useState<{ idNumber: string; phone: string } | null>(null);
  const [revealing, setRevealing] = useState(false);

  if (file.isPending) return <PageLoading />;
  if (file.error) return <LoadError error={file.error} onRetry={() => void file.refetch()} />;
  const f = file.data;
  const reveal = () => {
    revealed.current ??= revealTalent(f.id).catch((e: unknown) => {
      revealed.current = null;
      throw e;
    });
    return revealed.current;
  };
  const revealAll = async () => {
    setRevealing(true);
    try {
      setFull(await reveal());
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setRevealing(false);
    }
  };
  const canSeeList = can('talent.county') || !!me.scope.enterpriseId;

  return (
    <>
      <PageHeader
        title={<span data-testid="talent-name">{f.name}</span>}
        docTitle={f.name}
        tags={
          <>
            <Tag color={f.status === 'active' ? 'green' : 'default'}>{t(`enum.status.${f.status}`)}</Tag>
            {f.talentCategory && f.talentCategory !== 'none' ? <Tag color="gold">{t(`enum.talentCategory.${f.talentCategory}`)}</Tag> : null}
          </>
        }
        back={canSeeList ? '/talent/talents' : undefined}
        breadcrumb={canSeeList ? [{ title: t('list.title'), to: '/talent/talents' }, { title: f.name }] : undefined}
        extra={
          <>
            {f.canMove ? (
              <Button onClick={() => setMoving(true)} data-testid="talent-move">
                {t('file.move')}
              </Button>
            ) : null}
            {f.canEdit ? (
              <Link to={`/talent/talents/${f.id}/edit`}>
                <Button type="primary" data-testid="talent-edit">
                  {t('file.edit')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={t('file.person')}
          extra={
            can('personal.reveal') && !full ? (
              <Button type="link" size="small" icon={<EyeIcon />} loading={revealing} onClick={() => void revealAll()} data-testid="talent-reveal">
                {t('file.revealHint')}
              </Button>
            ) : null
          }
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('field.idNumber')}>
              {full ? (
                <Typography.Text copyable className="zz-mono" data-testid="talent-id-number-value">{full.idNumber}</Typography.Text>
              ) : (
                <MaskedValue masked={f.idNumber} canReveal={can('personal.reveal')} reveal={async () => (await reveal()).idNumber} testId="talent-id-number" />
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.phone')}>
              {full ? (
                <Typography.Text copyable={!!full.phone} data-testid="talent-phone-value">{full.phone || '—'}</Typography.Text>
              ) : (
                <MaskedValue masked={f.phone} canReveal={can('personal.reveal')} reveal={async () => (await reveal()).phone} testId="talent-phone" />
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.gender')}>{t(`enum.gender.${f.gender}`)}</Descriptions.Item>
            <Descriptions.Item label={t('field.age')}>{f.age}</Descriptions.Item>
            <Descriptions.Item label={t('field.enterprise')}>
              {f.enterpriseId && can('enterprise.read') ? <Link to={`/enterprises/${f.enterpriseId}?tab=talent`}>{f.enterpriseName}</Link> : (f.enterpriseName ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(f.createdAt)}</Descriptions.Item>
          </Descriptions>
          {can('talent.manage') ? <AccountLink file={f} /> : f.hasUser ? <Typography.Text type="secondary">{t('file.linkedUser')}</Typography.Text> : null}
        </Card>
        <Card size="small" title={t('file.facts')} extra={<Typography.Text type="secondary">{t('file.factsHint')}</Typography.Text>}>
          <div style={{ marginBottom: 12 }}>
            <PendingClaimNotice claim={f.pendingClaim} />
          </div>
          <FactsView facts={f.facts} />
        </Card>
        <TalentScoreCard talentId={f.id} />
        <Card size="small" title={t('file.employments')}>
          <Timeline
            data-testid="talent-employments"
            items={f.employments.map((m) => ({
              color: m.endedOn ? 'gray' : 'green',
              content: (
                <span data-testid="employment-entry">
                  <Typography.Text strong>{m.enterpriseName}</Typography.Text>
                  <Typography.Text type="secondary">
                    {'  '}
                    {m.startedOn} — {m.endedOn ?? t('file.current')}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
        </Card>
      </Flex>
      {moving ? <MoveModal file={f} onClose={() => setMoving(false)} /> : null}
    </>
  );
}
