import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Select, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { User } from '../../../../api/types';
import { useCan, useCurrentUser } from '../../../../auth/session';
import { MaskedValue } from '../../../../ui/MaskedValue';
import { formatDateTime } from '../../../../ui/format';
import { PlusIcon } from '../../../../ui/icons';
import { PageHeader } from '../../../../ui/PageHeader';
import { SearchBox } from '../../../../ui/SearchBox';
import { ServerTable, type ServerColumn } from '../../../../ui/ServerTable';
import { useTableQuery } from '../../../../ui/useTableQuery';
import { adminKeys, useRoles } from '../adminApi';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserDrawer } from './UserDrawer';

const FILTERS = ['q', 'role', 'status'] as const;

/** 用户管理: accounts, their roles and scope; lock, unlock, reset a password. */
export function UsersPage() {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const me = useCurrentUser();
  const can = useCan();
  // The full number and address: one audited request per user, for those holding personal.reveal.
  const reveal = (u: User) => api.post<{ phone: string; email: string }>(`/api/users/${u.id}/reveal`);
  const qc = useQueryClient();
  const roles = useRoles();
  const tq = useTableQuery({ filterKeys: FILTERS });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const roleName = (code: string) => roles.data?.find((r) => r.code === code)?.name ?? code;

  const lock = useMutation({
    mutationFn: ({ u, locked }: { u: User; locked: boolean }) => api.post<User>(`/api/users/${u.id}/${locked ? 'lock' : 'unlock'}`),
    onSuccess: (_u, { locked }) => {
      message.success(locked ? t('user.lockedDone') : t('user.unlockedDone'));
      void qc.invalidateQueries({ queryKey: adminKeys.users });
    },
    onError: (e) => message.error((e as Error).message),
  });

  const columns: ServerColumn<User>[] = [
    {
      title: t('user.username'),
      key: 'username',
      render: (_, u) => (
        <Flex vertical>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <Typography.Text type="secondary" className="zz-mono">
            {u.username}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('user.phone'),
      key: 'phone',
      render: (_, u) => (
        <span className="zz-num">
          <MaskedValue masked={u.phone} canReveal={can('personal.reveal')} reveal={async () => (await reveal(u)).phone} testId={`user-phone-${u.username}`} />
        </span>
      ),
    },
    {
      title: t('user.email'),
      key: 'email',
      render: (_, u) => <MaskedValue masked={u.email} canReveal={can('personal.reveal')} reveal={async () => (await reveal(u)).email} testId={`user-email-${u.username}`} />,
    },
    {
      title: t('user.roles'),
      key: 'roles',
      render: (_, u) => (
        <Flex wrap gap={2}>
          {u.roles.map((r) => (
            <Tag key={r} color="blue">
              {roleName(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('user.scope'),
      key: 'scope',
      render: (_, u) => {
        const parts = [
          u.enterpriseName ? `${t('user.scopeEnterprise')}：${u.enterpriseName}` : null,
          u.departmentName ? `${t('user.scopeDepartment')}：${u.departmentName}` : null,
          u.divisionName ? `${t('user.scopeDivision')}：${u.divisionName}` : null,
        ].filter(Boolean);
        return parts.length ? <Flex vertical>{parts.map((p) => <span key={p}>{p}</span>)}</Flex> : <Typography.Text type="secondary">{t('user.scopeAll')}</Typography.Text>;
      },
    },
    {
      title: t('user.status'),
      key: 'status',
      render: (_, u) => <Tag color={u.status === 'active' ? 'green' : 'red'}>{t(`common:enum.userStatus.${u.status}`)}</Tag>,
    },
    { title: t('user.lastLoginAt'), key: 'lastLoginAt', render: (_, u) => <span className="zz-num">{formatDateTime(u.lastLoginAt) || '—'}</span> },
    {
      title: t('common:table.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Flex gap={0} wrap={false}>
          <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
            {t('common:action.edit')}
          </Button>
          {u.id === me.id ? null : u.status === 'active' ? (
            <Popconfirm title={t('user.lockConfirm', { name: u.displayName })} onConfirm={() => lock.mutateAsync({ u, locked: true })} okButtonProps={{ danger: true }}>
              <Button type="link" size="small" danger data-testid={`user-lock-${u.username}`}>
                {t('user.lock')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => lock.mutate({ u, locked: false })} data-testid={`user-unlock-${u.username}`}>
              {t('user.unlock')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
            {t('user.resetPassword')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('user.title')}
        extra={
          <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="user-create">
            {t('user.create')}
          </Button>
        }
      />
      <div className="zz-card">
        <Flex wrap gap={8} className="zz-filters">
          <SearchBox value={tq.filters.q} onSearch={(v) => tq.setFilters({ q: v })} placeholder={t('user.search')} testId="user-search" />
          <Select
            allowClear
            value={tq.filters.role}
            onChange={(v) => tq.setFilters({ role: v })}
            placeholder={t('user.roles')}
            options={(roles.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            value={tq.filters.status}
            onChange={(v) => tq.setFilters({ status: v })}
            placeholder={t('user.status')}
            options={(['active', 'locked'] as const).map((s) => ({ value: s, label: t(`common:enum.userStatus.${s}`) }))}
            style={{ width: 110 }}
          />
        </Flex>
        <ServerTable<User> queryKey={adminKeys.users} path="/api/users" tableQuery={tq} columns={columns} rowKey="id" data-testid="user-table" />
      </div>
      {editing ? <UserDrawer user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}
