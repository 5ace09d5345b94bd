import { useMemo, useState } from 'react';
import { Alert, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { labelOf } from '../scoring/api';
import { cycleKeys, listCycles, pts, type TierBoard, type TierMove } from './api';

type Row = TierBoard['items'][number];
const MOVE_COLOR: Record<TierMove, string> = { up: 'green', down: 'red', same: 'default', new: 'blue', untiered: 'default' };
const MOVE_ARROW: Record<TierMove, string> = { up: '↑', down: '↓', same: '＝', new: '＋', untiered: '' };

/** 企业档次: the enterprises of a published year by tier, with last year's tier and the move. */
export function TierBoardPage() {
  const { t, i18n } = useTranslation('talent');
  const can = useCan();
  const [sp, setSp] = useSearchParams();
  const cycles = useQuery({ queryKey: cycleKeys.all, queryFn: listCycles });
  const published = (cycles.data?.items ?? []).filter((c) => c.status === 'notice' || c.status === 'final');
  const year = sp.get('year') ? Number(sp.get('year')) : published[0]?.year;
  const [tier, setTier] = useState<string | null>(null);
  const board = useQuery({ queryKey: cycleKeys.tiers(year ?? 0), queryFn: () => api.get<TierBoard>(`/api/talent/tiers/${year}`), enabled: !!year });
  const b = board.data;
  const option = useMemo(() => b && {
    color: [CHART_COLORS[0]!, '#bfbfbf'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('cycle.tiers.thisYear', { year: b.year }), ...(b.previousYear ? [t('cycle.tiers.thisYear', { year: b.previousYear })] : [])] },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: b.tiers.map((x) => labelOf(x.label, i18n.language)) },
    yAxis: { type: 'value', name: t('cycle.tiers.count'), minInterval: 1 },
    series: [
      { type: 'bar', name: t('cycle.tiers.thisYear', { year: b.year }), data: b.tiers.map((x) => x.count), label: { show: true, position: 'top' } },
      ...(b.previousYear ? [{ type: 'bar', name: t('cycle.tiers.thisYear', { year: b.previousYear }), data: b.tiers.map((x) => b.items.filter((i) => i.previous?.tier === x.tier).length) }] : []),
    ],
  }, [b, i18n.language, t]);
  if (cycles.isPending) return <PageLoading />;
  const rows = (b?.items ?? []).filter((i) => !tier || i.tier === tier);
  const columns = [
    { title: t('cycle.notice.tier'), dataIndex: 'tierLabel', width: 90, render: (v: Row['tierLabel']) => (v ? <Tag color="blue">{labelOf(v, i18n.language)}</Tag> : '—') },
    { title: t('cycle.notice.rank'), dataIndex: 'rank', width: 70 },
    { title: t('cycle.notice.enterpriseName'), dataIndex: 'enterpriseName', render: (v: string, r: Row) => <Link to={`/talent/enterprise-points/${r.enterpriseId}`}>{v}</Link> },
    { title: t('cycle.notice.points'), dataIndex: 'points', align: 'right' as const, render: (v: number) => pts(v) },
    { title: t('cycle.notice.bonus'), dataIndex: 'evaluationBonus', align: 'right' as const, render: (v: number | null) => pts(v) },
    ...(b?.previousYear ? [{
      title: t('cycle.tiers.previous', { year: b.previousYear }), key: 'prev',
      render: (_: unknown, r: Row) => (r.previous ? `${r.previous.tierLabel ? labelOf(r.previous.tierLabel, i18n.language) : '—'} · ${pts(r.previous.points)}` : '—'),
    }] : []),
    {
      title: t('cycle.tiers.move'), dataIndex: 'move', width: 100,
      render: (m: TierMove, r: Row) => <Flex gap={4}><Tag color={MOVE_COLOR[m]} data-testid="tier-move" data-move={m}>{MOVE_ARROW[m]} {t(`cycle.tiers.moves.${m}`)}</Tag>{r.corrected && <Tag color="orange">{t('cycle.notice.corrected')}</Tag>}</Flex>,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('cycle.tiers.title')}
        extra={
          <Flex gap={8}>
            <Select value={year} onChange={(y) => setSp({ year: String(y) })} style={{ width: 110 }} options={published.map((c) => ({ value: c.year, label: String(c.year) }))} data-testid="tiers-year" />
            {year && can('talent.cycle.read') && <DownloadButton path={`/api/talent/tiers/${year}/export.xlsx`} fileName={`企业档次-${year}.xlsx`} testId="tiers-export" />}
          </Flex>
        }
      />
      {!year ? <Empty description={t('cycle.tiers.none')} /> : (
        <Flex vertical gap={12}>
          <Alert type="info" showIcon message={t('cycle.tiers.hint')} />
          {board.error ? <ErrorAlert error={board.error} /> : null}
          {b && (
            <div className="zz-card">
              <Flex vertical gap={8}>
                <Typography.Text strong data-testid="tiers-summary">{t('cycle.tiers.summary', b.moves)}</Typography.Text>
                <Typography.Text type="secondary">{t('cycle.tiers.chart')}</Typography.Text>
                {option && <EChart option={option} height={260} testId="tiers-chart" onClick={(p) => setTier(b.tiers[p.dataIndex]?.tier ?? null)} />}
              </Flex>
            </div>
          )}
          <div className="zz-card">
            <Flex gap={8} style={{ marginBottom: 8 }} wrap>
              <Tag.CheckableTag checked={!tier} onChange={() => setTier(null)}>{t('cycle.objections.all')}</Tag.CheckableTag>
              {(b?.tiers ?? []).map((x) => (
                <Tag.CheckableTag key={x.tier} checked={tier === x.tier} onChange={() => setTier(x.tier)}>{labelOf(x.label, i18n.language)} {x.count}</Tag.CheckableTag>
              ))}
            </Flex>
            <Table<Row> rowKey="enterpriseId" size="small" loading={board.isFetching} columns={columns} dataSource={rows} pagination={{ pageSize: 50, showSizeChanger: false }} data-testid="tiers-table" />
          </div>
        </Flex>
      )}
    </>
  );
}
