import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseStatus, EnterpriseSummary, SizeClass } from '../../../api/types';

const STATUS_COLOR: Record<EnterpriseStatus, string> = { active: 'green', suspended: 'orange', closed: 'default' };
const SIZE_COLOR: Record<SizeClass, string> = { large: 'geekblue', medium: 'blue', small: 'cyan', micro: 'default' };

export function StatusTag({ status }: { status: EnterpriseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {t(`enum.enterpriseStatus.${status}`)}
    </Tag>
  );
}

export function SizeTag({ sizeClass }: { sizeClass: SizeClass | null }) {
  const { t } = useTranslation();
  if (!sizeClass) return <Tag style={{ marginInlineEnd: 0 }}>{t('enum.sizeClass.unknown')}</Tag>;
  return (
    <Tag color={SIZE_COLOR[sizeClass]} style={{ marginInlineEnd: 0 }}>
      {t(`enum.sizeClass.${sizeClass}`)}
    </Tag>
  );
}

/** 规上 / 高新 / 上市 as small coloured tags (nothing when none applies). */
export function FlagTags({ e }: { e: Pick<EnterpriseSummary, 'aboveScale' | 'highTech' | 'listed'> }) {
  const { t } = useTranslation();
  return (
    <>
      {e.aboveScale ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('enum.flag.aboveScale')}</Tag> : null}
      {e.highTech ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('enum.flag.highTech')}</Tag> : null}
      {e.listed ? <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('enum.flag.listed')}</Tag> : null}
    </>
  );
}
