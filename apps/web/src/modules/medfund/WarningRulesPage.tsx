import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { TAG_COLORS, type RollupRules, type RollupRuleVersion, type RulesAnswer, type SubjectKind } from './warnings-api';

/** Amounts are fen in the API and yuan on screen; null (empty) switches a criterion off. */
const toYuan = (fen: number | null) => (fen === null ? null : fen / 100);
const toFen = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100));

type Row = { level: 'red' | 'orange' | 'yellow' };

/** 预警规则: the roll-up thresholds per subject kind and level, versioned (each save a new version with its note; out-of-range values are refused naming the field). */
export function WarningRulesPage() {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('medfund.warnings.manage');
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['medfund', 'warning-rules'], queryFn: () => api.get<RulesAnswer>('/api/medfund/warning-rules') });
  const [draft, setDraft] = useState<RollupRules | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => { if (q.data && !draft) setDraft(structuredClone(q.data.current.rules)); }, [q.data, draft]);
  const save = useMutation({
    mutationFn: () => api.put<RulesAnswer>('/api/medfund/warning-rules', { baseVersion: q.data!.current.version, rules: draft, changeNote: note }),
    onSuccess: (d) => {
      qc.setQueryData(['medfund', 'warning-rules'], d);
      setDraft(structuredClone(d.current.rules));
      setNote('');
      message.success(t('warningRules.saved', { v: d.current.version }));
    },
  });
  const set = (kind: SubjectKind, level: Row['level'], key: string, value: number | null) => {
    setDraft((d) => {
      if (!d) return d;
      const next = structuredClone(d);
      (next[kind][level] as Record<string, number | null>)[key] = value;
      return next;
    });
  };
  const num = (kind: SubjectKind, level: Row['level'], key: string, yuan: boolean, testId: string) => {
    const raw = draft ? (draft[kind][level] as Record<string, number | null>)[key] ?? null : null;
    return (
      <InputNumber
        disabled={!canManage} style={{ width: 130 }} data-testid={testId} value={yuan ? toYuan(raw) : raw} placeholder={t('warningRules.off')}
        onChange={(v) => set(kind, level, key, yuan ? toFen(v as number | null) : (v as number | null))}
      />
    );
  };
  const table = (kind: SubjectKind) => (
    <Card size="small" title={t(`warningRules.kind.${kind}`)} style={{ marginBottom: 16 }}>
      <Table<Row>
        rowKey="level" size="small" pagination={false} dataSource={[{ level: 'red' }, { level: 'orange' }, { level: 'yellow' }]} data-testid={`warning-rules-${kind}`}
        columns={[
          { title: t('warnings.col.level'), width: 90, render: (_, r) => <Tag color={TAG_COLORS[r.level]}>{t(`warnings.level.${r.level}`)}</Tag> },
          { title: t('warningRules.singleRed'), render: (_, r) => (r.level === 'yellow' ? '—' : num(kind, r.level, 'singleRedFen', true, `${kind}-${r.level}-singleRedFen`)) },
          {
            title: t('warningRules.repeat'),
            render: (_, r) => (r.level === 'yellow'
              ? <Space>{num(kind, r.level, 'minFindings', false, `${kind}-yellow-minFindings`)}{t('warningRules.findingsAny')}</Space>
              : <Space>{num(kind, r.level, 'count', false, `${kind}-${r.level}-count`)}{t('warningRules.within')}{num(kind, r.level, 'withinDays', false, `${kind}-${r.level}-withinDays`)}{t('warningRules.days')}</Space>),
          },
          { title: t('warningRules.sum'), render: (_, r) => num(kind, r.level, 'sumFen', true, `${kind}-${r.level}-sumFen`) },
        ]}
      />
    </Card>
  );
  return (
    <>
      <PageHeader title={t('warningRules.title')} subTitle={q.data ? t('warningRules.current', { v: q.data.current.version, by: q.data.current.createdByName }) : null} />
      <Typography.Paragraph type="secondary">{t('warningRules.explain')}</Typography.Paragraph>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {draft ? (
        <>
          <Form layout="inline" style={{ marginBottom: 12 }}>
            <Form.Item label={t('warningRules.periodDays')}>
              <InputNumber disabled={!canManage} value={draft.periodDays} data-testid="periodDays" onChange={(v) => setDraft({ ...draft, periodDays: v as number })} />
            </Form.Item>
          </Form>
          {table('person')}
          {table('provider')}
          {canManage ? (
            <Card size="small">
              {save.error ? <ErrorAlert error={save.error} showFields /> : null}
              <Space.Compact style={{ width: '100%' }}>
                <Input placeholder={t('warningRules.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="warning-rules-note" />
                <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="warning-rules-save">{t('warningRules.save')}</Button>
              </Space.Compact>
            </Card>
          ) : null}
        </>
      ) : null}
      <Card size="small" title={t('warningRules.versions')} style={{ marginTop: 16 }}>
        <Table<RollupRuleVersion>
          rowKey="version" size="small" pagination={{ pageSize: 10 }} dataSource={q.data?.versions ?? []}
          columns={[
            { title: t('warningRules.version'), dataIndex: 'version', width: 80 },
            { title: t('warningRules.note'), dataIndex: 'changeNote' },
            { title: t('warningRules.by'), dataIndex: 'createdByName' },
            { title: t('warningRules.at'), render: (_, v) => new Date(v.createdAt).toLocaleString('zh-CN') },
          ]}
        />
      </Card>
    </>
  );
}
