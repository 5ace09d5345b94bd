import { useState } from 'react';
import { App, Button, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarImportResult } from '@zhizhi/contracts';
import { UploadIcon } from '../../../../ui/icons';
import { importCalendarFile } from './calendarApi';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Reads a year's arrangement from a file (日期, 类型, 节日名称); nothing is saved until the editor saves. */
export function CalendarImportButton({ year, onResult, testId = 'calendar-import' }: { year: number; onResult: (r: CalendarImportResult) => void; testId?: string }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept={ACCEPT}
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        const ok = /\.(xlsx|csv)$/i.test(file.name);
        if (!ok) message.error(t('import.wrongType'));
        return ok || Upload.LIST_IGNORE;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        setBusy(true);
        importCalendarFile(year, file as File)
          .then((r) => {
            onSuccess?.(r);
            onResult(r);
          })
          .catch((e: Error) => {
            message.error(e.message);
            onError?.(e);
          })
          .finally(() => setBusy(false));
      }}
    >
      <Button icon={<UploadIcon />} loading={busy} data-testid={testId}>
        {t('calendar.import')}
      </Button>
    </Upload>
  );
}
