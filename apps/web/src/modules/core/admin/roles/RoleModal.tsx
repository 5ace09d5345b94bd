import { useMemo } from 'react';
import { App, Checkbox, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { PermissionInfo, Role } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../../ui/formErrors';
import { adminKeys, permissionLabel, usePermissionCatalog } from '../adminApi';

interface Values {
  code: string;
  name: string;
  description: string;
  permissions: string[];
}

/** Permissions grouped by their prefix (enterprise.*, park.*, talent.*…), one checkbox each. */
function groupByPrefix(list: PermissionInfo[]): [string, PermissionInfo[]][] {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of list) {
    const prefix = p.code.split('.')[0] ?? p.code;
    groups.set(prefix, [...(groups.get(prefix) ?? []), p]);
  }
  return [...groups.entries()];
}

export function RoleModal({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const catalog = usePermissionCatalog();
  const [form] = Form.useForm<Values>();
  const groups = useMemo(() => groupByPrefix(catalog.data ?? []), [catalog.data]);
  const isNew = !role;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name.trim(), description: (v.description ?? '').trim(), permissions: v.permissions ?? [] };
      return isNew ? api.post<Role>('/api/roles', { ...body, code: v.code.trim() }) : api.put<Role>(`/api/roles/${encodeURIComponent(role.code)}`, body);
    },
    onSuccess: () => {
      message.success(t('common:state.saved'));
      void qc.invalidateQueries({ queryKey: adminKeys.roles });
      // The signed-in user's own permissions may have changed.
      void qc.invalidateQueries({ queryKey: ['auth', 'me'] });
      onClose();
    },
    onError: (e) => {
      if ((e as { code?: string }).code === 'ROLE_CODE_TAKEN') form.setFields([{ name: 'code', errors: [(e as Error).message] }]);
      else applyFieldErrors(form, e);
    },
  });

  return (
    <Modal
      open
      width={720}
      title={isNew ? t('role.create') : t('role.edit', { name: role.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'role-save' }}
      destroyOnHidden
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      {catalog.error ? <ErrorAlert error={catalog.error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ code: role?.code ?? '', name: role?.name ?? '', description: role?.description ?? '', permissions: role?.permissions ?? [] }}
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="code"
              label={t('role.code')}
              extra={isNew ? t('role.codeRule') : undefined}
              rules={[{ required: true, message: t('role.codeRequired') }, { pattern: /^[a-z][a-z0-9_]*$/, message: t('role.codeRule') }]}
            >
              <Input disabled={!isNew} className="zz-mono" data-testid="role-code" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={t('role.name')} rules={[{ required: true, message: t('role.nameRequired') }]}>
              <Input data-testid="role-name" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('role.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="permissions" label={t('role.permissions')}>
          <Checkbox.Group style={{ width: '100%' }} data-testid="role-permissions">
            <div style={{ width: '100%', maxHeight: 360, overflow: 'auto', border: '1px solid #eceff3', borderRadius: 4, padding: '4px 12px' }}>
              {groups.map(([prefix, perms]) => (
                <div key={prefix} style={{ padding: '6px 0', borderBottom: '1px dashed #eceff3' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`role.group.${prefix}`, { defaultValue: prefix })}
                  </Typography.Text>
                  <Row>
                    {perms.map((p) => (
                      <Col span={12} key={p.code}>
                        <Checkbox value={p.code} data-testid={`perm-${p.code}`}>
                          {permissionLabel(p, i18n.language)} <span className="zz-mono" style={{ color: '#8c8c8c' }}>{p.code}</span>
                        </Checkbox>
                      </Col>
                    ))}
                  </Row>
                </div>
              ))}
            </div>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
