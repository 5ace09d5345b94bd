import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { download, type Query } from '../api/client';
import { DownloadIcon } from './icons';

export interface DownloadButtonProps extends Omit<ButtonProps, 'onClick' | 'href'> {
  path: string;
  query?: Query;
  fileName?: string;
  children?: ReactNode;
  testId?: string;
}

/** A button that downloads a file from the API, showing progress and errors in place. */
export function DownloadButton({ path, query, fileName, children, testId, icon, ...rest }: DownloadButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    const hide = message.loading(t('state.exporting'), 0);
    try {
      await download(path, query, fileName);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      hide();
      setBusy(false);
    }
  };
  return (
    <Button {...rest} icon={icon ?? <DownloadIcon />} loading={busy} onClick={() => void onClick()} data-testid={testId}>
      {children ?? t('action.export')}
    </Button>
  );
}
