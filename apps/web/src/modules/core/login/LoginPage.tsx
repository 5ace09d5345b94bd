import { Flex, Typography } from 'antd';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/session';
import { homeFor } from '../../registry';
import { LocaleSwitch } from '../../../ui/LocaleSwitch';
import { PageLoading } from '../../../ui/PageLoading';
import { LoginForm } from './LoginForm';

/** Only local paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation('core');
  const me = useMe();
  const [sp] = useSearchParams();
  if (me.isPending) return <PageLoading fullScreen />;
  if (me.data) return <Navigate to={safeNext(sp.get('next')) ?? homeFor(me.data)} replace />;

  return (
    <div className="zz-login-bg">
      <div style={{ position: 'absolute', top: 12, right: 16 }} className="zz-login-locale">
        <LocaleSwitch persist={false} />
      </div>
      <Flex vertical gap={20} style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }}>
        <Flex vertical align="center" gap={4} style={{ color: '#fff' }}>
          <Flex align="center" gap={10}>
            <span className="zz-brand-mark" style={{ width: 40, height: 40, fontSize: 22, background: '#fff', color: '#1b5fd1' }}>
              智
            </span>
            <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
              {t('common:app.name')}
            </Typography.Title>
          </Flex>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('common:app.fullName')}</Typography.Text>
        </Flex>
        <div style={{ background: '#fff', borderRadius: 8, padding: '28px 28px 12px', boxShadow: '0 12px 40px rgba(0,0,0,0.25)' }}>
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
            {t('login.title')}
          </Typography.Title>
          <LoginForm next={safeNext(sp.get('next'))} />
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.6)', textAlign: 'center', fontSize: 12 }}>
          {t('common:app.footer')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
