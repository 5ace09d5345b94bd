// zod's issues turned into SchemeIssues with zh-CN / en-US messages.
import type { z } from 'zod';
import { formatPath, type SchemeIssue } from './issues';

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '列表',
  object: '对象',
};

function describe(iss: z.core.$ZodIssue): { code: string; zh: string; en: string } {
  switch (iss.code) {
    case 'invalid_type': {
      const missing = iss.message.includes('received undefined');
      if (missing) return { code: 'required', zh: '缺少必填字段', en: 'required field is missing' };
      return {
        code: 'invalid-type',
        zh: `应为${TYPE_ZH[iss.expected] ?? iss.expected}`,
        en: `expected ${iss.expected}`,
      };
    }
    case 'unrecognized_keys':
      return {
        code: 'unknown-field',
        zh: `不认识的字段：${iss.keys.join('、')}`,
        en: `unknown field(s): ${iss.keys.join(', ')}`,
      };
    case 'too_small':
      if (iss.origin === 'array')
        return { code: 'too-few', zh: `至少需要 ${String(iss.minimum)} 项`, en: `needs at least ${String(iss.minimum)} entries` };
      if (iss.origin === 'string') return { code: 'empty', zh: '不能为空', en: 'must not be empty' };
      return iss.inclusive
        ? { code: 'too-small', zh: `不能小于 ${String(iss.minimum)}`, en: `must be ≥ ${String(iss.minimum)}` }
        : { code: 'too-small', zh: `必须大于 ${String(iss.minimum)}`, en: `must be > ${String(iss.minimum)}` };
    case 'too_big':
      return { code: 'too-big', zh: `不能大于 ${String(iss.maximum)}`, en: `must be ≤ ${String(iss.maximum)}` };
    case 'invalid_value':
      return {
        code: 'invalid-value',
        zh: `取值应为 ${iss.values.map(String).join(' / ')} 之一`,
        en: `must be one of ${iss.values.map(String).join(' / ')}`,
      };
    case 'invalid_union': {
      const options = 'options' in iss && Array.isArray(iss.options) ? (iss.options as unknown[]).map(String) : [];
      if (options.length)
        return { code: 'invalid-type-tag', zh: `type 取值应为 ${options.join(' / ')} 之一`, en: `type must be one of ${options.join(' / ')}` };
      return { code: 'invalid-value', zh: '取值不符合任何允许的形式', en: 'matches none of the allowed forms' };
    }
    case 'invalid_format':
      return { code: 'invalid-format', zh: '格式不正确', en: 'invalid format' };
    case 'custom':
      return customIssue(iss);
    default:
      return { code: 'invalid', zh: '取值无效', en: 'invalid value' };
  }
}

function customIssue(iss: z.core.$ZodIssueCustom): { code: string; zh: string; en: string } {
  switch (iss.message) {
    case 'condition-subject':
      return {
        code: 'condition-subject',
        zh: '条件须且只能有 fact、field、item、all、any、not 中的一个',
        en: 'a condition needs exactly one of fact, field, item, all, any, not',
      };
    case 'condition-op':
      return {
        code: 'condition-op',
        zh: '比较条件须且只能有一个运算（eq、ne、gt、gte、lt、lte、in、notIn、present）',
        en: 'a comparison needs exactly one operator (eq, ne, gt, gte, lt, lte, in, notIn, present)',
      };
    case 'condition-op-on-group':
      return { code: 'condition-op', zh: 'all / any / not 条件不能带比较运算', en: 'all / any / not take no operator' };
    default:
      return { code: 'invalid', zh: iss.message, en: iss.message };
  }
}

/** Pattern errors carry the regex name as their message (see schema.ts). */
function patternMessage(iss: z.core.$ZodIssue): { code: string; zh: string; en: string } | undefined {
  if (iss.code !== 'invalid_format') return undefined;
  if (iss.message === 'id')
    return { code: 'invalid-id', zh: '标识须以字母开头，只含字母、数字、下划线', en: 'an id starts with a letter and has only letters, digits, _' };
  if (iss.message === 'date') return { code: 'invalid-date', zh: '日期格式应为 YYYY-MM-DD', en: 'date must be YYYY-MM-DD' };
  if (iss.message === 'code')
    return { code: 'invalid-code', zh: '代码只含小写字母、数字和连字符', en: 'code has only lowercase letters, digits and -' };
  return undefined;
}

export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): SchemeIssue[] {
  return issues.map((iss) => {
    const d = patternMessage(iss) ?? describe(iss);
    return { path: formatPath(iss.path), ...d };
  });
}
