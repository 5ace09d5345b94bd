import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { applyFieldErrors } from '../../../ui/formErrors';
import { formatDateTime } from '../../../ui/format';
import { labelOf } from '../scoring/api';
import { answerObjection, cycleKeys, listCycles, pts, raiseObjection, type Cycle, type Entry, type Objection, type TierBoard } from './api';

const STATUS_COLOR = { pending: 'orange', upheld: 'green', dismissed: 'default' } as const;

/**
 * 公示异议: the office answers the objections raised during a notice; a talent or enterprise user
 * raises one about an entry of the list and follows the answer.
 */
export function ObjectionsPage() {
  const { t, i18n } = useTranslation('talent');
  const can = useCan();
  const office = can('talent.cycle.manage');
  const [status, setStatus] = useState<'all' | 'pending' | 'upheld' | 'dismissed'>(office ? 'pending' : 'all');
  const [raising, setRaising] = useState(false);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const cycles = useQuery({ queryKey: cycleKeys.all, queryFn: listCycles });
  const list = useQuery({
    queryKey: [...cycleKeys.objections, status],
    queryFn: () => api.get<{ items: Objection[] }>('/api/talent/objections', { status: status === 'all' ? undefined : status }),
  });
  const running = (cycles.data?.items ?? []).filter((c) => c.status === 'notice' && c.notice?.phase !== 'ended');
  const columns = [
    { title: t('cycle.objections.year'), dataIndex: 'year', width: 70 },
    {
      title: t('cycle.objections.entry'), key: 'entry',
      render: (_: unknown, o: Objection) => o.entry && (
        <Flex vertical>
          <span data-testid="objection-entry">{t(`cycle.objections.entryType.${o.entryType}`)} · {o.entry.name}{o.entryType === 'talent' && o.entry.enterpriseName ? `（${o.entry.enterpriseName}）` : ''}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            #{o.entry.rank ?? '—'} · {pts(o.entry.points)} {t('cycle.notice.points')}{o.entry.tierLabel ? ` · ${labelOf(o.entry.tierLabel, i18n.language)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('cycle.objections.text'), dataIndex: 'text', render: (v: string) => <Typography.Paragraph style={{ margin: 0, maxWidth: 360 }} ellipsis={{ rows: 3, expandable: true }}>{v}</Typography.Paragraph> },
    ...(office ? [{ title: t('cycle.objections.raisedBy'), dataIndex: 'raisedBy', width: 110 }] : []),
    { title: t('cycle.objections.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v), width: 150 },
    {
      title: t('cycle.objections.answer'), key: 'answer',
      render: (_: unknown, o: Objection) => (
        <Flex vertical gap={4}>
          <Tag color={STATUS_COLOR[o.status]} data-testid="objection-status" style={{ width: 'fit-content' }}>{t(`cycle.objections.status.${o.status}`)}</Tag>
          {o.answer && <Typography.Text style={{ maxWidth: 300 }}>{o.answer}</Typography.Text>}
          {o.correction?.after && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cycle.objections.correction')}：{o.correction.after.points !== undefined ? `${pts(o.correction.before?.points)} → ${pts(o.correction.after.points)}` : ''}
              {o.correction.after.tier !== undefined ? ` ${o.correction.before?.tier ?? '—'} → ${o.correction.after.tier}` : ''}
            </Typography.Text>
          )}
          {office && o.status === 'pending' && <Button size="small" type="primary" onClick={() => setAnswering(o)} data-testid="objection-answer">{t('cycle.objections.answer')}</Button>}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('cycle.objections.title')}
        extra={can('talent.cycle.object') ? <Button type="primary" disabled={running.length === 0} onClick={() => setRaising(true)} data-testid="objection-raise">{t('cycle.objections.raise')}</Button> : null}
      />
      <div className="zz-card">
        <Flex vertical gap={8}>
          <Alert type="info" showIcon message={office ? t('cycle.objections.hintOffice') : t('cycle.objections.hintOther')} />
          {!office && running.length === 0 && <Alert type="warning" message={t('cycle.objections.noNotice')} />}
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={(['all', 'pending', 'upheld', 'dismissed'] as const).map((s) => ({ value: s, label: s === 'all' ? t('cycle.objections.all') : t(`cycle.objections.status.${s}`) }))}
            data-testid="objection-filter"
          />
          {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table<Objection>
            rowKey="id"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('cycle.objections.empty')} /> }}
            data-testid="objection-table"
          />
        </Flex>
      </div>
      {raising && <RaiseModal cycles={running} onClose={() => setRaising(false)} />}
      {answering && <AnswerModal objection={answering} onClose={() => setAnswering(null)} />}
    </>
  );
}

function RaiseModal({ cycles, onClose }: { cycles: Cycle[]; onClose: () => void }) {
  const { t, i18n } = useTranslation('talent');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [cycleId, setCycleId] = useState(cycles[0]!.id);
  const [type, setType] = useState<'talent' | 'enterprise'>('talent');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [entry, setEntry] = useState<Entry | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const entries = useQuery({
    queryKey: [...cycleKeys.entries(cycleId), type, q, page],
    queryFn: () => api.get<{ items: Entry[]; total: number }>(`/api/talent/cycles/${cycleId}/entries`, { list: type === 'talent' ? 'talents' : 'enterprises', q: q || undefined, page, pageSize: 10 }),
    placeholderData: (prev) => prev,
  });
  const submit = async () => {
    if (!entry) return setError(new Error(t('cycle.objections.chooseEntry')));
    setError(null);
    try {
      await raiseObjection(cycleId, { entryType: type, entryId: entry.id, text });
      message.success(t('cycle.objections.status.pending'));
      await qc.invalidateQueries({ queryKey: cycleKeys.objections });
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Modal open width={720} title={t('cycle.objections.raise')} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'objection-submit', disabled: !entry }} destroyOnHidden>
      <Flex vertical gap={10}>
        <Flex gap={8} wrap>
          <Select value={cycleId} onChange={(v) => { setCycleId(v); setEntry(null); }} options={cycles.map((c) => ({ value: c.id, label: `${c.year}` }))} style={{ width: 100 }} />
          <Radio.Group value={type} onChange={(e) => { setType(e.target.value as 'talent' | 'enterprise'); setEntry(null); setPage(1); }} optionType="button"
            options={[{ value: 'talent', label: t('cycle.objections.entryType.talent') }, { value: 'enterprise', label: t('cycle.objections.entryType.enterprise') }]} />
          <Input.Search allowClear placeholder={t('cycle.objections.searchEntry')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} data-testid="objection-search" />
        </Flex>
        <Table<Entry>
          size="small"
          rowKey="id"
          loading={entries.isFetching}
          dataSource={entries.data?.items ?? []}
          rowSelection={{ type: 'radio', selectedRowKeys: entry ? [entry.id] : [], onChange: (_, rows) => setEntry(rows[0] ?? null) }}
          onRow={(r) => ({ onClick: () => setEntry(r) })}
          pagination={{ current: page, pageSize: 10, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('cycle.notice.rank'), dataIndex: 'rank', width: 70 },
            { title: t('cycle.notice.name'), dataIndex: 'name', render: (v: string) => <span data-testid="objection-entry-name">{v}</span> },
            ...(type === 'talent' ? [{ title: t('cycle.notice.enterpriseName'), dataIndex: 'enterpriseName' }] : [{ title: t('cycle.notice.tier'), dataIndex: 'tier', render: (v: Entry['tier']) => labelOf(v, i18n.language) }]),
            { title: t('cycle.notice.points'), dataIndex: 'points', render: (v: number) => pts(v), align: 'right' as const },
          ]}
          data-testid="objection-entries"
        />
        <Form layout="vertical">
          <Form.Item label={t('cycle.objections.text')} extra={t('cycle.objections.textHint')} required>
            <Input.TextArea rows={4} maxLength={2000} showCount value={text} onChange={(e) => setText(e.target.value)} data-testid="objection-text" />
          </Form.Item>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
      </Flex>
    </Modal>
  );
}

