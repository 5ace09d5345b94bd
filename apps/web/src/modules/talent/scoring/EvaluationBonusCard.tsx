import { Card, Empty, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { labelOf, textOf, useEvaluationBonus } from './api';
import { ExplainedItems } from './ExplainedItems';

/** 综合评价人才加分 of one enterprise: the bonus, its explanation, and the enterprise score it comes from. */
export function EvaluationBonusCard({ enterpriseId }: { enterpriseId: string }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const q = useEvaluationBonus(enterpriseId, locale);
  const notFound = q.error && isApiError(q.error) && q.error.status === 404;
  return (
    <Card size="small" title={t('points.bonus.card')} data-testid="evaluation-bonus">
      {q.isPending ? null : notFound ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.bonus.none')} />
      ) : q.error ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Flex vertical gap={8}>
          <Flex gap={32} wrap align="center">
            <Statistic
              title={t('points.bonus.points')}
              value={q.data.complete ? q.data.points : t('points.bonus.notEvaluated')}
              suffix={q.data.complete ? t('points.score.unit') : undefined}
              data-testid="evaluation-bonus-points"
            />
            <Typography.Text type="secondary">
              {labelOf(q.data.scheme.name, locale)} · {q.data.scheme.version} · {t('points.score.asOf')} {q.data.asOf}
              <br />
              {t('points.bonus.source', { scheme: `${labelOf(q.data.source.scheme.name, locale)} ${q.data.source.scheme.version}`, asOf: q.data.source.asOf })}
            </Typography.Text>
          </Flex>
          {textOf(q.data.summary, locale) ? <Typography.Text>{textOf(q.data.summary, locale)}</Typography.Text> : null}
          <ExplainedItems items={q.data.items} result={undefined} testId="evaluation-bonus-items" />
        </Flex>
      )}
    </Card>
  );
}
