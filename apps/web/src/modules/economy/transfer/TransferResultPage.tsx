import { useState } from 'react';
import { Button, Card, Descriptions, Progress, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageLoading } from '../../../ui/PageLoading';
import { priceRange, fmtWan, useDeals, useMatches, useResult, type Deal, type Match, type MatchFactor } from './api';
import { DealModal, type DealAction } from './DealModal';
import { STATUS_COLOR } from './TransferListPage';

export const STAGE_COLOR = { contacted: 'blue', negotiating: 'orange', landed: 'green', failed: 'default' } as const;

function Factors({ factors }: { factors: MatchFactor[] }) {
  const { t, i18n } = useTranslation('economy');
  const en = i18n.language.startsWith('en');
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }}>
      {factors.map((f) => (
        <div key={f.key} data-testid={`factor-${f.key}`} style={{ display: 'grid', gridTemplateColumns: '88px 120px 1fr', gap: 8, alignItems: 'center' }}>
          <Typography.Text>{t(`transfer.factors.${f.key}`)}</Typography.Text>
          <Progress percent={Math.round(f.fraction * 100)} size="small" format={() => `${f.points}/${f.weight}`} />
          <Typography.Text type="secondary">{en ? f.reasonEn : f.reason}</Typography.Text>
        </div>
      ))}
    </Space>
  );
}

