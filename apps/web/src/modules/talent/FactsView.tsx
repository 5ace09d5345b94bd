import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Recognition, TalentFacts } from './api';

const unknown = (t: (k: string) => string) => <Typography.Text type="secondary">{t('fact.unknown')}</Typography.Text>;

/** The scoring facts of a talent, in words; an absent fact reads "未填写" (unknown, not zero). */
export function FactsView({ facts }: { facts: TalentFacts }) {
  const { t } = useTranslation('talent');
  const en = (group: string, v: string | undefined) => (v === undefined ? unknown(t) : t(`enum.${group}.${v}`));
  const num = (v: number | undefined, unit?: string) => (v === undefined ? unknown(t) : unit ? t(unit, { n: v.toLocaleString() }) : v.toLocaleString());
  const list = (v: Recognition[] | undefined) =>
    v === undefined ? unknown(t) : v.length === 0 ? t('fact.none') : (
      <span>
        {v.map((r, i) => (
          <Tag key={i} color={r.level === 'national' ? 'red' : r.level === 'provincial' ? 'orange' : 'blue'}>
            {t(`enum.recognitionLevel.${r.level}`)} · {r.year}
          </Tag>
        ))}
      </span>
    );
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="talent-facts">
      <Descriptions.Item label={t('fact.education')}>{en('education', facts.education)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.titleLevel')}>{en('titleLevel', facts.titleLevel)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.skillLevel')}>{en('skillLevel', facts.skillLevel)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.talentCategory')}>{en('talentCategory', facts.talentCategory)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.annualSalary')}>{num(facts.annualSalary)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.yearsInCounty')}>{num(facts.yearsInCounty, 'fact.yearsUnit')}</Descriptions.Item>
      <Descriptions.Item label={t('fact.socialInsuranceMonths')}>{num(facts.socialInsuranceMonths, 'fact.monthsUnit')}</Descriptions.Item>
      <Descriptions.Item label={t('fact.inventionPatents')}>{num(facts.inventionPatents)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.utilityPatents')}>{num(facts.utilityPatents)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.keyProjects')}>{num(facts.keyProjects)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.awards')} span={{ xs: 1, sm: 2, lg: 2 }}>{list(facts.awards)}</Descriptions.Item>
      <Descriptions.Item label={t('fact.honours')} span={{ xs: 1, sm: 2, lg: 3 }}>{list(facts.honours)}</Descriptions.Item>
    </Descriptions>
  );
}
