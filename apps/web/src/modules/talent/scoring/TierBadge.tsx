import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { labelOf, type Tier } from './api';

const COLORS = ['#c41d7f', '#d46b08', '#1b5fd1', '#389e0d'];

/** 一档 … 四档 as a solid badge, coloured by position (tier1 first); 未分档 when there is none. */
export function TierBadge({ tier, large = false }: { tier: Tier | null; large?: boolean }) {
  const { t, i18n } = useTranslation('talent');
  const style = large ? { fontSize: 16, padding: '4px 12px', lineHeight: '24px' } : undefined;
  if (!tier) return <Tag style={style} data-testid="tier-badge" data-tier="">{t('points.enterprise.untiered')}</Tag>;
  const n = Number(/(\d+)$/.exec(tier.id)?.[1] ?? 0);
  return (
    <Tag color={COLORS[(n || 4) - 1] ?? '#8c8c8c'} variant={large ? 'solid' : 'filled'} style={style} data-testid="tier-badge" data-tier={tier.id}>
      {labelOf(tier.label, i18n.language)}
    </Tag>
  );
}
