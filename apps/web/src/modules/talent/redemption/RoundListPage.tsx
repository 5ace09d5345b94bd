import { useState } from 'react';
import { Button, Flex, Select, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { PlusIcon } from '../../../ui/icons';
import { ROUND_STATUSES, useRounds, type Round, type RoundStatus } from './api';
import { RoundFormModal } from './RoundFormModal';
import { RoundStatusTag } from './RoundStatusTag';

/**
 * 兑现轮次: the office sees every round and creates them; a resource owner the rounds of its own
 * resources (drafts too, to publish places); others the rounds past draft.
 */
export function RoundListPage() {
  const { t } = useTranslation('talent');
  const can = useCan();
  const rounds = useRounds();
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<RoundStatus | undefined>();
  if (rounds.error && !rounds.data) return <LoadError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const rows = (rounds.data?.items ?? []).filter((r) => !status || r.status === status);
  return (
    <>
      <PageHeader title={t('redeem.rounds.title')}
        extra={can('talent.rounds.manage') ? <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="round-create">{t('redeem.rounds.create')}</Button> : null} />
      <div className="zz-card">
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('redeem.rounds.hint')}</Typography.Paragraph>
          <Flex className="zz-filters">
            <Select allowClear placeholder={t('redeem.field.status')} style={{ width: 180 }} value={status} onChange={setStatus}
              options={ROUND_STATUSES.map((s) => ({ value: s, label: t(`redeem.status.${s}`) }))} data-testid="round-status-filter" />
          </Flex>
          <Table<Round>
            size="small" rowKey="id" loading={rounds.isFetching} dataSource={rows} data-testid="round-table" scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('redeem.rounds.empty') }}
            columns={[
              { title: t('redeem.field.round'), dataIndex: 'name', render: (n: string, r) => <Link to={`/talent/redemption/rounds/${r.id}`} data-testid="round-link">{n}</Link> },
              { title: t('redeem.field.resource'), dataIndex: 'resourceName' },
              { title: t('redeem.field.period'), dataIndex: 'period' },
              { title: t('redeem.field.status'), dataIndex: 'status', render: (s: RoundStatus) => <RoundStatusTag status={s} /> },
              { title: t('redeem.field.opensAt'), dataIndex: 'opensAt', render: formatDateTime },
              { title: t('redeem.field.closesAt'), dataIndex: 'closesAt', render: formatDateTime },
              { title: t('redeem.field.capacity'), dataIndex: 'capacity', align: 'right' },
              { title: t('redeem.field.applications'), dataIndex: 'applications', align: 'right' },
              { title: t('redeem.field.placed'), dataIndex: 'placed', align: 'right', render: (p: number | null) => (p === null ? '—' : p) },
            ]}
          />
        </Flex>
      </div>
      {creating ? <RoundFormModal round={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
