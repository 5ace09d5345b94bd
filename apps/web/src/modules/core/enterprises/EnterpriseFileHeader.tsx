import { Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EnterpriseFile } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { formatDateTime } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { FlagTags, SizeTag, StatusTag } from './EnterpriseBadges';

/** Name, credit code, status, flags and tags, then the facts an officer checks first. */
export function EnterpriseFileHeader({ file: e, showBreadcrumb }: { file: EnterpriseFile; showBreadcrumb: boolean }) {
  const { t } = useTranslation('core');
  const can = useCan();
  return (
    <div className="zz-card" style={{ marginBottom: 12 }}>
      <PageHeader
        title={<span data-testid="enterprise-name">{e.name}</span>}
        docTitle={e.name}
        breadcrumb={showBreadcrumb ? [{ title: t('enterprise.list.title'), to: '/enterprises' }, { title: e.name }] : undefined}
        tags={
          <Flex gap={4} wrap align="center">
            <StatusTag status={e.status} />
            <SizeTag sizeClass={e.sizeClass} />
            <FlagTags e={e} />
            {e.tags.map((tag) => (
              <Tag key={tag} variant="filled">
                {tag}
              </Tag>
            ))}
          </Flex>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'creditCode',
              label: t('enterprise.field.creditCode'),
              children: (
                <Typography.Text copyable className="zz-mono" data-testid="enterprise-credit-code">
                  {e.creditCode}
                </Typography.Text>
              ),
            },
            { key: 'industry', label: t('enterprise.field.industryCode'), children: `${e.industryName}（${e.industryCode}）` },
            { key: 'division', label: t('enterprise.field.divisionCode'), children: e.divisionName },
            {
              key: 'park',
              label: t('enterprise.field.parkId'),
              children: e.parkId ? can('park.read') ? <Link to={`/parks/${e.parkId}`}>{e.parkName}</Link> : e.parkName : '—',
            },
            { key: 'legal', label: t('enterprise.field.legalRepresentative'), children: e.legalRepresentative || '—' },
            { key: 'established', label: t('enterprise.field.establishedOn'), children: e.establishedOn ?? '—' },
            { key: 'updated', label: t('enterprise.field.updatedAt'), children: formatDateTime(e.updatedAt) },
          ]}
        />
      </PageHeader>
    </div>
  );
}
