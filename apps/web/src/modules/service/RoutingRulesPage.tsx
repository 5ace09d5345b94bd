import { useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { PlusIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { useCounty, useParks } from '../../ui/reference';
import { LoadError } from '../../ui/StatusResult';
import { unitLabel, useCategories, useUnits, type AgentStrategy, type RoutingRule } from './api';

const KEY = ['service', 'routing-rules'] as const;
const STRATEGIES: readonly AgentStrategy[] = ['none', 'round_robin', 'least_loaded'];

type RuleValues = Omit<RoutingRule, 'id'>;

/** Create or edit one rule: its conditions (all must hold; empty = any), the units, the agent strategy, its place. */
function RuleDrawer({ rule, count, onClose }: { rule: RoutingRule | null; count: number; onClose: () => void }) {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  const categories = useCategories();
  const units = useUnits();
  const county = useCounty();
  const parks = useParks();
  const all = units.data ?? [];
  const unitOptions = all.filter((u) => u.active || u.id === rule?.unitId).map((u) => ({ value: u.id, label: unitLabel(u, all) }));
  const save = useMutation({
    mutationFn: (v: RuleValues) => (rule
      ? api.put<RoutingRule>(`/api/service/routing-rules/${rule.id}`, v)
      : api.post<RoutingRule>('/api/service/routing-rules', v)),
    onSuccess: () => {
      message.success(t('routing.saved'));
      void qc.invalidateQueries({ queryKey: KEY });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const initial: RuleValues = rule ?? {
    name: '', categoryIds: [], keywords: [], divisionPrefixes: [], parkIds: [], unitId: '', assistingUnitIds: [], agentStrategy: 'none', active: true, position: count + 1,
  };
  return (
    <Drawer
      open
      size={560}
      title={rule ? t('routing.edit', { name: rule.name || `#${rule.position}` }) : t('routing.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-save">{t('common:action.save')}</Button>
        </Flex>
      }
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('routing.conditionsHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate({ ...initial, ...v })} data-testid="rule-form">
        <Form.Item name="name" label={t('routing.name')}>
          <Input maxLength={50} data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="categoryIds" label={t('routing.categories')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.parentId ? `— ${c.name}` : c.name }))}
            data-testid="rule-categories"
          />
        </Form.Item>
        <Form.Item name="keywords" label={t('routing.keywords')} extra={t('routing.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="rule-keywords" />
        </Form.Item>
        <Form.Item name="divisionPrefixes" label={t('routing.streets')}>
          <Select mode="multiple" optionFilterProp="label" options={(county.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))} data-testid="rule-streets" />
        </Form.Item>
        <Form.Item name="parkIds" label={t('routing.parks')}>
          <Select mode="multiple" optionFilterProp="label" options={(parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))} data-testid="rule-parks" />
        </Form.Item>
        <Form.Item name="unitId" label={t('routing.unit')} rules={[{ required: true, message: t('modal.required', { field: t('routing.unit') }) }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} loading={units.isPending} data-testid="rule-unit" />
        </Form.Item>
        <Form.Item name="assistingUnitIds" label={t('routing.assisting')}>
          <Select mode="multiple" optionFilterProp="label" options={unitOptions} data-testid="rule-assisting" />
        </Form.Item>
        <Form.Item name="agentStrategy" label={t('routing.strategy')} extra={t('routing.strategyHint')}>
          <Select options={STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))} data-testid="rule-strategy" />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item name="position" label={t('routing.position')} extra={t('routing.positionHint')}>
            <InputNumber min={1} max={count + (rule ? 0 : 1)} precision={0} data-testid="rule-position" />
          </Form.Item>
          <Form.Item name="active" label={t('routing.active')} valuePropName="checked">
            <Switch data-testid="rule-active" />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}

/**
 * 分办规则: the ordered rules behind the dispatcher's suggestion (the first that matches wins):
 * category, keywords, street, park → the lead unit (and assisting units), and how the lead
 * unit's agent is picked. Everyone with service.dispatch reads them; service.configure (the
 * dispatcher) creates, edits, reorders and switches them off — each change audited.
 */
export function RoutingRulesPage() {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('service.configure');
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<RoutingRule[]>('/api/service/routing-rules') });
  const categories = useCategories();
  const units = useUnits();
  const county = useCounty();
  const parks = useParks();
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const toggle = useMutation({
    mutationFn: (r: RoutingRule) => api.put<RoutingRule>(`/api/service/routing-rules/${r.id}`, { ...r, active: !r.active }),
    onSuccess: (r) => {
      message.success(r.active ? t('routing.enabled') : t('routing.disabled'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => void message.error((e as Error).message, 6),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const rules = q.data ?? [];
  const all = units.data ?? [];
  const unitName = (id: string) => { const u = all.find((x) => x.id === id); return u ? unitLabel(u, all) : id; };
  const categoryName = (id: string) => categories.data?.find((c) => c.id === id)?.name ?? id;
  const streetName = (code: string) => county.data?.streets.find((s) => s.code === code)?.name ?? code;
  const parkName = (id: string) => parks.data?.find((p) => p.id === id)?.name ?? id;
  const conditions = (r: RoutingRule) => {
    const tags = [
      ...r.categoryIds.map((c) => <Tag key={`c${c}`} color="blue">{categoryName(c)}</Tag>),
      ...r.keywords.map((k) => <Tag key={`k${k}`}>“{k}”</Tag>),
      ...r.divisionPrefixes.map((d) => <Tag key={`d${d}`} color="green">{streetName(d)}</Tag>),
      ...r.parkIds.map((p) => <Tag key={`p${p}`} color="purple">{parkName(p)}</Tag>),
    ];
    return tags.length ? <Flex wrap gap={2}>{tags}</Flex> : <Typography.Text type="secondary">{t('routing.any')}</Typography.Text>;
  };
  return (
    <>
      <PageHeader
        title={t('routing.title')}
        subTitle={t('routing.subtitle')}
        extra={editable ? <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="rule-create">{t('routing.create')}</Button> : null}
      />
      <div className="zz-card">
        <Table<RoutingRule>
          size="small"
          rowKey="id"
          loading={q.isPending}
          pagination={false}
          dataSource={rules}
          data-testid="rules-table"
          locale={{ emptyText: t('routing.none') }}
          columns={[
            { title: t('routing.position'), dataIndex: 'position', width: 70 },
            { title: t('routing.name'), render: (_, r) => <Typography.Text strong>{r.name || '—'}</Typography.Text> },
            { title: t('routing.when'), render: (_, r) => conditions(r) },
            {
              title: t('routing.then'),
              render: (_, r) => (
                <Flex vertical>
                  <span>{unitName(r.unitId)}</span>
                  {r.assistingUnitIds.length ? <Typography.Text type="secondary">{t('routing.assistingShort')}：{r.assistingUnitIds.map(unitName).join('、')}</Typography.Text> : null}
                </Flex>
              ),
            },
            { title: t('routing.strategy'), render: (_, r) => t(`strategy.${r.agentStrategy}`) },
            { title: t('routing.active'), render: (_, r) => (r.active ? <Tag color="green">{t('routing.on')}</Tag> : <Tag>{t('routing.off')}</Tag>) },
            ...(editable ? [{
              title: '',
              render: (_: unknown, r: RoutingRule) => (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => setEditing(r)} data-testid={`rule-edit-${r.position}`}>{t('routing.editShort')}</Button>
                  <Button size="small" type="link" danger={r.active} loading={toggle.isPending && toggle.variables?.id === r.id} onClick={() => toggle.mutate(r)} data-testid={`rule-toggle-${r.position}`}>
                    {r.active ? t('routing.disable') : t('routing.enable')}
                  </Button>
                </Flex>
              ),
            }] : []),
          ]}
        />
      </div>
      {editing ? <RuleDrawer rule={editing === 'new' ? null : editing} count={rules.length} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
