import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../api';

/** The case opened from a warning, as the warnings pages show it (the 0034 glue). */
export interface WarningHandlingView {
  caseId: number; caseNumber: string; stage: 'first_review' | 'second_review' | 'appeal' | 'investigation' | 'closed'; stageDueOn: string | null;
  decision: 'confirmed' | 'dismissed' | 'data_quality' | null; recoveryDecidedFen: number; recoveredFen: number; openedAt: string; decidedAt: string | null;
}

const DECISION_COLOR = { confirmed: 'red', dismissed: 'default', data_quality: 'orange' } as const;

/** "案件 YB-2025-0007 · 调查核实" or "… · 确认违规 · 已追回 1,133.81 元": how a warning was handled. */
export function WarningHandling({ h }: { h: WarningHandlingView | null | undefined }) {
  const { t } = useTranslation('medfund');
  if (!h) return <Typography.Text type="secondary">{t('handling.none')}</Typography.Text>;
  return (
    <span data-testid="warning-handling">
      {t('handling.case', { number: h.caseNumber })}{' · '}
      {h.stage === 'closed' && h.decision
        ? <Tag color={DECISION_COLOR[h.decision]}>{t(`handling.decision.${h.decision}`)}</Tag>
        : <Tag color="blue">{t(`report.stage.${h.stage}`)}</Tag>}
      {h.recoveryDecidedFen > 0 ? <Typography.Text>{t('handling.recovered', { recovered: yuan(h.recoveredFen), decided: yuan(h.recoveryDecidedFen) })}</Typography.Text> : null}
    </span>
  );
}
