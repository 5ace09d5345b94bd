import { useMemo, useState } from 'react';
import { Button, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Park } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatInt } from '../../../ui/format';
import { PlusIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/PageHeader';
import { useParks } from '../../../ui/reference';
import { SearchBox } from '../../../ui/SearchBox';
import { ParkModal } from './ParkModal';

/** 园区档案: the county's parks (a short list, sorted and searched in the browser). */
export function ParkListPage() {
  const { t } = useTranslation('core');
  const can = useCan();
  const parks = useParks();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Park | 'new' | null>(null);
  const rows = useMemo(() => {
    const s = q.trim();
    return (parks.data ?? []).filter((p) => !s || p.name.includes(s) || p.divisionName.includes(s) || p.address.includes(s));
  }, [parks.data, q]);

  return (
    <>
      <PageHeader
        title={t('park.list.title')}
        extra={
          can('park.write') ? (
            <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="park-create">
              {t('park.create')}
            </Button>
          ) : null
        }
      />
      <div className="zz-card">
        <div style={{ marginBottom: 12 }}>
          <SearchBox value={q || undefined} onSearch={(v) => setQ(v ?? '')} placeholder={t('park.list.search')} testId="park-search" />
        </div>
        {parks.error ? <ErrorAlert error={parks.error} onRetry={() => void parks.refetch()} style={{ marginBottom: 8 }} /> : null}
        <Table<Park>
          size="small"
          rowKey="id"
          loading={parks.isLoading}
          dataSource={rows}
          pagination={rows.length > 50 ? { pageSize: 50, size: 'small' } : false}
          data-testid="park-table"
          columns={[
            {
              title: t('park.field.name'),
              sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
              render: (_, p) => <Link to={`/parks/${p.id}`}>{p.name}</Link>,
            },
            { title: t('park.field.kind'), render: (_, p) => t(`common:enum.parkKind.${p.kind}`) },
            { title: t('park.field.division'), dataIndex: 'divisionName' },
            { title: t('park.field.address'), dataIndex: 'address', render: (v: string) => <Typography.Text ellipsis style={{ maxWidth: 280 }}>{v || '—'}</Typography.Text> },
            {
              title: t('park.field.areaMu'),
              align: 'right',
              sorter: (a, b) => (a.areaMu ?? 0) - (b.areaMu ?? 0),
              render: (_, p) => <span className="zz-num">{formatInt(p.areaMu)}</span>,
            },
            {
              title: t('park.field.enterpriseCount'),
              align: 'right',
              defaultSortOrder: 'descend',
              sorter: (a, b) => a.enterpriseCount - b.enterpriseCount,
              render: (_, p) => <span className="zz-num">{formatInt(p.enterpriseCount)}</span>,
            },
            ...(can('park.write')
              ? [
                  {
                    title: t('common:table.actions'),
                    width: 80,
                    render: (_: unknown, p: Park) => (
                      <Button type="link" size="small" onClick={() => setEditing(p)}>
                        {t('common:action.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      {editing ? <ParkModal park={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
