import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Department } from '../../api/types';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../auth/session';
import { MaskedValue } from '../../ui/MaskedValue';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
import { formatDateTime } from '../../ui/format';
import { ActionModal } from './ActionModal';
import { AttachmentChip, AttachmentPreview, AttachmentsCard } from './AttachmentsCard';
import { RequestResourcesCard } from './directory/NearbyResources';
import { formatDistance } from './directory/api';
import { revealContact, STATUS_COLORS, useCategories, useRequest, type ActionType, type Attachment, type RequestEventView, type RequestStepView } from './api';

const EVENT_COLORS: Record<string, string> = {
  returned: 'red', step_overdue: 'red', supervised: 'orange', step_warning: 'orange', reopened: 'orange',
  resolved: 'green', followed_up: 'green', closed: 'gray', merged_into: 'gray', resource_recommended: 'cyan', resource_outcome: 'cyan',
};
/** The primary actions first; the rest as plain buttons. */
const PRIMARY: readonly ActionType[] = ['accept', 'dispatch', 'sign', 'respond', 'resolve', 'follow_up'];

/** What an event says beyond its name: the reason, the answer, the units, the step. */
function EventDetail({ e, categoryName }: { e: RequestEventView; categoryName: (id: string) => string }) {
  const { t } = useTranslation('service');
  const p = e.payload;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const lines: (string | null)[] = [];
  if (e.type === 'returned') lines.push(`${t('modal.reason')}：${t(`reason.${String(p.reason)}`)}`, text(p.note));
  if (e.type === 'responded') lines.push(text(p.content));
  if (e.type === 'resolved') lines.push(text(p.summary));
  if (e.type === 'followed_up') lines.push(`${t(`satisfaction.${String(p.satisfaction)}`)} · ${p.solved ? t('modal.solvedYes') : t('modal.solvedNo')}`, text(p.note));
  if (e.type === 'accepted' && p.categoryId) lines.push(`${t('field.category')}：${categoryName(String(p.categoryId))}`);
  if (e.type === 'paused') lines.push(text(p.reason));
  if (e.type === 'step_overdue' || e.type === 'step_warning') lines.push(`${t(`step.${String(p.step)}`)} · ${t('detail.due', { at: formatDateTime(String(p.dueAt)) })}`);
  if (['supervised', 'closed', 'resumed', 'dispatched'].includes(e.type)) lines.push(text(p.note));
  if (e.type === 'resource_recommended') lines.push(`${String(p.providerName)}（${String(p.capabilityName)}，${formatDistance(p.distanceM as number | null)}）`, text(p.note));
  if (e.type === 'resource_outcome') lines.push(`${String(p.providerName)}：${t(`directory.outcome.${String(p.outcome)}`)}`, text(p.note));
  const shown = lines.filter(Boolean);
  return shown.length ? <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{shown.join('\n')}</Typography.Paragraph> : null;
}

function StepState({ s }: { s: RequestStepView }) {
  const { t } = useTranslation('service');
  if (s.returned) return <Tag color={s.met === false ? 'red' : undefined}>{t(s.met === false ? 'detail.returnedLate' : 'detail.returned')}</Tag>;
  if (s.cancelled) return <Tag>{t('detail.cancelled')}</Tag>;
  if (s.completedAt) return s.met === false ? <Tag color="red">{t('detail.late')}</Tag> : <Tag color="green">{t('detail.met')}</Tag>;
  const color = s.state === 'overdue' ? 'red' : s.state === 'warning' ? 'orange' : s.state === 'paused' ? 'purple' : 'blue';
  return <Tag color={color}>{t(`stepState.${s.state ?? 'ok'}`)}</Tag>;
}

