import { Drawer, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { BASE, type Explanation } from './api';
import { criterionText, factText } from './criteria-text';

export const RESULT_COLOR = { P: 'green', F: 'red', U: 'orange' } as const;
export const OUTCOME_COLOR = { eligible: 'green', nearly: 'gold', not_eligible: 'default' } as const;

/** Why an enterprise is (not) eligible for a policy: each criterion, the enterprise's data it read, the result. */
export function ExplainDrawer({ policyId, enterpriseId, onClose }: { policyId: string; enterpriseId: string | null; onClose: () => void }) {
  const { t } = useTranslation('service');
  const q = useQuery({
    queryKey: ['benefits', 'explain', policyId, enterpriseId],
    queryFn: () => api.get<Explanation>(`${BASE}/policies/${policyId}/enterprises/${enterpriseId}`),
    enabled: !!enterpriseId,
  });
  const x = q.data;
  return (
    <Drawer open={!!enterpriseId} onClose={onClose} size="large" title={x ? t('benefits.explainTitle', { name: x.enterpriseName }) : '…'} data-testid="explain-drawer">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {x ? (
        <>
          <Typography.Paragraph>
            <Tag color={OUTCOME_COLOR[x.outcome]} data-testid="explain-outcome">{t(`benefits.outcome.${x.outcome}`)}</Tag>
            <Typography.Text type="secondary">{t('benefits.asOf', { day: x.asOf })} · {x.combine === 'all' ? t('benefits.field.combineAll') : t('benefits.field.combineAny')}</Typography.Text>
          </Typography.Paragraph>
          <Table
            rowKey="index" pagination={false} size="small" dataSource={x.criteria}
            columns={[
              { title: t('benefits.criteria'), render: (_, c) => criterionText(t, c.criterion) },
              { title: t('benefits.fact'), render: (_, c) => factText(t, c.criterion.field, c.fact) },
              { title: t('benefits.col.outcome'), width: 100, render: (_, c) => <Tag color={RESULT_COLOR[c.result]}>{t(`benefits.result.${c.result}`)}</Tag> },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>{t('benefits.nearlyRule')}</Typography.Paragraph>
        </>
      ) : null}
    </Drawer>
  );
}
