import { useState } from 'react';
import { App, Button, Card, Col, Empty, InputNumber, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { EChart } from '../../../ui/EChart';
import { directoryKeys, type CoordinateSystem, type ParkFigures } from './api';
import { NearbyDrawer, RecommendationList } from './NearbyResources';
import { VisitFormModal, VisitList } from './VisitViews';

/** The enterprise's location (GCJ-02), entered in the system it was read in. */
function LocationCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const loc = useQuery({ queryKey: directoryKeys.location(enterpriseId), queryFn: () => api.get<{ lat: number | null; lng: number | null }>(`/api/service/directory/enterprises/${enterpriseId}/location`) });
  const [edit, setEdit] = useState<{ lat: number | null; lng: number | null; system: CoordinateSystem } | null>(null);
  const save = async () => {
    try {
      await api.put(`/api/service/directory/enterprises/${enterpriseId}/location`, { location: edit?.lat != null && edit.lng != null ? { lat: edit.lat, lng: edit.lng, system: edit.system } : null });
      message.success(t('location.saved'));
      setEdit(null);
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
    } catch (e) {
      message.error(<ErrorAlert error={e} />);
    }
  };
  if (loc.error) return <ErrorAlert error={loc.error} />;
  return (
    <Space wrap>
      <Typography.Text strong>{t('location.title')}：</Typography.Text>
      {edit ? (
        <>
          <InputNumber placeholder={t('field.lat')} value={edit.lat} onChange={(v) => setEdit({ ...edit, lat: v })} step={0.0001} style={{ width: 130 }} />
          <InputNumber placeholder={t('field.lng')} value={edit.lng} onChange={(v) => setEdit({ ...edit, lng: v })} step={0.0001} style={{ width: 130 }} />
          <Select value={edit.system} onChange={(system) => setEdit({ ...edit, system })} style={{ width: 200 }} options={(['gcj02', 'wgs84', 'bd09'] as const).map((s) => ({ value: s, label: t(`system.${s}`) }))} />
          <Button type="primary" onClick={() => void save()}>{t('location.set')}</Button>
          <Button onClick={() => setEdit(null)}>×</Button>
        </>
      ) : (
        <>
          <span data-testid="enterprise-location">{loc.data?.lat != null ? `${loc.data.lat.toFixed(6)}, ${loc.data.lng!.toFixed(6)}（GCJ-02）` : t('location.none')}</span>
          {can('service.recommend') ? <Button size="small" onClick={() => setEdit({ lat: loc.data?.lat ?? null, lng: loc.data?.lng ?? null, system: 'gcj02' })}>{t('location.set')}</Button> : null}
        </>
      )}
    </Space>
  );
}

/** 一企一档 · 服务资源: the location, nearby resources, and what was recommended to the enterprise and whether it helped. */
export function EnterpriseResourcesTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [open, setOpen] = useState(false);
  const name = useQuery({ queryKey: ['enterprise', enterpriseId, 'name'], queryFn: () => api.get<{ name: string }>(`/api/enterprises/${enterpriseId}`) });
  return (
    <div data-testid="enterprise-resources">
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <LocationCard enterpriseId={enterpriseId} />
        <Button type="primary" ghost onClick={() => setOpen(true)}>{t('nearby.button')}</Button>
      </Space>
      <RecommendationList enterpriseId={enterpriseId} />
      <NearbyDrawer origin={{ enterpriseId, label: name.data?.name ?? '' }} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}

/** 一企一档 · 走访: the visits to the enterprise; record one here. */
export function EnterpriseVisitsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="enterprise-visits">
      {can('service.visit') ? <Button type="primary" style={{ marginBottom: 8 }} onClick={() => setOpen(true)}>{t('visits.record')}</Button> : null}
      <VisitList query={{ enterpriseId }} showEnterprise={false} />
      <VisitFormModal enterpriseId={enterpriseId} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}

/** 一园一档 · 服务资源: the park's enterprises' recommendations, counted by capability and provider. */
export function ParkResourcesTab({ parkId }: { parkId: string }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const fig = useQuery({ queryKey: directoryKeys.park(parkId), queryFn: () => api.get<ParkFigures>(`/api/service/directory/parks/${parkId}/recommendations`) });
  if (fig.error) return <ErrorAlert error={fig.error} />;
  const f = fig.data;
  if (f && f.total === 0) return <Empty description={t('recs.empty')} />;
  return (
    <div data-testid="park-resources">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small"><Statistic title={t('recs.total')} value={f?.total ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('recs.enterprises')} value={f?.enterprises ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('recs.helpedRate')} value={f?.helped ?? 0} suffix={`/ ${(f?.helped ?? 0) + (f?.notHelped ?? 0)}`} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('outcome.pending')} value={f?.pending ?? 0} /></Card></Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('recs.byCapability')}>
            <EChart height={220} loading={fig.isLoading} option={{
              tooltip: { trigger: 'item' },
              series: [{ type: 'pie', radius: ['40%', '70%'], data: (f?.byCapability ?? []).map((c) => ({ name: c.name, value: c.total })) }],
            }} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('recs.topProviders')}>
            <Table size="small" rowKey="id" pagination={false} dataSource={f?.topProviders ?? []} columns={[
              { title: t('field.provider'), dataIndex: 'name' },
              { title: t('recs.total'), dataIndex: 'total', width: 90 },
              { title: t('recs.helpedRate'), dataIndex: 'helped', width: 90 },
            ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
