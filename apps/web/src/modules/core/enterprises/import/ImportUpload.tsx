import { useState } from 'react';
import { Alert, Flex, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { ImportBatch } from '../../../../api/types';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { UploadIcon } from '../../../../ui/icons';
import type { ImportSetup } from './importSetup';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

type Props = Pick<ImportSetup, 'ns' | 'templatePath' | 'templateFileName' | 'uploadPath'> & { onUploaded: (b: ImportBatch) => void };

export function ImportUpload({ ns, templatePath, templateFileName, uploadPath, onUploaded }: Props) {
  const { t } = useTranslation('core');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Alert
        type="info"
        showIcon
        title={t('import.howTo')}
        description={
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            <li>{t(`${ns}:import.howTo1`)}</li>
            <li>{t(`${ns}:import.howTo2`)}</li>
            <li>{t(`${ns}:import.howTo3`)}</li>
          </ol>
        }
        action={<DownloadButton path={templatePath} fileName={templateFileName} testId="import-template" size="small">{t(`${ns}:import.template`)}</DownloadButton>}
      />
      {error ? <ErrorAlert error={error} /> : null}
      <div data-testid="import-upload">
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            const ok = /\.(xlsx|csv)$/i.test(file.name);
            if (!ok) setError(new Error(t('import.wrongType')));
            return ok || Upload.LIST_IGNORE;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            setBusy(true);
            setError(null);
            api
              .upload<ImportBatch>(uploadPath, file as File)
              .then((b) => {
                onSuccess?.(b);
                onUploaded(b);
              })
              .catch((e: Error) => {
                setError(e);
                onError?.(e);
              })
              .finally(() => setBusy(false));
          }}
        >
          <p style={{ fontSize: 32, color: '#1b5fd1', margin: 0 }}>
            <UploadIcon />
          </p>
          <Typography.Title level={5} style={{ margin: '8px 0 4px' }}>
            {busy ? t('import.validating') : t('import.drop')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('import.dropHint')}</Typography.Text>
        </Upload.Dragger>
      </div>
    </Flex>
  );
}
