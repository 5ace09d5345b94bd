import { useEffect } from 'react';
import { Button, Flex, Progress, Result, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { importKeys, useJob } from './importApi';
import type { ImportSetup } from './importSetup';

type Props = Pick<ImportSetup, 'ns' | 'backTo' | 'summaryLines' | 'invalidate'> & {
  batch: ImportBatch;
  jobId: string | null;
  onRestart: () => void;
};

/** The running import: a progress bar from the job, then the counts and a way back. */
export function ImportProgress({ ns, backTo, summaryLines, invalidate, batch, jobId, onRestart }: Props) {
  const { t } = useTranslation('core');
  const qc = useQueryClient();
  const job = useJob(jobId);
  const status = job.data?.status;
  const finished = status === 'succeeded' || status === 'failed' || status === 'cancelled';

  // When the job ends, the batch carries the summary; refresh it and the lists it changed.
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: importKeys.batch(batch.id) });
    for (const queryKey of invalidate) void qc.invalidateQueries({ queryKey });
  }, [finished, batch.id, qc, invalidate]);

  const again = (
    <Button onClick={onRestart} key="again" data-testid="import-again">
      {t('import.again')}
    </Button>
  );
  const back = (
    <Link to={backTo} key="back">
      <Button type="primary" data-testid="import-back">
        {t(`${ns}:import.backToList`)}
      </Button>
    </Link>
  );

  if (batch.status === 'imported' || status === 'succeeded') {
    const summary: Record<string, number | undefined> = batch.summary ?? (job.data?.result as Record<string, number> | null) ?? {};
    const extra = summaryLines.map((line) => (summary[line] ? t(`${ns}:import.${line}`, { count: summary[line] }) : null)).filter(Boolean);
    return (
      <Result
        status="success"
        title={t('import.done')}
        data-testid="import-done"
        subTitle={
          <div data-testid="import-result">
            {t(`${ns}:import.doneCounts`, { created: summary.created ?? 0, updated: summary.updated ?? 0 })}
            {extra.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        }
        extra={[back, again]}
      />
    );
  }
  if (batch.status === 'failed' || status === 'failed' || status === 'cancelled') {
    return (
      <Result
        status="error"
        title={t('import.failed')}
        subTitle={job.data?.error ?? undefined}
        data-testid="import-failed"
        extra={[again, back]}
      />
    );
  }
  if (batch.status === 'discarded') {
    return <Result status="info" title={t('import.discarded')} extra={[again]} />;
  }
  if (job.error) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;

  const p = job.data?.progress;
  const percent = p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  return (
    <Flex vertical align="center" gap={12} style={{ maxWidth: 560, margin: '24px auto' }} data-testid="import-progress">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {status === 'queued' || !job.data ? t('import.queued') : t('import.running')}
      </Typography.Title>
      <Progress percent={percent} status="active" style={{ width: '100%' }} />
      <Typography.Text type="secondary">
        {p ? t('import.progress', { done: p.done, total: p.total }) : null}
        {p?.message ? ` · ${p.message}` : null}
      </Typography.Text>
    </Flex>
  );
}
