import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { User } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../../ui/formErrors';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useMutation({
    mutationFn: (v: { password: string }) => api.post(`/api/users/${user.id}/reset-password`, { password: v.password }),
    onSuccess: () => {
      message.success(t('user.resetDone'));
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal
      open
      title={t('user.resetTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.confirm')}
      confirmLoading={reset.isPending}
      okButtonProps={{ 'data-testid': 'reset-save' }}
      destroyOnHidden
    >
      {reset.error ? <ErrorAlert error={reset.error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <Form.Item
          name="password"
          label={t('user.newPassword')}
          extra={t('common:password.rule')}
          rules={[{ required: true }, { min: 8, message: t('common:password.rule') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
