import { useState } from 'react';
import { App, Button, Card, Drawer, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { MaskedValue } from '../../../ui/MaskedValue';
import { formatDateTime } from '../../../ui/format';
import {
  capabilityTree, directoryKeys, formatDistance, OUTCOME_COLORS, recommend, recordOutcome, revealProviderPhone, useCapabilities, useRecommendations,
  type NearestResult, type Recommendation,
} from './api';
import { NearbyMap } from './NearbyMap';

/** Where a search starts: the request (its enterprise) or an enterprise. */
export type NearbyOrigin = { requestId: string; enterpriseId?: undefined; label: string } | { enterpriseId: string; requestId?: undefined; label: string };

/**
 * 附近资源: the nearest providers of a capability to the request's (or enterprise's) location,
 * a list with distances and a small map; "推荐" records the recommendation (on the request's
 * timeline). Needs service.directory.read; recording needs service.recommend.
 */
export function NearbyDrawer({ origin, open, onClose, defaultCapability }: { origin: NearbyOrigin; open: boolean; onClose: () => void; defaultCapability?: string }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const caps = useCapabilities();
  const [capability, setCapability] = useState<string | undefined>(defaultCapability);
  const [limit, setLimit] = useState(10);
  const [target, setTarget] = useState<NearestResult['providers'][number] | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const query = { requestId: origin.requestId, enterpriseId: origin.enterpriseId, capability, limit };
  const nearest = useQuery({
    queryKey: directoryKeys.nearest(query),
    queryFn: () => api.get<NearestResult>('/api/service/directory/nearest', query),
    enabled: open,
  });
  const save = async () => {
    if (!target) return;
    setSaving(true);
    try {
      await recommend({ providerId: target.id, capabilityCode: capability ?? target.capabilities[0]!.code, requestId: origin.requestId ?? null, enterpriseId: origin.enterpriseId ?? null, note });
      message.success(t('nearby.recommended'));
      setTarget(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      await qc.invalidateQueries({ queryKey: ['service'] });
    } catch (e) {
      Modal.error({ title: t('nearby.recommend'), content: <ErrorAlert error={e} /> });
    } finally {
      setSaving(false);
    }
  };
  const data = nearest.data;
  return (
    <Drawer open={open} onClose={onClose} size={760} title={t('nearby.title', { name: origin.label })} destroyOnHidden data-testid="nearby-drawer">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('nearby.capability')}</span>
        <TreeSelect
          style={{ width: 260 }} allowClear treeDefaultExpandAll placeholder={t('nearby.anyCapability')} value={capability} onChange={(v) => setCapability(v ?? undefined)}
          treeData={capabilityTree(caps.data ?? [])} data-testid="nearby-capability" showSearch treeNodeFilterProp="title"
        />
        <span>{t('nearby.limit')}</span>
        <InputNumber min={1} max={50} value={limit} onChange={(v) => setLimit(v ?? 10)} style={{ width: 80 }} />
      </Space>
      {nearest.error ? <ErrorAlert error={nearest.error} onRetry={() => void nearest.refetch()} /> : null}
      {data ? (
        data.providers.length ? (
          <>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('nearby.map')}</Typography.Text>
            <NearbyMap result={data} />
            <Table
              size="small" rowKey="id" pagination={false} style={{ marginTop: 12 }} dataSource={data.providers} data-testid="nearby-table"
              columns={[
                { title: '#', width: 36, render: (_, __, i) => i + 1 },
                {
                  title: t('field.name'), render: (_, p) => (
                    <>
                      <Typography.Text strong>{p.name}</Typography.Text> <Tag>{t(`kind.${p.kind}`)}</Tag>
                      <div style={{ fontSize: 12, color: '#888' }}>{p.address} · {p.openingHours}</div>
                      <div>{p.capabilities.map((c) => <Tag key={c.code} color="blue" style={{ marginTop: 2 }}>{c.name}</Tag>)}</div>
                      {p.recommendedBefore ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('nearby.before', { n: p.recommendedBefore })}</Typography.Text> : null}
                    </>
                  ),
                },
                { title: t('field.distance'), width: 90, render: (_, p) => <span data-testid="nearby-distance">{formatDistance(p.distanceM)}</span> },
                {
                  title: t('field.contactPhone'), width: 150, render: (_, p) => (
                    <>{p.contactName}<br /><MaskedValue masked={p.contactPhone} canReveal={can('personal.reveal')} reveal={async () => (await revealProviderPhone(p.id)).contactPhone} /></>
                  ),
                },
                ...(can('service.recommend') ? [{
                  title: '', width: 80, render: (_: unknown, p: NearestResult['providers'][number]) => (
                    <Button size="small" type="primary" onClick={() => setTarget(p)} data-testid="nearby-recommend">{t('nearby.recommend')}</Button>
                  ),
                }] : []),
              ]}
            />
          </>
        ) : <Empty description={t('nearby.none')} />
      ) : null}
      <Modal open={!!target} title={target ? t('nearby.recommendTitle', { name: target.name }) : ''} onCancel={() => setTarget(null)} onOk={() => void save()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'recommend-ok' } as never}>
        <Form layout="vertical">
          <Form.Item label={t('nearby.recommendNote')}>
            <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="recommend-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** The recommendations of a request or an enterprise, with "helped / did not help" for those awaiting feedback. */
