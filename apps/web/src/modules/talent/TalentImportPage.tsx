import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ImportBatch } from '../../api/types';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { UploadIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
// The review step (counts, bad rows, error report, "only the valid rows") and the batch/job
// queries are the core's, shared as they are; the upload and result steps name talent paths.
import { ImportReview } from '../core/enterprises/import/ImportReview';
import { importKeys, useImportBatch, useJob } from '../core/enterprises/import/importApi';
import { talentKeys } from './api';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** 导入人才: upload → every row checked → the user decides → a background job imports. */
export function TalentImportPage() {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const batchId = sp.get('batch');
  const jobParam = sp.get('job');
  const batch = useImportBatch(batchId);
  const setParams = (patch: Record<string, string | null>) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k); else next.set(k, v);
      return next;
    });
  const restart = () => setParams({ batch: null, job: null });
  const jobId = jobParam ?? (batch.data?.jobId != null ? String(batch.data.jobId) : null);
  const step = !batchId ? 0 : batch.data?.status === 'validated' && !jobParam ? 1 : 2;

  let body: React.ReactNode;
  if (!batchId) {
    body = (
      <TalentUpload
        onUploaded={(b) => {
          qc.setQueryData(importKeys.batch(b.id), b);
          setParams({ batch: b.id, job: null });
        }}
      />
    );
  } else if (batch.isPending) body = <PageLoading />;
  else if (batch.error) body = <LoadError error={batch.error} onRetry={() => void batch.refetch()} />;
  else if (step === 1) body = <ImportReview batch={batch.data} onCommitted={(id) => setParams({ job: id })} onCancel={restart} />;
  else body = <TalentImportResult batch={batch.data} jobId={jobId} onRestart={restart} />;

  return (
    <>
      <PageHeader title={t('import.title')} back="/talent/talents" breadcrumb={[{ title: t('list.title'), to: '/talent/talents' }, { title: t('import.title') }]} />
      <div className="zz-card">
        <Steps
          size="small"
          current={step}
          style={{ maxWidth: 720, margin: '8px auto 20px' }}
          items={[{ title: t('core:import.step.upload') }, { title: t('core:import.step.review') }, { title: t('core:import.step.import') }]}
        />
        {body}
      </div>
    </>
  );
}

function TalentUpload({ onUploaded }: { onUploaded: (b: ImportBatch) => void }) {
  const { t } = useTranslation('talent');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto' }}>
      <Alert
        type="info"
        showIcon
        title={t('core:import.howTo')}
        description={
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
            <li>{t('import.howTo1')}</li>
            <li>{t('import.howTo2')}</li>
            <li>{t('import.howTo3')}</li>
          </ol>
        }
        action={
          <DownloadButton path="/api/talent/talents/import-template.xlsx" fileName="人才导入模板.xlsx" testId="import-template" size="small">
            {t('import.template')}
          </DownloadButton>
        }
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
            if (!ok) setError(new Error(t('core:import.wrongType')));
            return ok || Upload.LIST_IGNORE;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            setBusy(true);
            setError(null);
            api
              .upload<ImportBatch>('/api/talent/talents/imports', file as File)
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
            {busy ? t('core:import.validating') : t('core:import.drop')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('core:import.dropHint')}</Typography.Text>
        </Upload.Dragger>
      </div>
    </Flex>
  );
}

function TalentImportResult({ batch, jobId, onRestart }: { batch: ImportBatch; jobId: string | null; onRestart: () => void }) {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const job = useJob(jobId);
  const status = job.data?.status;
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: importKeys.batch(batch.id) });
    void qc.invalidateQueries({ queryKey: talentKeys.all });
  }, [finished, batch.id, qc]);

  const again = (
    <Button onClick={onRestart} key="again" data-testid="import-again">
      {t('core:import.again')}
    </Button>
  );
  const back = (
    <Link to="/talent/talents" key="back">
      <Button type="primary" data-testid="import-back">
        {t('import.backToList')}
      </Button>
    </Link>
  );
  if (batch.status === 'imported' || status === 'succeeded') {
    const s: Record<string, number | undefined> = batch.summary ?? (job.data?.result as Record<string, number> | null) ?? {};
    const lines = [
      s.unchanged ? t('import.unchanged', { count: s.unchanged }) : null,
      s.skipped ? t('import.skipped', { count: s.skipped }) : null,
      s.conflicts ? t('import.conflicts', { count: s.conflicts }) : null,
    ].filter(Boolean);
    return (
      <Result
        status="success"
        title={t('core:import.done')}
        data-testid="import-done"
        subTitle={
          <div data-testid="import-result">
            {t('import.doneCounts', { created: s.created ?? 0, updated: s.updated ?? 0 })}
            {lines.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        }
        extra={[back, again]}
      />
    );
  }
  if (batch.status === 'failed' || status === 'failed' || status === 'cancelled') {
    return <Result status="error" title={t('core:import.failed')} subTitle={job.data?.error ?? undefined} data-testid="import-failed" extra={[again, back]} />;
  }
  if (batch.status === 'discarded') return <Result status="info" title={t('core:import.discarded')} extra={[again]} />;
  if (job.error) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  const p = job.data?.progress;
  const percent = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  return (
    <Flex vertical align="center" gap={12} style={{ maxWidth: 560, margin: '24px auto' }} data-testid="import-progress">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {status === 'queued' || !job.data ? t('core:import.queued') : t('core:import.running')}
      </Typography.Title>
      <Progress percent={percent} status="active" style={{ width: '100%' }} />
      <Typography.Text type="secondary">{p ? t('core:import.progress', { done: p.done, total: p.total }) : null}</Typography.Text>
    </Flex>
  );
}
