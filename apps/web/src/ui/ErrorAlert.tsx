import type { ReactNode } from 'react';
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

export interface ErrorAlertProps {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  /** Lists the field messages under the main message (forms usually show them inline instead). */
  showFields?: boolean;
  style?: React.CSSProperties;
  action?: ReactNode;
}

/** One way to show a failure: the catalogue message, the fields, the request id for support. */
export function ErrorAlert({ error, title, onRetry, showFields = false, style, action }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = isApiError(error) ? Object.entries(error.fields) : [];
  // A validation failure whose fields are marked under the inputs needs no request id: it is the
  // user's to fix, not support's.
  const requestId = isApiError(error) && !(fields.length && !showFields) ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      data-testid="error-alert"
      title={title ?? message}
      description={
        title || (showFields && fields.length) || requestId ? (
          <>
            {title ? <div>{message}</div> : null}
            {showFields && fields.length ? (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                {fields.map(([k, v]) => (
                  <li key={k}>{v}</li>
                ))}
              </ul>
            ) : null}
            {requestId ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('error.requestId', { id: requestId })}
              </Typography.Text>
            ) : null}
          </>
        ) : undefined
      }
      action={
        action ??
        (onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : undefined)
      }
    />
  );
}
