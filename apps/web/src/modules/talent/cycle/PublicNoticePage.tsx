import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Flex, Input, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { LocaleSwitch } from '../../../ui/LocaleSwitch';
import { PageLoading } from '../../../ui/PageLoading';
import { labelOf } from '../scoring/api';
import { cycleKeys, pts, type PublicNotice } from './api';

type Row = PublicNotice['items'][number];

/**
 * 公示 — the public notice, readable without login: the year's ranking of talents (names masked as
 * official notices print them) and of enterprises with their tiers, the notice period in working
 * days, and how to object. Only what GET /api/public/talent-notice returns, which is all a notice may show.
 */
export function PublicNoticePage() {
  const { t, i18n } = useTranslation('talent');
  const [sp, setSp] = useSearchParams();
  const year = sp.get('year') ? Number(sp.get('year')) : undefined;
  const [list, setList] = useState<'talents' | 'enterprises'>('talents');
  const [page, setPage] = useState(1);
  const [enterprise, setEnterprise] = useState('');
  useEffect(() => setPage(1), [list, enterprise, year]);
  const q = useQuery({
    queryKey: [...cycleKeys.notice, year, list, page, enterprise],
    queryFn: () => api.get<PublicNotice>('/api/public/talent-notice', { year, list, page, pageSize: 50, enterprise: enterprise || undefined }, { allow401: true }),
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    if (q.data?.notice) document.title = t('cycle.notice.title', { year: q.data.notice.year });
  }, [q.data?.notice, t]);
  if (q.isPending) return <PageLoading fullScreen />;
  const data = q.data;
  const n = data?.notice;
  const columns = [
    { title: t('cycle.notice.rank'), dataIndex: 'rank', width: 80 },
    { title: list === 'talents' ? t('cycle.notice.name') : t('cycle.notice.enterpriseName'), dataIndex: 'name', render: (v: string, r: Row) => <span data-testid="notice-name">{v}{r.corrected && <Tooltip title={t('cycle.notice.corrected')}><Tag color="orange" style={{ marginLeft: 6 }}>{t('cycle.notice.corrected')}</Tag></Tooltip>}</span> },
    ...(list === 'talents' ? [{ title: t('cycle.notice.enterpriseName'), dataIndex: 'enterpriseName' }] : []),
    { title: t('cycle.notice.points'), dataIndex: 'points', align: 'right' as const, render: (v: number) => pts(v) },
    ...(list === 'enterprises'
      ? [
          { title: t('cycle.notice.tier'), dataIndex: 'tier', render: (v: Row['tier']) => (v ? <Tag color="blue">{labelOf(v, i18n.language)}</Tag> : '—') },
          { title: t('cycle.notice.bonus'), dataIndex: 'evaluationBonus', align: 'right' as const, render: (v: number | null) => pts(v) },
        ]
      : []),
  ];
  return (
    <div style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <div style={{ background: '#b71c1c', color: '#fff', padding: '18px 24px' }}>
        <Flex justify="space-between" align="center" style={{ maxWidth: 1100, margin: '0 auto' }}>
          <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="notice-title">
            {n ? t('cycle.notice.title', { year: n.year }) : t('cycle.menu.notice')}
          </Typography.Title>
          <LocaleSwitch persist={false} />
        </Flex>
      </div>
      <div style={{ maxWidth: 1100, margin: '16px auto', padding: '0 16px' }}>
        {q.error ? <ErrorAlert error={q.error} /> : null}
        {!n || !data ? (
          <Empty description={t('cycle.notice.none')} />
        ) : (
          <Flex vertical gap={12}>
            <div className="zz-card">
              <Flex vertical gap={8}>
                <Flex justify="space-between" wrap gap={8} align="center">
                  <Flex gap={8} align="center">
                    <Tag color={n.status === 'final' ? 'green' : 'red'} data-testid="notice-status">{t(`cycle.notice.status.${n.status}`)}</Tag>
                    <Typography.Text strong data-testid="notice-period">{t('cycle.notice.period', { from: n.startsOn, to: n.endsOn, days: n.workdays })}</Typography.Text>
                    {n.status === 'notice' && n.phase !== 'ended' && <Tag color="orange">{t('cycle.dashboard.left', { n: n.workdaysLeft })}</Tag>}
                  </Flex>
                  <Select
                    value={n.year}
                    style={{ width: 140 }}
                    onChange={(y) => setSp({ year: String(y) })}
                    options={data.years.map((y) => ({ value: y.year, label: `${y.year} · ${t(`cycle.notice.status.${y.status}`)}` }))}
                    data-testid="notice-year"
                  />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cycle.dashboard.calendarNote')}</Typography.Text>
                <Typography.Text>{t('cycle.notice.schemes', {
                  personal: labelOf(n.schemes.personal.name, i18n.language), pv: n.schemes.personal.version,
                  enterprise: labelOf(n.schemes.enterprise.name, i18n.language), ev: n.schemes.enterprise.version, asOf: n.pointsAsOf ?? '—',
                })}</Typography.Text>
                <Typography.Text>{t('cycle.notice.counts', { talents: n.counts.talents, enterprises: n.counts.enterprises, answered: n.counts.objectionsAnswered, upheld: n.counts.objectionsUpheld })}</Typography.Text>
                {n.status === 'notice' && (
                  <Alert
                    type="warning"
                    showIcon
                    message={t('cycle.notice.howToObject')}
                    description={
                      <Flex vertical gap={6}>
                        {n.objectionChannel && <span data-testid="notice-channel">{n.objectionChannel}</span>}
                        <Link to="/talent/objections"><Button size="small" type="primary" data-testid="notice-object">{t('cycle.notice.objectOnline')}</Button></Link>
                      </Flex>
                    }
                  />
                )}
                <Typography.Text type="secondary">{t('cycle.notice.masking')}</Typography.Text>
              </Flex>
            </div>
            <div className="zz-card">
              <Flex vertical gap={8}>
                <Flex justify="space-between" wrap gap={8}>
                  <Segmented
                    value={list}
                    onChange={(v) => setList(v as 'talents' | 'enterprises')}
                    options={[{ value: 'talents', label: t('cycle.notice.talents') }, { value: 'enterprises', label: t('cycle.notice.enterprises') }]}
                    data-testid="notice-list"
                  />
                  <Input.Search allowClear placeholder={t('cycle.notice.searchEnterprise')} onSearch={setEnterprise} style={{ width: 260 }} data-testid="notice-search" />
                </Flex>
                <Table<Row>
                  size="small"
                  rowKey={(r) => `${r.rank}-${r.name}-${r.enterpriseName ?? ''}`}
                  columns={columns}
                  dataSource={data.items}
                  loading={q.isFetching}
                  pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: setPage }}
                  data-testid="notice-table"
                />
              </Flex>
            </div>
          </Flex>
        )}
      </div>
    </div>
  );
}
