import { useState } from 'react';
import { App, Button, Col, Descriptions, Flex, Row, Statistic, Tabs, Tag, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan, useCurrentUser } from '../../../auth/session';
import { CHART_COLORS, EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatWan } from '../../../ui/format';
import { UploadIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { useParks } from '../../../ui/reference';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { useTableQuery } from '../../../ui/useTableQuery';
import { BASE, type MatchItem, type Policy } from './api';
import { criterionText } from './criteria-text';
import { ExplainDrawer } from './ExplainDrawer';
import { GrantListPanel } from './GrantListPanel';
import { STATUS_COLOR } from './PolicyListPage';

function MatchTable({ policyId, outcome, onWhy }: { policyId: string; outcome: 'eligible' | 'nearly'; onWhy: (id: string) => void }) {
  const { t } = useTranslation('service');
  const tq = useTableQuery({ prefix: outcome === 'eligible' ? 'me' : 'mn', filterKeys: [] });
  const fields = (xs: string[]) => xs.map((f) => t(`benefits.fields.${f}`)).join('、') || '—';
  const columns: ServerColumn<MatchItem>[] = [
    { title: t('benefits.col.enterprise'), dataIndex: 'enterpriseName', render: (_, m) => <Link to={`/enterprises/${m.enterpriseId}`}>{m.enterpriseName}</Link> },
    { title: t('benefits.col.park'), dataIndex: 'parkName', width: 180, render: (v: string | null) => v ?? '—' },
    ...(outcome === 'nearly' ? [
      { title: t('benefits.col.missing'), render: (_: unknown, m: MatchItem) => <Typography.Text type="warning">{fields(m.missing)}</Typography.Text> },
      { title: t('benefits.col.failed'), render: (_: unknown, m: MatchItem) => fields(m.failed) },
    ] : []),
    { title: '', width: 90, render: (_, m) => <Button size="small" onClick={() => onWhy(m.enterpriseId)} data-testid="match-why">{t('benefits.why')}</Button> },
  ];
  return <ServerTable<MatchItem> rowKey="enterpriseId" queryKey={['benefits', 'matches', policyId, outcome]} path={`${BASE}/policies/${policyId}/matches`} extraQuery={{ outcome }} tableQuery={tq} columns={columns} />;
}

/** A policy: its interpretation, criteria, attachments, who matches (and why), and for 免申即享 the grant list. */
export function PolicyDetailPage() {
  const { t } = useTranslation('service');
  const { id = '' } = useParams();
  const can = useCan();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const [why, setWhy] = useState<string | null>(null);
  const parks = useParks(can('park.read'));
  const parkNames = Object.fromEntries((parks.data ?? []).map((p) => [p.id, p.name]));
  const q = useQuery({
    queryKey: ['benefits', 'policy', id],
    queryFn: () => api.get<Policy>(`${BASE}/policies/${id}`),
    refetchInterval: (query) => (query.state.data?.matching ? 1500 : false),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['benefits'] });
  const publish = useMutation({ mutationFn: (version: number) => api.post<Policy>(`${BASE}/policies/${id}/publish`, { version }), onSuccess: () => { message.success(t('benefits.published')); void refresh(); } });
  const expire = useMutation({ mutationFn: (version: number) => api.post<Policy>(`${BASE}/policies/${id}/expire`, { version }), onSuccess: refresh });
  const upload = useMutation({ mutationFn: (file: File) => api.upload(`${BASE}/policies/${id}/attachments`, file), onSuccess: refresh });
  if (q.isLoading) return <PageLoading />;
  if (!q.data) return <LoadError error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  const manage = can('benefit.manage') && p.status !== 'expired';
  const office = can('benefit.read');
  const error = publish.error ?? expire.error ?? upload.error;
  return (
    <>
      <PageHeader
        title={p.title}
        back={office ? '/service/benefits/policies' : '/service/benefits/mine'}
        tags={<>
          <Tag color={STATUS_COLOR[p.status]} data-testid="policy-status">{t(`benefits.status.${p.status}`)}</Tag>
          {p.autoGrant ? <Tag color="gold">{t('benefits.autoGrant')}</Tag> : null}
        </>}
        extra={manage ? (
          <Flex gap={8}>
            <Link to={`/service/benefits/policies/${id}/edit`}><Button>{t('common:action.edit')}</Button></Link>
            {p.status === 'draft' ? (
              <Button type="primary" data-testid="policy-publish" loading={publish.isPending}
                onClick={() => modal.confirm({ title: t('benefits.publish'), content: t('benefits.publishConfirm'), onOk: () => publish.mutateAsync(p.version) })}>
                {t('benefits.publish')}
              </Button>
            ) : null}
            <Button danger onClick={() => modal.confirm({ title: t('benefits.expire'), content: t('benefits.expireConfirm'), onOk: () => expire.mutateAsync(p.version) })}>{t('benefits.expire')}</Button>
          </Flex>
        ) : me.scope.enterpriseId ? (
          <Button onClick={() => setWhy(me.scope.enterpriseId)} data-testid="policy-why-mine">{t('benefits.why')}</Button>
        ) : null}
      />
      {error ? <ErrorAlert error={error} style={{ marginBottom: 12 }} /> : null}
      <div className="zz-card">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('benefits.field.issuer')}>{p.issuer}</Descriptions.Item>
          <Descriptions.Item label={t('benefits.field.documentNumber')}>{p.documentNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('benefits.field.publishedOn')}>{p.publishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('benefits.field.validFrom')}>{p.validFrom ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('benefits.field.validTo')}>{p.validTo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('benefits.field.benefitDescription')}>
            {p.benefitAmountFen !== null ? `${formatWan(p.benefitAmountFen)} ${t('benefits.wan')}` : ''} {p.benefitDescription}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{t('benefits.interpretation')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="policy-interpretation">{p.interpretation || '—'}</Typography.Paragraph>
        <Typography.Title level={5}>{t('benefits.criteria')}（{p.criteria.combine === 'all' ? t('benefits.field.combineAll') : t('benefits.field.combineAny')}）</Typography.Title>
        <ol data-testid="policy-criteria">{p.criteria.items.map((c, i) => <li key={i}>{criterionText(t, c, parkNames)}</li>)}</ol>
        <Typography.Title level={5}>{t('benefits.attachments')}</Typography.Title>
        <Flex gap={8} wrap align="center">
          {p.attachments.length === 0 ? <Typography.Text type="secondary">{t('benefits.noAttachments')}</Typography.Text> : null}
          {p.attachments.map((a) => <a key={a.id} href={`${BASE}/policies/${id}/attachments/${a.id}?inline=true`} target="_blank" rel="noreferrer">{a.name}</a>)}
          {manage ? (
            <Upload showUploadList={false} accept=".pdf,.png,.jpg,.jpeg" beforeUpload={(f) => { upload.mutate(f); return false; }}>
              <Button size="small" icon={<UploadIcon />} loading={upload.isPending}>{t('benefits.upload')}</Button>
            </Upload>
          ) : null}
        </Flex>
      </div>
      {office ? (
        <div className="zz-card" style={{ marginTop: 12 }}>
          <Row gutter={16} align="middle">
            <Col xs={24} md={8}>
              <Row gutter={[12, 12]}>
                <Col span={8}><Statistic title={t('benefits.col.eligible')} value={p.matching ? '…' : p.counts.eligible} data-testid="count-eligible" /></Col>
                <Col span={8}><Statistic title={t('benefits.col.nearly')} value={p.matching ? '…' : p.counts.nearly} /></Col>
                <Col span={8}><Statistic title={t('benefits.col.notified')} value={p.counts.notified} /></Col>
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="matching-state">
                {p.matching ? t('benefits.matching') : t('benefits.matchedAt', { at: formatDateTime(p.matchedAt) })}
              </Typography.Text>
            </Col>
            <Col xs={24} md={16}>
              <EChart
                height={160} testId="policy-counts-chart"
                option={{
                  color: CHART_COLORS, tooltip: { trigger: 'axis' }, grid: { left: 90, right: 24, top: 8, bottom: 24 },
                  yAxis: { type: 'category', data: [t('benefits.col.notified'), t('benefits.col.nearly'), t('benefits.col.eligible')] },
                  xAxis: { type: 'value', minInterval: 1 },
                  series: [{ type: 'bar', barMaxWidth: 24, data: [p.counts.notified, p.counts.nearly, p.counts.eligible], itemStyle: { color: (x: { dataIndex: number }) => [CHART_COLORS[6], CHART_COLORS[2], CHART_COLORS[1]][x.dataIndex] } }],
                }}
              />
            </Col>
          </Row>
          <Tabs
            items={[
              { key: 'eligible', label: `${t('benefits.col.eligible')}（${p.counts.eligible}）`, children: <MatchTable policyId={id} outcome="eligible" onWhy={setWhy} /> },
              { key: 'nearly', label: `${t('benefits.col.nearly')}（${p.counts.nearly}）`, children: <MatchTable policyId={id} outcome="nearly" onWhy={setWhy} /> },
              ...(p.autoGrant ? [{ key: 'grant', label: <span data-testid="tab-grant">{t('benefits.grant.title')}</span>, children: <GrantListPanel policy={p} /> }] : []),
            ]}
          />
        </div>
      ) : null}
      <ExplainDrawer policyId={id} enterpriseId={why} onClose={() => setWhy(null)} />
    </>
  );
}
