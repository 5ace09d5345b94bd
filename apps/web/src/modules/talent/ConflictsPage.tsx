import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { ServerTable, type ServerColumn } from '../../ui/ServerTable';
import { formatDateTime } from '../../ui/format';
import { useTableQuery } from '../../ui/useTableQuery';
import { CONFLICT_STATUSES, talentKeys, type TalentConflict } from './api';

type Resolution = 'resolved_to_holder' | 'resolved_to_claimant' | 'dismissed';
const STATUS_COLOR = { open: 'orange', resolved_to_holder: 'blue', resolved_to_claimant: 'green', dismissed: 'default' } as const;

/** 人才科: registrations of people another enterprise employs, waiting for a decision. */
export function ConflictsPage() {
  const { t } = useTranslation('talent');
  const tq = useTableQuery({ filterKeys: ['status'] });
  const [resolving, setResolving] = useState<TalentConflict | null>(null);
  const columns = useMemo<ServerColumn<TalentConflict>[]>(
    () => [
      {
        title: t('conflict.person'),
        render: (_, c) => (
          <Flex vertical gap={0}>
            <Link to={`/talent/talents/${c.talentId}`}>{c.talentName}</Link>
            <Typography.Text type="secondary" className="zz-mono">
              {c.idNumber}
              {c.name !== c.talentName ? ` · ${c.name}` : ''}
            </Typography.Text>
          </Flex>
        ),
      },
      { title: t('conflict.holder'), render: (_, c) => c.holderEnterpriseName ?? '—' },
      { title: t('conflict.claimant'), dataIndex: 'claimantEnterpriseName' },
      { title: t('conflict.createdAt'), render: (_, c) => `${formatDateTime(c.createdAt)} ${c.createdByName}` },
      { title: t('field.status'), render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`enum.conflictStatus.${c.status}`)}</Tag> },
      { title: t('conflict.resolvedBy'), render: (_, c) => (c.resolvedAt ? `${c.resolvedByName ?? ''} ${formatDateTime(c.resolvedAt)}` : '—') },
      { title: t('conflict.note'), dataIndex: 'note' },
      {
        title: '',
        fixed: 'right',
        render: (_, c) =>
          c.status === 'open' ? (
            <Button size="small" type="primary" onClick={() => setResolving(c)} data-testid="conflict-resolve">
              {t('conflict.resolve')}
            </Button>
          ) : null,
      },
    ],
    [t],
  );
  return (
    <>
      <PageHeader title={t('conflict.title')} />
      <div className="zz-card">
        <Alert type="info" showIcon title={t('conflict.hint')} style={{ marginBottom: 12 }} />
        <Flex gap={8} className="zz-filters">
          <Select
            allowClear
            value={tq.filters.status}
            onChange={(v) => tq.setFilters({ status: v })}
            placeholder={t('field.status')}
            options={CONFLICT_STATUSES.map((s) => ({ value: s, label: t(`enum.conflictStatus.${s}`) }))}
            style={{ width: 160 }}
            data-testid="filter-conflict-status"
          />
        </Flex>
        <ServerTable<TalentConflict> queryKey={talentKeys.conflicts} path="/api/talent/conflicts" tableQuery={tq} columns={columns} rowKey="id" statusPageOnError data-testid="conflict-table" />
      </div>
      {resolving ? <ResolveModal conflict={resolving} onClose={() => setResolving(null)} /> : null}
    </>
  );
}

function ResolveModal({ conflict, onClose }: { conflict: TalentConflict; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ resolution: Resolution; note?: string }>();
  const resolve = useMutation({
    mutationFn: (v: { resolution: Resolution; note?: string }) => api.post<TalentConflict>(`/api/talent/conflicts/${conflict.id}/resolve`, { resolution: v.resolution, note: v.note ?? '' }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: talentKeys.all });
      message.success(t('conflict.done'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('conflict.resolveTitle', { name: conflict.talentName })}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resolve.isPending}
      okButtonProps={{ 'data-testid': 'conflict-save' } as React.ComponentProps<typeof Button>}
    >
      {resolve.error ? <ErrorAlert error={resolve.error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ resolution: 'resolved_to_holder' }} onFinish={(v) => resolve.mutate(v)}>
        <Form.Item name="resolution">
          <Radio.Group
            data-testid="conflict-resolution"
            options={[
              { value: 'resolved_to_holder', label: `${t('conflict.toHolder')}（${conflict.holderEnterpriseName ?? '—'}）` },
              { value: 'resolved_to_claimant', label: `${t('conflict.toClaimant')}（${conflict.claimantEnterpriseName}）` },
              { value: 'dismissed', label: t('conflict.dismiss') },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('conflict.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="conflict-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
