import { Button } from 'antd';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../../auth/session';
import { DownloadButton } from '../../../ui/DownloadButton';
import { PlusIcon, UploadIcon } from '../../../ui/icons';
import { PageHeader } from '../../../ui/PageHeader';
import { useTableQuery } from '../../../ui/useTableQuery';
import { ENTERPRISE_FILTER_KEYS } from './api';
import { EnterpriseFilters } from './EnterpriseFilters';
import { EnterpriseTable } from './EnterpriseTable';

/** 企业档案: the county's enterprises, searchable and filterable, exportable. */
export function EnterpriseListPage() {
  const { t } = useTranslation('core');
  const me = useCurrentUser();
  const can = useCan();
  const tq = useTableQuery({ filterKeys: ENTERPRISE_FILTER_KEYS, defaultSort: { sort: 'updatedAt', order: 'desc' } });

  // An enterprise user has one file, their own; the county list is not for them.
  if (me.scope.enterpriseId) return <Navigate to={`/enterprises/${me.scope.enterpriseId}`} replace />;

  const createButton = can('enterprise.create') ? (
    <Link to="/enterprises/new">
      <Button type="primary" icon={<PlusIcon />} data-testid="enterprise-create">
        {t('enterprise.list.create')}
      </Button>
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title={t('enterprise.list.title')}
        extra={
          <>
            {can('enterprise.export') ? (
              <DownloadButton path="/api/enterprises/export.xlsx" query={{ ...tq.filterQuery, sort: tq.sort, order: tq.order }} fileName="企业档案.xlsx" testId="export-excel" />
            ) : null}
            {can('enterprise.import') ? (
              <Link to="/enterprises/import">
                <Button icon={<UploadIcon />} data-testid="enterprise-import">
                  {t('enterprise.list.import')}
                </Button>
              </Link>
            ) : null}
            {createButton}
          </>
        }
      />
      <div className="zz-card">
        <EnterpriseFilters tq={tq} />
        <EnterpriseTable tableQuery={tq} emptyAction={createButton} />
      </div>
    </>
  );
}
