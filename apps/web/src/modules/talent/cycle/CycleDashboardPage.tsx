import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Statistic, Steps, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { applyFieldErrors } from '../../../ui/formErrors';
import { labelOf } from '../scoring/api';
import { CYCLE_STEPS, createCycle, cycleKeys, listCycles, runAction, updateCycle, type Cycle, type CycleAction } from './api';

/**
 * 年度周期: the office's dashboard of a points year — the five steps, what each step holds
 * (counts), the notice countdown in working days, the objections waiting, and the next step.
 */
export function CycleDashboardPage() {
  const { t } = useTranslation('talent');
  const cycles = useQuery({ queryKey: cycleKeys.all, queryFn: listCycles });
  const [year, setYear] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  if (cycles.isPending) return <PageLoading />;
  if (cycles.error) return <ErrorAlert error={cycles.error} onRetry={() => void cycles.refetch()} />;
  const items = cycles.data.items;
  const current = items.find((c) => c.year === year) ?? items[0];
  return (
    <>
      <PageHeader
        title={t('cycle.dashboard.title')}
        extra={
          <Flex gap={8}>
            {items.length > 0 && (
              <Select
                value={current?.year}
                onChange={setYear}
                style={{ width: 170 }}
                data-testid="cycle-year"
                options={items.map((c) => ({ value: c.year, label: `${c.year} · ${t(`cycle.statusNow.${c.status}`)}` }))}
              />
            )}
            <Button onClick={() => setCreating(true)} data-testid="cycle-new">{t('cycle.dashboard.newCycle')}</Button>
          </Flex>
        }
      />
      <Alert type="info" showIcon message={t('cycle.dashboard.hint')} style={{ marginBottom: 12 }} />
      {current ? <CycleCard cycle={current} /> : <Empty description={t('cycle.dashboard.noCycle')} />}
      {creating && <NewCycleModal onClose={() => setCreating(false)} onDone={(c) => { setYear(c.year); setCreating(false); }} />}
    </>
  );
}

