import { App, Button, Card, Form, Input, InputNumber, Space, Switch, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { Link } from 'react-router';
import type { InspectorArea, Partner } from './casesApi';

/** 协作部门: the joint supervision community (activate / deactivate, add by name), the stage time limits and the inspectors' areas. */
export function PartnersPage() {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const can = useCan();
  const manage = can('medfund.cases.manage');
  const qc = useQueryClient();
  const partners = useQuery({ queryKey: ['medfund', 'partners'], queryFn: () => api.get<{ items: Partner[] }>('/api/medfund/partners') });
  const limits = useQuery({ queryKey: ['medfund', 'stage-limits'], queryFn: () => api.get<{ items: { stage: string; workdays: number }[] }>('/api/medfund/stage-limits') });
  const areas = useQuery({ queryKey: ['medfund', 'areas'], queryFn: () => api.get<{ items: InspectorArea[] }>('/api/medfund/inspector-areas') });
  const refresh = () => { message.success(t('cases.detail.done')); void qc.invalidateQueries({ queryKey: ['medfund'] }); };
  const toggle = useMutation({ mutationFn: (p: { id: string; active: boolean }) => api.put(`/api/medfund/partners/${p.id}`, { active: p.active }), onSuccess: refresh });
  const add = useMutation({ mutationFn: (v: { name: string; duty?: string }) => api.post('/api/medfund/partners', v), onSuccess: refresh });
  const saveLimits = useMutation({ mutationFn: (v: Record<string, number>) => api.put('/api/medfund/stage-limits', { items: Object.entries(v).map(([stage, workdays]) => ({ stage, workdays })) }), onSuccess: refresh });
  return (
    <>
      <PageHeader title={t('cases.partners.title')} subTitle={t('cases.partners.subTitle')} />
      {[partners.error, toggle.error, add.error, saveLimits.error].map((e, i) => (e ? <ErrorAlert key={i} error={e} /> : null))}
      <Table<Partner>
        rowKey="departmentId" size="small" pagination={false} loading={partners.isLoading} dataSource={partners.data?.items ?? []} data-testid="medfund-partners"
        columns={[
          { title: t('cases.partners.name'), dataIndex: 'name' },
          { title: t('cases.partners.duty'), dataIndex: 'duty' },
          { title: t('cases.partners.transfers'), align: 'right', dataIndex: 'transfers' },
          { title: t('cases.partners.open'), align: 'right', dataIndex: 'openTransfers' },
          { title: t('cases.partners.active'), render: (_, p) => <Switch checked={p.active} disabled={!manage} loading={toggle.isPending && toggle.variables?.id === p.departmentId} onChange={(active) => toggle.mutate({ id: p.departmentId, active })} data-testid={`partner-active-${p.name}`} /> },
        ]}
      />
      {manage ? (
        <Form layout="inline" style={{ marginTop: 12 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="name" rules={[{ required: true }]}><Input placeholder={t('cases.partners.name')} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="duty"><Input placeholder={t('cases.partners.duty')} style={{ width: 260 }} /></Form.Item>
          <Button htmlType="submit" loading={add.isPending}>{t('cases.partners.add')}</Button>
        </Form>
      ) : null}
      <Space align="start" wrap style={{ marginTop: 16 }}>
        <Card size="small" title={t('cases.partners.limits')} style={{ width: 420 }}>
          {limits.data ? (
            <Form layout="horizontal" labelCol={{ span: 10 }} onFinish={(v) => saveLimits.mutate(v)} initialValues={Object.fromEntries(limits.data.items.map((l) => [l.stage, l.workdays]))}>
              {limits.data.items.map((l) => (
                <Form.Item key={l.stage} name={l.stage} label={t(`cases.stage.${l.stage}`)}><InputNumber min={1} max={120} disabled={!manage} /></Form.Item>
              ))}
              {manage ? <Button htmlType="submit" loading={saveLimits.isPending}>{t('cases.partners.saveLimits')}</Button> : null}
            </Form>
          ) : null}
        </Card>
        <Card size="small" title={t('cases.partners.areas')} style={{ width: 520 }} extra={<Link to="/medfund/areas" data-testid="partners-areas-link">{manage ? t('cases.partners.editAreas') : t('cases.menu.areas')}</Link>}>
          <Table<InspectorArea> rowKey="userId" size="small" pagination={false} dataSource={areas.data?.items ?? []}
            columns={[
              { title: t('cases.partners.inspector'), dataIndex: 'displayName' },
              { title: t('cases.partners.area'), render: (_, a) => a.areaName ?? t('cases.areas.noArea') },
              { title: t('cases.partners.providers'), align: 'right', render: (_, a) => a.providers.length },
            ]} />
        </Card>
      </Space>
    </>
  );
}
