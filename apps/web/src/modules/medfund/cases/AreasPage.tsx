import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import type { AreaProvider, InspectorArea } from './casesApi';

/**
 * 稽核片区: every inspector with the providers whose cases they handle. The head of inspection
 * (medfund.cases.manage) edits an area — its name, providers added or removed through a searchable
 * choice of the claims data's provider list; a provider of another area is shown with its area and
 * cannot be chosen (the server refuses it too, 409). Others read the list.
 */
export function AreasPage() {
  const { t } = useTranslation('medfund');
  const can = useCan();
  const manage = can('medfund.cases.manage');
  const [editing, setEditing] = useState<InspectorArea | null>(null);
  const areas = useQuery({ queryKey: ['medfund', 'areas'], queryFn: () => api.get<{ items: InspectorArea[] }>('/api/medfund/inspector-areas') });
  const providers = useQuery({
    queryKey: ['medfund', 'area-providers'], enabled: manage,
    queryFn: () => api.get<{ items: AreaProvider[] }>('/api/medfund/inspector-areas/providers'),
  });
  const assigned = providers.data?.items.filter((p) => p.area).length ?? 0;
  return (
    <>
      <PageHeader title={t('cases.areas.title')} subTitle={t('cases.areas.subTitle')} back="/medfund/partners" />
      {areas.error ? <ErrorAlert error={areas.error} /> : null}
      {!manage ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cases.areas.readOnly')} /> : null}
      {providers.data ? <Typography.Paragraph type="secondary" data-testid="areas-total">{t('cases.areas.total', { n: providers.data.items.length, assigned })}</Typography.Paragraph> : null}
      <Table<InspectorArea>
        rowKey="userId" size="small" pagination={false} loading={areas.isLoading} dataSource={areas.data?.items ?? []} data-testid="medfund-areas"
        columns={[
          {
            title: t('cases.areas.inspector'), width: 200,
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <span>{a.displayName}</span>
                <Typography.Text type="secondary">{a.username}</Typography.Text>
                {!a.active ? <Tag>{t('cases.areas.inactive')}</Tag> : !a.inspector ? <Tag color="orange">{t('cases.areas.notInspector')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('cases.areas.area'), width: 200, render: (_, a) => a.areaName ?? <Typography.Text type="secondary">{t('cases.areas.noArea')}</Typography.Text> },
          {
            title: t('cases.areas.providers'),
            render: (_, a) => (
              <div data-testid={`area-providers-${a.username}`}>
                <Typography.Text type="secondary">{t('cases.areas.count', { n: a.providers.length })}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  {a.providers.map((p) => (
                    <Tag key={p.code} color={p.known ? undefined : 'orange'} title={p.known ? p.code : t('cases.areas.unknown')} style={{ marginBottom: 4 }}>{p.name}</Tag>
                  ))}
                </div>
              </div>
            ),
          },
          { title: t('cases.areas.openCases'), width: 110, align: 'right', dataIndex: 'openCases' },
          ...(manage ? [{
            title: '', width: 110,
            render: (_: unknown, a: InspectorArea) => (a.active && a.inspector
              ? <Button size="small" onClick={() => setEditing(a)} data-testid={`area-edit-${a.username}`}>{t('cases.areas.edit')}</Button>
              : null),
          }] : []),
        ]}
      />
      {editing ? <AreaEditor area={editing} providers={providers.data?.items ?? []} loading={providers.isLoading} onClose={() => setEditing(null)} /> : null}
      {providers.error ? <ErrorAlert error={providers.error} /> : null}
    </>
  );
}

function AreaEditor({ area, providers, loading, onClose }: { area: InspectorArea; providers: AreaProvider[]; loading: boolean; onClose: () => void }) {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ areaName: string; providerCodes: string[] }>();
  const save = useMutation({
    mutationFn: (v: { areaName: string; providerCodes: string[] }) => api.put<InspectorArea>(`/api/medfund/inspector-areas/${area.userId}`, v),
    onSuccess: () => {
      message.success(t('cases.areas.saved'));
      void qc.invalidateQueries({ queryKey: ['medfund', 'areas'] });
      void qc.invalidateQueries({ queryKey: ['medfund', 'area-providers'] });
      onClose();
    },
  });
  const chosen = Form.useWatch('providerCodes', form) ?? [];
  const options = useMemo(() => {
    const known = new Set(providers.map((p) => p.code));
    const typeName = (type: string) => (type === '1' ? t('cases.areas.type1') : type === '2' ? t('cases.areas.type2') : '');
    return [
      ...providers.map((p) => {
        const elsewhere = p.area && p.area.userId !== area.userId ? p.area : null;
        return {
          value: p.code, label: p.name, disabled: elsewhere !== null, search: `${p.name} ${p.code}`,
          title: elsewhere ? t('cases.areas.takenBy', { name: elsewhere.displayName, area: elsewhere.areaName }) : p.code,
          extra: [p.code, typeName(p.type), elsewhere ? t('cases.areas.takenBy', { name: elsewhere.displayName, area: elsewhere.areaName }) : ''].filter(Boolean).join(' · '),
        };
      }),
      // codes of this area that the provider list no longer has stay visible, so they can be removed
      ...area.providers.filter((p) => !known.has(p.code)).map((p) => ({ value: p.code, label: p.name, disabled: false, search: p.code, title: t('cases.areas.unknown'), extra: t('cases.areas.unknown') })),
    ];
  }, [providers, area, t]);
  return (
    <Modal
      open title={t('cases.areas.editTitle', { name: area.displayName })} width={720} onCancel={onClose} onOk={() => form.submit()}
      confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'area-save' } as never} destroyOnHidden
    >
      {save.error ? <ErrorAlert error={save.error} showFields /> : null}
      <Form
        form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={{ areaName: area.areaName ?? '', providerCodes: area.providers.map((p) => p.code) }}
      >
        <Form.Item name="areaName" label={t('cases.areas.area')} rules={[{ required: true, whitespace: true, message: t('cases.areas.areaRequired') }, { max: 60 }]}>
          <Input data-testid="area-name" />
        </Form.Item>
        <Form.Item name="providerCodes" label={t('cases.areas.providers')} extra={<><div data-testid="area-count">{t('cases.areas.mineOnly', { n: chosen.length })}</div><div>{t('cases.areas.pickHint')}</div></>}>
          <Select
            mode="multiple" allowClear showSearch loading={loading} placeholder={t('cases.areas.pick')} data-testid="area-providers"
            options={options} optionFilterProp="search" maxTagCount={40}
            optionRender={(o) => (
              <Space orientation="vertical" size={0}>
                <span>{o.label}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{(o.data as { extra: string }).extra}</Typography.Text>
              </Space>
            )}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
