import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, messageFor } from '../../../api/client';
import { login } from '../../../auth/session';
import { homeFor } from '../../registry';
import { UserIcon, KeyIcon } from '../../../ui/icons';

interface Values {
  username: string;
  password: string;
}

export function LoginForm({ next }: { next: string | null }) {
  const { t } = useTranslation('core');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ username, password }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(qc, username.trim(), password);
      navigate(next ?? homeFor(me), { replace: true });
    } catch (e) {
      // The catalogue message in the UI language (INVALID_CREDENTIALS, ACCOUNT_LOCKED, RATE_LIMITED…).
      setError(isApiError(e) ? messageFor(e.code) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} size="large">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
      <Form.Item name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserIcon />} placeholder={t('login.username')} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<KeyIcon />} placeholder={t('login.password')} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
