import { App, Button, Card, Descriptions, Empty, Radio, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
import { serviceKeys, unitLabel, useUnitAgents, useUnits, type AgentStrategy, type ServiceUnit } from './api';

const STRATEGIES: readonly AgentStrategy[] = ['round_robin', 'least_loaded', 'none'];

/** 承办单位: every department and section as a handling unit — on or off, how its agents are picked. */
export function UnitsPage() {
  const { t } = useTranslation('service');
  const units = useUnits();
  if (units.error) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  const all = units.data ?? [];
  return (
    <>
      <PageHeader title={t('units.title')} subTitle={t('units.subtitle')} />
      <div className="zz-card">
        <Table<ServiceUnit>
          size="small"
          rowKey="id"
          loading={units.isPending}
          dataSource={all.filter((u) => u.kind === 'section').concat(all.filter((u) => u.kind === 'department'))}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="units-table"
          columns={[
            { title: t('units.name'), render: (_, u) => <Link to={`/service/units/${u.id}`} data-testid="unit-link">{unitLabel(u, all)}</Link> },
            { title: t('units.kind'), render: (_, u) => t(`units.kinds.${u.kind}`) },
            { title: t('units.strategy'), render: (_, u) => t(`strategy.${u.agentStrategy}`) },
            { title: t('units.active'), render: (_, u) => (u.active ? <Tag color="green">{t('units.on')}</Tag> : <Tag>{t('units.off')}</Tag>) },
          ]}
        />
      </div>
    </>
  );
}

/**
 * One handling unit: switched on or off for dispatches, the agent assignment strategy a dispatch
 * that names no agent uses (round robin, least loaded, or none: the one who signs), and its
 * service agents with the open requests each holds now.
 */
export function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const can = useCan();
  const editable = can('service.configure');
  const qc = useQueryClient();
  const units = useUnits();
  const agents = useUnitAgents(id);
  const update = useMutation({
    mutationFn: (patch: { active?: boolean; agentStrategy?: AgentStrategy }) => api.put<ServiceUnit>(`/api/service/units/${encodeURIComponent(id)}`, patch),
    onSuccess: () => {
      message.success(t('units.saved'));
      void qc.invalidateQueries({ queryKey: serviceKeys.units });
    },
    onError: (e) => void message.error((e as Error).message, 6),
  });
  if (units.error) return <LoadError error={units.error} onRetry={() => void units.refetch()} />;
  if (!units.data) return <PageLoading />;
  const unit = units.data.find((u) => u.id === id);
  if (!unit) return <LoadError error={new Error(t('units.notFound'))} />;
  const total = (agents.data ?? []).reduce((n, a) => n + a.openRequests, 0);
  return (
    <>
      <PageHeader
        title={unitLabel(unit, units.data)}
        back="/service/units"
        breadcrumb={[{ title: t('units.title'), to: '/service/units' }, { title: unit.name }]}
        tags={unit.active ? <Tag color="green">{t('units.on')}</Tag> : <Tag>{t('units.off')}</Tag>}
      />
      <Card size="small" title={t('units.settings')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('units.active')}>
            <Switch checked={unit.active} disabled={!editable} loading={update.isPending} onChange={(active) => update.mutate({ active })} data-testid="unit-active" />
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{t('units.activeHint')}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('units.strategy')}>
            <Radio.Group
              value={unit.agentStrategy}
              disabled={!editable || update.isPending}
              onChange={(e) => update.mutate({ agentStrategy: e.target.value as AgentStrategy })}
              options={STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))}
              data-testid="unit-strategy"
            />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t(`units.strategyHint.${unit.agentStrategy}`)}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('units.agents', { n: agents.data?.length ?? 0, open: total })} extra={<Button size="small" onClick={() => void agents.refetch()}>{t('units.refresh')}</Button>}>
        {agents.data && agents.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.noAgents')} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            loading={agents.isPending}
            pagination={false}
            dataSource={agents.data ?? []}
            data-testid="unit-agents"
            columns={[
              { title: t('units.agent'), dataIndex: 'name' },
              { title: t('units.openRequests'), dataIndex: 'openRequests', width: 120, align: 'right' },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('units.agentsHint')}</Typography.Paragraph>
      </Card>
    </>
  );
}
