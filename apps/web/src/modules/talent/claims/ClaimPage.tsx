import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Table, Timeline, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { ClaimStatusTag } from './ClaimStatusTag';
import { EvidenceCard } from './EvidenceCard';
import { FactValue, useFactLabel } from './FactValue';
import { useClaim, type ClaimDetail } from './api';

type Action = 'approve' | 'reject' | 'request-info' | 'resubmit';

/** One claim: before and after per fact, the evidence, the timeline, and the next step for whoever holds it. */
export function ClaimPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('talent');
  const can = useCan();
  const q = useClaim(id);
  const label = useFactLabel();
  const [action, setAction] = useState<Action | null>(null);
  if (q.isPending) return <PageLoading />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const c = q.data;
  const subject = c.subjectKind === 'talent' ? c.talentName : `${c.enterpriseName} · ${t('claim.enterpriseSubject', { year: c.year })}`;
  const stale = c.changes.filter((ch) => ch.stale);
  return (
    <>
      <PageHeader
        title={<span data-testid="claim-title">{t('claim.title', { subject })}</span>}
        docTitle={t('claim.title', { subject })}
        tags={<ClaimStatusTag status={c.status} />}
        back="/talent/claims"
        breadcrumb={[{ title: can('talent.claims.review') ? t('claim.queueTitle') : t('claim.mineTitle'), to: '/talent/claims' }, { title: subject ?? '' }]}
        extra={
          <>
            {c.canReview ? (
              <>
                <Button onClick={() => setAction('request-info')} data-testid="claim-request-info" disabled={c.status === 'more_info_requested'}>{t('claim.action.request-info')}</Button>
                <Button danger onClick={() => setAction('reject')} data-testid="claim-reject">{t('claim.action.reject')}</Button>
                <Button type="primary" onClick={() => setAction('approve')} data-testid="claim-approve" disabled={c.status === 'more_info_requested' || stale.length > 0}>{t('claim.action.approve')}</Button>
              </>
            ) : null}
            {c.canRespond && c.status === 'more_info_requested' ? (
              <Button type="primary" onClick={() => setAction('resubmit')} data-testid="claim-resubmit">{t('claim.action.resubmit')}</Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        {c.status === 'more_info_requested' ? <Alert type="warning" showIcon title={t('claim.askedFor')} description={c.reason} data-testid="claim-asked" /> : null}
        {c.status === 'rejected' ? <Alert type="error" showIcon title={t('claim.rejectedBecause')} description={c.reason} /> : null}
        {stale.length ? <Alert type="error" showIcon title={t('claim.staleTitle')} description={t('claim.staleHint', { facts: stale.map((s) => label(s.fact)).join('、') })} /> : null}
        <Card size="small" title={t('claim.changes')} extra={<Typography.Text type="secondary">{t('claim.onlyApproved')}</Typography.Text>}>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('field.enterprise')}>{c.enterpriseName}</Descriptions.Item>
            {c.talentId ? <Descriptions.Item label={t('claim.talent')}><Link to={`/talent/talents/${c.talentId}`}>{c.talentName}</Link></Descriptions.Item> : null}
            <Descriptions.Item label={t('claim.submittedBy')}>{c.submittedByName ?? '—'} · {formatDateTime(c.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="fact"
            pagination={false}
            dataSource={c.changes}
            data-testid="claim-changes"
            columns={[
              { title: t('claim.fact'), render: (_, ch) => label(ch.fact) },
              { title: t('claim.before'), render: (_, ch) => <FactValue fact={ch.fact} value={ch.before} /> },
              { title: t('claim.claimed'), render: (_, ch) => <Typography.Text strong><FactValue fact={ch.fact} value={ch.claimed} /></Typography.Text> },
              {
                title: t('claim.current'),
                render: (_, ch) => (ch.stale ? <Typography.Text type="danger"><FactValue fact={ch.fact} value={ch.current} />（{t('claim.changedSince')}）</Typography.Text> : <FactValue fact={ch.fact} value={ch.current} />),
              },
              { title: t('claim.evidence'), render: (_, ch) => c.evidence.filter((e) => e.fact === ch.fact).length || '—' },
            ]}
          />
        </Card>
        <EvidenceCard claim={c} />
        <Card size="small" title={t('claim.timeline')}>
          <Timeline
            data-testid="claim-timeline"
            items={c.events.map((e) => ({
              color: e.action === 'approve' ? 'green' : e.action === 'reject' ? 'red' : e.action === 'request_info' ? 'orange' : 'blue',
              content: (
                <span>
                  <Typography.Text strong>{t(`claim.event.${e.action}`)}</Typography.Text>
                  <Typography.Text type="secondary"> {e.actorName} · {formatDateTime(e.at)}</Typography.Text>
                  {e.note ? <div>{e.note}</div> : null}
                </span>
              ),
            }))}
          />
        </Card>
      </Flex>
      {action ? <StepModal claim={c} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}

function StepModal({ claim, action, onClose }: { claim: ClaimDetail; action: Action; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ text?: string }>();
  const field = action === 'reject' ? 'reason' : 'note';
  const required = action === 'reject' || action === 'request-info';
  const run = useMutation({
    mutationFn: (v: { text?: string }) => api.post<ClaimDetail>(`/api/talent/claims/${claim.id}/${action}`, { version: claim.version, [field]: v.text ?? '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['talent'] });
      void message.success(t(`claim.done.${action}`));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t(`claim.action.${action}`)}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      okButtonProps={{ danger: action === 'reject', 'data-testid': 'claim-step-ok' } as React.ComponentProps<typeof Button>}
    >
      {run.error ? <ErrorAlert error={run.error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t(`claim.stepHint.${action}`)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="text" label={t(`claim.stepField.${action}`)} rules={required ? [{ required: true, whitespace: true, message: t(`claim.stepRequired.${action}`) }] : []}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="claim-step-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
