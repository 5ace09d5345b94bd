import { Alert, Button, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { ImportBatch } from '../../../../api/types';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { ErrorAlert } from '../../../../ui/ErrorAlert';

type Row = ImportBatch['errors'][number];

/** The validation result: counts, the bad rows, and the officer's decision. */
export function ImportReview({ batch, onCommitted, onCancel }: { batch: ImportBatch; onCommitted: (jobId: string) => void; onCancel: () => void }) {
  const { t } = useTranslation('core');
  const commit = useMutation({
    mutationFn: (onlyValid: boolean) => api.post<{ jobId: string | number }>(`/api/imports/${batch.id}/commit`, { onlyValid }),
    onSuccess: (r) => onCommitted(String(r.jobId)),
  });
  // Tell the server the batch is abandoned (POST /api/imports/:id/discard) before starting over.
  const discard = useMutation({
    mutationFn: () => api.post(`/api/imports/${batch.id}/discard`),
    onSettled: () => onCancel(),
  });
  const hasErrors = batch.errorCount > 0;

  return (
    <Flex vertical gap={16}>
      <Row gutter={16} data-testid="import-summary">
        <Col span={6}>
          <Statistic title={t('import.file')} value={batch.fileName} styles={{ content: { fontSize: 16 } }} />
        </Col>
        <Col span={6}>
          <Statistic title={t('import.total')} value={batch.totalRows} data-testid="import-total" />
        </Col>
        <Col span={6}>
          <Statistic title={t('import.valid')} value={batch.validRows} styles={{ content: { color: '#2fa36b' } }} data-testid="import-valid" />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('import.errors')}
            value={batch.errorCount}
            styles={{ content: { color: hasErrors ? '#d9534f' : undefined } }}
            data-testid="import-errors"
          />
        </Col>
      </Row>

      {commit.error ? <ErrorAlert error={commit.error} /> : null}

      {hasErrors ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('import.hasErrors', { count: batch.errorCount })}
            description={batch.errorCount > batch.errors.length ? t('import.firstErrors', { shown: batch.errors.length }) : undefined}
            action={
              <DownloadButton
                path={`/api/imports/${batch.id}/errors.xlsx`}
                fileName="导入错误报告.xlsx"
                testId="import-error-report"
                size="small"
              >
                {t('import.errorReport')}
              </DownloadButton>
            }
          />
          <Table<Row>
            size="small"
            rowKey={(r) => `${r.line}-${r.column}-${r.message}`}
            dataSource={batch.errors}
            pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
            data-testid="import-error-table"
            columns={[
              { title: t('import.line'), dataIndex: 'line', width: 80 },
              { title: t('import.column'), dataIndex: 'column', width: 180 },
              { title: t('import.reason'), dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
            ]}
          />
        </>
      ) : (
        <Alert type="success" showIcon title={t('import.allValid', { count: batch.validRows })} />
      )}

      <Flex justify="end" gap={8}>
        <Button onClick={() => discard.mutate()} loading={discard.isPending} disabled={commit.isPending} data-testid="import-cancel">
          {hasErrors ? t('import.cancelFix') : t('common:action.cancel')}
        </Button>
        {hasErrors ? (
          <Button
            type="primary"
            disabled={batch.validRows === 0}
            loading={commit.isPending}
            onClick={() => commit.mutate(true)}
            data-testid="import-only-valid"
          >
            {t('import.onlyValid', { count: batch.validRows })}
          </Button>
        ) : (
          <Button type="primary" loading={commit.isPending} onClick={() => commit.mutate(false)} data-testid="import-commit">
            {t('import.commit', { count: batch.validRows })}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
