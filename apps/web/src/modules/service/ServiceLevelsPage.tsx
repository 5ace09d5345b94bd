import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, InputNumber, Input, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
import { useLeaveGuard } from '../../ui/useLeaveGuard';
import { useCategories } from './api';
import { needsN, policyRows, POLICY_STEPS, RULE_KINDS, rowsToPolicy, type PolicyRow, type PolicyStep, type PolicyView } from './policy';

const KEY = ['service', 'service-level-policy'] as const;

/**
 * 时限规则 (service.configure): per step the default rule, and per category the steps it sets
 * differently — rule kind, N (days or hours) and the cut-off after which a request counts from the
 * next day. Saving stores a new version that applies to steps opened after it (the page says so);
 * the server checks it and lists what is wrong.
 */
export function ServiceLevelsPage() {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const categories = useCategories();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<PolicyView>('/api/service/service-level-policy') });
  const [defaults, setDefaults] = useState<PolicyRow[]>([]);
  const [overrides, setOverrides] = useState<PolicyRow[]>([]);
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  useEffect(() => {
    if (!q.data) return;
    const rows = policyRows(q.data.policy);
    setDefaults(rows.defaults);
    setOverrides(rows.overrides);
    setDirty(false);
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => api.put<PolicyView>('/api/service/service-level-policy', { policy: rowsToPolicy(q.data!.policy, defaults, overrides) }),
    onSuccess: (v) => {
      guard.release();
      qc.setQueryData(KEY, v);
      message.success(t('policy.saved', { version: v.version }));
    },
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const v = q.data;
  const categoryName = (id: string | null) => (id ? (categories.data?.find((c) => c.id === id)?.name ?? id) : t('policy.allCategories'));
  const update = (list: 'defaults' | 'overrides', key: string, patch: Partial<PolicyRow>) => {
    const set = list === 'defaults' ? setDefaults : setOverrides;
    set((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setDirty(true);
  };
  const columns = (list: 'defaults' | 'overrides') => [
    ...(list === 'overrides'
      ? [{
          title: t('field.category'),
          width: 200,
          render: (_: unknown, r: PolicyRow) => (
            <Select
              value={r.categoryId ?? undefined}
              onChange={(c: string) => update(list, r.key, { categoryId: c })}
              options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.parentId ? `— ${c.name}` : c.name }))}
              style={{ width: '100%' }}
              data-testid="policy-category"
            />
          ),
        }]
      : []),
    {
      title: t('detail.step'),
      width: 120,
      render: (_: unknown, r: PolicyRow) => list === 'defaults'
        ? t(`step.${r.step}`)
        : <Select value={r.step} onChange={(s: PolicyStep) => update(list, r.key, { step: s })} options={POLICY_STEPS.map((s) => ({ value: s, label: t(`step.${s}`) }))} style={{ width: '100%' }} data-testid="policy-step" />,
    },
    {
      title: t('policy.kind'),
      width: 190,
      render: (_: unknown, r: PolicyRow) => (
        <Select
          value={r.kind}
          onChange={(k) => update(list, r.key, { kind: k, n: needsN(k) ? (r.n ?? 1) : null, warn: undefined })}
          options={RULE_KINDS.map((k) => ({ value: k, label: t(`policy.kinds.${k}`) }))}
          style={{ width: '100%' }}
          data-testid={`policy-kind-${r.categoryId ?? 'default'}-${r.step}`}
        />
      ),
    },
    {
      title: t('policy.n'),
      width: 130,
      render: (_: unknown, r: PolicyRow) => needsN(r.kind)
        ? <InputNumber min={1} max={r.kind === 'working_hours' ? 2000 : 366} value={r.n ?? undefined} onChange={(n) => update(list, r.key, { n: n ?? null })} addonAfter={r.kind === 'working_hours' ? t('policy.hours') : t('policy.days')} style={{ width: '100%' }} data-testid={`policy-n-${r.categoryId ?? 'default'}-${r.step}`} />
        : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('policy.cutoff'),
      width: 120,
      render: (_: unknown, r: PolicyRow) => (
        <Input value={r.cutoff ?? ''} placeholder={t('policy.noCutoff')} maxLength={5} onChange={(e) => update(list, r.key, { cutoff: e.target.value.trim() || null })} data-testid={`policy-cutoff-${r.categoryId ?? 'default'}-${r.step}`} />
      ),
    },
    ...(list === 'overrides'
      ? [{
          title: '',
          width: 70,
          render: (_: unknown, r: PolicyRow) => (
            <Button type="link" danger onClick={() => { setOverrides((rows) => rows.filter((x) => x.key !== r.key)); setDirty(true); }}>
              {t('policy.remove')}
            </Button>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('policy.title')} />
      <div className="zz-card" data-testid="policy-page">
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('policy.effectNote')} data-testid="policy-effect-note" />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('policy.version')}>{v.version === null ? t('policy.builtIn') : `#${v.version}`}</Descriptions.Item>
          <Descriptions.Item label={t('policy.effectiveFrom')}>{v.effectiveFrom ? formatDateTime(v.effectiveFrom) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policy.updatedBy')}>{v.updatedBy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policy.officeHours')} span={3}>
            {v.policy.officeHours.windows.map((w) => `${w.from}–${w.to}`).join('，')}
          </Descriptions.Item>
        </Descriptions>
        {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
        <Typography.Title level={5}>{t('policy.defaults')}</Typography.Title>
        <Table size="small" rowKey="key" pagination={false} dataSource={defaults} columns={columns('defaults')} data-testid="policy-defaults" />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('policy.overrides')}</Typography.Title>
          <Button
            onClick={() => {
              const first = categories.data?.find((c) => c.active)?.id ?? null;
              setOverrides((rows) => [...rows, { key: `new|${Date.now()}`, categoryId: first, step: 'respond', kind: 'working_hours', n: 2, cutoff: null }]);
              setDirty(true);
            }}
            data-testid="policy-add"
          >
            {t('policy.add')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>{t('policy.overridesHint')}</Typography.Paragraph>
        <Table size="small" rowKey="key" pagination={false} dataSource={overrides} columns={columns('overrides')} locale={{ emptyText: t('policy.noOverrides') }} data-testid="policy-overrides" />
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="policy-save">
            {t('policy.save')}
          </Button>
          <Button
            disabled={save.isPending}
            onClick={() => {
              const rows = policyRows(v.defaultPolicy);
              setDefaults(rows.defaults);
              setOverrides(rows.overrides);
              setDirty(true);
            }}
            data-testid="policy-reset-default"
          >
            {t('policy.useDefault')}
          </Button>
        </Flex>
      </div>
    </>
  );
}
