import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PlusIcon } from '../../ui/icons';
import { economyKeys, useEcosystems, type Ecosystem } from './api';

type Draft = { name: string; nameEn: string; industryPrefixes: string[]; description: string; sortOrder: number };

/** 产业生态圈: the configurable groupings of industry codes the screen reports by. */
export function EcosystemsPage() {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canConfigure = !!me?.permissions.includes('economy.configure');
  const qc = useQueryClient();
  const q = useEcosystems();
  const [editing, setEditing] = useState<Ecosystem | 'new' | null>(null);
  const [form] = Form.useForm<Draft>();
  const save = useMutation({
    mutationFn: (v: Draft) => (editing === 'new' ? api.post('/api/economy/ecosystems', v) : api.put(`/api/economy/ecosystems/${(editing as Ecosystem).id}`, { ...v, version: (editing as Ecosystem).version })),
    onSuccess: async () => { message.success(t('ecosystems.saved')); await qc.invalidateQueries({ queryKey: economyKeys.all }); setEditing(null); },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/api/economy/ecosystems/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: economyKeys.all }),
  });
  const open = (e: Ecosystem | 'new') => {
    save.reset();
    setEditing(e);
    form.setFieldsValue(e === 'new' ? { name: '', nameEn: '', industryPrefixes: [], description: '', sortOrder: 0 } : e);
  };
  return (
    <div data-testid="economy-ecosystems">
      <PageHeader title={t('ecosystems.title')} subTitle={t('ecosystems.subTitle')}
        extra={canConfigure ? <Button type="primary" icon={<PlusIcon />} onClick={() => open('new')}>{t('ecosystems.add')}</Button> : null} />
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {remove.error ? <ErrorAlert error={remove.error} /> : null}
      <Table<Ecosystem>
        rowKey="id" loading={q.isLoading} dataSource={q.data ?? []} pagination={false}
        columns={[
          { title: t('ecosystems.name'), dataIndex: 'name' },
          { title: t('ecosystems.prefixes'), dataIndex: 'industryNames', render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>) },
          { title: t('ecosystems.enterprises'), dataIndex: 'enterprises', align: 'right' },
          { title: t('ecosystems.description'), dataIndex: 'description', ellipsis: true },
          ...(canConfigure ? [{
            title: '', key: 'actions', width: 140,
            render: (_: unknown, e: Ecosystem) => (
              <Space>
                <Button size="small" type="link" onClick={() => open(e)}>{t('ecosystems.edit')}</Button>
                <Popconfirm title={t('ecosystems.deleteConfirm', { name: e.name })} onConfirm={() => remove.mutate(e.id)}>
                  <Button size="small" type="link" danger>{t('ecosystems.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]}
      />
      {editing ? (
        <Modal open title={editing === 'new' ? t('ecosystems.add') : editing.name} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          {save.error ? <ErrorAlert error={save.error} showFields /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Form.Item name="name" label={t('ecosystems.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="nameEn" label={t('ecosystems.nameEn')}><Input maxLength={120} /></Form.Item>
            <Form.Item name="industryPrefixes" label={t('ecosystems.prefixes')} extra={t('ecosystems.prefixesHelp')} rules={[{ required: true }]}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
            </Form.Item>
            <Form.Item name="description" label={t('ecosystems.description')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
            <Form.Item name="sortOrder" label={t('ecosystems.sortOrder')}><InputNumber min={0} max={999} /></Form.Item>
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}
