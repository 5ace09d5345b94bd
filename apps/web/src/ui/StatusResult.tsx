import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

export function ForbiddenResult({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('result.forbiddenTitle')}
      subTitle={t('result.forbidden')}
      data-testid="page-403"
      extra={extra ?? <Link to="/"><Button type="primary">{t('result.home')}</Button></Link>}
    />
  );
}

export function NotFoundResult({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('result.notFoundTitle')}
      subTitle={t('result.notFound')}
      data-testid="page-404"
      extra={extra ?? <Link to="/"><Button type="primary">{t('result.home')}</Button></Link>}
    />
  );
}

/**
 * What a page shows when its main query failed: the API's 403 becomes the 403 page, 404 (which
 * also means "outside your scope") the 404 page, anything else an error with a retry button.
 */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  return <ErrorAlert error={error} onRetry={onRetry} style={{ margin: 16 }} />;
}