function AnswerModal({ objection: o, onClose }: { objection: Objection; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; answer: string; points?: number; tier?: string }>();
  const decision = Form.useWatch('decision', form);
  const { i18n } = useTranslation();
  const board = useQuery({
    queryKey: cycleKeys.tiers(o.year),
    queryFn: () => api.get<TierBoard>(`/api/talent/tiers/${o.year}`),
    enabled: o.entryType === 'enterprise',
  });
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const correction = v.decision === 'upheld' && (v.points !== undefined && v.points !== null || v.tier) ? { points: v.points ?? undefined, tier: v.tier || undefined } : undefined;
    try {
      await answerObjection(o.id, { decision: v.decision, answer: v.answer, correction });
      await qc.invalidateQueries({ queryKey: cycleKeys.objections });
      await qc.invalidateQueries({ queryKey: cycleKeys.all });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(e);
    }
  };
  return (
    <Modal open title={t('cycle.objections.answerTitle')} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'answer-submit' }} destroyOnHidden>
      <Flex vertical gap={8}>
        <Typography.Paragraph type="secondary">{o.text}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ decision: 'dismissed' }}>
          <Form.Item name="decision" label={t('cycle.objections.decision')}>
            <Radio.Group optionType="button" options={[{ value: 'upheld', label: t('cycle.objections.uphold') }, { value: 'dismissed', label: t('cycle.objections.dismiss') }]} data-testid="answer-decision" />
          </Form.Item>
          {decision === 'upheld' && (
            <Flex gap={12}>
              <Form.Item name="points" label={t('cycle.objections.correctPoints')}>
                <InputNumber placeholder={pts(o.entry?.points)} data-testid="answer-points" />
              </Form.Item>
              {o.entryType === 'enterprise' && (
                <Form.Item name="tier" label={t('cycle.objections.correctTier')}>
                  <Select allowClear style={{ width: 120 }} options={(board.data?.tiers ?? []).map((x) => ({ value: x.tier, label: labelOf(x.label, i18n.language) }))} />
                </Form.Item>
              )}
            </Flex>
          )}
          <Form.Item name="answer" label={t('cycle.objections.answer')} extra={t('cycle.objections.answerHint')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="answer-text" />
          </Form.Item>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
      </Flex>
    </Modal>
  );
}
