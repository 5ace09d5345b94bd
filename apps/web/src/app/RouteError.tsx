import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFoundResult } from '../ui/StatusResult';

/** A page that crashed (or a chunk that vanished after a deploy): say so, offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundResult />;
  const detail = error instanceof Error ? error.message : '';
  return (
    <Result
      status="error"
      title={t('result.errorTitle')}
      subTitle={detail}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('action.reload')}
        </Button>
      }
    />
  );
}
