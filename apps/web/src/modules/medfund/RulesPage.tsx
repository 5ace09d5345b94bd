import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import type { Rule } from './api';

const KEY = ['medfund', 'rules'];

/** The 14 rules: current version, severity, enable / disable, and tuning a rule's parameters (a new version). */
export function RulesPage() {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<{ items: Rule[] }>('/api/medfund/rules') });
  const [editing, setEditing] = useState<Rule | null>(null);
  const toggle = useMutation({
    mutationFn: (r: { code: string; enabled: boolean }) => api.post<Rule>(`/api/medfund/rules/${r.code}/enabled`, { enabled: r.enabled }),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <>
      <PageHeader title={t('rules.title')} />
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {toggle.error ? <ErrorAlert error={toggle.error} /> : null}
      <Table<Rule>
        rowKey="code" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} size="middle" data-testid="medfund-rules"
        columns={[
          { title: t('rules.code'), dataIndex: 'code', width: 220 },
          { title: t('rules.name'), render: (_, r) => (en ? r.nameEn : r.name) },
          { title: t('rules.template'), render: (_, r) => (en ? r.templateNameEn : r.templateName) },
          { title: t('rules.version'), render: (_, r) => `v${r.currentVersion}`, width: 80 },
          { title: t('rules.severity'), render: (_, r) => <Tag color={r.current.severity === 'red' ? 'red' : 'orange'}>{t(`severity.${r.current.severity}`)}</Tag> },
          { title: t('rules.effective'), render: (_, r) => `${r.current.effectiveFrom} – ${r.current.effectiveTo ?? ''}` },
          { title: t('rules.department'), render: (_, r) => r.current.departmentName },
          { title: t('rules.enabled'), render: (_, r) => <Switch checked={r.enabled} loading={toggle.isPending} onChange={(v) => toggle.mutate({ code: r.code, enabled: v })} /> },
          { title: '', render: (_, r) => <Button size="small" onClick={() => setEditing(r)}>{t('rules.edit')}</Button> },
        ]}
      />
      {editing ? (
        <EditRule rule={editing} onClose={() => setEditing(null)} onSaved={(v) => { message.success(t('rules.saved', { v })); void qc.invalidateQueries({ queryKey: KEY }); setEditing(null); }} />
      ) : null}
    </>
  );
}

function EditRule({ rule, onClose, onSaved }: { rule: Rule; onClose: () => void; onSaved: (version: number) => void }) {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const [form] = Form.useForm();
  const detail = useQuery({ queryKey: ['medfund', 'rule', rule.code], queryFn: () => api.get<Rule>(`/api/medfund/rules/${rule.code}`) });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const params: Record<string, unknown> = {};
      for (const k of Object.keys(rule.paramSpecs)) params[k] = v[`p_${k}`];
      return api.put<Rule>(`/api/medfund/rules/${rule.code}`, {
        baseVersion: rule.currentVersion, severity: v.severity, params, departmentName: v.departmentName, changeNote: v.changeNote,
      });
    },
    onSuccess: (r) => onSaved(r.currentVersion),
  });
  const initial: Record<string, unknown> = { severity: rule.current.severity, departmentName: rule.current.departmentName };
  for (const [k, v] of Object.entries(rule.current.params)) initial[`p_${k}`] = v;
  return (
    <Modal open title={`${rule.code} · ${en ? rule.nameEn : rule.name}`} onCancel={onClose} onOk={() => form.submit()} okText={t('rules.save')} confirmLoading={save.isPending} width={720}>
      {save.error ? <ErrorAlert error={save.error} showFields /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="severity" label={t('rules.severity')}>
          <Select options={(['red', 'orange'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        {Object.entries(rule.paramSpecs).map(([k, s]) => (
          <Form.Item key={k} name={`p_${k}`} label={`${en ? s.en : s.zh}${s.kind !== 'codes' ? ` (${s.min}–${s.max}${s.unit ? ` ${s.unit}` : ''})` : ''}`}>
            {s.kind === 'codes' ? <Select mode="tags" /> : <InputNumber style={{ width: 200 }} />}
          </Form.Item>
        ))}
        <Form.Item name="departmentName" label={t('rules.department')}><Input maxLength={60} /></Form.Item>
        <Form.Item name="changeNote" label={t('rules.changeNote')} rules={[{ required: true }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
      <div>{t('rules.tables')}: {Object.entries(rule.tableSpecs).map(([k, s]) => `${en ? s.en : s.zh} ${t('rules.rows', { n: rule.current.tables[k]?.length ?? 0 })}`).join('；') || '—'}</div>
      <h4 style={{ marginTop: 16 }}>{t('rules.versions')}</h4>
      <Table
        rowKey="version" size="small" pagination={false} dataSource={detail.data?.versions ?? []}
        columns={[
          { title: t('rules.version'), dataIndex: 'version', width: 70 },
          { title: t('rules.severity'), dataIndex: 'severity', render: (s: 'red' | 'orange') => t(`severity.${s}`) },
          { title: t('rules.by'), dataIndex: 'createdByName' },
          { title: t('rules.note'), dataIndex: 'changeNote' },
        ]}
      />
    </Modal>
  );
}
