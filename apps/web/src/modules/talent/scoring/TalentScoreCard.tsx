import { useState } from 'react';
import { Alert, Card, Descriptions, Empty, Flex, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { labelOf, textOf, useTalentScore, useTalentScoreHistory, type TalentScoreHistory } from './api';
import { ExplainedItems } from './ExplainedItems';

/**
 * 积分说明: a talent's total under a scheme version as of a day, each item with its points, status
 * (未评分 is shown as such, never as 0), the explanation sentence and the caps applied; then the
 * score history (every version and day), whose rows switch the version shown.
 */
export function TalentScoreCard({ talentId }: { talentId: string }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const [version, setVersion] = useState<string | undefined>(undefined);
  const score = useTalentScore(talentId, version, locale);
  const history = useTalentScoreHistory(talentId);
  const s = score.data;

  let body: React.ReactNode;
  if (score.isPending) body = <div style={{ height: 120 }} />;
  else if (score.error && isApiError(score.error) && score.error.status === 404)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.score.none')} data-testid="score-none" />;
  else if (score.error) body = <ErrorAlert error={score.error} onRetry={() => void score.refetch()} />;
  else if (s) {
    const notEvaluated = s.items.filter((i) => i.status === 'not_evaluated').length;
    const totalCaps = s.result?.capsApplied ?? [];
    body = (
      <Flex vertical gap={12}>
        <Flex gap={32} wrap align="center">
          <Statistic title={t('points.score.total')} value={s.total} suffix={t('points.score.unit')} data-testid="score-total" />
          <div>
            <Typography.Text type="secondary">{t('points.score.passMark')}</Typography.Text>
            <div>
              {s.passMark === null ? '—' : s.passMark}{' '}
              {s.passed === true ? <Tag color="green">{t('points.score.passed')}</Tag> : s.passed === false ? <Tag color="red">{t('points.score.notPassed')}</Tag> : <Tag color="orange">{t('points.score.undecided')}</Tag>}
            </div>
          </div>
          {s.tier ? (
            <div>
              <Typography.Text type="secondary">{t('points.score.tier')}</Typography.Text>
              <div>
                <Tag color="gold">{labelOf(s.tier.label, locale)}</Tag>
              </div>
            </div>
          ) : null}
          <Descriptions size="small" column={1} style={{ minWidth: 280, flex: 1 }}>
            <Descriptions.Item label={t('points.score.scheme')}>
              <span data-testid="score-version">
                {labelOf(s.scheme.name, locale)} · {s.scheme.version}
              </span>{' '}
              {s.scheme.status !== 'published' ? <Tag>{t(`points.status.${s.scheme.status}`)}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('points.score.asOf')}>
              <span data-testid="score-as-of">{s.asOf}</span>
              <Typography.Text type="secondary"> · {t('points.score.computedAt', { at: formatDateTime(s.computedAt) })}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Flex>
        {textOf(s.summary, locale) ? <Typography.Text data-testid="score-summary">{textOf(s.summary, locale)}</Typography.Text> : null}
        {notEvaluated ? <Alert type="warning" showIcon title={t('points.score.incomplete', { count: notEvaluated })} /> : null}
        {totalCaps.length ? (
          <Alert type="info" showIcon title={totalCaps.map((c) => t('points.score.cap', { level: t(`points.capLevel.${c.level}`, { defaultValue: c.level }), cap: c.cap, before: c.before })).join('；')} />
        ) : null}
        <ExplainedItems items={s.items} result={s.result} testId="score-items" />
        {s.groups.length ? (
          <Flex gap={8} wrap data-testid="score-groups">
            {s.groups.map((g) => (
              <Tag key={g.groupId} title={textOf(g.explanation, locale)}>
                {labelOf(g.label, locale)}: {g.points}
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    );
  }

  return (
    <Card size="small" title={t('points.score.title')} data-testid="talent-score" loading={score.isPending}>
      {body}
      <HistoryTable history={history.data} current={s?.scheme.id} currentAsOf={s?.asOf} onPick={(id) => setVersion(id)} />
    </Card>
  );
}

function HistoryTable({ history, current, currentAsOf, onPick }: { history?: TalentScoreHistory; current?: string; currentAsOf?: string; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation('talent');
  if (!history || history.items.length < 1) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>{t('points.score.history')}</Typography.Text>
      <Table
        size="small"
        rowKey={(r) => `${r.scheme.id}|${r.asOf}`}
        dataSource={history.items}
        pagination={false}
        data-testid="score-history"
        columns={[
          { title: t('points.score.scheme'), render: (_, r) => `${labelOf(r.scheme.name, i18n.language)} · ${r.scheme.version}` },
          { title: t('points.field.status'), render: (_, r) => t(`points.status.${r.scheme.status}`) },
          { title: t('points.score.asOf'), dataIndex: 'asOf' },
          { title: t('points.score.total'), dataIndex: 'total', align: 'right' },
          { title: t('points.score.passMark'), render: (_, r) => (r.passed === true ? t('points.score.passed') : r.passed === false ? t('points.score.notPassed') : t('points.score.undecided')) },
          {
            title: '',
            render: (_, r) =>
              r.scheme.id === current && r.asOf === currentAsOf ? (
                <Tag color="blue">{t('points.score.shown')}</Tag>
              ) : (
                <Typography.Link onClick={() => onPick(r.scheme.id)}>{t('points.score.show')}</Typography.Link>
              ),
          },
        ]}
      />
    </div>
  );
}
