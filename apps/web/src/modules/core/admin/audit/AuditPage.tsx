import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../api/types';
import { useCan } from '../../../../auth/session';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { formatDateTimeSeconds } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { ServerTable, type ServerColumn } from '../../../../ui/ServerTable';
import { useTableQuery } from '../../../../ui/useTableQuery';
import { adminKeys } from '../adminApi';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';

export const AUDIT_FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'enterpriseId', 'from', 'to'] as const;

/** 审计日志: every change and every reveal of personal data; read-only, exportable. */
export function AuditPage() {
  const { t } = useTranslation('core');
  const can = useCan();
  const tq = useTableQuery({ filterKeys: AUDIT_FILTER_KEYS, defaultPageSize: 50 });

  const columns: ServerColumn<AuditEntry>[] = [
    { title: t('audit.at'), key: 'at', width: 170, render: (_, a) => <span className="zz-num">{formatDateTimeSeconds(a.at)}</span> },
    { title: t('audit.actor'), key: 'actor', dataIndex: 'actorName', width: 120, render: (v: string) => v || <Typography.Text type="secondary">{t('history.system')}</Typography.Text> },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_, a) => (
        <Flex vertical>
          <span>{t(`history.action.${a.action}`, { defaultValue: a.action })}</span>
          <Typography.Text type="secondary" className="zz-mono">
            {a.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, a) => (
        <Flex gap={4} align="center" wrap>
          <Tag>{t(`audit.entityType.${a.entityType}`, { defaultValue: a.entityType })}</Tag>
          {a.entityType === 'enterprise' && a.entityId ? (
            <Link to={`/enterprises/${a.entityId}`} className="zz-mono">
              {a.entityId.slice(0, 8)}
            </Link>
          ) : a.entityId ? (
            <Typography.Text className="zz-mono" copyable={{ text: a.entityId }}>
              {a.entityId.length > 12 ? `${a.entityId.slice(0, 8)}…` : a.entityId}
            </Typography.Text>
          ) : null}
          {a.enterpriseId && a.entityType !== 'enterprise' ? (
            <Link to={`/enterprises/${a.enterpriseId}`} style={{ fontSize: 12 }}>
              {t('audit.ofEnterprise')}
            </Link>
          ) : null}
        </Flex>
      ),
    },
    { title: t('audit.ip'), key: 'ip', dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="zz-mono">{v ?? ''}</span> },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={can('audit.export') ? <DownloadButton path="/api/audit/export.xlsx" query={tq.filterQuery} fileName="审计日志.xlsx" testId="audit-export" /> : null}
      />
      <div className="zz-card">
        <AuditFilters tq={tq} />
        <ServerTable<AuditEntry>
          queryKey={adminKeys.audit}
          path="/api/audit"
          tableQuery={tq}
          columns={columns}
          rowKey={(a) => String(a.id)}
          expandable={{ expandedRowRender: (a) => <AuditDetail entry={a} />, rowExpandable: (a) => a.before != null || a.after != null }}
          data-testid="audit-table"
        />
      </div>
    </>
  );
}
