import { useMemo, type ReactNode } from 'react';
import { Empty, Table, type TableColumnType, type TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../api/client';
import type { ListPage } from '../api/types';
import { ErrorAlert } from './ErrorAlert';
import { LoadError } from './StatusResult';
import type { TableQuery } from './useTableQuery';

/** A column; `sortKey` makes it sortable on the server under that name. */
export type ServerColumn<T> = TableColumnType<T> & { sortKey?: string };

export interface ServerTableProps<T> extends Omit<TableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'onChange' | 'loading'> {
  /** The react-query key prefix (invalidate it after writes). */
  queryKey: readonly unknown[];
  /** GET endpoint answering `{ items, total, totalEstimated }`. */
  path: string;
  tableQuery: TableQuery;
  columns: ServerColumn<T>[];
  /** Fixed filters that are not in the URL (e.g. the park on a park's page). */
  extraQuery?: Query;
  /** Shown in the empty state when nothing is filtered (e.g. a "新增" button). */
  emptyAction?: ReactNode;
  /** A 403/404 of the list itself replaces the table with the 403/404 page. */
  statusPageOnError?: boolean;
}

/**
 * antd Table driven by the server: the page, page size, sort and filters live in the URL
 * (useTableQuery), each change is a request, and the previous page stays on screen meanwhile.
 */
export function ServerTable<T extends object>({
  queryKey,
  path,
  tableQuery,
  columns,
  extraQuery,
  emptyAction,
  statusPageOnError = false,
  size = 'small',
  ...rest
}: ServerTableProps<T>) {
  const { t } = useTranslation();
  const query = { ...tableQuery.apiQuery, ...extraQuery };
  const q = useQuery({
    queryKey: [...queryKey, path, query],
    queryFn: ({ signal }) => api.get<ListPage<T>>(path, query, { signal }),
    placeholderData: keepPreviousData,
  });

  const cols = useMemo(
    () =>
      columns.map((c) => {
        if (!c.sortKey) return c;
        const { sortKey, ...col } = c;
        return {
          ...col,
          key: sortKey,
          sorter: true,
          sortOrder: tableQuery.sort === sortKey ? (tableQuery.order === 'desc' ? 'descend' : 'ascend') : null,
        } satisfies TableColumnType<T>;
      }),
    [columns, tableQuery.sort, tableQuery.order],
  );

  if (statusPageOnError && q.error && !q.data) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;

  const total = q.data?.total ?? 0;
  const estimated = q.data?.totalEstimated ?? false;

  return (
    <>
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} style={{ marginBottom: 8 }} /> : null}
      <Table<T>
        size={size}
        columns={cols}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: q.isPending ? (
            <div style={{ height: 120 }} />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={tableQuery.filtered ? t('state.noMatch') : t('state.empty')}
            >
              {tableQuery.filtered ? null : emptyAction}
            </Empty>
          ),
        }}
        pagination={{
          current: tableQuery.page,
          pageSize: tableQuery.pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (n, [from, to]) =>
            `${t('table.range', { from, to })} · ${estimated ? t('table.totalEstimated', { total: n.toLocaleString() }) : t('table.total', { total: n.toLocaleString() })}`,
          size: 'small',
        }}
        onChange={(pagination, _filters, sorter, extra) => {
          if (extra.action === 'paginate') {
            tableQuery.setPaging(pagination.current ?? 1, pagination.pageSize ?? tableQuery.pageSize);
          } else if (extra.action === 'sort') {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
            const key = s?.order ? String(s.columnKey ?? '') : undefined;
            tableQuery.setSort(key || undefined, s?.order === 'descend' ? 'desc' : 'asc');
          }
        }}
        {...rest}
      />
    </>
  );
}
