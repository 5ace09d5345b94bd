import type { TFunction } from 'i18next';
import { formatWan } from '../../../ui/format';
import type { Criterion } from './api';

/** A criterion as officers and enterprises read it: "年营业收入 ≥ 500 万元", "企业标签 含任一标签 专精特新". */
export function criterionText(t: TFunction, c: Criterion, parkNames: Record<string, string> = {}): string {
  const field = t(`benefits.fields.${c.field}`);
  const op = t(`benefits.op.${c.op}`);
  if (typeof c.value === 'boolean') return `${field}：${c.value ? t('benefits.bool.true') : t('benefits.bool.false')}`;
  if (typeof c.value === 'number') return `${field} ${op} ${factText(t, c.field, c.value)}`;
  const values = (c.values ?? []).map((v) => (c.field === 'sizeClass' ? t(`benefits.size.${v}`) : c.field === 'park' ? parkNames[v] ?? v : v));
  return `${field} ${op} ${values.join('、')}`;
}

/** A fact the matcher read, for display. */
export function factText(t: TFunction, field: string, fact: unknown): string {
  if (fact === null || fact === undefined) return t('benefits.result.U');
  if (typeof fact === 'boolean') return fact ? t('benefits.bool.true') : t('benefits.bool.false');
  if ((field === 'revenueFen' || field === 'taxFen') && typeof fact === 'number') return `${formatWan(fact)} ${t('benefits.wan')}`;
  if (field === 'sizeClass' && typeof fact === 'string') return t(`benefits.size.${fact}`);
  if (Array.isArray(fact)) return fact.join('、') || '—';
  return String(fact);
}