function CycleCard({ cycle: c }: { cycle: Cycle }) {
  const { t, i18n } = useTranslation('talent');
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [publishing, setPublishing] = useState<CycleAction | null>(null);
  const [settings, setSettings] = useState(false);
  const step = CYCLE_STEPS.indexOf(c.status);
  const run = (action: CycleAction, body = {}) =>
    runAction(c.id, action, body).then(() => {
      message.success(t('cycle.dashboard.done', { action: t(`cycle.action.${action}`) }));
      return qc.invalidateQueries({ queryKey: cycleKeys.all });
    });
  const ask = (action: CycleAction) => {
    if (action === 'publish' || action === 'compute') return setPublishing(action);
    modal.confirm({
      title: t(`cycle.action.${action}`),
      content: t(`cycle.confirm.${action}`, { year: c.year, days: c.noticeWorkdays }),
      okButtonProps: { 'data-testid': 'cycle-confirm' } as Record<string, string>,
      onOk: () => run(action).catch((e: Error) => { modal.error({ title: t(`cycle.action.${action}`), content: e.message }); }),
    });
  };
  const n = c.notice;
  const o = c.counts.objections;
  return (
    <div className="zz-card" data-testid="cycle-card" data-status={c.status}>
      <Flex vertical gap={16}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {c.year} <Tag color={c.status === 'final' ? 'green' : c.status === 'notice' ? 'orange' : 'blue'} data-testid="cycle-status">{t(`cycle.statusNow.${c.status}`)}</Tag>
          </Typography.Title>
          <Flex gap={8} wrap>
            {c.allowedActions.map((a) => (
              <Button key={a} type={a === 'reopen' ? 'default' : 'primary'} onClick={() => ask(a)} data-testid={`cycle-action-${a}`}>
                {t(`cycle.action.${a}`)}
              </Button>
            ))}
            {c.status !== 'notice' && c.status !== 'final' && <Button onClick={() => setSettings(true)} data-testid="cycle-settings">{t('cycle.dashboard.settings')}</Button>}
            {(c.status === 'notice' || c.status === 'final') && <Link to={`/talent-notice?year=${c.year}`} target="_blank"><Button>{t('cycle.dashboard.openNotice')}</Button></Link>}
          </Flex>
        </Flex>
        <Steps
          current={step}
          status={c.status === 'final' ? 'finish' : 'process'}
          items={CYCLE_STEPS.map((s) => ({ title: t(`cycle.status.${s}`) }))}
          data-testid="cycle-steps"
        />
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Tooltip title={t('cycle.dashboard.evidencePendingHint')}>
              <Link to="/talent/claims" data-testid="cycle-evidence-pending">
                <Statistic title={t('cycle.dashboard.evidencePending')} value={c.counts.evidencePending} />
              </Link>
            </Tooltip>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={c.status === 'notice' || c.status === 'final' ? t('cycle.dashboard.listedTalents') : t('cycle.dashboard.scoredTalents')}
              value={c.status === 'notice' || c.status === 'final' ? c.counts.listedTalents : c.counts.scoredTalents ?? '—'} data-testid="cycle-talents" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={c.status === 'notice' || c.status === 'final' ? t('cycle.dashboard.listedEnterprises') : t('cycle.dashboard.scoredEnterprises')}
              value={c.status === 'notice' || c.status === 'final' ? c.counts.listedEnterprises : c.counts.scoredEnterprises ?? '—'} />
          </Col>
          <Col xs={12} md={6}>
            <Link to="/talent/objections">
              <Statistic
                title={t('cycle.dashboard.objectionsPending')}
                value={o.pending}
                suffix={<Typography.Text type="secondary" style={{ fontSize: 13 }}> / {t('cycle.dashboard.objectionsAnswered')} {o.upheld + o.dismissed}</Typography.Text>}
                valueStyle={o.pending ? { color: '#d46b08' } : undefined}
                data-testid="cycle-objections"
              />
            </Link>
          </Col>
        </Row>
        {n && (
          <Card size="small" data-testid="cycle-notice">
            <Flex justify="space-between" wrap gap={8}>
              <span>{t('cycle.dashboard.notice')}：{t('cycle.dashboard.noticeRange', { from: n.startsOn, to: n.endsOn, days: n.workdays })}</span>
              <Tag color={n.phase === 'ended' ? 'default' : 'orange'} data-testid="cycle-countdown">
                {n.phase === 'ended' ? t('cycle.dashboard.ended') : n.phase === 'before' ? `${t('cycle.dashboard.before', { from: n.startsOn })} · ${t('cycle.dashboard.left', { n: n.workdaysLeft })}` : t('cycle.dashboard.left', { n: n.workdaysLeft })}
              </Tag>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cycle.dashboard.calendarNote')}</Typography.Text>
          </Card>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('cycle.dashboard.personal')}>{labelOf(c.schemes.personal.name, i18n.language)} · {c.schemes.personal.version}</Descriptions.Item>
          <Descriptions.Item label={t('cycle.dashboard.enterprise')}>{labelOf(c.schemes.enterprise.name, i18n.language)} · {c.schemes.enterprise.version}</Descriptions.Item>
          <Descriptions.Item label={t('cycle.dashboard.bonus')}>{c.schemes.bonus ? `${labelOf(c.schemes.bonus.name, i18n.language)} · ${c.schemes.bonus.version}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cycle.dashboard.pointsAsOf')}>{c.pointsAsOf ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cycle.dashboard.noticeWorkdays')}>{c.noticeWorkdays}</Descriptions.Item>
          <Descriptions.Item label={t('cycle.dashboard.objectionChannel')}>{c.objectionChannel || '—'}</Descriptions.Item>
        </Descriptions>
      </Flex>
      {publishing && <DateActionModal cycle={c} action={publishing} onClose={() => setPublishing(null)} run={run} />}
      {settings && <SettingsModal cycle={c} onClose={() => setSettings(false)} />}
    </div>
  );
}

/** Publish (first day of the notice) and compute (points day) take an optional date. */
function DateActionModal({ cycle, action, onClose, run }: { cycle: Cycle; action: CycleAction; onClose: () => void; run: (a: CycleAction, body: object) => Promise<unknown> }) {
  const { t } = useTranslation('talent');
  const [date, setDate] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = action === 'publish' ? 'startsOn' : 'asOf';
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await run(action, date ? { [field]: date.format('YYYY-MM-DD') } : {});
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(`cycle.action.${action}`)} onOk={() => void submit()} confirmLoading={busy} onCancel={onClose} okButtonProps={{ 'data-testid': 'cycle-confirm' }} destroyOnHidden>
      <Flex vertical gap={12}>
        <Typography.Paragraph>{t(`cycle.confirm.${action}`, { year: cycle.year, days: cycle.noticeWorkdays })}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t(action === 'publish' ? 'cycle.dashboard.startsOn' : 'cycle.dashboard.asOf')} extra={t(action === 'publish' ? 'cycle.dashboard.startsOnHint' : 'cycle.dashboard.asOfHint')}>
            <DatePicker value={date} onChange={setDate} data-testid="cycle-date" />
          </Form.Item>
        </Form>
        {action === 'publish' && <Typography.Text type="secondary">{t('cycle.dashboard.calendarNote')}</Typography.Text>}
        {error ? <ErrorAlert error={error} /> : null}
      </Flex>
    </Modal>
  );
}

function SettingsModal({ cycle, onClose }: { cycle: Cycle; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const [form] = Form.useForm<{ noticeWorkdays: number; objectionChannel: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await updateCycle(cycle.id, v);
      await qc.invalidateQueries({ queryKey: cycleKeys.all });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    }
  };
  return (
    <Modal open title={t('cycle.dashboard.settings')} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ noticeWorkdays: cycle.noticeWorkdays, objectionChannel: cycle.objectionChannel }}>
        <NoticeFields />
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

function NewCycleModal({ onClose, onDone }: { onClose: () => void; onDone: (c: Cycle) => void }) {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const [form] = Form.useForm<{ year: number; noticeWorkdays: number; objectionChannel: string }>();
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const c = await createCycle(v);
      await qc.invalidateQueries({ queryKey: cycleKeys.all });
      onDone(c);
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    }
  };
  return (
    <Modal open title={t('cycle.dashboard.newCycle')} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'cycle-new-ok' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), noticeWorkdays: 5, objectionChannel: '' }}>
        <Form.Item name="year" label={t('cycle.dashboard.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <NoticeFields />
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

/** The notice period (working days) and the objection channel: set when a cycle opens, changeable until the notice. */
function NoticeFields() {
  const { t } = useTranslation('talent');
  return (
    <>
      <Form.Item name="noticeWorkdays" label={t('cycle.dashboard.noticeWorkdays')} rules={[{ required: true }]} extra={t('cycle.dashboard.calendarNote')}>
        <InputNumber min={1} max={30} />
      </Form.Item>
      <Form.Item name="objectionChannel" label={t('cycle.dashboard.objectionChannel')} extra={t('cycle.dashboard.objectionChannelHint')}>
        <Input.TextArea rows={3} maxLength={500} />
      </Form.Item>
    </>
  );
}
