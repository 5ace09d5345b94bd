import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { labelOf, textOf, type CapApplied, type ExplainedItem, type ItemStatus, type StoredResult } from './api';

const STATUS_COLOR: Record<ItemStatus, string> = { scored: 'green', not_evaluated: 'orange', gated: 'default', vetoed: 'red' };

/** The caps the engine applied to one item ("上限 25，原 26"). */
export function capsOf(result: StoredResult | undefined, itemId: string): CapApplied[] {
  return result?.items?.find((i) => i.itemId === itemId)?.capsApplied ?? [];
}

/** Points of one item: a number when scored; 未评分 / 不满足条件 / 一票否决 otherwise — never a bare 0. */
export function ItemPoints({ item }: { item: ExplainedItem }) {
  const { t } = useTranslation('talent');
  if (item.status === 'scored') return <Typography.Text strong>{item.points}</Typography.Text>;
  // Not a number: 未评分 (facts missing), 不满足条件, 一票否决 — a dash with the reason on hover.
  return (
    <Typography.Text type="secondary" title={t(`points.itemStatus.${item.status}`)} data-testid="item-not-scored">
      —
    </Typography.Text>
  );
}

/** Per item: points, status, the explanation sentence in the UI language, caps applied. */
export function ExplainedItems({ items, result, testId }: { items: ExplainedItem[]; result: StoredResult | undefined; testId: string }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  return (
    <Table<ExplainedItem>
      size="small"
      rowKey="itemId"
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      onRow={(r) => ({ 'data-status': r.status, 'data-testid': 'score-item' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('points.score.item'), width: 160, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{labelOf(r.label, locale)}</span> },
        { title: t('points.score.points'), width: 90, align: 'right', render: (_, r) => <ItemPoints item={r} /> },
        {
          title: t('points.score.status'),
          width: 100,
          render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`points.itemStatus.${r.status}`)}</Tag>,
        },
        {
          title: t('points.score.explanation'),
          render: (_, r) => {
            const caps = capsOf(result, r.itemId);
            return (
              <div style={{ minWidth: 360, maxWidth: 760, whiteSpace: 'normal' }}>
                {textOf(r.explanation, locale)}
                {caps.length ? (
                  <div style={{ marginTop: 2 }}>
                    {caps.map((c, i) => (
                      <Tag key={i} color="gold" data-testid="cap-applied">
                        {t('points.score.cap', { level: t(`points.capLevel.${c.level}`, { defaultValue: c.level }), cap: c.cap, before: c.before })}
                      </Tag>
                    ))}
                  </div>
                ) : null}
              </div>
            );
          },
        },
      ]}
    />
  );
}
