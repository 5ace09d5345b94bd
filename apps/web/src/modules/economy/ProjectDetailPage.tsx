import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Progress, Row, Select, Space, Steps, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, download, isApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { IndustrySelect } from '../../ui/selects/IndustrySelect';
import { StreetSelect } from '../../ui/selects/StreetSelect';
import { UploadIcon } from '../../ui/icons';
import { fmtNumber } from './api';
import { chainKeys, projectKeys, useProject, useStages, type Milestone, type Problem, type Project } from './chains-api';
import { ProjectFormModal } from './ProjectFormModal';

const yi = (wan: number) => fmtNumber(wan / 10_000, 2);
const fmtTime = (s: string) => new Date(s).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 招商项目详情: stage (with the milestone check), milestones, problems, documents, the landed enterprise, the history. */
export function ProjectDetailPage() {
  const { t } = useTranslation('economy');
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canWrite = !!me?.permissions.includes('economy.invest');
  const canRegister = !!me?.permissions.includes('enterprise.create');
  const q = useProject(id);
  const stages = useStages();
  const qc = useQueryClient();
  const [target, setTarget] = useState<string | undefined>();
  const [warning, setWarning] = useState<{ to: string; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [dropReason, setDropReason] = useState('');
  const done = async (p: Project) => {
    qc.setQueryData(projectKeys.project(id), p);
    await qc.invalidateQueries({ queryKey: projectKeys.pipeline });
    await qc.invalidateQueries({ queryKey: chainKeys.all });
  };
  const move = useMutation({
    mutationFn: (v: { to: string; confirm?: boolean; reason?: string }) => api.post<Project>(`/api/economy/projects/${id}/stage`, v),
    onSuccess: async (p) => { message.success(t('projects.moved', { stage: p.stageName })); setWarning(null); setReason(''); setTarget(undefined); await done(p); },
    onError: (e, v) => {
      if (isApiError(e) && e.code === 'ECONOMY_PROJECT_MILESTONES_MISSING' && !v.confirm) setWarning({ to: v.to, text: e.message });
    },
  });
  const act = useMutation({
    mutationFn: (f: () => Promise<Project>) => f(),
    onSuccess: done,
  });
  if (q.isLoading) return <PageLoading />;
  const p = q.data;
  if (!p) return <ErrorAlert error={q.error} />;
  const list = stages.data ?? [];
  const idx = list.findIndex((s) => s.code === p.stage);
  const next = list[idx + 1];
  const nameOf = (code: string | null) => list.find((s) => s.code === code)?.name ?? code ?? '';
  const open = p.status === 'active' && canWrite;
  return (
    <div data-testid="project-detail">
      <PageHeader title={p.name} back="/economy/projects"
        tags={<Space size={4}><Tag color="blue" data-testid="project-stage">{p.stageName}</Tag>{p.major ? <Tag color="red">{t('projects.major')}</Tag> : null}<Tag color={p.status === 'dropped' ? 'default' : p.status === 'landed' ? 'success' : 'processing'}>{t(`projects.status.${p.status}`)}</Tag></Space>}
        extra={open ? <Space><Button onClick={() => setEditing(true)}>{t('projects.edit')}</Button><Button danger onClick={() => setDropping(true)}>{t('projects.drop')}</Button></Space> : null} />
      <ErrorAlert error={act.error ?? (move.error && !warning ? move.error : null)} showFields />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps size="small" current={idx} status={p.status === 'dropped' ? 'error' : undefined} items={list.map((s) => ({ title: s.name }))} />
        {open ? (
          <Space style={{ marginTop: 16 }} wrap>
            {next ? <Button type="primary" loading={move.isPending} onClick={() => move.mutate({ to: next.code })} data-testid="stage-advance">{t('projects.advanceTo', { stage: next.name })}</Button> : null}
            <Select style={{ width: 160 }} placeholder={t('projects.otherStage')} value={target} onChange={setTarget}
              options={list.filter((s) => s.code !== p.stage).map((s) => ({ value: s.code, label: s.name }))} />
            <Button disabled={!target} onClick={() => target && move.mutate({ to: target })}>{t('projects.moveTo')}</Button>
            <Typography.Text type="secondary">{t('projects.daysHere', { count: p.daysInStage })}</Typography.Text>
          </Space>
        ) : null}
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('projects.info')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={2} items={[
              { key: 'i', label: t('projects.investor'), children: `${p.investor}${p.investorOrigin ? `（${p.investorOrigin}）` : ''}` },
              { key: 'ind', label: t('projects.industry'), children: `${p.industryCode} ${p.industryName}` },
              { key: 'c', label: t('projects.chainLink'), children: p.chainLink ? <Link to={`/economy/chains/${p.chainLink.chainId}`}>{p.chainLink.chainName} / {p.chainLink.name}</Link> : '—' },
              { key: 't', label: t('projects.investmentYi'), children: `${yi(p.totalInvestmentWan)}（${t('projects.receivedShort')} ${yi(p.receivedInvestmentWan)}）` },
              { key: 's', label: t('projects.street'), children: `${p.streetName}${p.address ? ` · ${p.address}` : ''}` },
              { key: 'o', label: t('projects.owner'), children: p.owner.name },
              { key: 'pr', label: t('projects.progress'), children: <Progress percent={p.constructionPercent} size="small" style={{ width: 160 }} /> },
              { key: 'e', label: t('projects.enterprise'), children: p.enterprise ? <Link to={`/enterprises/${p.enterprise.id}`}>{p.enterprise.name}</Link> : '—' },
            ]} />
            {p.description ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{p.description}</Typography.Paragraph> : null}
          </Card>
          <Milestones p={p} canWrite={open} act={act.mutate} stageName={nameOf} stages={list.map((s) => ({ value: s.code, label: s.name }))} />
          <Problems p={p} canWrite={canWrite && p.status !== 'dropped'} act={act.mutate} stageName={nameOf} />
        </Col>
        <Col xs={24} lg={10}>
          {!p.enterprise && canWrite && p.status !== 'dropped' ? <Landing p={p} canRegister={canRegister} act={act.mutate} /> : null}
          <Card size="small" title={t('projects.files')} style={{ marginBottom: 12 }} extra={canWrite ? (
            <Upload showUploadList={false} beforeUpload={(file) => { act.mutate(() => api.upload<Project>(`/api/economy/projects/${id}/files`, file)); return false; }}>
              <Button size="small" icon={<UploadIcon />}>{t('projects.upload')}</Button>
            </Upload>
          ) : null}>
            {p.files.length ? p.files.map((f) => (
              <div key={f.id}><Button type="link" size="small" onClick={() => download(`/api/economy/projects/${id}/files/${f.id}`, undefined, f.name)}>{f.name}</Button>
                {canWrite ? <Popconfirm title={t('projects.deleteFile')} onConfirm={() => act.mutate(() => api.del<Project>(`/api/economy/projects/${id}/files/${f.id}`))}><Button type="link" size="small" danger>×</Button></Popconfirm> : null}</div>
            )) : <Typography.Text type="secondary">{t('projects.noFiles')}</Typography.Text>}
          </Card>
          <Card size="small" title={t('projects.history')}>
            <Timeline items={[...p.events].reverse().map((e) => ({
              color: e.skipped.length ? 'orange' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{e.from ? `${nameOf(e.from)} → ${nameOf(e.to)}` : t('projects.registeredAt', { stage: nameOf(e.to) })}</Typography.Text>
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(e.at)} · {e.by}</Typography.Text></div>
                  {e.skipped.length ? <div><Typography.Text type="warning">{t('projects.skipped', { list: e.skipped.join('；') })}</Typography.Text></div> : null}
                  {e.reason ? <div>{t('projects.reasonIs', { reason: e.reason })}</div> : null}
                </div>
              ),
            }))} />
          </Card>
        </Col>
      </Row>
      {warning ? (
        <Modal open title={t('projects.confirmTitle')} onCancel={() => { setWarning(null); move.reset(); }} okText={t('projects.confirmOk')} okButtonProps={{ disabled: reason.trim().length < 2, danger: true, id: 'stage-confirm' }}
          confirmLoading={move.isPending} onOk={() => move.mutate({ to: warning.to, confirm: true, reason })} data-testid="stage-warning">
          <Typography.Paragraph type="warning">{warning.text}</Typography.Paragraph>
          {move.error && isApiError(move.error) && move.error.code !== 'ECONOMY_PROJECT_MILESTONES_MISSING' ? <ErrorAlert error={move.error} showFields /> : null}
          <Input.TextArea rows={3} maxLength={500} placeholder={t('projects.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="stage-reason" />
        </Modal>
      ) : null}
      {dropping ? (
        <Modal open title={t('projects.dropTitle')} onCancel={() => setDropping(false)} okButtonProps={{ danger: true, disabled: dropReason.trim().length < 2 }}
          onOk={() => act.mutate(() => api.post<Project>(`/api/economy/projects/${id}/drop`, { reason: dropReason }), { onSuccess: () => setDropping(false) })}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('projects.dropReason')} value={dropReason} onChange={(e) => setDropReason(e.target.value)} />
        </Modal>
      ) : null}
      {editing ? <ProjectFormModal project={p} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}

type Act = (f: () => Promise<Project>) => void;

function Milestones({ p, canWrite, act, stageName, stages }: { p: Project; canWrite: boolean; act: Act; stageName: (c: string) => string; stages: { value: string; label: string }[] }) {
  const { t } = useTranslation('economy');
  const [form] = Form.useForm<{ stage: string; name: string; dueDate?: { format: (f: string) => string } }>();
  const url = `/api/economy/projects/${p.id}/milestones`;
  return (
    <Card size="small" title={t('projects.milestones')} style={{ marginBottom: 12 }} data-testid="project-milestones">
      <Table<Milestone> size="small" rowKey="id" pagination={false} dataSource={p.milestones} columns={[
        { title: t('projects.stage'), dataIndex: 'stage', render: stageName },
        { title: t('projects.milestone'), dataIndex: 'name', render: (v: string, m) => <span>{v}{m.required ? <Tag style={{ marginLeft: 4 }}>{t('projects.required')}</Tag> : null}</span> },
        { title: t('projects.dueDate'), dataIndex: 'dueDate', render: (v: string | null, m) => <span>{v ?? '—'}{m.overdueDays ? <Tag color="error" style={{ marginLeft: 4 }}>{t('projects.lateDays', { count: m.overdueDays })}</Tag> : null}</span> },
        { title: t('projects.done'), dataIndex: 'doneAt', render: (v: string | null, m) => (
          <Checkbox checked={!!v} disabled={!canWrite} data-testid={`milestone-done-${m.name}`}
            onChange={(e) => act(() => api.put<Project>(`${url}/${m.id}`, { done: e.target.checked }))}>{v ? `${m.doneBy}` : ''}</Checkbox>
        ) },
      ]} />
      {canWrite ? (
        <Form key={p.stage} form={form} layout="inline" style={{ marginTop: 8 }} initialValues={{ stage: p.stage }}
          onFinish={(v) => { act(() => api.post<Project>(url, { stage: v.stage, name: v.name, dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null })); form.resetFields(['name', 'dueDate']); }}>
          <Form.Item name="stage"><Select style={{ width: 100 }} options={stages} /></Form.Item>
          <Form.Item name="name" rules={[{ required: true, min: 2 }]}><Input placeholder={t('projects.milestoneName')} maxLength={60} /></Form.Item>
          <Form.Item name="dueDate"><DatePicker placeholder={t('projects.dueDate')} /></Form.Item>
          <Button htmlType="submit">{t('projects.addMilestone')}</Button>
        </Form>
      ) : null}
    </Card>
  );
}

function Problems({ p, canWrite, act, stageName }: { p: Project; canWrite: boolean; act: Act; stageName: (c: string) => string }) {
  const { t } = useTranslation('economy');
  const [form] = Form.useForm<{ description: string; responsible: string }>();
  const [resolving, setResolving] = useState<Problem | null>(null);
  const [resolution, setResolution] = useState('');
  return (
    <Card size="small" title={t('projects.problems')} style={{ marginBottom: 12 }}>
      <Table<Problem> size="small" rowKey="id" pagination={false} dataSource={p.problems} columns={[
        { title: t('projects.stage'), dataIndex: 'stage', render: stageName, width: 70 },
        { title: t('projects.problem'), dataIndex: 'description' },
        { title: t('projects.responsible'), dataIndex: 'responsible' },
        { title: t('projects.problemState'), key: 's', render: (_, q) => (q.resolvedAt ? <Typography.Text type="success">{q.resolution}</Typography.Text>
          : canWrite ? <Button size="small" onClick={() => { setResolution(''); setResolving(q); }}>{t('projects.resolve')}</Button> : <Tag color="warning">{t('projects.open')}</Tag>) },
      ]} />
      {canWrite ? (
        <Form form={form} layout="inline" style={{ marginTop: 8 }} onFinish={(v) => { act(() => api.post<Project>(`/api/economy/projects/${p.id}/problems`, v)); form.resetFields(); }}>
          <Form.Item name="description" rules={[{ required: true, min: 2 }]}><Input placeholder={t('projects.problem')} maxLength={1000} style={{ width: 260 }} /></Form.Item>
          <Form.Item name="responsible" rules={[{ required: true, min: 2 }]}><Input placeholder={t('projects.responsible')} maxLength={100} /></Form.Item>
          <Button htmlType="submit">{t('projects.raise')}</Button>
        </Form>
      ) : null}
      {resolving ? (
        <Modal open title={resolving.description} onCancel={() => setResolving(null)} okButtonProps={{ disabled: resolution.trim().length < 2 }}
          onOk={() => { act(() => api.post<Project>(`/api/economy/projects/${p.id}/problems/${resolving.id}/resolve`, { resolution })); setResolving(null); }}>
          <Input.TextArea rows={3} placeholder={t('projects.resolution')} value={resolution} onChange={(e) => setResolution(e.target.value)} />
        </Modal>
      ) : null}
    </Card>
  );
}

function Landing({ p, canRegister, act }: { p: Project; canRegister: boolean; act: Act }) {
  const { t } = useTranslation('economy');
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null);
  const [form] = Form.useForm<{ creditCode: string; name: string; industryCode: string; divisionCode: string }>();
  const url = `/api/economy/projects/${p.id}/land`;
  return (
    <Card size="small" title={t('projects.landing')} style={{ marginBottom: 12 }} data-testid="project-landing">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('projects.landingHelp')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <EnterpriseSelect value={enterpriseId} onChange={setEnterpriseId} style={{ width: '100%' }} />
        <Button disabled={!enterpriseId} onClick={() => act(() => api.post<Project>(url, { enterpriseId }))}>{t('projects.link')}</Button>
      </Space.Compact>
      {canRegister ? (
        <Form form={form} layout="vertical" size="small" initialValues={{ name: p.investor, industryCode: p.industryCode.length === 4 ? p.industryCode : undefined, divisionCode: p.divisionCode }}
          onFinish={(v) => act(() => api.post<Project>(url, { enterprise: v }))}>
          <Form.Item name="creditCode" label={t('projects.creditCode')} rules={[{ required: true, len: 18 }]}><Input maxLength={18} /></Form.Item>
          <Form.Item name="name" label={t('projects.enterpriseName')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="industryCode" label={t('projects.industry')} rules={[{ required: true }]}><IndustrySelect leafOnly /></Form.Item>
          <Form.Item name="divisionCode" label={t('projects.street')} rules={[{ required: true }]}><StreetSelect initialLabel={p.streetName} /></Form.Item>
          <Button htmlType="submit">{t('projects.register')}</Button>
        </Form>
      ) : null}
    </Card>
  );
}
