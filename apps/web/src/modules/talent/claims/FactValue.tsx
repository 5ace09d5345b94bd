import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const ENUM_FACTS = new Set(['education', 'titleLevel', 'skillLevel', 'talentCategory']);
const LIST_FACTS = new Set(['awards', 'honours']);

/** One fact's value in words: a talent fact through the talent vocabulary, an enterprise fact as it is. */
export function FactValue({ fact, value }: { fact: string; value: unknown }) {
  const { t } = useTranslation('talent');
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('fact.unknown')}</Typography.Text>;
  if (ENUM_FACTS.has(fact) && typeof value === 'string') return <>{t(`enum.${fact}.${value}`, { defaultValue: value })}</>;
  if (LIST_FACTS.has(fact) && Array.isArray(value)) {
    if (value.length === 0) return <>{t('fact.none')}</>;
    return <>{(value as { level: string; year: number }[]).map((r) => `${t(`enum.recognitionLevel.${r.level}`)} ${r.year}`).join('、')}</>;
  }
  if (typeof value === 'number') return <>{value.toLocaleString()}</>;
  if (typeof value === 'boolean') return <>{value ? t('claim.yes') : t('claim.no')}</>;
  if (Array.isArray(value)) return <>{value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、') : t('fact.none')}</>;
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}

/** A fact's name: the talent vocabulary's label, else the key. */
export function useFactLabel() {
  const { t } = useTranslation('talent');
  return (fact: string) => t(`fact.${fact}`, { defaultValue: fact });
}
