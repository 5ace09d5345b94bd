import { Result } from 'antd';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session';
import { homeFor } from '../modules/registry';

/** "/" sends each user to the page that fits their role. */
export function HomeRedirect() {
  const me = useCurrentUser();
  return <Navigate to={homeFor(me)} replace />;
}

export function WelcomePage() {
  const { t } = useTranslation();
  return <Result status="info" title={t('result.welcome')} subTitle={t('result.welcomeHint')} />;
}
