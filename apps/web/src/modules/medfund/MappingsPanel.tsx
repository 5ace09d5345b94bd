import { useState } from 'react';
import { Button, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { PlusIcon } from '../../ui/icons';
import { formatDateTime } from '../../ui/format';
import { DATE_FORMATS, type Mapping, type MappingInput } from './api';
import { useClaimsTables } from './LoadsPanel';

export function MappingsPanel({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation('medfund');
  const zh = i18n.language !== 'en-US';
  const tables = useClaimsTables();
  const list = useQuery({ queryKey: ['medfund', 'mappings', 'all'], queryFn: () => api.get<Mapping[]>('/api/medfund/mappings') });
  const [editing, setEditing] = useState<Mapping | 'new' | null>(null);
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: (id: number) => api.del(`/api/medfund/mappings/${id}`),
    onSuccess: () => { void message.success(t('mappings.deleted')); void qc.invalidateQueries({ queryKey: ['medfund', 'mappings'] }); },
  });
  const tableLabel = (n: string) => { const x = tables.data?.find((y) => y.name === n); return x ? (zh ? x.zh : x.en) : n; };
  return (
    <Flex vertical gap={12}>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {del.error ? <ErrorAlert error={del.error} /> : null}
      {canEdit ? <Flex justify="flex-end"><Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="mapping-add">{t('mappings.add')}</Button></Flex> : null}
      <Table<Mapping>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('mappings.name'), dataIndex: 'name', render: (v: string, m) => <>{v} {m.builtin ? <Tag>{t('mappings.builtin')}</Tag> : null}</> },
          { title: t('mappings.table'), dataIndex: 'targetTable', width: 200, render: tableLabel },
          { title: t('mappings.dateFormat'), dataIndex: 'dateFormat', width: 130 },
          { title: '', dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDateTime(v) },
          {
            title: '', key: 'a', width: 160,
            render: (_: unknown, m) => (canEdit && !m.builtin ? (
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(m)}>{t('mappings.edit')}</Button>
                <Popconfirm title={t('mappings.deleteConfirm', { name: m.name })} onConfirm={() => del.mutate(m.id)}>
                  <Button size="small" danger>×</Button>
                </Popconfirm>
              </Flex>
            ) : null),
          },
        ]}
      />
      {editing ? <MappingEditor mapping={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

function MappingEditor({ mapping, onClose }: { mapping: Mapping | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('medfund');
  const zh = i18n.language !== 'en-US';
  const tables = useClaimsTables();
  const qc = useQueryClient();
  const [form] = Form.useForm<MappingInput>();
  const [error, setError] = useState<unknown>(null);
  const table = Form.useWatch('targetTable', form) ?? mapping?.targetTable ?? 'setl_d';
  const def = tables.data?.find((x) => x.name === table);
  const save = useMutation({
    mutationFn: (v: MappingInput) => (mapping ? api.put<Mapping>(`/api/medfund/mappings/${mapping.id}`, v) : api.post<Mapping>('/api/medfund/mappings', v)),
    onSuccess: () => { void message.success(t('mappings.saved')); void qc.invalidateQueries({ queryKey: ['medfund', 'mappings'] }); onClose(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) setError(e); else setError(null); },
  });
  return (
    <Modal open width={760} title={mapping ? t('mappings.edit') : t('mappings.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'mapping-save' } as never}>
      {error ? <ErrorAlert error={error} /> : null}
      <Form<MappingInput>
        form={form}
        layout="vertical"
        initialValues={mapping ?? { name: '', targetTable: 'setl_d', columns: {}, dateFormat: 'YYYY-MM-DD', delimiter: ',' }}
        onFinish={(v) => save.mutate({ ...v, columns: Object.fromEntries(Object.entries(v.columns ?? {}).filter(([, h]) => h && String(h).trim())) as Record<string, string> })}
      >
        <Flex gap={12}>
          <Form.Item name="name" label={t('mappings.name')} rules={[{ required: true }]} style={{ flex: 2 }}><Input maxLength={100} data-testid="mapping-name" /></Form.Item>
          <Form.Item name="targetTable" label={t('mappings.table')} style={{ flex: 2 }}>
            <Select options={(tables.data ?? []).map((x) => ({ value: x.name, label: zh ? x.zh : x.en }))} onChange={() => form.setFieldValue('columns', {})} />
          </Form.Item>
          <Form.Item name="dateFormat" label={t('mappings.dateFormat')} style={{ flex: 1 }}><Select options={DATE_FORMATS.map((f) => ({ value: f, label: f }))} /></Form.Item>
          <Form.Item name="delimiter" label={t('mappings.delimiter')} style={{ flex: 1 }}>
            <Select options={[{ value: ',', label: t('mappings.comma') }, { value: ';', label: t('mappings.semicolon') }, { value: '|', label: t('mappings.pipe') }, { value: '\t', label: t('mappings.tab') }]} />
          </Form.Item>
        </Flex>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('mappings.columns')}</Typography.Text>
          <Button size="small" onClick={() => form.setFieldValue('columns', Object.fromEntries((def?.columns ?? []).map((c) => [c.name, c.name])))}>{t('mappings.fillNational')}</Button>
        </Flex>
        <div style={{ maxHeight: 380, overflow: 'auto', paddingRight: 8 }}>
          {(def?.columns ?? []).map((c) => (
            <Form.Item
              key={`${table}-${c.name}`}
              name={['columns', c.name]}
              label={<span>{zh ? c.zh : c.en} <Typography.Text type="secondary" code>{c.name}</Typography.Text> {c.required ? <Tag color="red">{t('mappings.required')}</Tag> : null}</span>}
              style={{ marginBottom: 8 }}
            >
              <Input placeholder={t('mappings.header')} maxLength={100} data-testid={`mapping-col-${c.name}`} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}
