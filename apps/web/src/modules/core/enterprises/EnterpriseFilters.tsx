import { Button, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TableQuery } from '../../../ui/useTableQuery';
import { useEnterpriseTags } from '../../../ui/reference';
import { SearchBox } from '../../../ui/SearchBox';
import { IndustrySelect } from '../../../ui/selects/IndustrySelect';
import { ParkSelect } from '../../../ui/selects/ParkSelect';
import { StreetSelect } from '../../../ui/selects/StreetSelect';
import { useCan } from '../../../auth/session';

const SIZE_CLASSES = ['large', 'medium', 'small', 'micro', 'unknown'] as const;
const STATUSES = ['active', 'suspended', 'closed'] as const;
const FLAGS = ['aboveScale', 'highTech', 'listed'] as const;

/** The search box and filters above the enterprise list; every change lands in the URL. */
export function EnterpriseFilters({ tq, hidePark = false }: { tq: TableQuery; hidePark?: boolean }) {
  const { t } = useTranslation('core');
  const can = useCan();
  const tags = useEnterpriseTags();
  const f = tq.filters;

  const yesNo = [
    { value: 'true', label: t('common:yesNo.yes') },
    { value: 'false', label: t('common:yesNo.no') },
  ];

  return (
    <Flex wrap gap={8} className="zz-filters" align="center">
      <SearchBox
        value={f.q}
        onSearch={(v) => tq.setFilters({ q: v })}
        placeholder={t('enterprise.list.searchPlaceholder')}
        width={320}
        testId="enterprise-search"
      />
      <IndustrySelect
        value={f.industry}
        onChange={(v) => tq.setFilters({ industry: v })}
        placeholder={t('common:select.industry')}
        style={{ width: 200 }}
        testId="filter-industry"
      />
      <StreetSelect value={f.division} onChange={(v) => tq.setFilters({ division: v })} style={{ width: 150 }} testId="filter-division" />
      {hidePark ? null : (
        <ParkSelect
          value={f.park}
          onChange={(v) => tq.setFilters({ park: v ?? undefined })}
          style={{ width: 170 }}
          testId="filter-park"
          enabled={can('park.read')}
        />
      )}
      <Select
        allowClear
        value={f.sizeClass}
        onChange={(v) => tq.setFilters({ sizeClass: v })}
        placeholder={t('enterprise.field.sizeClass')}
        options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`common:enum.sizeClass.${s}`) }))}
        style={{ width: 116 }}
        data-testid="filter-size"
      />
      <Select
        allowClear
        showSearch
        value={f.tag}
        onChange={(v) => tq.setFilters({ tag: v })}
        placeholder={t('enterprise.field.tags')}
        options={(tags.data ?? []).map((tag) => ({ value: tag, label: tag }))}
        loading={tags.isLoading}
        style={{ width: 130 }}
        popupMatchSelectWidth={false}
        data-testid="filter-tag"
      />
      {FLAGS.map((flag) => (
        <Select
          key={flag}
          allowClear
          value={f[flag]}
          onChange={(v) => tq.setFilters({ [flag]: v })}
          placeholder={t(`common:enum.flag.${flag}`)}
          options={yesNo}
          style={{ width: 104 }}
          data-testid={`filter-${flag}`}
        />
      ))}
      <Select
        allowClear
        value={f.status}
        onChange={(v) => tq.setFilters({ status: v })}
        placeholder={t('enterprise.field.status')}
        options={STATUSES.map((s) => ({ value: s, label: t(`common:enum.enterpriseStatus.${s}`) }))}
        style={{ width: 112 }}
        data-testid="filter-status"
      />
      {tq.filtered ? (
        <Button type="link" onClick={() => tq.reset()} data-testid="filter-reset">
          {t('common:action.reset')}
        </Button>
      ) : null}
    </Flex>
  );
}
