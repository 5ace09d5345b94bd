import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api, withQuery } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { formatDateTime } from '../../../ui/format';
import { yuan } from '../api';
import { TransferCard } from './CaseDetailPage';
import { stageColor, type CheckResult, type InboxEntry, type InboxItem } from './casesApi';

type Status = 'unreceived' | 'open' | 'reported';

/** A partner department's inbox: the clues and joint-inspection checks transferred to it, and nothing else. */
export function InboxPage() {
  const { t } = useTranslation('medfund');
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['medfund', 'inbox', status, page], queryFn: () => api.get<{ department: { name: string }; total: number; items: InboxEntry[] }>(withQuery('/api/medfund/inbox', { status, page, pageSize: 20 })) });
  return (
    <>
      <PageHeader title={t('cases.inbox.title')} subTitle={q.data ? `${q.data.department.name} · ${t('cases.inbox.subTitle')}` : t('cases.inbox.subTitle')} />
      <Space style={{ marginBottom: 12 }}>
        {t('cases.inbox.status')}
        <Select allowClear style={{ width: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={(['unreceived', 'open', 'reported'] as const).map((s) => ({ value: s, label: t(`cases.inbox.${s}`) }))} />
      </Space>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<InboxEntry>
        rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} size="middle" data-testid="medfund-inbox"
        locale={{ emptyText: <Empty description={t('cases.inbox.none')} /> }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ onClick: () => navigate(`/medfund/inbox/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('cases.inbox.case'), render: (_, r) => <Link to={`/medfund/inbox/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.caseNumber}</Link> },
          { title: t('cases.list.name'), dataIndex: 'caseTitle', ellipsis: true },
          { title: t('cases.inbox.purpose'), render: (_, r) => <Tag>{t(`cases.purpose.${r.purpose}`)}</Tag> },
          { title: t('cases.list.stage'), render: (_, r) => <Tag color={stageColor(r.caseStage)}>{t(`cases.stage.${r.caseStage}`)}</Tag> },
          { title: t('cases.inbox.status'), render: (_, r) => (r.reportedAt ? <Tag color="green">{t('cases.inbox.reported')}</Tag> : r.receivedAt ? <Tag color="blue">{t('cases.inbox.received')}</Tag> : <Tag color="orange">{t('cases.inbox.unreceived')}</Tag>) },
          { title: t('cases.inbox.from'), dataIndex: 'transferredByName' },
          { title: t('cases.inbox.at'), render: (_, r) => formatDateTime(r.transferredAt) },
          { title: t('cases.list.risk'), align: 'right', render: (_, r) => yuan(r.amountAtRiskFen) },
        ]}
      />
    </>
  );
}

