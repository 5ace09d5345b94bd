// zod 4 schema of the scheme document: the shape only. Cross-references, bands and cycles are
// checked afterwards in validate.ts. Every object is strict: a misspelt field is an error, never
// silently ignored.
import { z } from 'zod';
import type { ConditionDoc, RuleDoc, SchemeDoc } from './types';

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const id = z.string().regex(ID, { error: 'id' });
const label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
const nonNegative = z.number().min(0);
const isoDate = z.string().regex(ISO_DATE, { error: 'date' });
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const enumType = z.strictObject({
  type: z.literal('enum'),
  values: z.array(z.strictObject({ value: z.string().min(1), label })).min(1),
});
const numberType = z.strictObject({
  type: z.literal('number'),
  unit: label.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
});
const booleanType = z.strictObject({ type: z.literal('boolean') });
const dateType = z.strictObject({ type: z.literal('date') });

const keyed = { key: id, label };
const field = z.discriminatedUnion('type', [
  enumType.extend(keyed),
  numberType.extend(keyed),
  booleanType.extend(keyed),
  dateType.extend(keyed),
]);
const fact = z.discriminatedUnion('type', [
  enumType.extend(keyed),
  numberType.extend(keyed),
  booleanType.extend(keyed),
  dateType.extend(keyed),
  z.strictObject({ type: z.literal('list'), fields: z.array(field).min(1), ...keyed }),
]);

const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'present'] as const;
const SUBJECTS = ['fact', 'field', 'item', 'all', 'any', 'not'] as const;

export const conditionSchema: z.ZodType<ConditionDoc> = z.lazy(() =>
  z
    .strictObject({
      fact: id.optional(),
      field: id.optional(),
      item: id.optional(),
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
      eq: scalar.optional(),
      ne: scalar.optional(),
      gt: z.union([z.number(), z.string()]).optional(),
      gte: z.union([z.number(), z.string()]).optional(),
      lt: z.union([z.number(), z.string()]).optional(),
      lte: z.union([z.number(), z.string()]).optional(),
      in: z.array(scalar).min(1).optional(),
      notIn: z.array(scalar).min(1).optional(),
      present: z.boolean().optional(),
    })
    .superRefine((c, ctx) => {
      const subjects = SUBJECTS.filter((k) => c[k] !== undefined);
      const ops = OPS.filter((k) => c[k] !== undefined);
      if (subjects.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'condition-subject', params: { subjects } });
        return;
      }
      const compares = subjects[0] === 'fact' || subjects[0] === 'field' || subjects[0] === 'item';
      if (compares && ops.length !== 1) ctx.addIssue({ code: 'custom', message: 'condition-op', params: { ops } });
      if (!compares && ops.length > 0) ctx.addIssue({ code: 'custom', message: 'condition-op-on-group', params: { ops } });
    }),
) as z.ZodType<ConditionDoc>;

const source = { fact: id.optional(), field: id.optional() };
const band = z.strictObject({ min: z.number().optional(), max: z.number().optional(), points: z.number(), label: label.optional() });
const cap = { cap: nonNegative.optional() };

export const ruleSchema: z.ZodType<RuleDoc> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('table'),
      ...source,
      bands: z.array(band).min(1).optional(),
      categories: z.array(z.strictObject({ value: z.union([z.string().min(1), z.boolean()]), points: z.number() })).min(1).optional(),
      complete: z.boolean().optional(),
      ...cap,
    }),
    z.strictObject({
      type: z.literal('perUnit'),
      ...source,
      points: z.number(),
      unitSize: z.number().positive().optional(),
      after: nonNegative.optional(),
      countDownFrom: z.number().optional(),
      base: z.number().optional(),
      ...cap,
    }),
    z.strictObject({
      type: z.literal('grid'),
      rows: axis,
      columns: axis,
      points: z.array(z.array(z.number()).min(1)).min(1),
      ...cap,
    }),
    z.strictObject({ type: z.literal('combine'), policy: z.enum(['max', 'sum']), of: z.array(ruleSchema).min(1), ...cap }),
    z.strictObject({
      type: z.literal('list'),
      fact: id,
      policy: z.enum(['max', 'sum']),
      entry: ruleSchema,
      where: conditionSchema.optional(),
      withinYears: z.strictObject({ field: id, years: z.number().int().positive() }).optional(),
      ...cap,
    }),
    z.strictObject({
      type: z.literal('when'),
      cases: z.array(z.strictObject({ if: conditionSchema, then: ruleSchema })).min(1),
      else: ruleSchema.optional(),
      ...cap,
    }),
    z.strictObject({ type: z.literal('fixed'), points: z.number() }),
  ]),
) as z.ZodType<RuleDoc>;

const axis = z.strictObject({
  ...source,
  categories: z.array(z.union([z.string().min(1), z.boolean()])).min(1).optional(),
  bands: z.array(z.strictObject({ min: z.number().optional(), max: z.number().optional(), label: label.optional() })).min(1).optional(),
});

const item = z.strictObject({
  id,
  label,
  kind: z.enum(['bonus', 'deduction', 'gate', 'veto']).optional(),
  group: id.optional(),
  reference: z.string().optional(),
  rule: ruleSchema.optional(),
  requires: conditionSchema.optional(),
  condition: conditionSchema.optional(),
  ...cap,
});

const group = z.strictObject({
  id,
  label,
  parent: id.optional(),
  policy: z.enum(['sum', 'max']).optional(),
  ...cap,
  reference: z.string().optional(),
});

const tiering = z.strictObject({
  method: z.enum(['thresholds', 'rankShare']),
  tiers: z
    .array(z.strictObject({ id, label, min: z.number().optional(), share: z.number().gt(0).max(1).optional() }))
    .min(1),
});

export const schemeSchema: z.ZodType<SchemeDoc> = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'code' }),
  name: label,
  kind: z.enum(['personal', 'enterprise', 'evaluation_bonus']),
  version: z.string().min(1),
  effective: z.strictObject({ from: isoDate, to: isoDate.optional() }),
  legalReference: z.string().optional(),
  example: z.boolean().optional(),
  facts: z.array(fact).min(1),
  groups: z.array(group).optional(),
  items: z.array(item).min(1),
  totalCap: nonNegative.optional(),
  passMark: nonNegative.optional(),
  tiering: tiering.optional(),
}) as z.ZodType<SchemeDoc>;
