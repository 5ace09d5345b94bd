import { Button } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../auth/session';
import { DownloadButton } from '../../ui/DownloadButton';
import { PlusIcon, UploadIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { useTableQuery } from '../../ui/useTableQuery';
import { TALENT_FILTER_KEYS } from './api';
import { TalentFilters } from './TalentFilters';
import { TalentTable } from './TalentTable';

/** 人才名册: the talents the user may see (the county, or their enterprise's), with export and import. */
export function TalentListPage() {
  const { t } = useTranslation('talent');
  const me = useCurrentUser();
  const can = useCan();
  const tq = useTableQuery({ filterKeys: TALENT_FILTER_KEYS, defaultSort: { sort: 'updatedAt', order: 'desc' } });
  const createButton = can('talent.write') ? (
    <Link to="/talent/talents/new">
      <Button type="primary" icon={<PlusIcon />} data-testid="talent-create">
        {t('list.create')}
      </Button>
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subTitle={me.scope.enterpriseId ? me.enterpriseName : undefined}
        extra={
          <>
            {can('talent.export') ? (
              <DownloadButton
                path="/api/talent/talents/export.xlsx"
                query={{ ...tq.filterQuery, sort: tq.sort, order: tq.order }}
                fileName="人才名册.xlsx"
                testId="talent-export"
              />
            ) : null}
            {can('talent.import') ? (
              <Link to="/talent/import">
                <Button icon={<UploadIcon />} data-testid="talent-import">
                  {t('list.import')}
                </Button>
              </Link>
            ) : null}
            {createButton}
          </>
        }
      />
      <div className="zz-card">
        <TalentFilters tq={tq} showEnterprise={!me.scope.enterpriseId && can('enterprise.read')} />
        <TalentTable tableQuery={tq} hideEnterprise={!!me.scope.enterpriseId} emptyAction={createButton} />
      </div>
    </>
  );
}