/** One transferred clue: sign for it, record the department's actions, report back (with the check result of a joint inspection). */
export function InboxItemPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['medfund', 'inbox', 'item', id], queryFn: () => api.get<InboxItem>(`/api/medfund/inbox/${id}`) });
  const done = () => { message.success(t('cases.detail.done')); void qc.invalidateQueries({ queryKey: ['medfund', 'inbox'] }); };
  const receive = useMutation({ mutationFn: () => api.post(`/api/medfund/inbox/${id}/receive`), onSuccess: done });
  const [actionForm] = Form.useForm<{ action: string; actedOn: Dayjs }>();
  const act = useMutation({
    mutationFn: (v: { action: string; actedOn: Dayjs }) => api.post(`/api/medfund/inbox/${id}/actions`, { action: v.action ?? '', actedOn: v.actedOn.format('YYYY-MM-DD') }),
    onSuccess: () => { actionForm.resetFields(); done(); },
  });
  const report = useMutation({ mutationFn: (v: { report: string; checkResult?: CheckResult }) => api.post(`/api/medfund/inbox/${id}/report`, { report: v.report ?? '', checkResult: v.checkResult }), onSuccess: done });
  const d = q.data;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!d) return null;
  const tr = d.transfer;
  return (
    <>
      <PageHeader back="/medfund/inbox" title={`${d.case.number} ${d.case.title}`} tags={<Space><Tag>{t(`cases.purpose.${tr.purpose}`)}</Tag><Tag color={stageColor(d.case.stage)}>{t(`cases.stage.${d.case.stage}`)}</Tag></Space>}
        extra={!tr.receivedAt ? <Button type="primary" onClick={() => receive.mutate()} loading={receive.isPending} data-testid="inbox-receive">{t('cases.inbox.receive')}</Button> : null} />
      {receive.error ? <ErrorAlert error={receive.error} /> : null}
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label={t('cases.list.subject')}>{d.case.subjectName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.provider')}>{d.case.providerNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.owner')}>{d.case.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.risk')}>{yuan(d.case.amountAtRiskFen)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.due')}>{d.case.stageDueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.openedAt')}>{formatDateTime(d.case.openedAt)}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}><TransferCard tr={tr} /></div>
      <Card size="small" title={`${t('cases.detail.findings')}（${t('cases.inbox.masked')}）`} style={{ marginTop: 8 }}>
        <Table rowKey="id" size="small" pagination={false} dataSource={d.findings}
          columns={[
            { title: t('findings.rule'), render: (_, f) => (en ? f.ruleNameEn : f.ruleName) },
            { title: t('findings.person_'), render: (_, f) => `${f.psnName} ${f.certno}` },
            { title: t('findings.provider'), dataIndex: 'fixmedinsName' },
            { title: t('findings.occurredOn'), dataIndex: 'occurredOn' },
            { title: t('findings.amount'), align: 'right', render: (_, f) => yuan(f.amountFen) },
          ]} />
      </Card>
      {tr.receivedAt ? (
        <Space align="start" style={{ marginTop: 16, width: '100%' }} wrap>
          <Card size="small" title={t('cases.inbox.addAction')} style={{ width: 420 }}>
            {act.error ? <ErrorAlert error={act.error} /> : null}
            <Form form={actionForm} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ actedOn: dayjs() }}>
              <Form.Item name="action" label={t('cases.inbox.action')}><Input.TextArea rows={2} maxLength={1000} data-testid="inbox-action" /></Form.Item>
              <Form.Item name="actedOn" label={t('cases.inbox.actedOn')}><DatePicker /></Form.Item>
              <Button htmlType="submit" loading={act.isPending} data-testid="inbox-action-save">{t('cases.inbox.addAction')}</Button>
            </Form>
          </Card>
          <Card size="small" title={t(tr.reportedAt ? 'cases.inbox.updateReport' : 'cases.inbox.sendReport')} style={{ width: 420 }}>
            {report.error ? <ErrorAlert error={report.error} /> : null}
            {tr.reportedAt ? <Typography.Paragraph type="secondary" data-testid="inbox-reported">{t('cases.inbox.reportedBy', { name: tr.reportedByName ?? '', at: formatDateTime(tr.reportedAt) })}</Typography.Paragraph> : null}
            <Form layout="vertical" onFinish={(v) => report.mutate(v)} initialValues={{ report: tr.report ?? '', checkResult: tr.checkResult ?? undefined }}>
              <Form.Item name="report" label={t('cases.inbox.report')}><Input.TextArea rows={3} maxLength={4000} data-testid="inbox-report" /></Form.Item>
              <Form.Item name="checkResult" label={t('cases.inbox.checkResult')}>
                <Select allowClear options={(['violation', 'partly', 'no_violation'] as const).map((c) => ({ value: c, label: t(`cases.checkResult.${c}`) }))} data-testid="inbox-check" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="inbox-report-save">{t(tr.reportedAt ? 'cases.inbox.updateReport' : 'cases.inbox.sendReport')}</Button>
            </Form>
          </Card>
        </Space>
      ) : <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('cases.detail.notReceived')}</Typography.Paragraph>}
    </>
  );
}
