import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { labelOf } from '../scoring/api';
import { TierBadge } from '../scoring/TierBadge';
import { redeemKeys, setQuota, thisYear, useQuotas, useResources, type Resource } from './api';

const PERIOD = /^\d{4}(-[A-Za-z0-9]{1,8})?$/;
const cell = (tier: string, resourceId: string) => `${tier}|${resourceId}`;

/**
 * 档次配额 (the office): a grid of the enterprise scheme's tiers × the active resources for one
 * period; edit any cell, then save the changed ones (each a PUT, audited on the server).
 */
export function QuotasPage() {
  const { t, i18n } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [periodText, setPeriodText] = useState(thisYear());
  const period = PERIOD.test(periodText) ? periodText : '';
  const quotas = useQuotas(period);
  const resources = useResources();
  const [edits, setEdits] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stored = useMemo(() => new Map((quotas.data?.items ?? []).map((q) => [cell(q.tier, q.resourceId), q.units])), [quotas.data]);
  const tiers = quotas.data?.tiers ?? [];
  const rows = (resources.data?.items ?? []).filter((r) => r.active);
  const changed = Object.entries(edits).filter(([k, v]) => (stored.get(k) ?? 0) !== v);

  const save = async () => {
    setBusy(true);
    setError(null);
    let n = 0;
    try {
      for (const [k, units] of changed) {
        const [tier, resourceId] = k.split('|') as [string, string];
        await setQuota({ tier, resourceId, period, units });
        n++;
      }
      setEdits({});
      message.success(t('redeem.quotas.saved', { n }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: redeemKeys.quotas(period) });
    }
  };

  return (
    <>
      <PageHeader title={t('redeem.quotas.title')}
        extra={
          <Flex gap={8} align="center">
            {changed.length ? <Typography.Text type="warning">{t('redeem.quotas.changed', { n: changed.length })}</Typography.Text> : null}
            <Button type="primary" disabled={!changed.length || !period} loading={busy} onClick={() => void save()} data-testid="quota-save">{t('redeem.quotas.save')}</Button>
          </Flex>
        } />
      <div className="zz-card">
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('redeem.quotas.hint')}</Typography.Paragraph>
          <Flex gap={8} align="center">
            <span>{t('redeem.field.period')}</span>
            <Input value={periodText} onChange={(e) => { setPeriodText(e.target.value.trim()); setEdits({}); }} style={{ width: 140 }}
              status={period ? undefined : 'error'} data-testid="quota-period" />
            <Typography.Text type="secondary">{t('redeem.period.hint')}</Typography.Text>
          </Flex>
          {error ? <ErrorAlert error={error} showFields /> : null}
          {quotas.error ? <ErrorAlert error={quotas.error} /> : null}
          {quotas.data && !tiers.length ? <Alert type="warning" showIcon title={t('redeem.quotas.noTiers')} /> : null}
          {resources.data && !rows.length ? <Alert type="info" showIcon title={t('redeem.quotas.noResources')} /> : null}
          <Table<Resource>
            size="small" rowKey="id" pagination={false} dataSource={tiers.length ? rows : []} loading={quotas.isFetching || resources.isFetching}
            data-testid="quota-grid" scroll={{ x: 'max-content' }}
            columns={[
              { title: t('redeem.field.resource'), dataIndex: 'name', render: (n: string, r) => `${n}（${r.unit}）`, fixed: 'left' },
              ...tiers.map((tier) => ({
                title: <TierBadge tier={tier} />,
                key: tier.id,
                render: (_: unknown, r: Resource) => {
                  const k = cell(tier.id, r.id);
                  const v = edits[k] ?? stored.get(k) ?? 0;
                  const dirty = (stored.get(k) ?? 0) !== v;
                  return (
                    <InputNumber min={0} max={100000} precision={0} value={v} style={{ width: 96, background: dirty ? '#fffbe6' : undefined }}
                      aria-label={`${labelOf(tier.label, i18n.language)} ${r.name}`}
                      data-testid={`quota-${tier.id}-${r.code}`}
                      onChange={(x) => setEdits((e) => ({ ...e, [k]: typeof x === 'number' ? x : 0 }))} />
                  );
                },
              })),
            ]}
          />
        </Flex>
      </div>
    </>
  );
}
