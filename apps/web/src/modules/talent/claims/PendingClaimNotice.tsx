import { Alert, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FactValue, useFactLabel } from './FactValue';
import type { PendingClaim } from './api';

/**
 * On a talent's file or an enterprise's facts: the facts waiting for review (待审核), each with the
 * value claimed, and the reminder that points count only approved facts.
 */
export function PendingClaimNotice({ claim }: { claim: PendingClaim | null }) {
  const { t } = useTranslation('talent');
  const can = useCan();
  const label = useFactLabel();
  if (!claim) return <Typography.Text type="secondary">{t('claim.onlyApproved')}</Typography.Text>;
  const asked = claim.status === 'more_info_requested';
  return (
    <Alert
      type={asked ? 'warning' : 'info'}
      showIcon
      data-testid="pending-claim"
      title={asked ? t('claim.pending.asked', { reason: claim.reason }) : t('claim.pending.title', { n: claim.changes.length })}
      description={
        <Flex vertical gap={4}>
          <Flex wrap gap={6}>
            {claim.changes.map((c) => (
              <span key={c.fact} data-testid="pending-fact">
                <Tag color="orange">{t('claim.pendingTag')}</Tag>
                {label(c.fact)}：<FactValue fact={c.fact} value={c.claimed} />
                {c.evidenceCount ? <Typography.Text type="secondary">（{t('claim.evidenceN', { n: c.evidenceCount })}）</Typography.Text> : null}
              </span>
            ))}
          </Flex>
          <Typography.Text type="secondary">
            {t('claim.onlyApproved')}
            {can('talent.write') ? (
              <>
                {' '}
                <Link to={`/talent/claims/${claim.id}`} data-testid="pending-claim-link">{t('claim.open')}</Link>
              </>
            ) : null}
          </Typography.Text>
        </Flex>
      }
    />
  );
}
