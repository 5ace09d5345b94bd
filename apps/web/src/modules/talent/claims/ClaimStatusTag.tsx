import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClaimStatus } from './api';

const COLORS: Record<ClaimStatus, string> = {
  submitted: 'orange', more_info_requested: 'magenta', resubmitted: 'gold', approved: 'green', rejected: 'red', withdrawn: 'default',
};

/** 待审核 / 待补充材料 / 已补充待审核 / 已通过 / 已驳回 / 已撤回 */
export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation('talent');
  return <Tag color={COLORS[status]} data-testid="claim-status">{t(`claim.status.${status}`)}</Tag>;
}
