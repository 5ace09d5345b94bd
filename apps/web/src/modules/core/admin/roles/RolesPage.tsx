import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { Role } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { PlusIcon } from '../../../../ui/icons';
import { PageHeader } from '../../../../ui/PageHeader';
import { adminKeys, permissionLabel, usePermissionCatalog, useRoles } from '../adminApi';
import { RoleModal } from './RoleModal';

/** 角色管理: roles as sets of permissions; the shipped (system) roles cannot be deleted. */
export function RolesPage() {
  const { t, i18n } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const roles = useRoles();
  const catalog = usePermissionCatalog();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const permName = (code: string) => {
    const p = catalog.data?.find((x) => x.code === code);
    return p ? permissionLabel(p, i18n.language) : code;
  };

  const remove = useMutation({
    mutationFn: (r: Role) => api.del(`/api/roles/${encodeURIComponent(r.code)}`),
    onSuccess: () => {
      message.success(t('common:state.deleted'));
      void qc.invalidateQueries({ queryKey: adminKeys.roles });
    },
    onError: (e) => message.error((e as Error).message),
  });

  return (
    <>
      <PageHeader
        title={t('role.title')}
        extra={
          <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="role-create">
            {t('role.create')}
          </Button>
        }
      />
      <div className="zz-card">
        {roles.error ? <ErrorAlert error={roles.error} onRetry={() => void roles.refetch()} style={{ marginBottom: 8 }} /> : null}
        <Table<Role>
          size="small"
          rowKey="code"
          loading={roles.isLoading}
          dataSource={roles.data ?? []}
          pagination={false}
          data-testid="role-table"
          columns={[
            {
              title: t('role.name'),
              width: 200,
              render: (_, r) => (
                <Flex vertical>
                  <Flex gap={4} align="center">
                    <Typography.Text strong>{r.name}</Typography.Text>
                    {r.isSystem ? <Tag>{t('role.system')}</Tag> : null}
                  </Flex>
                  <Typography.Text type="secondary" className="zz-mono">
                    {r.code}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('role.description'), dataIndex: 'description', width: 240 },
            {
              title: t('role.permissions'),
              render: (_, r) => (
                <Flex wrap gap={2}>
                  {r.permissions.map((p) => (
                    <Tag key={p}>{permName(p)}</Tag>
                  ))}
                </Flex>
              ),
            },
            { title: t('role.userCount'), dataIndex: 'userCount', align: 'right', width: 90 },
            {
              title: t('common:table.actions'),
              width: 130,
              render: (_, r) => (
                <Flex>
                  <Button type="link" size="small" onClick={() => setEditing(r)} data-testid={`role-edit-${r.code}`}>
                    {t('common:action.edit')}
                  </Button>
                  {r.isSystem ? (
                    <Tooltip title={t('role.systemReadonly')}>
                      <Button type="link" size="small" disabled data-testid={`role-delete-${r.code}`}>
                        {t('common:action.delete')}
                      </Button>
                    </Tooltip>
                  ) : (
                    <Popconfirm
                      title={t('common:confirm.deleteNamed', { name: r.name })}
                      description={r.userCount > 0 ? t('role.inUse', { count: r.userCount }) : undefined}
                      onConfirm={() => remove.mutateAsync(r)}
                      okButtonProps={{ danger: true }}
                    >
                      <Button type="link" size="small" danger data-testid={`role-delete-${r.code}`}>
                        {t('common:action.delete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      </div>
      {editing ? <RoleModal role={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
