import { Button, Flex, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useCounty, useParks } from '../../../ui/reference';
import { PlusIcon } from '../../../ui/icons';
import { BASE, type Criteria, type Criterion, type FieldSpec } from './api';

/** A criterion as the form holds it: money in 万元 (the API takes fen). */
export interface CriterionForm { field?: string; op?: string; value?: number | boolean; values?: string[] }
const FEN_FIELDS = new Set(['revenueFen', 'taxFen']);

export function toForm(c: Criteria): { combine: 'all' | 'any'; items: CriterionForm[] } {
  return { combine: c.combine, items: c.items.map((i) => (FEN_FIELDS.has(i.field) && typeof i.value === 'number' ? { ...i, value: i.value / 1_000_000 } : { ...i })) };
}

export function fromForm(f: { combine: 'all' | 'any'; items?: CriterionForm[] }): Criteria {
  return {
    combine: f.combine,
    items: (f.items ?? []).map((i): Criterion => {
      const c: Criterion = { field: i.field ?? '', op: i.op ?? '' };
      if (i.values !== undefined) c.values = i.values;
      if (i.value !== undefined) c.value = FEN_FIELDS.has(c.field) && typeof i.value === 'number' ? Math.round(i.value * 1_000_000) : i.value;
      return c;
    }),
  };
}

export function useFieldCatalog() {
  return useQuery({ queryKey: ['benefits', 'fields'], queryFn: () => api.get<FieldSpec[]>(`${BASE}/criteria-fields`), staleTime: Infinity });
}

/** The structured eligibility criteria: rows of (enterprise field, comparison, value), combined with all / any. */
export function CriteriaEditor() {
  const { t } = useTranslation('service');
  const catalog = useFieldCatalog();
  const county = useCounty();
  const parks = useParks();
  const specs = new Map((catalog.data ?? []).map((s) => [s.field, s]));
  return (
    <>
      <Form.Item name={['criteria', 'combine']} label={t('benefits.field.combine')}>
        <Radio.Group options={[{ value: 'all', label: t('benefits.field.combineAll') }, { value: 'any', label: t('benefits.field.combineAny') }]} />
      </Form.Item>
      <Form.List name={['criteria', 'items']}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Form.Item key={row.key} noStyle shouldUpdate>
                {(form) => {
                  const field = form.getFieldValue(['criteria', 'items', row.name, 'field']) as string | undefined;
                  const spec = field ? specs.get(field) : undefined;
                  return (
                    <Flex gap={8} align="start" data-testid={`criterion-${row.name}`}>
                      <Form.Item name={[row.name, 'field']} rules={[{ required: true }]} style={{ width: 180 }}>
                        <Select
                          placeholder={t('benefits.field.criterionField')} data-testid="criterion-field"
                          options={(catalog.data ?? []).map((s) => ({ value: s.field, label: t(`benefits.fields.${s.field}`) }))}
                          onChange={(f: string) => {
                            const s = specs.get(f);
                            form.setFieldValue(['criteria', 'items', row.name], { field: f, op: s?.ops[0], ...(s?.kind === 'boolean' ? { value: true } : {}) });
                          }}
                        />
                      </Form.Item>
                      <Form.Item name={[row.name, 'op']} rules={[{ required: true }]} style={{ width: 140 }}>
                        <Select data-testid="criterion-op" options={(spec?.ops ?? []).map((o) => ({ value: o, label: t(`benefits.op.${o}`) }))} />
                      </Form.Item>
                      {spec?.kind === 'boolean' ? (
                        <Form.Item name={[row.name, 'value']} style={{ width: 120 }}>
                          <Select options={[{ value: true, label: t('benefits.bool.true') }, { value: false, label: t('benefits.bool.false') }]} />
                        </Form.Item>
                      ) : spec?.kind === 'number' ? (
                        <Form.Item name={[row.name, 'value']} rules={[{ required: true }]} extra={FEN_FIELDS.has(spec.field) ? t('benefits.wan') : undefined}>
                          <InputNumber min={0} style={{ width: 160 }} data-testid="criterion-number" />
                        </Form.Item>
                      ) : spec ? (
                        <Form.Item name={[row.name, 'values']} rules={[{ required: true }]} style={{ minWidth: 260, flex: 1 }}>
                          <Select
                            mode={spec.kind === 'prefixes' || spec.kind === 'tags' ? 'tags' : 'multiple'}
                            data-testid="criterion-values"
                            tokenSeparators={[',', '，', ' ']}
                            options={
                              spec.field === 'street' ? (county.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }))
                                : spec.field === 'park' ? (parks.data ?? []).map((p) => ({ value: p.id, label: p.name }))
                                  : spec.field === 'sizeClass' ? (spec.values ?? []).map((v) => ({ value: v, label: t(`benefits.size.${v}`) }))
                                    : (spec.values ?? []).map((v) => ({ value: v, label: v }))
                            }
                          />
                        </Form.Item>
                      ) : <div style={{ flex: 1 }} />}
                      <Button type="text" danger onClick={() => remove(row.name)} aria-label="remove">✕</Button>
                    </Flex>
                  );
                }}
              </Form.Item>
            ))}
            <Button icon={<PlusIcon />} onClick={() => add({})} data-testid="criterion-add">{t('benefits.field.addCriterion')}</Button>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('benefits.nearlyRule')}</Typography.Paragraph>
          </>
        )}
      </Form.List>
    </>
  );
}
