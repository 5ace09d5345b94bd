import { useState } from 'react';
import { App, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { formatDateTime } from '../../../ui/format';
import { yuan } from '../api';
import { decisionColor, MEASURES, stageColor, type CaseDetail, type Decision, type Measure, type Partner, type Transfer } from './casesApi';

type Dialog = null | 'pass_first_review' | 'confirm_second_review' | 'record_appeal' | 'start_investigation' | 'decide' | 'transfer' | 'joint' | 'recover';

/** A case: summary, stages with deadlines, findings, timeline, transfers with each department's actions, recovery, and the next actions. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useQuery({ queryKey: ['medfund', 'case', id], queryFn: () => api.get<CaseDetail>(`/api/medfund/cases/${id}`) });
  const reveal = useMutation({ mutationFn: () => api.post<{ findings: { findingId: number; psnName: string; certno: string }[] }>(`/api/medfund/cases/${id}/reveal`) });
  const c = q.data;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!c) return null;
  const handle = c.canHandle && can('medfund.cases.review');
  const transfer = can('medfund.cases.transfer');
  const revealed = new Map((reveal.data?.findings ?? []).map((f) => [f.findingId, f]));
  const next: Dialog[] = handle ? ({
    first_review: ['pass_first_review', 'decide'], second_review: ['confirm_second_review', 'decide'], appeal: c.appealedAt ? ['start_investigation', 'decide'] : ['record_appeal', 'start_investigation', 'decide'],
    investigation: ['decide'], closed: c.decision === 'confirmed' && c.measures.includes('recovery') ? ['recover'] : [],
  } as Record<string, Dialog[]>)[c.stage]! : [];
  return (
    <>
      <PageHeader
        back="/medfund/cases" title={`${c.number} ${c.title}`}
        tags={(
          <Space size={4}>
            <Tag color={stageColor(c.stage)}>{t(`cases.stage.${c.stage}`)}</Tag>
            {c.decision ? <Tag color={decisionColor(c.decision)}>{t(`cases.decision.${c.decision}`)}</Tag> : null}
            {c.overdue ? <Tag color="red">{t('cases.list.overdueTag')}</Tag> : null}
          </Space>
        )}
        extra={(
          <Space wrap>
            {next.map((a) => <Button key={a} type={a === 'decide' ? 'default' : 'primary'} onClick={() => setDialog(a)} data-testid={`case-action-${a}`}>{t(`cases.detail.actions.${a === 'recover' ? 'recover' : a}`)}</Button>)}
            {transfer ? <Button onClick={() => setDialog('transfer')} data-testid="case-transfer">{t('cases.detail.actions.transfer')}</Button> : null}
            {transfer && c.stage === 'investigation' ? <Button onClick={() => setDialog('joint')} data-testid="case-joint">{t('cases.detail.actions.joint')}</Button> : null}
          </Space>
        )}
      />
      {!c.canHandle && can('medfund.cases.review') && c.stage !== 'closed' ? <Alert type="info" showIcon message={t('cases.detail.outOfArea')} style={{ marginBottom: 12 }} /> : null}
      <Descriptions bordered size="small" column={3} data-testid="case-summary">
        <Descriptions.Item label={t('cases.list.subject')}>{c.subjectName}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.provider')}>{c.providerNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.owner')}>{c.ownerName || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.list.risk')}>
          {yuan(c.amountAtRiskFen)}
          {new Set(c.findings.map((f) => f.setlId)).size < c.findings.length
            ? <div><Typography.Text type="secondary" data-testid="case-risk-once">{t('cases.detail.riskOnce')}</Typography.Text></div>
            : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.list.due')}>{c.stageDueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cases.detail.appealDeadline')}>{c.appealDeadline ?? '—'}</Descriptions.Item>
        {c.appealStatement ? <Descriptions.Item label={t('cases.detail.appeal')} span={3}>{c.appealStatement}</Descriptions.Item> : null}
        {c.decision ? (
          <>
            <Descriptions.Item label={t('cases.list.decision')}>{t(`cases.decision.${c.decision}`)}{c.measures.length ? `：${c.measures.map((m) => t(`cases.measure.${m}`)).join('、')}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.decidedBy')}>{c.decidedByName} {formatDateTime(c.decidedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.confirmed')}>{yuan(c.confirmedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.basis')} span={3}>{c.decisionBasis}</Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.decided')}>{yuan(c.recoveryDecidedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.recovered')}><Typography.Text strong data-testid="case-recovered">{yuan(c.recoveredFen)}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('cases.detail.refused')}>{c.refusedFen ? yuan(c.refusedFen) : '—'}{c.penaltyFen ? ` · ${t('cases.detail.penalty')} ${yuan(c.penaltyFen)}` : ''}</Descriptions.Item>
            {c.overReason ? <Descriptions.Item label={t('cases.detail.overReason')} span={3}>{c.overReason}</Descriptions.Item> : null}
          </>
        ) : null}
      </Descriptions>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title={t('cases.detail.stages')} size="small" data-testid="case-stages">
            <Timeline
              items={c.stages.map((s) => ({
                color: s.endedAt ? (s.overdue ? 'red' : 'green') : (s.overdue ? 'red' : 'blue'),
                children: (
                  <>
                    <Typography.Text strong>{t(`cases.stage.${s.stage}`)}</Typography.Text>{' '}
                    {s.overdue ? <Tag color="red">{t('cases.detail.overdue')}</Tag> : null}
                    {s.escalatedAt ? <Tag color="volcano">{t('cases.detail.escalated')}</Tag> : null}
                    <div>{t('cases.detail.started')} {formatDateTime(s.startedAt)} · {t('cases.detail.dueOn')} {s.dueOn}</div>
                    <div>{s.endedAt ? `${t('cases.detail.ended')} ${formatDateTime(s.endedAt)}` : t('cases.detail.open')}</div>
                  </>
                ),
              }))}
            />
          </Card>
          <Card title={t('cases.detail.timeline')} size="small" style={{ marginTop: 16 }} data-testid="case-timeline">
            <Timeline
              items={c.events.map((e) => ({
                color: e.type === 'escalated' ? 'red' : e.type === 'decided' ? 'green' : 'blue',
                children: (
                  <>
                    <Typography.Text strong>{t(`cases.detail.event.${e.type}`, { defaultValue: e.type })}</Typography.Text>
                    {Array.isArray(e.payload.departments) ? ` · ${(e.payload.departments as string[]).join('、')}` : ''}
                    {typeof e.payload.department === 'string' ? ` · ${e.payload.department}` : ''}
                    {typeof e.payload.amountFen === 'number' ? ` · ${yuan(e.payload.amountFen)}` : ''}
                    <div><Typography.Text type="secondary">{e.actorName} · {formatDateTime(e.at)}</Typography.Text></div>
                    {e.note ? <div>{e.note}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={t('cases.detail.findings')} size="small"
            extra={can('personal.reveal') && !reveal.data ? <Button size="small" onClick={() => reveal.mutate()}>{t('cases.detail.reveal')}</Button> : null}
          >
            {reveal.error ? <ErrorAlert error={reveal.error} /> : null}
            <Table
              rowKey="id" size="small" pagination={false} dataSource={c.findings} data-testid="case-findings"
              columns={[
                { title: '#', dataIndex: 'id' },
                { title: t('findings.rule'), render: (_, f) => <Tag color={f.severity === 'red' ? 'red' : 'orange'}>{en ? f.ruleNameEn : f.ruleName}</Tag> },
                { title: t('findings.person_'), render: (_, f) => { const r = revealed.get(f.id); return r ? `${r.psnName} ${r.certno}` : `${f.psnName} ${f.certno}`; } },
                { title: t('findings.occurredOn'), dataIndex: 'occurredOn' },
                { title: t('findings.amount'), align: 'right', render: (_, f) => yuan(f.amountFen) },
                { title: t('cases.detail.findingOutcome'), render: (_, f) => (f.outcome ? <Tag color={decisionColor(f.outcome)}>{t(`cases.outcome.${f.outcome}`)}</Tag> : '—') },
              ]}
            />
          </Card>
          <Card title={t('cases.detail.transfers')} size="small" style={{ marginTop: 16 }} data-testid="case-transfers">
            {c.transfers.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : c.transfers.map((tr) => <TransferCard key={tr.id} tr={tr} />)}
          </Card>
          <Card title={t('cases.detail.recovery')} size="small" style={{ marginTop: 16 }}>
            {c.recoveries.length === 0 ? <Typography.Text type="secondary">{t('cases.detail.noRecovery')}</Typography.Text> : (
              <Table
                rowKey="id" size="small" pagination={false} dataSource={c.recoveries} data-testid="case-recoveries"
                columns={[
                  { title: t('cases.detail.recoveredOn'), dataIndex: 'recoveredOn' },
                  { title: t('cases.detail.amountYuan'), align: 'right', render: (_, r) => yuan(r.amountFen) },
                  { title: t('cases.detail.reference'), dataIndex: 'reference' },
                  { title: t('cases.detail.overReason'), render: (_, r) => r.overReason ?? '' },
                  { title: t('cases.list.owner'), dataIndex: 'recordedByName' },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
      {dialog ? <ActionDialog c={c} dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </>
  );
}

export function TransferCard({ tr }: { tr: Transfer }) {
  const { t } = useTranslation('medfund');
  return (
    <Card type="inner" size="small" style={{ marginBottom: 8 }} title={<Space><Tag>{t(`cases.purpose.${tr.purpose}`)}</Tag>{tr.departmentName}</Space>}
      extra={tr.checkResult ? <Tag color={tr.checkResult === 'no_violation' ? 'green' : 'red'}>{t(`cases.checkResult.${tr.checkResult}`)}</Tag> : null}>
      <div>{tr.transferredByName} · {formatDateTime(tr.transferredAt)}{tr.note ? ` · ${tr.note}` : ''}</div>
      <div>{tr.receivedAt ? t('cases.detail.receivedBy', { name: tr.receivedByName, at: formatDateTime(tr.receivedAt) }) : <Tag color="orange">{t('cases.detail.notReceived')}</Tag>}</div>
      {tr.actions.map((a) => <div key={a.id}>· {a.actedOn} {a.action}（{a.recordedByName}）</div>)}
      {tr.report ? <div><Typography.Text strong>{t('cases.detail.report')}：</Typography.Text>{tr.report}（{tr.reportedByName} {formatDateTime(tr.reportedAt)}）</div> : null}
    </Card>
  );
}

interface DecisionForm { decision: Decision; basis: string; measures?: Measure[]; recoveryYuan?: number; refusedYuan?: number; penaltyYuan?: number; overReason?: string; excluded?: number[] }

function ActionDialog({ c, dialog, onClose }: { c: CaseDetail; dialog: Exclude<Dialog, null>; onClose: () => void }) {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const partners = useQuery({ queryKey: ['medfund', 'partners'], queryFn: () => api.get<{ items: Partner[] }>('/api/medfund/partners'), enabled: dialog === 'transfer' || dialog === 'joint' });
  const fen = (v: number | undefined) => (v === undefined || v === null ? undefined : Math.round(v * 100));
  const submit = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const base = `/api/medfund/cases/${c.id}`;
      if (dialog === 'transfer' || dialog === 'joint') return api.post(`${base}/${dialog === 'joint' ? 'joint-inspection' : 'transfers'}`, { departmentIds: v.departmentIds, note: v.note || undefined });
      if (dialog === 'recover') return api.post(`${base}/recoveries`, { amountFen: fen(v.amountYuan as number), recoveredOn: (v.recoveredOn as Dayjs).format('YYYY-MM-DD'), reference: v.reference || undefined, overReason: v.overReason || undefined });
      if (dialog === 'decide') {
        const d = v as unknown as DecisionForm;
        return api.post(`${base}/decision`, {
          decision: d.decision, basis: d.basis ?? '', measures: d.decision === 'confirmed' ? d.measures : undefined,
          recoveryFen: fen(d.recoveryYuan), refusedFen: fen(d.refusedYuan), penaltyFen: fen(d.penaltyYuan), overReason: d.overReason || undefined,
          findingOutcomes: d.decision === 'confirmed' ? (d.excluded ?? []).map((findingId) => ({ findingId, outcome: 'dismissed' })) : undefined,
        });
      }
      if (dialog === 'record_appeal') return api.post(`${base}/actions`, { action: dialog, statement: v.statement ?? '' });
      return api.post(`${base}/actions`, { action: dialog, note: v.note || undefined });
    },
    onSuccess: () => {
      message.success(t('cases.detail.done'));
      void qc.invalidateQueries({ queryKey: ['medfund', 'case', String(c.id)] });
      void qc.invalidateQueries({ queryKey: ['medfund', 'cases'] });
      onClose();
    },
  });
  const decision = Form.useWatch('decision', form) as Decision | undefined;
  const measures = (Form.useWatch('measures', form) as Measure[] | undefined) ?? [];
  const title = dialog === 'recover' ? t('cases.detail.actions.recover') : t(`cases.detail.actions.${dialog}`);
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={submit.isPending} width={dialog === 'decide' ? 720 : 520} data-testid="case-dialog">
      {submit.error ? <ErrorAlert error={submit.error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} initialValues={{ decision: 'confirmed', recoveredOn: dayjs() }}>
        {dialog === 'pass_first_review' || dialog === 'confirm_second_review' || dialog === 'start_investigation' ? (
          <Form.Item name="note" label={t('cases.detail.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        ) : null}
        {dialog === 'record_appeal' ? <Form.Item name="statement" label={t('cases.detail.statement')}><Input.TextArea rows={4} maxLength={4000} data-testid="appeal-statement" /></Form.Item> : null}
        {dialog === 'transfer' || dialog === 'joint' ? (
          <>
            <Form.Item name="departmentIds" label={t('cases.detail.departments')} rules={[{ required: true }]}>
              <Select mode="multiple" showSearch optionFilterProp="label" data-testid="transfer-departments" options={(partners.data?.items ?? []).map((p) => ({ value: p.departmentId, label: p.active ? p.name : `${p.name}（${t('cases.partners.inactive')}）` }))} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.detail.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </>
        ) : null}
        {dialog === 'recover' ? (
          <>
            <Form.Item name="amountYuan" label={t('cases.detail.amountYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} data-testid="recover-amount" /></Form.Item>
            <Form.Item name="recoveredOn" label={t('cases.detail.recoveredOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="reference" label={t('cases.detail.reference')}><Input maxLength={120} /></Form.Item>
            <Form.Item name="overReason" label={t('cases.detail.overReason')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          </>
        ) : null}
        {dialog === 'decide' ? (
          <>
            <Form.Item name="decision" label={t('cases.list.decision')}>
              <Select data-testid="decision-kind" options={(c.stage === 'investigation' ? ['confirmed', 'dismissed', 'data_quality'] as const : ['dismissed', 'data_quality'] as const).map((d) => ({ value: d, label: t(`cases.decision.${d}`) }))} />
            </Form.Item>
            <Form.Item name="basis" label={t('cases.detail.basis')}><Input.TextArea rows={3} maxLength={4000} data-testid="decision-basis" /></Form.Item>
            {decision === 'confirmed' ? (
              <>
                <Form.Item name="measures" label={t('cases.detail.measures')}>
                  <Checkbox.Group options={MEASURES.map((m) => ({ value: m, label: t(`cases.measure.${m}`) }))} data-testid="decision-measures" />
                </Form.Item>
                <Space wrap>
                  {measures.includes('recovery') ? <Form.Item name="recoveryYuan" label={t('cases.detail.recoveryYuan')}><InputNumber min={0.01} precision={2} style={{ width: 180 }} data-testid="decision-recovery" /></Form.Item> : null}
                  {measures.includes('refuse_payment') ? <Form.Item name="refusedYuan" label={t('cases.detail.refusedYuan')}><InputNumber min={0.01} precision={2} style={{ width: 180 }} /></Form.Item> : null}
                  {measures.includes('penalty') ? <Form.Item name="penaltyYuan" label={t('cases.detail.penaltyYuan')}><InputNumber min={0.01} precision={2} style={{ width: 180 }} /></Form.Item> : null}
                </Space>
                <Form.Item name="excluded" label={`${t('cases.detail.findingOutcome')}：${t('cases.outcome.dismissed')}`}>
                  <Select mode="multiple" options={c.findings.map((f) => ({ value: f.id, label: `#${f.id} ${f.ruleName} ${yuan(f.amountFen)}` }))} />
                </Form.Item>
                <Form.Item name="overReason" label={t('cases.detail.overReason')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
              </>
            ) : null}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
