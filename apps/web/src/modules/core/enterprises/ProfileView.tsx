import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseFile } from '../../../api/types';
import { formatDateTime, formatInt, formatWan } from '../../../ui/format';
import { FlagTags, SizeTag, StatusTag } from './EnterpriseBadges';

export function ProfileView({ file: e }: { file: EnterpriseFile }) {
  const { t } = useTranslation('core');
  const wan = (fen: number | null) => (fen === null ? '—' : `${formatWan(fen)} ${t('common:unit.wan')}`);
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      data-testid="enterprise-profile"
      items={[
        { key: 'name', label: t('enterprise.field.name'), children: e.name },
        { key: 'creditCode', label: t('enterprise.field.creditCode'), children: <span className="zz-mono">{e.creditCode}</span> },
        { key: 'legal', label: t('enterprise.field.legalRepresentative'), children: e.legalRepresentative || '—' },
        { key: 'established', label: t('enterprise.field.establishedOn'), children: e.establishedOn ?? '—' },
        { key: 'capital', label: t('enterprise.field.registeredCapitalWan'), children: wan(e.registeredCapitalFen) },
        { key: 'status', label: t('enterprise.field.status'), children: <StatusTag status={e.status} /> },
        { key: 'industry', label: t('enterprise.field.industryCode'), children: `${e.industryCode} ${e.industryName}` },
        { key: 'division', label: t('enterprise.field.divisionCode'), children: e.divisionName },
        { key: 'park', label: t('enterprise.field.parkId'), children: e.parkName ?? '—' },
        { key: 'address', label: t('enterprise.field.address'), children: e.address || '—', span: { xs: 1, md: 2, xl: 3 } },
        { key: 'employees', label: t('enterprise.field.employees'), children: e.employees === null ? '—' : `${formatInt(e.employees)} ${t('common:unit.person')}` },
        { key: 'revenue', label: t('enterprise.field.revenueWan'), children: wan(e.revenueFen) },
        { key: 'assets', label: t('enterprise.field.assetsWan'), children: wan(e.assetsFen) },
        { key: 'size', label: t('enterprise.field.sizeClass'), children: <SizeTag sizeClass={e.sizeClass} /> },
        {
          key: 'flags',
          label: t('enterprise.field.flags'),
          children: e.aboveScale || e.highTech || e.listed ? <FlagTags e={e} /> : '—',
        },
        { key: 'tags', label: t('enterprise.field.tags'), children: e.tags.length ? e.tags.join('、') : '—' },
        {
          key: 'scope',
          label: t('enterprise.field.businessScope'),
          span: { xs: 1, md: 2, xl: 3 },
          children: e.businessScope ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.businessScope}</Typography.Paragraph> : '—',
        },
        { key: 'created', label: t('enterprise.field.createdAt'), children: formatDateTime(e.createdAt) },
        { key: 'updated', label: t('enterprise.field.updatedAt'), children: formatDateTime(e.updatedAt) },
      ]}
    />
  );
}
