import { Button, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TableQuery } from '../../ui/useTableQuery';
import { SearchBox } from '../../ui/SearchBox';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { EDUCATION_LEVELS, TALENT_CATEGORIES, TALENT_STATUSES } from './api';

/** Search and filters above the talent list; every change lands in the URL. */
export function TalentFilters({ tq, showEnterprise }: { tq: TableQuery; showEnterprise: boolean }) {
  const { t } = useTranslation('talent');
  const f = tq.filters;
  return (
    <Flex wrap gap={8} className="zz-filters" align="center">
      <SearchBox value={f.q} onSearch={(v) => tq.setFilters({ q: v })} placeholder={t('list.searchPlaceholder')} width={320} testId="talent-search" />
      {showEnterprise ? (
        <EnterpriseSelect
          value={f.enterprise ?? null}
          onChange={(v) => tq.setFilters({ enterprise: v ?? undefined })}
          placeholder={t('field.enterprise')}
          style={{ width: 240 }}
          testId="filter-enterprise"
        />
      ) : null}
      <Select
        allowClear
        value={f.education}
        onChange={(v) => tq.setFilters({ education: v })}
        placeholder={t('fact.education')}
        options={EDUCATION_LEVELS.map((v) => ({ value: v, label: t(`enum.education.${v}`) }))}
        style={{ width: 130 }}
        data-testid="filter-education"
      />
      <Select
        allowClear
        value={f.talentCategory}
        onChange={(v) => tq.setFilters({ talentCategory: v })}
        placeholder={t('fact.talentCategory')}
        options={TALENT_CATEGORIES.map((v) => ({ value: v, label: t(`enum.talentCategory.${v}`) }))}
        style={{ width: 120 }}
        data-testid="filter-category"
      />
      <Select
        allowClear
        value={f.status}
        onChange={(v) => tq.setFilters({ status: v })}
        placeholder={t('field.status')}
        options={TALENT_STATUSES.map((v) => ({ value: v, label: t(`enum.status.${v}`) }))}
        style={{ width: 100 }}
        data-testid="filter-talent-status"
      />
      {tq.filtered ? (
        <Button type="link" onClick={() => tq.reset()} data-testid="filter-reset">
          {t('common:action.reset')}
        </Button>
      ) : null}
    </Flex>
  );
}