export function RecommendationList({ requestId, enterpriseId, showEnterprise = false }: { requestId?: string; enterpriseId?: string; showEnterprise?: boolean }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const recs = useRecommendations({ requestId, enterpriseId });
  const [target, setTarget] = useState<{ rec: Recommendation; outcome: 'helped' | 'not_helped' } | null>(null);
  const [note, setNote] = useState('');
  const save = async () => {
    if (!target) return;
    try {
      await recordOutcome(target.rec.id, { outcome: target.outcome, note, version: target.rec.version });
      message.success(t('recs.outcomeSaved'));
      setTarget(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      await qc.invalidateQueries({ queryKey: ['service'] });
    } catch (e) {
      Modal.error({ title: t('field.outcome'), content: <ErrorAlert error={e} /> });
    }
  };
  if (recs.error) return <ErrorAlert error={recs.error} onRetry={() => void recs.refetch()} />;
  return (
    <>
      <Table
        size="small" rowKey="id" loading={recs.isLoading} dataSource={recs.data ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="recommendation-list"
        locale={{ emptyText: t('recs.empty') }}
        columns={[
          { title: t('field.provider'), render: (_, r) => <>{r.provider.name} <Tag>{r.capabilityName}</Tag></> },
          ...(showEnterprise ? [{ title: t('field.enterprise'), render: (_: unknown, r: Recommendation) => r.enterpriseName }] : []),
          { title: t('field.request'), width: 80, render: (_, r) => (r.requestNumber ? <Link to={`/service/requests/${r.requestId}`}>{r.requestNumber}</Link> : '—') },
          { title: t('field.distance'), width: 80, render: (_, r) => formatDistance(r.distanceM) },
          { title: t('field.recommendedAt'), width: 150, render: (_, r) => <>{formatDateTime(r.recommendedAt)}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.recommendedByName}</Typography.Text></> },
          {
            title: t('field.outcome'), width: 200, render: (_, r) => (
              <Space direction="vertical" size={2}>
                <Tag color={OUTCOME_COLORS[r.outcome]} data-testid="recommendation-outcome">{t(`outcome.${r.outcome}`)}</Tag>
                {r.outcomeNote ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.outcomeNote}</Typography.Text> : null}
                {r.outcome === 'pending' && can('service.recommend') ? (
                  <Space size={4}>
                    <Button size="small" onClick={() => setTarget({ rec: r, outcome: 'helped' })} data-testid="outcome-helped">{t('recs.helped')}</Button>
                    <Button size="small" onClick={() => setTarget({ rec: r, outcome: 'not_helped' })}>{t('recs.notHelped')}</Button>
                  </Space>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!target} title={target ? `${target.rec.provider.name} · ${t(`outcome.${target.outcome}`)}` : ''} onCancel={() => setTarget(null)} onOk={() => void save()} okButtonProps={{ 'data-testid': 'outcome-ok' } as never}>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('recs.outcomeNote')} />
      </Modal>
    </>
  );
}

/** The request page's card: the button that opens the drawer, and the request's recommendations. */
export function RequestResourcesCard({ requestId, enterpriseName, categoryId }: { requestId: string; enterpriseName: string; categoryId: string | null }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [open, setOpen] = useState(false);
  // a request in the 检测认证 category starts with the 检验检测 capability
  const suggested = categoryId?.startsWith('testing') ? 'testing' : undefined;
  return (
    <Card
      size="small" style={{ marginBottom: 12 }} title={t('recs.title')} data-testid="request-resources"
      extra={<Button type="primary" ghost onClick={() => setOpen(true)} data-testid="open-nearby">{t('nearby.button')}</Button>}
    >
      <RecommendationList requestId={requestId} />
      <NearbyDrawer origin={{ requestId, label: enterpriseName }} open={open} onClose={() => setOpen(false)} defaultCapability={suggested} />
    </Card>
  );
}
