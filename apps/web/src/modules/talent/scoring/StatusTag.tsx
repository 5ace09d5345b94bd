import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SchemeStatus } from './api';

const COLORS: Record<SchemeStatus, string> = { draft: 'orange', published: 'green', retired: 'default' };

/** 草稿 / 已发布 / 已停用, and 现行 for the version in effect today. */
export function StatusTag({ status, inEffect }: { status: SchemeStatus; inEffect?: boolean }) {
  const { t } = useTranslation('talent');
  return (
    <>
      <Tag color={COLORS[status]} data-testid="scheme-status">
        {t(`points.status.${status}`)}
      </Tag>
      {inEffect ? <Tag color="blue">{t('points.status.inEffect')}</Tag> : null}
    </>
  );
}
