import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Segmented, Select, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { ListPage } from '../../../api/types';
import { useCan, useCurrentUser } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import { EnterpriseSelect } from '../../../ui/selects/EnterpriseSelect';
import { formatDateTime } from '../../../ui/format';
import { useTableQuery } from '../../../ui/useTableQuery';
import { TALENT_FACT_KEYS_FOR_FILTER } from './facts';
import { ClaimStatusTag } from './ClaimStatusTag';
import { useFactLabel } from './FactValue';
import { CLAIM_STATUSES, claimKeys, type ClaimStatus, type ClaimSummary } from './api';

const PATH = '/api/talent/claims';
const DAY = 86_400_000;
const AGES = [1, 3, 7, 15, 30];

/**
 * 审核队列 for the talent office (the county's claims, oldest waiting first, batch approve) and
 * 积分申报 for enterprise HR (its own claims, with the office's reasons). One page, one list API.
 */
export function ClaimsPage() {
  const { t } = useTranslation('talent');
  const me = useCurrentUser();
  const can = useCan();
  const reviewer = can('talent.claims.review') && !me.scope.enterpriseId;
  const label = useFactLabel();
  const tq = useTableQuery({ filterKeys: ['status', 'enterprise', 'fact', 'minAgeDays', 'subjectKind'] });
  const status = tq.filters.status ?? 'open';
  const extraQuery = { status: status === 'all' ? undefined : status };
  const query = { ...tq.apiQuery, ...extraQuery };
  // the same request the table makes (same key): its counts feed the status switch
  const page = useQuery({
    queryKey: [...claimKeys.all, PATH, query],
    queryFn: ({ signal }) => api.get<ListPage<ClaimSummary> & { counts: Record<string, number> }>(PATH, query, { signal }),
    placeholderData: keepPreviousData,
  });
  const counts = page.data?.counts ?? {};
  const [selected, setSelected] = useState<string[]>([]);
  const now = Date.now();

  const columns = useMemo<ServerColumn<ClaimSummary>[]>(
    () => [
      {
        title: t('claim.subject'),
        render: (_, c) => (
          <Flex vertical gap={0}>
            <Link to={`/talent/claims/${c.id}`} data-testid="claim-link">
              {c.subjectKind === 'talent' ? c.talentName : t('claim.enterpriseSubject', { year: c.year })}
            </Link>
            {reviewer ? <Typography.Text type="secondary">{c.enterpriseName}</Typography.Text> : null}
          </Flex>
        ),
      },
      { title: t('claim.facts'), render: (_, c) => <Flex wrap gap={4}>{c.facts.map((f) => <Tag key={f}>{label(f)}</Tag>)}</Flex> },
      { title: t('claim.evidence'), width: 90, render: (_, c) => (c.evidenceCount ? c.evidenceCount : <Typography.Text type="warning">{t('claim.noEvidence')}</Typography.Text>) },
      { title: t('field.status'), width: 130, render: (_, c) => <ClaimStatusTag status={c.status} /> },
      {
        title: t('claim.waiting'),
        width: 170,
        render: (_, c) => {
          const days = Math.floor((now - new Date(c.waitingSince).getTime()) / DAY);
          const open = ['submitted', 'resubmitted'].includes(c.status);
          return (
            <Flex vertical gap={0}>
              <span>{formatDateTime(c.waitingSince)}</span>
              {open ? <Typography.Text type={days >= 7 ? 'danger' : 'secondary'}>{t('claim.days', { n: days })}</Typography.Text> : null}
            </Flex>
          );
        },
      },
      { title: t('claim.submittedBy'), width: 120, render: (_, c) => c.submittedByName ?? '—' },
      { title: t('claim.reason'), render: (_, c) => c.reason || '—' },
    ],
    [t, label, reviewer, now],
  );

  const statusOptions = [
    { value: 'open', label: `${t('claim.filter.open')} ${counts.open ?? 0}` },
    ...CLAIM_STATUSES.map((s) => ({ value: s, label: `${t(`claim.status.${s}`)} ${counts[s] ?? 0}` })),
    { value: 'all', label: t('claim.filter.all') },
  ];

  return (
    <>
      <PageHeader title={reviewer ? t('claim.queueTitle') : t('claim.mineTitle')} />
      <div className="zz-card">
        <Alert type="info" showIcon title={reviewer ? t('claim.queueHint') : t('claim.mineHint')} style={{ marginBottom: 12 }} />
        <Flex vertical gap={8} className="zz-filters">
          <Segmented
            value={status}
            onChange={(v) => {
              setSelected([]);
              tq.setFilters({ status: v === 'open' ? undefined : String(v) });
            }}
            options={statusOptions}
            data-testid="claim-status-filter"
          />
          <Flex gap={8} wrap>
            {reviewer ? (
              <EnterpriseSelect value={tq.filters.enterprise ?? null} onChange={(v) => tq.setFilters({ enterprise: v })} placeholder={t('field.enterprise')} style={{ width: 240 }} testId="claim-enterprise-filter" />
            ) : null}
            <Select
              allowClear
              value={tq.filters.fact}
              onChange={(v) => tq.setFilters({ fact: v })}
              placeholder={t('claim.fact')}
              options={TALENT_FACT_KEYS_FOR_FILTER.map((f) => ({ value: f, label: label(f) }))}
              style={{ width: 180 }}
              data-testid="claim-fact-filter"
            />
            <Select
              allowClear
              value={tq.filters.minAgeDays}
              onChange={(v) => tq.setFilters({ minAgeDays: v })}
              placeholder={t('claim.age')}
              options={AGES.map((n) => ({ value: String(n), label: t('claim.ageAtLeast', { n }) }))}
              style={{ width: 160 }}
              data-testid="claim-age-filter"
            />
            <Select
              allowClear
              value={tq.filters.subjectKind}
              onChange={(v) => tq.setFilters({ subjectKind: v })}
              placeholder={t('claim.subjectKind')}
              options={[{ value: 'talent', label: t('claim.kind.talent') }, { value: 'enterprise', label: t('claim.kind.enterprise') }]}
              style={{ width: 160 }}
            />
          </Flex>
          {reviewer ? <BatchApprove ids={selected} onDone={() => setSelected([])} /> : null}
        </Flex>
        <ServerTable<ClaimSummary>
          queryKey={claimKeys.all}
          path={PATH}
          tableQuery={tq}
          extraQuery={extraQuery}
          columns={columns}
          rowKey="id"
          statusPageOnError
          data-testid="claim-table"
          rowSelection={
            reviewer
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as string[]),
                  getCheckboxProps: (c: ClaimSummary) => ({ disabled: !(['submitted', 'resubmitted'] as ClaimStatus[]).includes(c.status) }),
                }
              : undefined
          }
        />
      </div>
    </>
  );
}

function BatchApprove({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation('talent');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post<{ approved: number; results: { id: string; ok: boolean; message: string | null }[] }>('/api/talent/claims/approve-batch', { ids }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['talent'] });
      const failed = r.results.filter((x) => !x.ok);
      if (failed.length)
        modal.warning({ title: t('claim.batch.partial', { ok: r.approved, failed: failed.length }), content: <ul>{failed.map((f) => <li key={f.id}>{f.message}</li>)}</ul> });
      else void message.success(t('claim.batch.done', { n: r.approved }));
      onDone();
    },
  });
  return (
    <Flex gap={8} align="center">
      <Button
        type="primary"
        disabled={!ids.length}
        loading={run.isPending}
        onClick={() => modal.confirm({ title: t('claim.batch.confirm', { n: ids.length }), content: t('claim.batch.confirmHint'), onOk: () => run.mutateAsync() })}
        data-testid="claim-batch-approve"
      >
        {t('claim.batch.approve', { n: ids.length })}
      </Button>
      {run.error ? <ErrorAlert error={run.error} /> : null}
    </Flex>
  );
}
