import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { directoryKeys, type Page, type Plan, type Visit } from './api';

/** Records a visit to an enterprise (the user is the visitor): what was discussed, problems found, follow-up. */
export function VisitFormModal({ enterpriseId, open, onClose }: { enterpriseId: string | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const enterprises = useQuery({
    queryKey: ['directory', 'visit-enterprises', search],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/enterprises', { q: search || undefined, pageSize: 30, sort: 'name', order: 'asc' }),
    enabled: open && !enterpriseId,
  });
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/service/visits', {
        enterpriseId: enterpriseId ?? v.enterpriseId, visitedAt: (v.visitedAt as dayjs.Dayjs).toISOString(), companions: v.companions ?? '',
        discussed: v.discussed, followUps: v.followUps ?? '', problems: String(v.problems ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
      });
      message.success(t('visits.saved'));
      await qc.invalidateQueries({ queryKey: ['visits'] });
      form.resetFields();
      onClose();
    } catch (e) {
      Modal.error({ title: t('visits.record'), content: <ErrorAlert error={e} /> });
    }
  };
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void submit()} title={t('visits.record')} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'visit-save' } as never}>
      <Form form={form} layout="vertical" initialValues={{ visitedAt: dayjs() }} data-testid="visit-form">
        {enterpriseId ? null : (
          <Form.Item name="enterpriseId" label={t('field.enterprise')} rules={[{ required: true }]}>
            <Select showSearch filterOption={false} onSearch={setSearch} data-testid="visit-enterprise" options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
        <Form.Item name="visitedAt" label={t('visits.visitedAt')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
        <Form.Item name="companions" label={t('visits.companions')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="discussed" label={t('visits.discussed')} rules={[{ required: true, max: 4000 }]}><Input.TextArea rows={3} data-testid="visit-discussed" /></Form.Item>
        <Form.Item name="problems" label={t('visits.problems')} extra="每行一个问题 / one problem per line"><Input.TextArea rows={3} data-testid="visit-problems" /></Form.Item>
        <Form.Item name="followUps" label={t('visits.followUps')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** A page of visits (of an enterprise, or filtered), each with its problems and the one-click "make a request". */
export function VisitList({ query, showEnterprise = true }: { query: Record<string, string | undefined>; showEnterprise?: boolean }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const q = { ...query, page, pageSize: 10 };
  const visits = useQuery({ queryKey: directoryKeys.visits(q), queryFn: () => api.get<Page<Visit>>('/api/service/visits', q) });
  const toRequest = async (v: Visit, problemId: string) => {
    setBusy(problemId);
    try {
      const after = await api.post<Visit>(`/api/service/visits/${v.id}/problems/${problemId}/request`, {});
      message.success(t('visits.converted', { number: after.problems.find((p) => p.id === problemId)?.requestNumber }));
      await qc.invalidateQueries({ queryKey: ['visits'] });
    } catch (e) {
      Modal.error({ title: t('visits.toRequest'), content: <ErrorAlert error={e} /> });
    } finally {
      setBusy(null);
    }
  };
  if (visits.error) return <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />;
  return (
    <List
      loading={visits.isLoading} dataSource={visits.data?.items ?? []} locale={{ emptyText: t('visits.empty') }} data-testid="visit-list"
      pagination={{ current: page, pageSize: 10, total: visits.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
      renderItem={(v) => (
        <List.Item key={v.id}>
          <div style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{formatDateTime(v.visitedAt)}</Typography.Text>
              {showEnterprise ? <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterpriseName}</Link> : null}
              <Tag>{v.divisionName}</Tag>
              <Typography.Text type="secondary">{t('visits.visitor')}：{v.visitorName}{v.companions ? ` · ${v.companions}` : ''}</Typography.Text>
            </Space>
            <div style={{ marginTop: 4 }}>{v.discussed}</div>
            {v.problems.map((p) => (
              <div key={p.id} style={{ marginTop: 4 }}>
                <Tag color="orange">{t('visits.problems')} {p.position}</Tag>{p.text}{' '}
                {p.requestId ? <Link to={`/service/requests/${p.requestId}`}>{t('visits.converted', { number: p.requestNumber })}</Link>
                  : can('service.visit') ? <Button size="small" loading={busy === p.id} disabled={!!busy} onClick={() => void toRequest(v, p.id)} data-testid="problem-to-request">{t('visits.toRequest')}</Button> : null}
              </div>
            ))}
            {v.followUps ? <Typography.Text type="secondary">{t('visits.followUps')}：{v.followUps}</Typography.Text> : null}
          </div>
        </List.Item>
      )}
    />
  );
}

export function PlanTable({ divisionCode, onEdit }: { divisionCode?: string; onEdit?: (p: Plan) => void }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const can = useCan();
  const q = { divisionCode };
  const plans = useQuery({ queryKey: directoryKeys.plans(q), queryFn: () => api.get<Plan[]>('/api/service/visit-plans', q) });
  if (plans.error) return <ErrorAlert error={plans.error} />;
  return (
    <Table
      size="small" rowKey="id" loading={plans.isLoading} dataSource={plans.data ?? []} pagination={false} data-testid="plan-table"
      expandable={{ expandedRowRender: (p) => p.enterprises.map((e) => <Tag key={e.id} color={e.visited ? 'green' : 'default'}>{e.name}</Tag>) }}
      columns={[
        { title: t('visits.agent'), dataIndex: 'agentName' },
        { title: t('visits.street'), dataIndex: 'divisionName' },
        { title: t('visits.period'), render: (_, p) => `${p.periodFrom} ~ ${p.periodTo}` },
        { title: t('visits.share'), render: (_, p) => t('visits.progress', { visited: p.visited, planned: p.planned }) },
        { title: t('visits.visits'), dataIndex: 'visitCount' },
        { title: t('field.note'), dataIndex: 'note' },
        {
          title: t('visits.planChanged'),
          render: (_, p) => (p.updatedByName ? <Typography.Text type="secondary">{t('visits.changedBy', { name: p.updatedByName, at: formatDateTime(p.updatedAt) })}</Typography.Text> : null),
        },
        ...(onEdit && can('service.visit.plan') ? [{
          title: '', key: 'edit', width: 80,
          render: (_: unknown, p: Plan) => <Button size="small" onClick={() => onEdit(p)} data-testid={`plan-edit-${p.id}`}>{t('visits.editPlan')}</Button>,
        }] : []),
      ]}
    />
  );
}
