// checkFacts: does a set of facts fit the scheme's declarations? Missing facts are not errors
// here (the engine reports those items as not evaluated); unknown keys and wrong types are.
import type { CompiledScheme } from './scheme/compile';
import { formatPath, type PathPart, type SchemeIssue } from './scheme/issues';
import type { FactDoc, FieldDoc } from './scheme/types';

export interface FactProblem extends SchemeIssue {
  severity: 'error' | 'warning';
}

const TYPE_ZH = { number: '数字', enum: '枚举值', boolean: '布尔值（true/false）', date: '日期（YYYY-MM-DD）', list: '列表' } as const;

function problem(path: PathPart[], code: string, zh: string, en: string, severity: 'error' | 'warning' = 'error'): FactProblem {
  return { path: formatPath(path), code, zh, en, severity };
}

function checkValue(decl: FactDoc | FieldDoc, value: unknown, path: PathPart[], out: FactProblem[]) {
  if (value === null) return; // explicitly unknown: the item is not evaluated
  const name = formatPath(path);
  switch (decl.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        out.push(problem(path, 'fact-type', `${name} 应为${TYPE_ZH.number}`, `${name} must be a number`));
        return;
      }
      if (decl.min !== undefined && value < decl.min)
        out.push(problem(path, 'fact-range', `${name} 不能小于 ${decl.min}`, `${name} must be ≥ ${decl.min}`));
      if (decl.max !== undefined && value > decl.max)
        out.push(problem(path, 'fact-range', `${name} 不能大于 ${decl.max}`, `${name} must be ≤ ${decl.max}`));
      if (decl.integer && !Number.isInteger(value))
        out.push(problem(path, 'fact-integer', `${name} 应为整数`, `${name} must be a whole number`));
      return;
    case 'enum':
      if (typeof value !== 'string' || !decl.values.some((v) => v.value === value))
        out.push(
          problem(
            path,
            'fact-enum',
            `${name} 的取值 ${JSON.stringify(value)} 不在允许范围内（${decl.values.map((v) => v.value).join('、')}）`,
            `${name}: ${JSON.stringify(value)} is not one of ${decl.values.map((v) => v.value).join(', ')}`,
          ),
        );
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(problem(path, 'fact-type', `${name} 应为${TYPE_ZH.boolean}`, `${name} must be true or false`));
      return;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        out.push(problem(path, 'fact-type', `${name} 应为${TYPE_ZH.date}`, `${name} must be a date (YYYY-MM-DD)`));
      return;
    case 'list': {
      if (!Array.isArray(value)) {
        out.push(problem(path, 'fact-type', `${name} 应为${TYPE_ZH.list}`, `${name} must be a list`));
        return;
      }
      const fields = new Map(decl.fields.map((f) => [f.key, f] as const));
      value.forEach((entry, i) => {
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
          out.push(problem([...path, i], 'fact-type', `${formatPath([...path, i])} 应为对象`, `${formatPath([...path, i])} must be an object`));
          return;
        }
        for (const [k, v] of Object.entries(entry)) {
          const f = fields.get(k);
          if (!f)
            out.push(problem([...path, i, k], 'unknown-fact', `${decl.key} 的条目中没有字段 ${k}`, `entries of ${decl.key} have no field ${k}`));
          else checkValue(f, v, [...path, i, k], out);
        }
        for (const f of decl.fields)
          if (!(f.key in entry))
            out.push(problem([...path, i, f.key], 'missing-field', `${formatPath([...path, i])} 缺少字段 ${f.key}`, `${formatPath([...path, i])} lacks ${f.key}`, 'warning'));
      });
    }
  }
}

/** Problems with a set of facts; an empty list means they fit the scheme. */
export function checkFacts(scheme: CompiledScheme, facts: Readonly<Record<string, unknown>>): FactProblem[] {
  const out: FactProblem[] = [];
  for (const [key, value] of Object.entries(facts)) {
    const decl = scheme.facts.get(key);
    if (!decl) {
      out.push(problem([key], 'unknown-fact', `积分办法中没有事实 ${key}`, `the scheme has no fact ${key}`));
      continue;
    }
    if (value !== undefined) checkValue(decl, value, [key], out);
  }
  return out;
}
