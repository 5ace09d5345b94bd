import { Button, Checkbox, DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../auth/session';
import { PlusIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { SearchBox } from '../../ui/SearchBox';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { StreetSelect } from '../../ui/selects/StreetSelect';
import { ParkSelect } from '../../ui/selects/ParkSelect';
import { useTableQuery } from '../../ui/useTableQuery';
import { canSubmit, CHANNELS, REQUEST_FILTER_KEYS, REQUEST_STATUSES, unitLabel, useCategories, useUnits } from './api';
import { RequestTable } from './RequestTable';

/** 诉求列表: the requests the server lets this user see, with the API's filters; overdue ones in red. */
export function RequestListPage() {
  const { t } = useTranslation('service');
  const me = useCurrentUser();
  const can = useCan();
  const tq = useTableQuery({ filterKeys: REQUEST_FILTER_KEYS, defaultSort: { sort: 'submittedAt', order: 'desc' } });
  const f = tq.filters;
  const categories = useCategories();
  const units = useUnits(can('service.dispatch'));
  const office = !me.scope.enterpriseId && can('service.all');
  const createButton = canSubmit(me) ? (
    <Link to="/service/requests/new">
      <Button type="primary" icon={<PlusIcon />} data-testid="request-create">
        {t('list.create')}
      </Button>
    </Link>
  ) : null;
  return (
    <>
      <PageHeader title={me.scope.enterpriseId ? t('menu.mine') : t('list.title')} subTitle={me.scope.enterpriseId ? me.enterpriseName : undefined} extra={createButton} />
      <div className="zz-card">
        <Flex wrap gap={8} className="zz-filters" align="center">
          <SearchBox value={f.q} onSearch={(v) => tq.setFilters({ q: v })} placeholder={t('list.searchPlaceholder')} width={280} testId="request-search" />
          <Select
            mode="multiple"
            allowClear
            maxTagCount={2}
            value={f.status ? f.status.split(',') : []}
            onChange={(v: string[]) => tq.setFilters({ status: v.length ? v.join(',') : undefined })}
            placeholder={t('field.status')}
            options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ minWidth: 160 }}
            data-testid="filter-status"
          />
          <Select
            allowClear
            value={f.categoryId}
            onChange={(v) => tq.setFilters({ categoryId: v })}
            placeholder={t('field.category')}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.parentId ? `— ${c.name}` : c.name }))}
            style={{ width: 130 }}
            data-testid="filter-category"
          />
          <Select
            allowClear
            value={f.channel}
            onChange={(v) => tq.setFilters({ channel: v })}
            placeholder={t('field.channel')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            style={{ width: 110 }}
            data-testid="filter-channel"
          />
          {office ? (
            <>
              <StreetSelect value={f.divisionCode ?? null} onChange={(v) => tq.setFilters({ divisionCode: v })} placeholder={t('field.street')} style={{ width: 130 }} testId="filter-street" />
              <EnterpriseSelect value={f.enterpriseId ?? null} onChange={(v) => tq.setFilters({ enterpriseId: v ?? undefined })} placeholder={t('field.enterprise')} style={{ width: 220 }} testId="filter-enterprise" />
              <ParkSelect value={f.parkId ?? null} onChange={(v) => tq.setFilters({ parkId: v ?? undefined })} placeholder={t('field.park')} style={{ width: 180 }} enabled={can('park.read')} testId="filter-park" />
            </>
          ) : null}
          {units.data ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={f.unitId}
              onChange={(v) => tq.setFilters({ unitId: v })}
              placeholder={t('field.unit')}
              options={units.data.map((u) => ({ value: u.id, label: unitLabel(u, units.data) }))}
              style={{ width: 240 }}
              data-testid="filter-unit"
            />
          ) : null}
          <DatePicker.RangePicker
            value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
            onChange={(r) => tq.setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            style={{ width: 240 }}
          />
          {office && can('service.operate') ? (
            <Checkbox checked={f.followUpChase === 'true'} onChange={(e) => tq.setFilters({ followUpChase: e.target.checked ? 'true' : undefined })} data-testid="filter-follow-up-chase">
              {t('list.followUpChase')}
            </Checkbox>
          ) : null}
          <Checkbox checked={f.overdue === 'true'} onChange={(e) => tq.setFilters({ overdue: e.target.checked ? 'true' : undefined })} data-testid="filter-overdue">
            {t('list.overdueOnly')}
          </Checkbox>
          {tq.filtered ? (
            <Button type="link" onClick={() => tq.reset()} data-testid="filter-reset">
              {t('common:action.reset')}
            </Button>
          ) : null}
        </Flex>
        <RequestTable tableQuery={tq} hideEnterprise={!!me.scope.enterpriseId} emptyAction={createButton} />
      </div>
    </>
  );
}
