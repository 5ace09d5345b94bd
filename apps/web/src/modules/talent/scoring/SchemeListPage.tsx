import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Progress, Table, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { labelOf, pointsKeys, recomputeScores, usePointsJob, useSchemes, type SchemeKind, type SchemeSummary } from './api';
import { NewDraftModal } from './NewDraftModal';
import { StatusTag } from './StatusTag';

const KINDS: SchemeKind[] = ['personal', 'enterprise', 'evaluation_bonus'];

/** After a publish or a recompute: the job's progress (every score recomputed). */
function RecomputeProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation('talent');
  const job = usePointsJob(jobId);
  const j = job.data;
  if (!j) return null;
  const pct = j.status === 'succeeded' ? 100 : j.progress && j.progress.total ? Math.round((j.progress.done / j.progress.total) * 100) : 0;
  return (
    <Alert
      type={j.status === 'failed' ? 'error' : j.status === 'succeeded' ? 'success' : 'info'}
      showIcon
      data-testid="recompute-progress"
      data-status={j.status}
      title={t(`points.recompute.${j.status === 'succeeded' ? 'done' : j.status === 'failed' ? 'failed' : 'running'}`)}
      description={<Progress percent={pct} size="small" status={j.status === 'failed' ? 'exception' : undefined} />}
    />
  );
}

/** 积分办法: the versions of each kind, their status and period; new draft, open. */
export function SchemeListPage() {
  const { t, i18n } = useTranslation('talent');
  const [sp, setSp] = useSearchParams();
  const schemes = useSchemes();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [from, setFrom] = useState<SchemeSummary | null>(null);
  // After approved fact changes (审核通过) the scores move only when recomputed: the office starts it here.
  const recompute = useMutation({
    mutationFn: (v: SchemeSummary) => recomputeScores(v.kind, v.id),
    onSuccess: ({ jobId }) => {
      void qc.invalidateQueries({ queryKey: pointsKeys.all });
      message.success(t('points.recompute.started'));
      setSp({ job: String(jobId) });
    },
  });
  if (schemes.error && !schemes.data) return <LoadError error={schemes.error} onRetry={() => void schemes.refetch()} />;
  const all = schemes.data?.items ?? [];
  const job = sp.get('job');

  return (
    <>
      <PageHeader title={t('points.schemes.title')} />
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('points.schemes.hint')}
        </Typography.Paragraph>
        {job ? <RecomputeProgress key={job} jobId={job} /> : null}
        {schemes.error ? <ErrorAlert error={schemes.error} /> : null}
        {recompute.error ? <ErrorAlert error={recompute.error} /> : null}
        {KINDS.map((kind) => {
          const rows = all.filter((s) => s.kind === kind);
          const inEffect = rows.find((s) => s.inEffect);
          const base = inEffect ?? rows.find((s) => s.status === 'published');
          return (
            <Card
              key={kind}
              size="small"
              title={t(`points.kind.${kind}`)}
              data-testid={`scheme-table-${kind}`}
              extra={
                base ? (
                  <Flex gap={8}>
                    {inEffect ? (
                      <Popconfirm
                        title={t('points.recompute.confirm', { version: inEffect.version })}
                        onConfirm={() => recompute.mutate(inEffect)}
                        okButtonProps={{ 'data-testid': `scheme-recompute-confirm-${kind}` } as React.ComponentProps<typeof Button>}
                      >
                        <Button size="small" loading={recompute.isPending && recompute.variables?.id === inEffect.id} data-testid={`scheme-recompute-${kind}`}>
                          {t('points.recompute.action')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    <Button type="primary" size="small" onClick={() => setFrom(base)} data-testid={`scheme-new-draft-${kind}`}>
                      {t('points.schemes.newDraftFrom', { version: base.version })}
                    </Button>
                  </Flex>
                ) : null
              }
            >
              <Table<SchemeSummary>
                size="small"
                rowKey="id"
                loading={schemes.isFetching}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('points.field.version'),
                    dataIndex: 'version',
                    render: (v: string, r) => (
                      <Link to={`/talent/schemes/${r.id}`} data-testid="scheme-link">
                        {v}
                      </Link>
                    ),
                  },
                  { title: t('points.field.name'), render: (_, r) => labelOf(r.name, i18n.language) },
                  { title: t('points.field.status'), render: (_, r) => <StatusTag status={r.status} inEffect={r.inEffect} /> },
                  { title: t('points.field.period'), render: (_, r) => `${r.effectiveFrom} — ${r.effectiveTo ?? t('points.openEnded')}` },
                  { title: t('points.field.publishedAt'), render: (_, r) => (r.publishedAt ? formatDateTime(r.publishedAt) : '—') },
                  { title: t('points.field.retiredAt'), render: (_, r) => (r.retiredAt ? formatDateTime(r.retiredAt) : '—') },
                  { title: t('points.field.updatedAt'), render: (_, r) => formatDateTime(r.updatedAt) },
                  {
                    title: t('table.actions'),
                    render: (_, r) => (
                      <Flex gap={8}>
                        <Link to={`/talent/schemes/${r.id}`}>{r.status === 'draft' ? t('points.schemes.edit') : t('points.schemes.open')}</Link>
                        {r.status !== 'draft' ? (
                          <Typography.Link onClick={() => setFrom(r)}>{t('points.schemes.newDraft')}</Typography.Link>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]}
              />
            </Card>
          );
        })}
      </Flex>
      {from ? <NewDraftModal from={from} all={all} onClose={() => setFrom(null)} /> : null}
    </>
  );
}
