import { App, Button, Divider, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { User } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../../ui/formErrors';
import { DepartmentSelect } from '../../../../ui/selects/DepartmentSelect';
import { EnterpriseSelect } from '../../../../ui/selects/EnterpriseSelect';
import { StreetSelect } from '../../../../ui/selects/StreetSelect';
import { adminKeys, useRoles } from '../adminApi';

interface Values {
  username: string;
  displayName: string;
  password: string;
  phone: string;
  email: string;
  roles: string[];
  enterpriseId: string | null;
  departmentId: string | null;
  divisionCode: string | null;
}

/**
 * Create or edit an account: roles say what the user may do, the scope bindings which data
 * they see (one enterprise; a department or section; a street). The list shows the phone and
 * e-mail masked, so when editing their inputs start empty and are only sent when filled in
 * (left empty, the stored ones stay).
 */
export function UserDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const roles = useRoles();
  const [form] = Form.useForm<Values>();
  const isNew = !user;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const scope = { enterpriseId: v.enterpriseId ?? null, departmentId: v.departmentId ?? null, divisionCode: v.divisionCode ?? null };
      const base = { displayName: v.displayName.trim(), roles: v.roles, ...scope };
      if (isNew) return api.post<User>('/api/users', { ...base, username: v.username.trim(), password: v.password, phone: (v.phone ?? '').trim(), email: (v.email ?? '').trim() });
      // The list has them only masked: an empty input is sent as omitted, which keeps the stored value.
      return api.put<User>(`/api/users/${user.id}`, {
        ...base, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      });
    },
    onSuccess: () => {
      message.success(t('common:state.saved'));
      void qc.invalidateQueries({ queryKey: adminKeys.users });
      void qc.invalidateQueries({ queryKey: adminKeys.roles });
      onClose();
    },
    onError: (e) => {
      if ((e as { code?: string }).code === 'USERNAME_TAKEN') form.setFields([{ name: 'username', errors: [(e as Error).message] }]);
      else applyFieldErrors(form, e);
    },
  });

  return (
    <Drawer
      open
      size={520}
      title={isNew ? t('user.create') : t('user.edit', { name: user.displayName })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="user-save">
            {t('common:action.save')}
          </Button>
        </Flex>
      }
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          username: user?.username ?? '',
          displayName: user?.displayName ?? '',
          password: '',
          phone: '',
          email: '',
          roles: user?.roles ?? [],
          enterpriseId: user?.enterpriseId ?? null,
          departmentId: user?.departmentId ?? null,
          divisionCode: user?.divisionCode ?? null,
        }}
      >
        <Form.Item
          name="username"
          label={t('user.username')}
          extra={isNew ? t('user.usernameRule') : undefined}
          rules={[
            { required: true, message: t('user.usernameRequired') },
            { pattern: /^[a-z0-9_.-]{3,64}$/, message: t('user.usernameRule') },
          ]}
        >
          <Input disabled={!isNew} className="zz-mono" autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, message: t('user.displayNameRequired') }]}>
          <Input data-testid="user-displayName" />
        </Form.Item>
        {isNew ? (
          <Form.Item
            name="password"
            label={t('user.initialPassword')}
            extra={t('common:password.rule')}
            rules={[{ required: true, message: t('user.passwordRequired') }, { min: 8, message: t('common:password.rule') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="phone"
          label={t('user.phone')}
          extra={!isNew && user.phone ? t('user.phoneHint', { value: user.phone }) : undefined}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('user.phoneInvalid') }]}
        >
          <Input placeholder={user?.phone || undefined} autoComplete="off" maxLength={11} data-testid="user-phone" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('user.email')}
          extra={!isNew && user.email ? t('user.emailHint', { value: user.email }) : t('user.emailUse')}
          rules={[{ type: 'email', message: t('user.emailInvalid') }]}
        >
          <Input placeholder={user?.email || undefined} autoComplete="off" maxLength={254} data-testid="user-email" />
        </Form.Item>
        <Form.Item name="roles" label={t('user.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('user.rolesRequired') }]}>
          <Select
            mode="multiple"
            loading={roles.isLoading}
            options={(roles.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            optionFilterProp="label"
            data-testid="user-roles"
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('user.scope')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('user.scopeHint')}
        </Typography.Paragraph>
        <Form.Item name="enterpriseId" label={t('user.scopeEnterprise')}>
          <EnterpriseSelect initialLabel={user?.enterpriseName} testId="user-enterprise" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('user.scopeDepartment')}>
          <DepartmentSelect initialLabel={user?.departmentName} testId="user-department" />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('user.scopeDivision')}>
          <StreetSelect initialLabel={user?.divisionName} testId="user-division" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
