import { useMemo, type ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Query } from '../../api/client';
import { ServerTable, type ServerColumn } from '../../ui/ServerTable';
import type { TableQuery } from '../../ui/useTableQuery';
import { formatDateTime } from '../../ui/format';
import { talentKeys, type TalentSummary } from './api';

export interface TalentTableProps {
  tableQuery: TableQuery;
  extraQuery?: Query;
  /** Leave out the enterprise column (on an enterprise's own page). */
  hideEnterprise?: boolean;
  emptyAction?: ReactNode;
}

/** Talents, paged and sorted by the server; ID numbers and phones arrive masked. */
export function TalentTable({ tableQuery, extraQuery, hideEnterprise = false, emptyAction }: TalentTableProps) {
  const { t } = useTranslation('talent');
  const columns = useMemo(() => {
    const cols: (ServerColumn<TalentSummary> & { id: string })[] = [
      {
        id: 'name',
        title: t('field.name'),
        sortKey: 'name',
        fixed: 'left',
        render: (_, r) => (
          <Flex vertical gap={0} style={{ minWidth: 160 }}>
            <Link to={`/talent/talents/${r.id}`} data-testid="talent-link">
              {r.name}
            </Link>
            <Typography.Text type="secondary" className="zz-mono">
              {r.idNumber}
            </Typography.Text>
          </Flex>
        ),
      },
      { id: 'gender', title: t('field.gender'), render: (_, r) => t(`enum.gender.${r.gender}`) },
      { id: 'age', title: t('field.age'), sortKey: 'birthDate', dataIndex: 'age', align: 'right' },
      {
        id: 'enterprise',
        title: t('field.enterprise'),
        render: (_, r) => (r.enterpriseId ? <Typography.Text ellipsis style={{ maxWidth: 220 }}>{r.enterpriseName}</Typography.Text> : '—'),
      },
      { id: 'education', title: t('fact.education'), render: (_, r) => (r.education ? t(`enum.education.${r.education}`) : <Typography.Text type="secondary">—</Typography.Text>) },
      { id: 'titleLevel', title: t('fact.titleLevel'), render: (_, r) => (r.titleLevel ? t(`enum.titleLevel.${r.titleLevel}`) : <Typography.Text type="secondary">—</Typography.Text>) },
      {
        id: 'category',
        title: t('fact.talentCategory'),
        render: (_, r) => (r.talentCategory && r.talentCategory !== 'none' ? <Tag color="gold">{t(`enum.talentCategory.${r.talentCategory}`)}</Tag> : '—'),
      },
      { id: 'status', title: t('field.status'), render: (_, r) => <Tag color={r.status === 'active' ? 'green' : 'default'}>{t(`enum.status.${r.status}`)}</Tag> },
      { id: 'updatedAt', title: t('field.updatedAt'), sortKey: 'updatedAt', render: (_, r) => formatDateTime(r.updatedAt) },
    ];
    return cols.filter((c) => !(hideEnterprise && c.id === 'enterprise'));
  }, [t, hideEnterprise]);

  return (
    <ServerTable<TalentSummary>
      queryKey={talentKeys.list}
      path="/api/talent/talents"
      tableQuery={tableQuery}
      extraQuery={extraQuery}
      columns={columns}
      rowKey="id"
      emptyAction={emptyAction}
      statusPageOnError
      data-testid="talent-table"
    />
  );
}
