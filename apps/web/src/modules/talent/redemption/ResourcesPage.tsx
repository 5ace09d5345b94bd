import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Switch, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError } from '../../../ui/StatusResult';
import { DepartmentSelect } from '../../../ui/selects/DepartmentSelect';
import { applyFieldErrors } from '../../../ui/formErrors';
import { PlusIcon } from '../../../ui/icons';
import { createResource, redeemKeys, updateResource, useResources, type Resource, type ResourceInput } from './api';

function ResourceModal({ resource, onClose }: { resource: Resource | null; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResourceInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body = { ...values, description: values.description ?? '' };
      if (resource) await updateResource(resource.id, { name: body.name, unit: body.unit, departmentId: body.departmentId, description: body.description, active: body.active });
      else await createResource(body);
      await qc.invalidateQueries({ queryKey: redeemKeys.resources });
      message.success(t('state.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={resource ? t('redeem.resources.edit') : t('redeem.resources.create')} onOk={() => void submit()} confirmLoading={busy} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'resource-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={resource ?? { active: true, description: '' }}>
        <Form.Item name="code" label={t('redeem.field.code')} extra={t('redeem.resources.codeHint')} rules={[{ required: !resource, pattern: /^[a-z][a-z0-9_-]{1,39}$/, message: t('redeem.resources.codeHint') }]}>
          <Input disabled={!!resource} data-testid="resource-code" />
        </Form.Item>
        <Form.Item name="name" label={t('redeem.field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="resource-name" />
        </Form.Item>
        <Form.Item name="unit" label={t('redeem.field.unit')} rules={[{ required: true, whitespace: true, max: 20 }]} extra="套、个、人次">
          <Input data-testid="resource-unit" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('redeem.field.department')} rules={[{ required: true }]}>
          <DepartmentSelect testId="resource-department" initialLabel={resource?.departmentName} />
        </Form.Item>
        <Form.Item name="description" label={t('redeem.field.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="active" label={t('redeem.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} showFields /> : null}
    </Modal>
  );
}

/** 兑现资源 (the office): what points are redeemed for, who publishes the places; create, edit, deactivate. */
export function ResourcesPage() {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const resources = useResources();
  const [editing, setEditing] = useState<Resource | null | 'new'>(null);
  const [error, setError] = useState<unknown>(null);
  if (resources.error && !resources.data) return <LoadError error={resources.error} onRetry={() => void resources.refetch()} />;
  const toggle = async (r: Resource) => {
    setError(null);
    try {
      await updateResource(r.id, { name: r.name, unit: r.unit, departmentId: r.departmentId, description: r.description, active: !r.active });
      await qc.invalidateQueries({ queryKey: redeemKeys.resources });
      message.success(t(r.active ? 'redeem.resources.deactivated' : 'redeem.resources.activated', { name: r.name }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <PageHeader title={t('redeem.resources.title')}
        extra={<Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="resource-create">{t('redeem.resources.create')}</Button>} />
      <div className="zz-card">
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('redeem.resources.hint')}</Typography.Paragraph>
          {error ? <ErrorAlert error={error} /> : null}
          <Table<Resource>
            size="small" rowKey="id" loading={resources.isFetching} dataSource={resources.data?.items ?? []} pagination={false} data-testid="resource-table"
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('redeem.field.name'), dataIndex: 'name', render: (n: string, r) => <Flex vertical><span>{n}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></Flex> },
              { title: t('redeem.field.unit'), dataIndex: 'unit' },
              { title: t('redeem.field.department'), dataIndex: 'departmentName' },
              { title: t('redeem.field.description'), dataIndex: 'description', ellipsis: true, width: 320 },
              { title: t('redeem.field.active'), dataIndex: 'active', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(`redeem.active.${a}`)}</Tag> },
              {
                title: t('table.actions'),
                render: (_, r) => (
                  <Flex gap={12}>
                    <Typography.Link onClick={() => setEditing(r)} data-testid="resource-edit">{t('action.edit')}</Typography.Link>
                    <Typography.Link onClick={() => void toggle(r)} data-testid="resource-toggle">{r.active ? t('redeem.resources.deactivate') : t('redeem.resources.activate')}</Typography.Link>
                  </Flex>
                ),
              },
            ]}
          />
        </Flex>
      </div>
      {editing ? <ResourceModal resource={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
