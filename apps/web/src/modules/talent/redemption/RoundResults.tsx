import { useMemo } from 'react';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../../ui/DownloadButton';
import { EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { labelOf } from '../scoring/api';
import { useResults, type DecidedBy, type ResultRow, type RoundDetail } from './api';

export function useDecidedText() {
  const { t, i18n } = useTranslation('talent');
  return (d: DecidedBy, round: Pick<RoundDetail, 'tieBreakItems'>) => {
    if (!d) return t('redeem.rounds.decided.first');
    if (d.key === 'subScore') {
      const item = round.tieBreakItems[d.index ?? 0];
      return `${t('redeem.rounds.decided.subScore', { n: (d.index ?? 0) + 1 })}${item ? `（${labelOf(item.label, i18n.language) || item.itemId}）` : ''}`;
    }
    return t(`redeem.rounds.decided.${d.key}`);
  };
}

/** Places per option: filled and left, stacked; the cut-off in the tooltip. */
export function FillChart({ round }: { round: RoundDetail }) {
  const { t } = useTranslation('talent');
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: round.options.map((o) => o.name) },
    series: [
      { name: t('redeem.rounds.fillFilled'), type: 'bar', stack: 'places', data: round.options.map((o) => o.filled ?? 0), label: { show: true, position: 'inside' } },
      { name: t('redeem.rounds.fillLeft'), type: 'bar', stack: 'places', data: round.options.map((o) => Math.max(0, o.capacity - (o.filled ?? 0))), itemStyle: { color: '#d9d9d9' } },
    ],
  }), [round.options, t]);
  return <EChart option={option} height={Math.max(160, 48 + round.options.length * 36)} testId="fill-chart" />;
}

/** 分配结果 for the office and the resource owner: the per-option summary, chart, full table and Excel. */
export function RoundResults({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation('talent');
  const results = useResults(round.id, true);
  const decided = useDecidedText();
  return (
    <Card size="small" title={t('redeem.rounds.results')} data-testid="round-results"
      extra={<DownloadButton path={`/api/talent/rounds/${round.id}/results/export.xlsx`} fileName={`兑现分配结果-${round.name}.xlsx`} testId="results-export" size="small" />}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('redeem.rounds.resultsHint')}</Typography.Text>
        <Flex gap={16} wrap>
          <div style={{ flex: '1 1 360px', minWidth: 320 }}>
            <Typography.Text strong>{t('redeem.rounds.fill')}</Typography.Text>
            <FillChart round={round} />
          </div>
          <Table
            style={{ flex: '1 1 360px' }} size="small" rowKey="id" pagination={false} dataSource={round.options} data-testid="option-summary"
            columns={[
              { title: t('redeem.rounds.optionName'), dataIndex: 'name' },
              { title: t('redeem.field.filled'), render: (_, o) => `${o.filled ?? 0}/${o.capacity}` },
              { title: t('redeem.field.cutoff'), render: (_, o) => (o.cutoff ? o.cutoff.points : '—') },
              { title: t('redeem.field.cutoffRank'), render: (_, o) => (o.cutoff ? o.cutoff.rank : '—') },
            ]}
          />
        </Flex>
        {results.error ? <ErrorAlert error={results.error} /> : null}
        <Table<ResultRow>
          size="small" rowKey="applicationId" loading={results.isFetching} dataSource={results.data?.items ?? []} data-testid="result-table"
          pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
          columns={[
            { title: t('redeem.field.rank'), dataIndex: 'rank', width: 60 },
            { title: t('redeem.field.talent'), dataIndex: 'name' },
            { title: t('redeem.field.idNumber'), dataIndex: 'idNumber' },
            { title: t('redeem.field.enterprise'), dataIndex: 'enterpriseName', render: (n: string | null) => n ?? '—' },
            {
              title: t('redeem.field.option'),
              render: (_, r) => (r.optionName ? <Tag color="green">{r.optionName}</Tag> : <Tag>{t('redeem.rounds.unplaced')}</Tag>),
            },
            { title: t('redeem.field.preference'), render: (_, r) => (r.preferenceIndex === null ? '—' : r.preferenceIndex + 1) },
            ...(round.quotaFirst ? [{ title: t('redeem.field.priority'), render: (_: unknown, r: ResultRow) => t(r.priorityClass === 0 ? 'redeem.rounds.priority0' : 'redeem.rounds.priority1') }] : []),
            { title: t('redeem.field.points'), dataIndex: 'points', align: 'right' as const },
            ...round.tieBreakItems.map((it, i) => ({
              title: labelOf(it.label, i18n.language) || it.itemId, key: `sub-${i}`, align: 'right' as const,
              render: (_: unknown, r: ResultRow) => r.subScores[i] ?? '—',
            })),
            { title: t('redeem.field.qualifiedAt'), dataIndex: 'qualifiedAt', render: (d: string | null) => d ?? '—' },
            { title: t('redeem.field.decidedBy'), render: (_, r) => decided(r.decidedBy, round) },
            { title: t('redeem.field.ticket'), dataIndex: 'ticket', render: (x: string) => <Typography.Text code copyable={{ text: x }}>{x.slice(0, 12)}…</Typography.Text> },
          ]}
        />
      </Flex>
    </Card>
  );
}
