import { Steps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { PageLoading } from '../../../../ui/PageLoading';
import { LoadError } from '../../../../ui/StatusResult';
import { importKeys, useImportBatch } from './importApi';
import type { ImportSetup } from './importSetup';
import { ImportProgress } from './ImportProgress';
import { ImportReview } from './ImportReview';
import { ImportUpload } from './ImportUpload';

/**
 * An import page: upload → the server validates every row → the user decides (all, only the
 * valid rows, or cancel) → a background job imports, with progress. The batch and job ids sit in
 * the URL so a reload resumes where it was. What differs between imports comes in `setup`.
 */
export function ImportFlow({ setup }: { setup: ImportSetup }) {
  const { t } = useTranslation('core');
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const batchId = sp.get('batch');
  const jobParam = sp.get('job');
  const batch = useImportBatch(batchId);

  const setParams = (patch: Record<string, string | null>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: false },
    );

  const onUploaded = (b: ImportBatch) => {
    qc.setQueryData(importKeys.batch(b.id), b);
    setParams({ batch: b.id, job: null });
  };
  const restart = () => setParams({ batch: null, job: null });

  const jobId = jobParam ?? (batch.data?.jobId != null ? String(batch.data.jobId) : null);
  const status = batch.data?.status;
  const step = !batchId ? 0 : status === 'validated' && !jobParam ? 1 : 2;

  let body: React.ReactNode;
  if (!batchId) body = <ImportUpload {...setup} onUploaded={onUploaded} />;
  else if (batch.isPending) body = <PageLoading />;
  else if (batch.error) body = <LoadError error={batch.error} onRetry={() => void batch.refetch()} />;
  else if (step === 1) body = <ImportReview batch={batch.data} onCommitted={(id) => setParams({ job: id })} onCancel={restart} />;
  else body = <ImportProgress {...setup} batch={batch.data} jobId={jobId} onRestart={restart} />;

  const title = t(`${setup.ns}:import.title`);
  return (
    <>
      <PageHeader
        title={title}
        back={setup.backTo}
        breadcrumb={[{ title: t(`${setup.ns}:${setup.backTitleKey}`), to: setup.backTo }, { title }]}
      />
      <div className="zz-card">
        <Steps
          size="small"
          current={step}
          style={{ maxWidth: 720, margin: '8px auto 20px' }}
          items={[{ title: t('import.step.upload') }, { title: t('import.step.review') }, { title: t('import.step.import') }]}
        />
        {body}
      </div>
    </>
  );
}
