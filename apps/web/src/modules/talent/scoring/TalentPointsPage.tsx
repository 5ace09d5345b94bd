import { Button, Flex, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan, useCurrentUser } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { PageHeader } from '../../../ui/PageHeader';
import { SearchBox } from '../../../ui/SearchBox';
import { EnterpriseSelect } from '../../../ui/selects/EnterpriseSelect';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { useTableQuery } from '../../../ui/useTableQuery';
import { labelOf, pointsKeys, type ScoreList, type ScoreListItem } from './api';

export const TALENT_POINTS_FILTER_KEYS = ['q', 'enterprise', 'minTotal', 'maxTotal', 'item', 'passed'] as const;

/**
 * 人才积分: the current points of the talents in scope under the version in effect, filtered by
 * enterprise, points band ([min, max), as the distribution bins them: a bar of the histogram opens
 * this page on its band) and scoring item (talents with points in it), exported with every item.
 */
export function TalentPointsPage() {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const me = useCurrentUser();
  const can = useCan();
  const tq = useTableQuery({ filterKeys: TALENT_POINTS_FILTER_KEYS, defaultSort: { sort: 'total', order: 'desc' } });
  const f = tq.filters;
  // The version, its day and its items (for the item filter): the first row of the same list.
  const head = useQuery({
    queryKey: [...pointsKeys.scoreList, 'head'],
    queryFn: () => api.get<ScoreList>('/api/talent/scores', { pageSize: 1 }),
  });
  const items = head.data?.schemeItems ?? [];
  const itemLabel = items.find((i) => i.itemId === f.item)?.label;
  const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));

  const columns: ServerColumn<ScoreListItem>[] = [
    {
      title: t('field.name'), dataIndex: 'name', sortKey: 'name',
      render: (n: string, r) => <Link to={`/talent/talents/${r.talentId}`} data-testid="points-talent-link">{n}</Link>,
    },
    ...(me.scope.enterpriseId ? [] : [{ title: t('field.enterprise'), dataIndex: 'enterpriseName', render: (n: string | null) => n ?? '—' }]),
    { title: t('points.score.total'), dataIndex: 'total', sortKey: 'total', align: 'right' as const },
    ...(itemLabel ? [{ title: labelOf(itemLabel, locale), dataIndex: 'itemPoints', align: 'right' as const, render: (p: number | null) => p ?? '—' }] : []),
    {
      title: t('points.list.passed'), dataIndex: 'passed',
      render: (p: boolean | null, r: ScoreListItem) => (
        <Space size={4}>
          {p === true ? <Tag color="green">{t('points.score.passed')}</Tag> : p === false ? <Tag>{t('points.score.notPassed')}</Tag> : <Tag color="orange">{t('points.score.undecided')}</Tag>}
          {r.complete ? null : <Typography.Text type="secondary">{t('points.enterprise.incomplete')}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('points.score.asOf'), dataIndex: 'asOf' },
  ];

  return (
    <>
      <PageHeader
        title={t('points.list.title')}
        subTitle={head.data?.scheme ? `${labelOf(head.data.scheme.name, locale)} · ${head.data.scheme.version} · ${t('points.score.asOf')} ${head.data.asOf ?? '—'}` : undefined}
        extra={can('talent.export') ? (
          <DownloadButton path="/api/talent/scores/export.xlsx" query={tq.filterQuery} fileName="人才积分.xlsx" testId="points-export" />
        ) : null}
      />
      <div className="zz-card">
        <Flex wrap gap={8} className="zz-filters" align="center">
          <SearchBox value={f.q} onSearch={(q) => tq.setFilters({ q })} placeholder={t('list.searchPlaceholder')} width={220} testId="points-search" />
          {!me.scope.enterpriseId && can('enterprise.read') ? (
            <EnterpriseSelect
              value={f.enterprise ?? null}
              onChange={(v) => tq.setFilters({ enterprise: v ?? undefined })}
              placeholder={t('field.enterprise')}
              style={{ width: 240 }}
              testId="points-filter-enterprise"
            />
          ) : null}
          <Space.Compact>
            <InputNumber
              value={num(f.minTotal)}
              onChange={(v) => tq.setFilters({ minTotal: v === null ? undefined : String(v) })}
              placeholder={t('points.list.minTotal')}
              style={{ width: 110 }}
              data-testid="points-min"
            />
            <InputNumber
              value={num(f.maxTotal)}
              onChange={(v) => tq.setFilters({ maxTotal: v === null ? undefined : String(v) })}
              placeholder={t('points.list.maxTotal')}
              style={{ width: 110 }}
              data-testid="points-max"
            />
          </Space.Compact>
          <Select
            allowClear
            value={f.item}
            onChange={(v) => tq.setFilters({ item: v })}
            placeholder={t('points.list.item')}
            options={items.map((i) => ({ value: i.itemId, label: labelOf(i.label, locale) }))}
            style={{ width: 160 }}
            data-testid="points-filter-item"
          />
          <Select
            allowClear
            value={f.passed}
            onChange={(v) => tq.setFilters({ passed: v })}
            placeholder={t('points.list.passed')}
            options={[
              { value: 'true', label: t('points.score.passed') },
              { value: 'false', label: t('points.score.notPassed') },
              { value: 'unknown', label: t('points.score.undecided') },
            ]}
            style={{ width: 130 }}
            data-testid="points-filter-passed"
          />
          {tq.filtered ? (
            <Button type="link" onClick={() => tq.reset()} data-testid="points-filter-reset">
              {t('common:action.reset')}
            </Button>
          ) : null}
        </Flex>
        <ServerTable<ScoreListItem>
          queryKey={pointsKeys.scoreList}
          path="/api/talent/scores"
          tableQuery={tq}
          columns={columns}
          rowKey="talentId"
          data-testid="talent-points-table"
        />
      </div>
    </>
  );
}
