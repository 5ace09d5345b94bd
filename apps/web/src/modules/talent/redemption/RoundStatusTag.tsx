import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoundStatus } from './api';

const COLORS: Record<RoundStatus, string> = { draft: 'default', open: 'green', closed: 'orange', allocated: 'blue', final: 'purple' };

/** 草稿 / 申报中 / 已截止 / 已分配（公示中）/ 已确定. */
export function RoundStatusTag({ status }: { status: RoundStatus }) {
  const { t } = useTranslation('talent');
  return <Tag color={COLORS[status]} data-testid="round-status" data-status={status}>{t(`redeem.status.${status}`)}</Tag>;
}