/** One research result: what it is, the enterprises it matches (score per factor), the contacts and their outcome. */
export function TransferResultPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const canWrite = !!me?.permissions.includes('economy.transfer.write');
  const r = useResult(id);
  const m = useMatches(id);
  const d = useDeals(id);
  const [action, setAction] = useState<DealAction | null>(null);
  if (r.isLoading) return <PageLoading />;
  if (r.error || !r.data) return <ErrorAlert error={r.error} onRetry={() => r.refetch()} />;
  const res = r.data;
  const open = res.status !== 'withdrawn';
  return (
    <div data-testid="transfer-result">
      <PageHeader title={res.title} subTitle={res.labName} back="/economy/transfer"
        tags={<Tag color={STATUS_COLOR[res.status]} data-testid="transfer-result-status">{t(`transfer.statuses.${res.status}`)}</Tag>}
        extra={canWrite && open ? <Button onClick={() => setAction({ kind: 'prospect' })}>{t('transfer.contactProspect')}</Button> : null} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('transfer.field')}>{t(`transfer.fields.${res.field}`)}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.maturity')}>TRL {res.maturity}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.offeredOn')}>{res.offeredOn}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.modes')}>{res.modes.map((x) => <Tag key={x}>{t(`transfer.modeNames.${x}`)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={`${t('transfer.price')}（${t('unit.wan')}）`}>{priceRange(res.priceMinWan, res.priceMaxWan)}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.industries')}>{res.industryNames.map((n) => <Tag key={n}>{n}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.keywords')}>{res.keywords.map((k) => <Tag key={k} color="geekblue">{k}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('transfer.summary')} span={2}>{res.summary || '—'}</Descriptions.Item>
          </Descriptions>
          {res.patents.length ? (
            <Table size="small" rowKey="number" pagination={false} dataSource={res.patents} style={{ marginTop: 8 }}
              columns={[
                { title: t('transfer.patentNumber'), dataIndex: 'number', width: 200 },
                { title: t('transfer.patentTitle'), dataIndex: 'title' },
                { title: t('transfer.patentKind'), dataIndex: 'kind', width: 120, render: (k: string) => t(`transfer.patentKinds.${k}`) },
              ]} />
          ) : null}
        </Card>

        <Card size="small" title={t('transfer.deals')} data-testid="transfer-deals">
          {d.error ? <ErrorAlert error={d.error} /> : null}
          <Table<Deal>
            rowKey="id" size="small" pagination={false} loading={d.isLoading} dataSource={d.data ?? []} locale={{ emptyText: t('transfer.noDeals') }}
            expandable={{ expandedRowRender: (deal) => (
              <Timeline items={deal.events.map((e) => ({ color: e.kind === 'landed' ? 'green' : e.kind === 'failed' ? 'gray' : 'blue',
                children: <><Typography.Text strong>{e.happenedOn} {t(`transfer.eventKinds.${e.kind}`)}</Typography.Text> {e.note} <Typography.Text type="secondary">（{e.recordedBy}）</Typography.Text></> }))} />
            ), expandedRowKeys: (d.data ?? []).map((x) => x.id), showExpandColumn: false }}
            columns={[
              { title: t('transfer.enterprise'), dataIndex: 'enterpriseName', render: (n: string, deal) => (deal.enterpriseId ? <Link to={`/enterprises/${deal.enterpriseId}`}>{n}</Link> : <>{n} <Tag>{t('transfer.prospect')}</Tag></>) },
              { title: t('transfer.stage'), dataIndex: 'stage', width: 100, render: (s: Deal['stage']) => <Tag color={STAGE_COLOR[s]} data-testid="transfer-deal-stage">{t(`transfer.stages.${s}`)}</Tag> },
              { title: t('transfer.scoreAtContact'), dataIndex: 'scoreAtContact', width: 110, align: 'right', render: (s: number | null) => s ?? '—' },
              { title: t('transfer.landedIn'), key: 'landed', render: (_: unknown, deal) => deal.landedEnterpriseId ? (
                <Space size={4}><Link to={`/enterprises/${deal.landedEnterpriseId}`} data-testid="transfer-landed-enterprise">{deal.landedEnterpriseName}</Link>{deal.newEnterprise ? <Tag color="green">{t('transfer.newEnterprise')}</Tag> : null}
                  <Typography.Text type="secondary">{deal.landedOn} · {deal.mode ? t(`transfer.modeNames.${deal.mode}`) : ''} · {fmtWan(deal.valueWan)} {t('unit.wan')}</Typography.Text></Space>) : '—' },
              ...(canWrite ? [{ title: '', key: 'actions', width: 260, render: (_: unknown, deal: Deal) => (deal.stage === 'landed' || deal.stage === 'failed' ? null : (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setAction({ kind: 'event', deal })}>{t('transfer.recordEvent')}</Button>
                  <Button size="small" type="link" onClick={() => setAction({ kind: 'land', deal })} data-testid="transfer-land">{t('transfer.land')}</Button>
                  <Button size="small" type="link" danger onClick={() => setAction({ kind: 'fail', deal })}>{t('transfer.fail')}</Button>
                </Space>)) }] : []),
            ]}
          />
        </Card>

        <Card size="small" title={t('transfer.matches')} data-testid="transfer-matches"
          extra={m.data ? <Typography.Text type="secondary">{t('transfer.matchesNote', { candidates: m.data.candidates })}</Typography.Text> : null}>
          {m.error ? <ErrorAlert error={m.error} /> : null}
          <Table<Match>
            rowKey="enterpriseId" size="small" loading={m.isLoading} dataSource={m.data?.matches ?? []} pagination={false}
            expandable={{ expandedRowRender: (x) => <Factors factors={x.factors} />, rowExpandable: () => true }}
            columns={[
              { title: t('transfer.enterprise'), dataIndex: 'name', render: (n: string, x) => <Space size={4}><Link to={`/enterprises/${x.enterpriseId}`}>{n}</Link>{x.highTech ? <Tag color="gold">{t('transfer.highTech')}</Tag> : null}</Space> },
              { title: t('transfer.industry'), key: 'industry', width: 220, render: (_: unknown, x) => `${x.industryCode} ${x.industryName}` },
              { title: t('transfer.score'), dataIndex: 'score', width: 200, render: (s: number, x) => (
                <Tooltip title={x.factors.map((f) => `${t(`transfer.factors.${f.key}`)} ${f.points}/${f.weight}`).join('；')}>
                  <Progress percent={s} size="small" format={() => s.toFixed(1)} data-testid="transfer-score" />
                </Tooltip>) },
              { title: '', key: 'action', width: 140, render: (_: unknown, x) => (x.dealStage ? <Tag color={STAGE_COLOR[x.dealStage]}>{t(`transfer.stages.${x.dealStage}`)}</Tag>
                : canWrite && open ? <Button size="small" onClick={() => setAction({ kind: 'contact', match: x })} data-testid="transfer-contact">{t('transfer.recordContact')}</Button> : null) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('transfer.method')}</Typography.Paragraph>
        </Card>
      </Space>
      {action ? <DealModal resultId={id} result={res} action={action} onClose={() => setAction(null)} /> : null}
    </div>
  );
}
