import { App, Button, DatePicker, Flex, Popconfirm, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { OutboxMessage, OutboxPage as OutboxList, OutboxStatus } from '../../../../api/types';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { formatDateTimeSeconds } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { ServerTable, type ServerColumn } from '../../../../ui/ServerTable';
import { useTableQuery } from '../../../../ui/useTableQuery';
import { adminKeys } from '../adminApi';

const FILTERS = ['channel', 'status', 'from', 'to'] as const;
const STATUSES: OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];
const STATUS_COLOR: Record<OutboxStatus, string> = { queued: 'blue', sending: 'gold', sent: 'green', failed: 'red' };

/**
 * 消息发送记录: every SMS and e-mail the platform queued with a notification, and what became of it
 * (recipients masked: reading this page is not a read of personal data); a failed one can be sent again.
 */
export function OutboxPage() {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const tq = useTableQuery({ filterKeys: FILTERS, defaultPageSize: 50 });
  const f = tq.filters;
  // The counts by status for the channel and period chosen (the status filter aside).
  const { status: _status, ...withoutStatus } = tq.filterQuery;
  const counts = useQuery({
    queryKey: [...adminKeys.outbox, 'counts', withoutStatus],
    queryFn: () => api.get<OutboxList>('/api/admin/outbox', { ...withoutStatus, pageSize: 1 }),
  });
  const retry = useMutation({
    mutationFn: (m: OutboxMessage) => api.post<OutboxMessage>(`/api/admin/outbox/${m.id}/retry`),
    onSuccess: (m) => {
      message.success(t('outbox.retried', { id: m.id }));
      void qc.invalidateQueries({ queryKey: adminKeys.outbox });
    },
    onError: (e) => message.error((e as Error).message),
  });

  const columns: ServerColumn<OutboxMessage>[] = [
    { title: t('outbox.createdAt'), key: 'createdAt', width: 170, render: (_, m) => <span className="zz-num">{formatDateTimeSeconds(m.createdAt)}</span> },
    { title: t('outbox.channel'), key: 'channel', width: 80, render: (_, m) => <Tag>{t(`outbox.channelName.${m.channel}`)}</Tag> },
    {
      title: t('outbox.recipient'),
      key: 'recipient',
      width: 200,
      render: (_, m) => (
        <Flex vertical>
          <span>{m.recipientName ?? <Typography.Text type="secondary">{t('outbox.noUser')}</Typography.Text>}</span>
          <Typography.Text type="secondary" className="zz-mono">
            {m.address}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('outbox.content'),
      key: 'content',
      render: (_, m) => (
        <Flex vertical>
          {m.subject ? <Typography.Text strong>{m.subject}</Typography.Text> : null}
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible' }} style={{ marginBottom: 0 }}>
            {m.body}
          </Typography.Paragraph>
        </Flex>
      ),
    },
    {
      title: t('outbox.status'),
      key: 'status',
      width: 220,
      render: (_, m) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATUS_COLOR[m.status]} data-testid={`outbox-status-${m.id}`}>
              {t(`outbox.statusName.${m.status}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('outbox.attempts', { count: m.attempts })}
            </Typography.Text>
          </span>
          {m.sentAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('outbox.sentAt', { at: formatDateTimeSeconds(m.sentAt) })}</Typography.Text> : null}
          {m.status === 'queued' && m.nextAttemptAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('outbox.nextAttempt', { at: formatDateTimeSeconds(m.nextAttemptAt) })}</Typography.Text>
          ) : null}
          {m.lastError && m.status !== 'sent' ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {m.lastError}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('outbox.actions'),
      key: 'actions',
      width: 90,
      render: (_, m) =>
        m.status === 'failed' ? (
          <Popconfirm title={t('outbox.retryConfirm')} onConfirm={() => retry.mutate(m)}>
            <Button size="small" loading={retry.isPending && retry.variables?.id === m.id} data-testid={`outbox-retry-${m.id}`}>
              {t('outbox.retry')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('outbox.title')}
        extra={<DownloadButton path="/api/admin/outbox/export.xlsx" query={tq.filterQuery} fileName="消息发送记录.xlsx" testId="outbox-export" />}
      />
      <div className="zz-card">
        <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
        <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="outbox-counts">
          {STATUSES.map((s) => (
            <Tag.CheckableTag key={s} checked={f.status === s} onChange={(on) => tq.setFilters({ status: on ? s : undefined })} style={{ padding: '4px 12px', fontSize: 14 }}>
              {t(`outbox.statusName.${s}`)} <strong className="zz-num">{counts.data?.counts[s] ?? '–'}</strong>
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Flex wrap gap={8} className="zz-filters" align="center">
          <Select
            allowClear
            placeholder={t('outbox.channel')}
            value={f.channel}
            onChange={(v) => tq.setFilters({ channel: v })}
            options={(['sms', 'email'] as const).map((c) => ({ value: c, label: t(`outbox.channelName.${c}`) }))}
            style={{ width: 120 }}
            data-testid="outbox-channel"
          />
          <Select
            allowClear
            placeholder={t('outbox.status')}
            value={f.status}
            onChange={(v) => tq.setFilters({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: t(`outbox.statusName.${s}`) }))}
            style={{ width: 120 }}
            data-testid="outbox-status"
          />
          <DatePicker.RangePicker
            value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
            onChange={(r) => tq.setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            allowEmpty={[true, true]}
            data-testid="outbox-range"
          />
          {tq.filtered ? (
            <Button type="link" onClick={() => tq.reset()}>
              {t('common:action.reset')}
            </Button>
          ) : null}
        </Flex>
        <ServerTable<OutboxMessage>
          queryKey={adminKeys.outbox}
          path="/api/admin/outbox"
          tableQuery={tq}
          columns={columns}
          rowKey={(m) => String(m.id)}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          data-testid="outbox-table"
        />
      </div>
    </>
  );
}
