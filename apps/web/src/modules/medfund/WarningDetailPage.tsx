import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { yuan } from './api';
import { TAG_COLORS, WARNING_LEVELS, type WarningDetail, type WarningEvent, type WarningFinding, type WarningLevel } from './warnings-api';
import { WarningHandling } from './reports/WarningHandling';
import { OpenCaseButton } from './reports/OpenCaseButton';

type Action = { kind: 'level' } | { kind: 'status'; status: 'open' | 'closed' | 'dismissed' };

/** A warning: its subject (masked; reveal audited), level and why, the findings rolled into it, its history, and handling with a reason. */
export function WarningDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const me = useCurrentUser();
  const canManage = me.permissions.includes('medfund.warnings.manage');
  const canReveal = me.permissions.includes('personal.reveal');
  const canOpenCase = me.permissions.includes('medfund.cases.open');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<{ level?: WarningLevel; reason: string }>();
  const q = useQuery({ queryKey: ['medfund', 'warning', id], queryFn: () => api.get<WarningDetail>(`/api/medfund/warnings/${id}`) });
  const reveal = useMutation({ mutationFn: () => api.post<{ subjectName: string; subjectCertno: string }>(`/api/medfund/warnings/${id}/reveal`) });
  const act = useMutation({
    mutationFn: (v: { level?: WarningLevel; reason: string }) => (action?.kind === 'level'
      ? api.post<WarningDetail>(`/api/medfund/warnings/${id}/level`, { level: v.level, reason: v.reason ?? '' })
      : api.post<WarningDetail>(`/api/medfund/warnings/${id}/status`, { status: action?.kind === 'status' ? action.status : 'closed', reason: v.reason ?? '' })),
    onSuccess: (d) => {
      qc.setQueryData(['medfund', 'warning', id], d);
      void qc.invalidateQueries({ queryKey: ['medfund', 'warnings'] });
      setAction(null);
      form.resetFields();
      message.success(t('warnings.saved'));
    },
  });
  const w = q.data;
  const reason = (r: string) => t(`warnings.reason.${r.replace(':', '_')}`, { defaultValue: r });
  return (
    <>
      <PageHeader
        back="/medfund/warnings"
        title={w ? t('warnings.detailTitle', { id: w.id }) : t('warnings.title')}
        tags={w ? <><Tag color={TAG_COLORS[w.level]} data-testid="warning-level">{t(`warnings.level.${w.level}`)}</Tag><Tag data-testid="warning-status">{t(`warnings.status.${w.status}`)}</Tag></> : null}
        extra={w && (canManage || canOpenCase) ? (
          <Space>
            {canOpenCase && w.status === 'open' && (!w.handling || w.handling.stage === 'closed') ? <OpenCaseButton warning={w} /> : null}
            {canManage ? <Button onClick={() => setAction({ kind: 'level' })} data-testid="warning-change-level">{t('warnings.changeLevel')}</Button> : null}
            {!canManage ? null : w.status === 'open' || w.status === 'in_case' ? (
              <>
                <Button type="primary" onClick={() => setAction({ kind: 'status', status: 'closed' })} data-testid="warning-close">{t('warnings.close')}</Button>
                <Button onClick={() => setAction({ kind: 'status', status: 'dismissed' })} data-testid="warning-dismiss">{t('warnings.dismiss')}</Button>
              </>
            ) : <Button onClick={() => setAction({ kind: 'status', status: 'open' })} data-testid="warning-reopen">{t('warnings.reopen')}</Button>}
          </Space>
        ) : null}
      />
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {reveal.error ? <ErrorAlert error={reveal.error} /> : null}
      {w ? (
        <>
          <Descriptions bordered size="small" column={2} data-testid="warning-summary">
            <Descriptions.Item label={t(`warnings.kind.${w.subjectKind}`)}>
              <Space>
                {w.subjectKind === 'person'
                  ? (reveal.data ? `${reveal.data.subjectName} ${reveal.data.subjectCertno}` : `${w.subjectName} ${w.subjectCertno}`)
                  : w.subjectName}
                <Typography.Text type="secondary">{w.subjectKey}</Typography.Text>
                {w.subjectKind === 'person' && canReveal && !reveal.data ? <Button size="small" onClick={() => reveal.mutate()}>{t('findings.reveal')}</Button> : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.col.amount')}>{yuan(w.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.col.findings')}>{w.findingsCount}（{t('warnings.redN', { n: w.redFindings })}）</Descriptions.Item>
            <Descriptions.Item label={t('warnings.col.period')}>{w.firstOccurredOn} – {w.lastOccurredOn}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.why')} span={2}>
              {w.reasons.length ? w.reasons.map((r) => <Tag key={r}>{reason(r)}</Tag>) : '—'}
              <Typography.Text type="secondary">{t('warnings.ruleVersion', { v: w.ruleVersion })}</Typography.Text>
              {w.levelPinned ? <Tag color="blue">{t('warnings.pinned', { level: w.computedLevel ? t(`warnings.level.${w.computedLevel}`) : '—' })}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.col.rules')}>{w.ruleCodes.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.providers')}>{w.providers.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.notified')}>{w.notifiedAt ? new Date(w.notifiedAt).toLocaleString('zh-CN') : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('handling.title')} span={2}><WarningHandling h={w.handling} /></Descriptions.Item>
            <Descriptions.Item label={t('warnings.col.handledBy')}>{w.handledByName ? `${w.handledByName} ${w.handledAt ? new Date(w.handledAt).toLocaleString('zh-CN') : ''}` : '—'}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('warnings.findingsTitle', { n: w.findings.length })} style={{ marginTop: 16 }}>
            <Table<WarningFinding>
              rowKey="id" size="small" dataSource={w.findings} pagination={{ pageSize: 10 }} data-testid="warning-findings"
              columns={[
                { title: t('findings.rule'), render: (_, f) => (en ? f.ruleNameEn : f.ruleName) },
                { title: t('findings.severity'), render: (_, f) => <Tag color={f.severity === 'red' ? 'red' : 'orange'}>{t(`severity.${f.severity}`)}</Tag> },
                { title: t('findings.person_'), render: (_, f) => `${f.psnName} ${f.certno}` },
                { title: t('findings.provider'), render: (_, f) => f.fixmedinsName || f.fixmedinsCode },
                { title: t('findings.occurredOn'), dataIndex: 'occurredOn' },
                { title: t('findings.setl'), dataIndex: 'setlId' },
                { title: t('findings.amount'), align: 'right', render: (_, f) => yuan(f.amountFen) },
                { title: t('findings.department'), dataIndex: 'departmentName' },
              ]}
            />
          </Card>
          <Card size="small" title={t('warnings.history')} style={{ marginTop: 16 }} data-testid="warning-history">
            <Timeline items={w.events.map((e) => ({ color: e.kind === 'notified' ? 'red' : e.kind === 'status' ? 'green' : 'blue', children: <EventLine e={e} /> }))} />
          </Card>
        </>
      ) : null}
      <Modal
        open={action !== null} destroyOnHidden title={action?.kind === 'level' ? t('warnings.changeLevel') : action ? t(`warnings.to.${action.status}`) : ''}
        onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={act.isPending} okButtonProps={{ 'data-testid': 'warning-action-ok' } as never}
      >
        {act.error ? <ErrorAlert error={act.error} showFields /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)}>
          {action?.kind === 'level' ? (
            <Form.Item name="level" label={t('warnings.col.level')} rules={[{ required: true }]}>
              <Select options={WARNING_LEVELS.filter((l) => l !== w?.level).map((l) => ({ value: l, label: t(`warnings.level.${l}`) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('warnings.reasonLabel')} extra={t('warnings.reasonHint')}>
            <Input.TextArea rows={3} maxLength={500} data-testid="warning-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function EventLine({ e }: { e: WarningEvent }) {
  const { t } = useTranslation('medfund');
  const value = (v: string | null) => (v === null ? '' : t(`warnings.level.${v}`, { defaultValue: t(`warnings.status.${v}`, { defaultValue: v }) }));
  const what = e.kind === 'created' ? t('warnings.event.created', { to: value(e.to) })
    : e.kind === 'level' ? t('warnings.event.level', { from: value(e.from), to: value(e.to) })
      : e.kind === 'status' ? t('warnings.event.status', { from: value(e.from), to: value(e.to) })
        : e.kind === 'findings' ? t('warnings.event.findings', { from: e.from, to: e.to })
          : e.kind === 'notified' ? t('warnings.event.notified', { n: e.to })
            : t('warnings.event.note');
  return (
    <div>
      <b>{what}</b> · {e.actorName} · {new Date(e.at).toLocaleString('zh-CN')}
      {e.reason ? <div style={{ color: '#666' }}>{e.reason}</div> : null}
    </div>
  );
}
