import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api, download } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { EChart } from '../../../ui/EChart';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { directoryKeys, type Coverage, type Plan } from './api';
import { PlanTable, VisitFormModal, VisitList } from './VisitViews';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function CoverageView() {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().subtract(89, 'day'), dayjs()]);
  const [by, setBy] = useState<'street' | 'park'>('street');
  const q = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by };
  const cov = useQuery({ queryKey: directoryKeys.coverage(q), queryFn: () => api.get<Coverage>('/api/service/visits/coverage', q) });
  const option = useMemo(() => ({
    grid: { left: 100, right: 40, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: (cov.data?.rows ?? []).map((r) => r.name) },
    series: [{ type: 'bar', name: t('visits.share'), data: (cov.data?.rows ?? []).map((r) => Math.round(r.share * 1000) / 10), label: { show: true, position: 'right', formatter: '{c}%' } }],
  }), [cov.data, t]);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} optionType="button" options={[{ value: 'street', label: t('visits.byStreet') }, { value: 'park', label: t('visits.byPark') }]} />
      </Space>
      {cov.error ? <ErrorAlert error={cov.error} /> : null}
      <EChart option={option} height={Math.max(160, (cov.data?.rows.length ?? 3) * 44)} loading={cov.isLoading} testId="coverage-chart" />
      <Table
        size="small" rowKey="key" pagination={false} dataSource={cov.data ? [...cov.data.rows, cov.data.total] : []} data-testid="coverage-table"
        columns={[
          { title: by === 'street' ? t('visits.street') : t('visits.byPark'), dataIndex: 'name' },
          { title: t('visits.enterprises'), dataIndex: 'enterprises' },
          { title: t('visits.visited'), dataIndex: 'visited' },
          { title: t('visits.visits'), dataIndex: 'visits' },
          { title: t('visits.share'), render: (_, r) => pct(r.share) },
        ]}
      />
    </>
  );
}

/** Makes a visit plan, or edits one (`plan` given): who, which street, when, which enterprises. */
export function PlanModal({ open, onClose, plan }: { open: boolean; onClose: () => void; plan?: Plan | null }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [form] = Form.useForm();
  const title = plan ? t('visits.editPlanTitle') : t('visits.newPlan');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const agents = useQuery({ queryKey: directoryKeys.agents, queryFn: () => api.get<{ id: string; name: string; departmentName: string | null }[]>('/api/service/visits/agents'), enabled: open });
  const street = Form.useWatch('divisionCode', form) as string | undefined;
  const enterprises = useQuery({
    queryKey: ['directory', 'plan-enterprises', street],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/enterprises', { division: street, pageSize: 100, sort: 'name', order: 'asc' }),
    enabled: open && !!street && /^\d{9}$/.test(street),
  });
  // the plan's own enterprises stay choosable even when they are not on the first page of the street
  const options = new Map<string, string>((plan?.enterprises ?? []).map((e) => [e.id, e.name]));
  for (const e of enterprises.data?.items ?? []) options.set(e.id, e.name);
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      agentId: v.agentId, divisionCode: v.divisionCode, periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'),
      enterpriseIds: v.enterpriseIds ?? [], note: v.note ?? '',
    };
    try {
      if (plan) await api.put(`/api/service/visit-plans/${plan.id}`, { ...body, version: plan.version });
      else await api.post('/api/service/visit-plans', body);
      message.success(t('visits.planSaved'));
      await qc.invalidateQueries({ queryKey: ['visits'] });
      onClose();
    } catch (e) {
      Modal.error({ title, content: <ErrorAlert error={e} /> });
    }
  };
  const initialValues = plan
    ? { agentId: plan.agentId, divisionCode: plan.divisionCode, period: [dayjs(plan.periodFrom), dayjs(plan.periodTo)], enterpriseIds: plan.enterprises.map((e) => e.id), note: plan.note }
    : { period: [dayjs().startOf('month'), dayjs().endOf('month')] };
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void submit()} title={title} destroyOnHidden width={640} okButtonProps={{ 'data-testid': 'plan-save' } as never}>
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false} data-testid="plan-form">
        <Form.Item name="agentId" label={t('visits.agent')} rules={[{ required: true }]}>
          <Select data-testid="plan-agent" showSearch optionFilterProp="label" options={(agents.data ?? []).map((a) => ({ value: a.id, label: `${a.name}${a.departmentName ? `（${a.departmentName}）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('visits.street')} rules={[{ required: true, pattern: /^\d{9}$/ }]}><Input placeholder="330110010" maxLength={9} /></Form.Item>
        <Form.Item name="period" label={t('visits.period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="enterpriseIds" label={t('visits.planEnterprises')}>
          <Select mode="multiple" optionFilterProp="label" options={[...options].map(([value, label]) => ({ value, label }))} data-testid="plan-enterprises" />
        </Form.Item>
        <Form.Item name="note" label={t('field.note')}><Input maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 走访: the visits (record, one click to a request), coverage per street or park, plans per agent and street. */
export function VisitsPage() {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const [recording, setRecording] = useState(false);
  const [planning, setPlanning] = useState(false);
  const [editing, setEditing] = useState<Plan | null>(null);
  return (
    <>
      <PageHeader
        title={t('visits.title')}
        extra={
          <Space>
            <Button onClick={() => void download('/api/service/visits/export.xlsx')}>{t('visits.export')}</Button>
            {can('service.visit.plan') ? <Button onClick={() => setPlanning(true)}>{t('visits.newPlan')}</Button> : null}
            {can('service.visit') ? <Button type="primary" onClick={() => setRecording(true)} data-testid="visit-record">{t('visits.record')}</Button> : null}
          </Space>
        }
      />
      <Card size="small">
        <Tabs
          items={[
            { key: 'list', label: t('visits.list'), children: <VisitList query={{}} /> },
            { key: 'coverage', label: t('visits.coverage'), children: <CoverageView /> },
            { key: 'plans', label: t('visits.plans'), children: <PlanTable onEdit={setEditing} /> },
          ]}
        />
      </Card>
      <VisitFormModal enterpriseId={null} open={recording} onClose={() => setRecording(false)} />
      <PlanModal open={planning} onClose={() => setPlanning(false)} />
      <PlanModal key={editing?.id ?? 'none'} open={editing !== null} plan={editing} onClose={() => setEditing(null)} />
    </>
  );
}
