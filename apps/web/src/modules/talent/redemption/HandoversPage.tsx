import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Progress, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { EnterpriseSelect } from '../../../ui/selects/EnterpriseSelect';
import { formatDateTime } from '../../../ui/format';
import { TierBadge } from '../scoring/TierBadge';
import { revokeHandover, thisYear, useEnterpriseQuotas, useHandovers, type EnterpriseQuotas, type Handover, type HandoverStatus } from './api';
import { HandoverModal } from './HandoverModal';

const STATUS_COLORS: Record<HandoverStatus, string> = { assigned: 'blue', revoked: 'default', used: 'green' };
type QuotaRow = EnterpriseQuotas['quotas'][number];

function EnterpriseHandovers({ enterpriseId, canHand }: { enterpriseId: string; canHand: boolean }) {
  const { t } = useTranslation('talent');
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [period, setPeriod] = useState(thisYear());
  const validPeriod = /^\d{4}(-[A-Za-z0-9]{1,8})?$/.test(period) ? period : '';
  const quotas = useEnterpriseQuotas(enterpriseId, validPeriod);
  const ledger = useHandovers(enterpriseId);
  const [giving, setGiving] = useState<QuotaRow | null>(null);
  const [error, setError] = useState<unknown>(null);
  const q = quotas.data;
  const revoke = (h: Handover) => modal.confirm({
    title: t('redeem.handovers.revoke'),
    content: t('redeem.handovers.confirmRevoke', { name: h.talentName }),
    okButtonProps: { 'data-testid': 'revoke-confirm' } as never,
    onOk: async () => {
      setError(null);
      try {
        await revokeHandover(h.id);
        message.success(t('redeem.handovers.revoked'));
      } catch (e) {
        setError(e);
      } finally {
        await qc.invalidateQueries({ queryKey: ['talent', 'redemption', 'enterprise', enterpriseId] });
      }
    },
  });
  return (
    <Flex vertical gap={16}>
      <Card size="small" data-testid="handover-quotas"
        title={<Flex gap={8} align="center" wrap>{q?.enterpriseName}<span>{t('redeem.handovers.tier')}</span><TierBadge tier={q?.tier ?? null} />
          {q?.asOf ? <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('redeem.handovers.asOf', { date: q.asOf })}</Typography.Text> : null}</Flex>}
        extra={<Flex gap={8} align="center"><span>{t('redeem.field.period')}</span><Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 110 }} size="small" status={validPeriod ? undefined : 'error'} data-testid="handover-period" /></Flex>}>
        {quotas.error ? <ErrorAlert error={quotas.error} /> : null}
        {q && !q.tier ? <Alert type="info" showIcon title={t('redeem.handovers.noTier')} /> : null}
        {!canHand ? <Alert type="info" showIcon title={t('redeem.handovers.office')} style={{ marginBottom: 8 }} /> : null}
        <Table<QuotaRow>
          size="small" rowKey={(r) => `${r.resourceId}-${r.period}`} pagination={false} dataSource={q?.quotas ?? []} loading={quotas.isFetching} data-testid="handover-quota-table"
          locale={{ emptyText: t('redeem.handovers.noQuota') }}
          columns={[
            { title: t('redeem.field.resource'), dataIndex: 'resourceName' },
            { title: t('redeem.field.period'), dataIndex: 'period' },
            { title: t('redeem.field.units'), render: (_, r) => `${r.units} ${r.unit}` },
            { title: t('redeem.field.used'), dataIndex: 'used', align: 'right' },
            { title: t('redeem.field.left'), dataIndex: 'left', align: 'right', render: (l: number) => <Typography.Text strong data-testid="quota-left">{l}</Typography.Text> },
            { title: '', width: 160, render: (_, r) => <Progress percent={r.units ? Math.round((r.used / r.units) * 100) : 0} size="small" showInfo={false} /> },
            ...(canHand ? [{
              title: t('table.actions'),
              render: (_: unknown, r: QuotaRow) => <Button size="small" type="primary" disabled={r.left <= 0} onClick={() => setGiving(r)} data-testid="handover-give">{t('redeem.handovers.give')}</Button>,
            }] : []),
          ]}
        />
      </Card>
      {error ? <ErrorAlert error={error} /> : null}
      <Card size="small" title={t('redeem.handovers.ledger')}>
        <Table<Handover>
          size="small" rowKey="id" dataSource={ledger.data?.items ?? []} loading={ledger.isFetching} data-testid="handover-ledger" scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('redeem.field.assignedAt'), dataIndex: 'assignedAt', render: formatDateTime },
            { title: t('redeem.field.talent'), dataIndex: 'talentName' },
            { title: t('redeem.field.idNumber'), dataIndex: 'idNumber' },
            { title: t('redeem.field.resource'), dataIndex: 'resourceName' },
            { title: t('redeem.field.period'), dataIndex: 'period' },
            { title: t('redeem.field.status'), dataIndex: 'status', render: (s: HandoverStatus) => <Tag color={STATUS_COLORS[s]}>{t(`redeem.handoverStatus.${s}`)}</Tag> },
            { title: t('redeem.field.assignedBy'), dataIndex: 'assignedBy', render: (x: string | null) => x ?? '—' },
            { title: t('redeem.field.revokedAt'), dataIndex: 'revokedAt', render: (x: string | null) => (x ? formatDateTime(x) : '—') },
            { title: t('redeem.field.note'), dataIndex: 'note', ellipsis: true },
            ...(canHand ? [{
              title: t('table.actions'),
              render: (_: unknown, h: Handover) => (h.status === 'assigned' ? <Typography.Link onClick={() => revoke(h)} data-testid="handover-revoke">{t('redeem.handovers.revoke')}</Typography.Link> : null),
            }] : []),
          ]}
        />
      </Card>
      {giving ? <HandoverModal enterpriseId={enterpriseId} resource={giving} onClose={() => setGiving(null)} /> : null}
    </Flex>
  );
}

/**
 * 配额调剂: enterprise HR sees its tier, the quotas it grants per resource and period, what is
 * used and left, hands units to its own talents, revokes unused ones, and reads the ledger. The
 * office picks an enterprise and sees the same, read-only (the server refuses it a handover).
 */
export function HandoversPage() {
  const { t } = useTranslation('talent');
  const me = useCurrentUser();
  const can = useCan();
  const [sp, setSp] = useSearchParams();
  const own = me.scope.enterpriseId;
  const enterpriseId = own ?? sp.get('enterprise');
  return (
    <>
      <PageHeader title={t('redeem.handovers.title')} />
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('redeem.handovers.hint')}</Typography.Paragraph>
        {!own ? (
          <Flex gap={8} align="center">
            <span>{t('redeem.handovers.pick')}</span>
            <EnterpriseSelect value={enterpriseId} onChange={(v) => setSp(v ? { enterprise: v } : {})} style={{ width: 360 }} testId="handover-enterprise" />
          </Flex>
        ) : null}
        {enterpriseId ? <EnterpriseHandovers key={enterpriseId} enterpriseId={enterpriseId} canHand={!!own && can('talent.quota.handover')} /> : null}
      </Flex>
    </>
  );
}
