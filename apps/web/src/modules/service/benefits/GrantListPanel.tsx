import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatWan } from '../../../ui/format';
import { BASE, type Grant, type GrantListSummary, type Page, type Policy } from './api';

export const INTENT_COLOR = { pending: 'default', confirmed: 'green', declined: 'red' } as const;

/** 免申即享 兑现名单: generate from the eligible enterprises, review (take off with a reason), confirm once, export. */
export function GrantListPanel({ policy }: { policy: Policy }) {
  const { t } = useTranslation('service');
  const can = useCan();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const [excluding, setExcluding] = useState<Grant | null>(null);
  const [reason, setReason] = useState('');
  const summary = policy.grantList;
  const list = useQuery({
    queryKey: ['benefits', 'grants', policy.id, summary?.version],
    queryFn: () => api.get<Page<Grant> & { summary: GrantListSummary }>(`${BASE}/policies/${policy.id}/grant-list`, { pageSize: 100 }),
    enabled: !!summary,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['benefits'] });
  const generate = useMutation({ mutationFn: () => api.post(`${BASE}/policies/${policy.id}/grant-list`), onSuccess: refresh });
  const setIncluded = useMutation({
    mutationFn: (v: { enterpriseId: string; included: boolean; reason: string }) =>
      api.put(`${BASE}/policies/${policy.id}/grant-list/${v.enterpriseId}`, { included: v.included, reason: v.reason, version: summary!.version }),
    onSuccess: () => { setExcluding(null); setReason(''); void refresh(); },
  });
  const confirm = useMutation({ mutationFn: () => api.post(`${BASE}/policies/${policy.id}/grant-list/confirm`, { version: summary!.version }), onSuccess: refresh });
  const mayGrant = can('benefit.grant');
  const error = generate.error ?? setIncluded.error ?? confirm.error ?? list.error;
  if (policy.status === 'draft') return <Alert type="info" showIcon message={t('benefits.grant.notPublished')} />;
  return (
    <div data-testid="grant-list">
      {error ? <ErrorAlert error={error} style={{ marginBottom: 12 }} /> : null}
      {!summary ? (
        <Flex vertical gap={8} align="start">
          <Typography.Text type="secondary">{t('benefits.grant.none')}</Typography.Text>
          {mayGrant && policy.status === 'published' ? (
            <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate()} data-testid="grant-generate">{t('benefits.grant.generate')}</Button>
          ) : null}
        </Flex>
      ) : (
        <>
          <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
            {summary.status === 'confirmed'
              ? <Tag color="green" data-testid="grant-status">{t('benefits.grant.confirmed', { by: summary.confirmedByName, at: formatDateTime(summary.confirmedAt) })}</Tag>
              : <Tag color="gold" data-testid="grant-status">{t('benefits.grant.review')}</Tag>}
            <Typography.Text data-testid="grant-summary">{t('benefits.grant.summary', { total: summary.total, included: summary.included, confirmed: summary.intentConfirmed, declined: summary.intentDeclined })}</Typography.Text>
            <span style={{ flex: 1 }} />
            {mayGrant && summary.status === 'review' ? (
              <>
                <Button loading={generate.isPending} onClick={() => generate.mutate()}>{t('benefits.grant.refresh')}</Button>
                <Button
                  type="primary" loading={confirm.isPending} data-testid="grant-confirm"
                  onClick={() => modal.confirm({ title: t('benefits.grant.confirm'), content: t('benefits.grant.confirmAsk', { n: summary.included }), onOk: () => confirm.mutateAsync() })}
                >
                  {t('benefits.grant.confirm')}
                </Button>
              </>
            ) : null}
            {mayGrant ? <DownloadButton path={`${BASE}/policies/${policy.id}/grant-list/export.xlsx`} testId="grant-export">{t('benefits.grant.export')}</DownloadButton> : null}
          </Flex>
          <Table<Grant>
            rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20 }} data-testid="grant-table"
            columns={[
              { title: t('benefits.col.enterprise'), dataIndex: 'enterpriseName' },
              { title: t('benefits.col.amount'), width: 110, align: 'right', render: (_, g) => (g.amountFen === null ? '—' : `${formatWan(g.amountFen)} ${t('benefits.wan')}`) },
              { title: t('benefits.col.included'), width: 200, render: (_, g) => (g.included ? <Tag color="blue">✓</Tag> : <Typography.Text type="secondary">{t('benefits.grant.exclude')}：{g.excludeReason}</Typography.Text>) },
              { title: t('benefits.col.intent'), width: 110, render: (_, g) => <Tag color={INTENT_COLOR[g.intent]}>{t(`benefits.intent.${g.intent}`)}</Tag> },
              { title: t('benefits.col.bank'), render: (_, g) => (g.bankAccountNo ? `${g.bankName} ${g.bankAccountNo}` : '—') },
              ...(mayGrant && summary.status === 'review' ? [{
                title: '', width: 110, render: (_: unknown, g: Grant) => (g.included
                  ? <Button size="small" danger onClick={() => setExcluding(g)} data-testid="grant-exclude">{t('benefits.grant.exclude')}</Button>
                  : <Button size="small" onClick={() => setIncluded.mutate({ enterpriseId: g.enterpriseId, included: true, reason: '' })}>{t('benefits.grant.include')}</Button>),
              }] : []),
            ]}
          />
        </>
      )}
      <Modal
        open={!!excluding} title={`${t('benefits.grant.exclude')}：${excluding?.enterpriseName ?? ''}`} onCancel={() => setExcluding(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: setIncluded.isPending, danger: true }}
        onOk={() => excluding && setIncluded.mutate({ enterpriseId: excluding.enterpriseId, included: false, reason: reason.trim() })}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('benefits.grant.excludeReason')} maxLength={500} data-testid="grant-exclude-reason" />
      </Modal>
    </div>
  );
}
