import { useMemo, type ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../../api/client';
import type { EnterpriseSummary } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { formatDateTime, formatInt, formatWan } from '../../../ui/format';
import { ServerTable, type ServerColumn } from '../../../ui/ServerTable';
import type { TableQuery } from '../../../ui/useTableQuery';
import { enterpriseKeys } from './api';
import { FlagTags, SizeTag, StatusTag } from './EnterpriseBadges';

export interface EnterpriseTableProps {
  tableQuery: TableQuery;
  extraQuery?: Query;
  /** Columns to leave out (e.g. the park on a park's own page). */
  hide?: readonly ('park' | 'division')[];
  emptyAction?: ReactNode;
}

/** The county's enterprises, paged and sorted by the server. */
export function EnterpriseTable({ tableQuery, extraQuery, hide = [], emptyAction }: EnterpriseTableProps) {
  const { t } = useTranslation('core');
  const canReadParks = useCan()('park.read');
  const columns = useMemo(() => {
    const cols: (ServerColumn<EnterpriseSummary> & { id: string })[] = [
      {
        id: 'name',
        title: t('enterprise.field.name'),
        sortKey: 'name',
        fixed: 'left',
        render: (_, e) => (
          <Flex vertical gap={0} style={{ minWidth: 220 }}>
            <Link to={`/enterprises/${e.id}`} data-testid="enterprise-link">
              {e.name}
            </Link>
            <Typography.Text type="secondary" className="zz-mono">
              {e.creditCode}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        id: 'industry',
        title: t('enterprise.field.industryCode'),
        render: (_, e) => (
          <Typography.Text ellipsis style={{ maxWidth: 150 }} title={`${e.industryCode} ${e.industryName}`}>
            {e.industryName}
          </Typography.Text>
        ),
      },
      { id: 'division', title: t('enterprise.field.divisionCode'), dataIndex: 'divisionName' },
      {
        id: 'park',
        title: t('enterprise.field.parkId'),
        render: (_, e) =>
          e.parkId && !canReadParks ? (
            e.parkName
          ) : e.parkId ? (
            <Link to={`/parks/${e.parkId}`} style={{ display: 'inline-block', maxWidth: 130 }} className="zz-ellipsis" title={e.parkName ?? ''}>
              {e.parkName}
            </Link>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        id: 'flags',
        title: t('enterprise.list.sizeAndFlags'),
        render: (_, e) => (
          <Flex wrap gap={2} style={{ maxWidth: 200 }}>
            <SizeTag sizeClass={e.sizeClass} />
            <FlagTags e={e} />
            {e.tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
      },
      {
        id: 'employees',
        title: t('enterprise.field.employees'),
        sortKey: 'employees',
        align: 'right',
        render: (_, e) => <span className="zz-num">{formatInt(e.employees)}</span>,
      },
      {
        id: 'revenue',
        title: t('enterprise.field.revenueWan'),
        sortKey: 'revenue',
        align: 'right',
        render: (_, e) => <span className="zz-num">{formatWan(e.revenueFen)}</span>,
      },
      { id: 'status', title: t('enterprise.field.status'), render: (_, e) => <StatusTag status={e.status} /> },
      {
        id: 'updatedAt',
        title: t('enterprise.field.updatedAt'),
        sortKey: 'updatedAt',
        render: (_, e) => <span className="zz-num">{formatDateTime(e.updatedAt)}</span>,
      },
    ];
    return cols.filter((c) => !(hide as readonly string[]).includes(c.id)).map(({ id, ...c }) => ({ ...c, key: id }));
  }, [t, hide, canReadParks]);

  return (
    <ServerTable<EnterpriseSummary>
      queryKey={enterpriseKeys.list}
      path="/api/enterprises"
      tableQuery={tableQuery}
      extraQuery={extraQuery}
      columns={columns}
      rowKey="id"
      emptyAction={emptyAction}
      data-testid="enterprise-table"
    />
  );
}