/**
 * 诉求详情: the request, its timeline, each step's deadline with met / overdue, and the actions
 * this user may take now (the server's allowedActions), each in a small modal.
 */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('service');
  const can = useCan();
  const me = useCurrentUser();
  const asEnterprise = !!me.scope.enterpriseId;
  const q = useRequest(id);
  const categories = useCategories();
  // Units by id with their department ("良渚街道办事处 / 经济发展科"): any signed-in user may read the tree.
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => api.get<Department[]>('/api/departments'), staleTime: 300_000 });
  const [action, setAction] = useState<ActionType | null>(null);
  const [preview, setPreview] = useState<Attachment | null>(null);
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const r = q.data;
  const deps = departments.data ?? [];
  const unitName = (uid: string | null | undefined, fallback = '') => {
    const u = deps.find((d) => d.id === uid);
    const parent = u?.parentId ? deps.find((d) => d.id === u.parentId) : undefined;
    return u ? (parent ? `${parent.name} / ${u.name}` : u.name) : fallback;
  };
  const categoryName = (cid: string) => categories.data?.find((c) => c.id === cid)?.name ?? cid;
  const eventName = (eventId: number) => {
    const e = r.events.find((x) => x.id === eventId);
    return e ? t(`event.${e.type}`, { defaultValue: e.type }) : null;
  };

  return (
    <>
      <PageHeader
        title={`${r.number} · ${r.title}`}
        docTitle={`诉求 ${r.number}`}
        back="/service/requests"
        breadcrumb={[{ title: t('list.title'), to: '/service/requests' }, { title: String(r.number) }]}
        tags={
          <Space size={4}>
            <Tag color={STATUS_COLORS[r.status]} data-testid="detail-status">{t(`status.${r.status}`)}</Tag>
            {r.overdue ? <Tag color="red">{t('list.overdueTag')}</Tag> : null}
          </Space>
        }
      />
      {asEnterprise && r.allowedActions.includes('follow_up') ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('detail.rateInvite')} data-testid="detail-rate-invite" />
      ) : null}
      {!asEnterprise && r.status === 'resolved' && r.followUpHotlineAt ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('detail.hotlineFollowUp', { at: formatDateTime(r.followUpHotlineAt) })} data-testid="detail-hotline-follow-up" />
      ) : null}
      <Card size="small" title={t('detail.actions')} style={{ marginBottom: 12 }} data-testid="detail-actions">
        {r.allowedActions.length ? (
          <Flex gap={8} wrap>
            {r.allowedActions.map((a) => (
              <Button key={a} type={PRIMARY.includes(a) ? 'primary' : 'default'} danger={a === 'return'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                {asEnterprise && a === 'follow_up' ? t('action.rate') : t(`action.${a}`)}
              </Button>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>
        )}
      </Card>
      {!asEnterprise && r.enterpriseId && can('service.directory.read') ? (
        <RequestResourcesCard requestId={r.id} enterpriseName={r.enterpriseName} categoryId={r.categoryId} />
      ) : null}
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('detail.info')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="detail-info">
              <Descriptions.Item label={t('field.enterprise')}>
                {r.enterpriseId && can('enterprise.read') ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.enterpriseName}</Link> : r.enterpriseName}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.channel')}>{t(`channel.${r.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.category')}>{r.categoryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.submittedAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('field.contactName')}>{r.contactName}</Descriptions.Item>
              <Descriptions.Item label={t('field.contactPhone')}>
                <MaskedValue masked={r.contactPhone} canReveal={can('personal.reveal')} reveal={async () => (await revealContact(r.id)).contactPhone} testId="detail-phone" />
              </Descriptions.Item>
              <Descriptions.Item label={t('field.leadUnit')}>{r.leadUnit ? unitName(r.leadUnit.id, r.leadUnit.name) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.assistingUnits')}>{r.assistingUnits.map((u) => unitName(u.id, u.name)).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.agent')}>{r.agent?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('field.location')}>{r.location || '—'}</Descriptions.Item>
              {r.returnCount ? <Descriptions.Item label={t('field.returnCount')}>{r.returnCount}</Descriptions.Item> : null}
              {r.reopenCount ? <Descriptions.Item label={t('field.reopenCount')}>{r.reopenCount}</Descriptions.Item> : null}
              <Descriptions.Item label={t('field.description')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
            {r.mergedIntoId ? <Link to={`/service/requests/${r.mergedIntoId}`}>{t('detail.mergedInto')}</Link> : null}
          </Card>
          <Card size="small" title={t('detail.steps')} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              pagination={false}
              rowKey={(s) => `${s.step}-${s.round}-${s.redispatch ? `r${s.startedAt}` : ''}-${s.returned ? `x${s.unitId ?? ''}${s.dueAt ?? ''}` : ''}`}
              dataSource={r.steps}
              data-testid="detail-steps"
              columns={[
                { title: t('detail.step'), render: (_, s) => <>{s.redispatch ? t('detail.redispatch') : t(`step.${s.step}`)}{s.round ? <Typography.Text type="secondary"> · {t('detail.round', { n: s.round + 1 })}</Typography.Text> : null}</> },
                { title: t('detail.due', { at: '' }).trim(), render: (_, s) => formatDateTime(s.dueAt) || '—' },
                { title: t('detail.completed', { at: '' }).trim(), render: (_, s) => formatDateTime(s.completedAt) || '—' },
                { title: '', render: (_, s) => <StepState s={s} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <AttachmentsCard request={r} stepName={eventName} />
          <Card size="small" title={t('detail.timeline')}>
            <Timeline
              data-testid="detail-timeline"
              items={r.events.map((e) => ({
                color: EVENT_COLORS[e.type] ?? 'blue',
                content: (
                  <div data-testid={`event-${e.type}`}>
                    <Flex gap={8} wrap align="baseline">
                      <Typography.Text strong>{t(`event.${e.type}`, { defaultValue: e.type })}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`role.${e.actorRole}`)}{e.actorName ? ` · ${e.actorName}` : ''}
                      {e.type === 'dispatched' && typeof e.payload.leadUnitId === 'string' ? ` → ${unitName(e.payload.leadUnitId)}` : ''}
                    </Typography.Text>
                    <EventDetail e={e} categoryName={categoryName} />
                    {r.attachments.filter((f) => f.eventId === e.id).map((f) => <AttachmentChip key={f.id} file={f} onPreview={setPreview} />)}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <AttachmentPreview requestId={r.id} file={preview} onClose={() => setPreview(null)} />
      {action ? <ActionModal request={r} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
