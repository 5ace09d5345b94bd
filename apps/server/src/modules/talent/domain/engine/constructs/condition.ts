// Conditions: comparisons on facts, list-entry fields or other items' points, combined with
// all / any / not. Three-valued: a missing fact gives undefined (unknown), never false.
import type { ConditionDoc, Label } from '../../scheme/types';
import type { CompiledCondition, EvalContext, Reader, Scalar } from '../context';

export interface ConditionEnv {
  reader(source: { fact?: string; field?: string }): Reader;
  itemIndex(id: string): number;
  itemLabel(id: string): Label;
}

const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'present'] as const;
type Op = (typeof OPS)[number];
const SYMBOL: Record<Op, { zh: string; en: string }> = {
  eq: { zh: '=', en: '=' },
  ne: { zh: '≠', en: '≠' },
  gt: { zh: '>', en: '>' },
  gte: { zh: '≥', en: '≥' },
  lt: { zh: '<', en: '<' },
  lte: { zh: '≤', en: '≤' },
  in: { zh: '属于', en: 'in' },
  notIn: { zh: '不属于', en: 'not in' },
  present: { zh: '', en: '' },
};

function compare(op: Op, operand: unknown): (v: Scalar) => boolean {
  switch (op) {
    case 'eq':
      return (v) => v === operand;
    case 'ne':
      return (v) => v !== operand;
    case 'gt':
      return (v) => v > (operand as Scalar);
    case 'gte':
      return (v) => v >= (operand as Scalar);
    case 'lt':
      return (v) => v < (operand as Scalar);
    case 'lte':
      return (v) => v <= (operand as Scalar);
    case 'in': {
      const set = new Set(operand as Scalar[]);
      return (v) => set.has(v);
    }
    case 'notIn': {
      const set = new Set(operand as Scalar[]);
      return (v) => !set.has(v);
    }
    case 'present':
      return () => true;
  }
}

export function compileCondition(c: ConditionDoc, env: ConditionEnv): { test: CompiledCondition; text: Label } {
  if ('all' in c && c.all) {
    const parts = c.all.map((x) => compileCondition(x, env));
    return {
      test: (ctx) => {
        let unknown = false;
        for (const p of parts) {
          const r = p.test(ctx);
          if (r === false) return false;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : true;
      },
      text: { zh: parts.map((p) => p.text.zh).join(' 且 '), en: parts.map((p) => p.text.en).join(' and ') },
    };
  }
  if ('any' in c && c.any) {
    const parts = c.any.map((x) => compileCondition(x, env));
    return {
      test: (ctx) => {
        let unknown = false;
        for (const p of parts) {
          const r = p.test(ctx);
          if (r === true) return true;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      },
      text: { zh: `（${parts.map((p) => p.text.zh).join(' 或 ')}）`, en: `(${parts.map((p) => p.text.en).join(' or ')})` },
    };
  }
  if ('not' in c && c.not) {
    const inner = compileCondition(c.not, env);
    return {
      test: (ctx) => {
        const r = inner.test(ctx);
        return r === undefined ? undefined : !r;
      },
      text: { zh: `非（${inner.text.zh}）`, en: `not (${inner.text.en})` },
    };
  }
  const ops = c as Record<string, unknown>;
  const op = OPS.find((o) => ops[o] !== undefined)!;
  const operand = ops[op];
  const test = compare(op, operand);

  if ('item' in c && c.item !== undefined) {
    const index = env.itemIndex(c.item);
    const label = env.itemLabel(c.item);
    return {
      test: (ctx) => {
        const p = ctx.itemPoints[index]!;
        if (Number.isNaN(p)) return op === 'present' ? false : undefined;
        return op === 'present' ? operand === true : test(p);
      },
      text: describe(label, op, operand, undefined),
    };
  }
  const reader = env.reader(c as { fact?: string; field?: string });
  const key = reader.ref.key;
  const inEntry = reader.ref.list !== undefined;
  return {
    test: (ctx: EvalContext) => {
      if (op === 'present') {
        const v = inEntry ? ctx.entry?.[key] : ctx.facts[key];
        return (v !== undefined && v !== null) === operand;
      }
      const v = reader.read(ctx);
      return v === undefined ? undefined : test(v as Scalar);
    },
    text: describe(reader.ref.label, op, operand, reader.valueLabels),
  };
}

function describe(label: Label, op: Op, operand: unknown, valueLabels: ReadonlyMap<string, Label> | undefined): Label {
  if (op === 'present')
    return operand ? { zh: `已提供${label.zh}`, en: `${label.en} is given` } : { zh: `未提供${label.zh}`, en: `${label.en} is not given` };
  const show = (lang: 'zh' | 'en') => (v: unknown) =>
    typeof v === 'boolean' ? (v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' })[lang] : (typeof v === 'string' && valueLabels?.get(v)?.[lang]) || String(v);
  const value = (lang: 'zh' | 'en') =>
    Array.isArray(operand) ? operand.map(show(lang)).join(lang === 'zh' ? '、' : ', ') : show(lang)(operand);
  return { zh: `${label.zh} ${SYMBOL[op].zh} ${value('zh')}`, en: `${label.en} ${SYMBOL[op].en} ${value('en')}` };
}
