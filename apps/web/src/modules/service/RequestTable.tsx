import { useMemo, type ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/client';
import { ServerTable, type ServerColumn } from '../../ui/ServerTable';
import type { TableQuery } from '../../ui/useTableQuery';
import { formatDateTime } from '../../ui/format';
import { serviceKeys, STATUS_COLORS, type RequestSummary } from './api';

export interface RequestTableProps {
  tableQuery: TableQuery;
  extraQuery?: Query;
  hideEnterprise?: boolean;
  emptyAction?: ReactNode;
}

/** Requests, paged and sorted by the server within the user's scope; an overdue one is marked red. */
export function RequestTable({ tableQuery, extraQuery, hideEnterprise = false, emptyAction }: RequestTableProps) {
  const { t, i18n } = useTranslation('service');
  const columns = useMemo(() => {
    const cols: (ServerColumn<RequestSummary> & { id: string })[] = [
      { id: 'number', title: t('field.number'), sortKey: 'number', dataIndex: 'number', width: 72, render: (n: number) => <span className="zz-mono">{n}</span> },
      {
        id: 'title',
        title: t('field.title'),
        render: (_, r) => (
          <Flex vertical gap={0} style={{ minWidth: 220, maxWidth: 360 }}>
            <Link to={`/service/requests/${r.id}`} data-testid="request-link">
              {r.title}
            </Link>
            {r.categoryName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.categoryName}</Typography.Text> : null}
          </Flex>
        ),
      },
      { id: 'enterprise', title: t('field.enterprise'), render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 220 }}>{r.enterpriseName}</Typography.Text> },
      {
        id: 'status',
        title: t('field.status'),
        render: (_, r) => (
          <Flex gap={4}>
            <Tag color={STATUS_COLORS[r.status]} data-testid="request-status">{t(`status.${r.status}`)}</Tag>
            {r.overdue ? <Tag color="red" data-testid="request-overdue">{t('list.overdueTag')}</Tag> : null}
          </Flex>
        ),
      },
      { id: 'channel', title: t('field.channel'), render: (_, r) => t(`channel.${r.channel}`) },
      { id: 'leadUnit', title: t('field.leadUnit'), render: (_, r) => r.leadUnit?.name ?? <Typography.Text type="secondary">—</Typography.Text> },
      { id: 'submittedAt', title: t('field.submittedAt'), sortKey: 'submittedAt', render: (_, r) => formatDateTime(r.submittedAt) },
      {
        id: 'nextDueAt',
        title: t('field.nextDueAt'),
        render: (_, r) => (r.nextDueAt ? <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatDateTime(r.nextDueAt)}</Typography.Text> : '—'),
      },
    ];
    return cols.filter((c) => !(hideEnterprise && c.id === 'enterprise'));
    // i18n.language: category names come from the server in zh; the rest follow the locale
  }, [t, hideEnterprise, i18n.language]);

  return (
    <ServerTable<RequestSummary>
      queryKey={serviceKeys.list}
      path="/api/service/requests"
      tableQuery={tableQuery}
      extraQuery={extraQuery}
      columns={columns}
      rowKey="id"
      emptyAction={emptyAction}
      statusPageOnError
      onRow={(r) => ({ style: r.overdue ? { background: '#fff1f0' } : undefined })}
      data-testid="request-table"
    />
  );
}
