import { CREDIT_RATINGS, SIZE_CLASSES } from '../../../../core/enterprises/domain/enterprise-facts';

/**
 * A benefit policy's eligibility criteria: conditions over enterprise facts, combined with
 * all (every one must pass) or any (one is enough). Stored as JSON on the policy; checked by
 * validateCriteria before it is stored, compiled by compilePolicy (matcher.ts) to match.
 */
export type NumberOp = 'gte' | 'gt' | 'lte' | 'lt';
export type Criterion =
  | { field: 'industry'; op: 'prefix'; values: string[] }
  | { field: 'sizeClass'; op: 'in'; values: string[] }
  | { field: 'aboveScale' | 'highTech'; op: 'is'; value: boolean }
  | { field: 'street'; op: 'in'; values: string[] }
  | { field: 'park'; op: 'in'; values: string[] }
  | { field: 'ageYears' | 'employees' | 'revenueFen' | 'taxFen'; op: NumberOp; value: number }
  | { field: 'tags'; op: 'hasAny' | 'hasAll' | 'hasNone'; values: string[] }
  | { field: 'creditRating'; op: 'in'; values: string[] };

export type CriterionField = Criterion['field'];
export type Combine = 'all' | 'any';

export interface Criteria {
  combine: Combine;
  items: Criterion[];
}

type Kind = 'prefixes' | 'enum' | 'boolean' | 'ids' | 'number' | 'tags';

export interface FieldSpec {
  kind: Kind;
  ops: readonly string[];
  zh: string;
  en: string;
  /** Can the enterprise reach it (a certification, a threshold, a rating)? Decides 'nearly' (matcher.ts). */
  attainable: boolean;
  /** Where the fact comes from. */
  source: 'registry' | 'periodic' | 'registry_or_periodic';
  /** Allowed values of an enum field. */
  values?: readonly string[];
  /** Upper bound of a number field (an impossible value is refused). */
  max?: number;
  integer?: boolean;
}

const NUMBER_OPS = ['gte', 'gt', 'lte', 'lt'] as const;
const FEN_MAX = 1e15; // 10 万亿元: more than any enterprise's revenue

export const CRITERION_FIELDS: Record<CriterionField, FieldSpec> = {
  industry: { kind: 'prefixes', ops: ['prefix'], zh: '行业（国民经济行业代码前缀）', en: 'Industry (code prefix)', attainable: false, source: 'registry' },
  sizeClass: { kind: 'enum', ops: ['in'], zh: '企业规模', en: 'Size class', attainable: false, source: 'registry', values: SIZE_CLASSES },
  aboveScale: { kind: 'boolean', ops: ['is'], zh: '规上企业', en: 'Above designated size', attainable: true, source: 'registry' },
  highTech: { kind: 'boolean', ops: ['is'], zh: '高新技术企业', en: 'High-tech enterprise', attainable: true, source: 'registry' },
  street: { kind: 'ids', ops: ['in'], zh: '所在街道', en: 'Street', attainable: false, source: 'registry' },
  park: { kind: 'ids', ops: ['in'], zh: '所在园区', en: 'Park', attainable: false, source: 'registry' },
  ageYears: { kind: 'number', ops: NUMBER_OPS, zh: '成立年限（周年）', en: 'Age (full years)', attainable: false, source: 'registry', max: 200, integer: true },
  employees: { kind: 'number', ops: NUMBER_OPS, zh: '从业人数', en: 'Employees', attainable: true, source: 'registry', max: 10_000_000, integer: true },
  revenueFen: { kind: 'number', ops: NUMBER_OPS, zh: '年营业收入（分）', en: 'Annual revenue (fen)', attainable: true, source: 'registry_or_periodic', max: FEN_MAX, integer: true },
  taxFen: { kind: 'number', ops: NUMBER_OPS, zh: '年纳税额（分）', en: 'Annual tax paid (fen)', attainable: true, source: 'periodic', max: FEN_MAX, integer: true },
  tags: { kind: 'tags', ops: ['hasAny', 'hasAll', 'hasNone'], zh: '企业标签', en: 'Tags', attainable: true, source: 'registry' },
  creditRating: { kind: 'enum', ops: ['in'], zh: '纳税信用等级', en: 'Tax credit rating', attainable: true, source: 'periodic', values: CREDIT_RATINGS },
};

export const MAX_CRITERIA = 20;

/** A refused criterion: where (criteria.items.N.field / op / value) and why, in both languages. */
export interface CriterionProblem {
  path: string;
  zh: string;
  en: string;
}

/**
 * Checks criteria as they arrive (unknown JSON) and returns them typed, or the problems. Each
 * problem names the criterion (its position and field) and the bad part. References to streets
 * and parks are checked against the database by the caller (`unknownIds`).
 */
export function validateCriteria(input: unknown): { ok: true; criteria: Criteria } | { ok: false; problems: CriterionProblem[] } {
  const problems: CriterionProblem[] = [];
  const add = (path: string, zh: string, en: string) => problems.push({ path, zh, en });
  if (!isObject(input)) {
    add('criteria', '申报条件须为对象 { combine, items }', 'Criteria must be an object { combine, items }');
    return { ok: false, problems };
  }
  const combine = input.combine;
  if (combine !== 'all' && combine !== 'any') add('criteria.combine', `条件组合方式“${String(combine)}”无效，须为 all（全部满足）或 any（满足其一）`, `Combine "${String(combine)}" is not valid: all or any`);
  const items = input.items;
  if (!Array.isArray(items) || items.length === 0) {
    add('criteria.items', '至少需要一条申报条件', 'At least one criterion is needed');
    return { ok: false, problems };
  }
  if (items.length > MAX_CRITERIA) add('criteria.items', `申报条件最多 ${MAX_CRITERIA} 条`, `At most ${MAX_CRITERIA} criteria`);
  const out: Criterion[] = [];
  items.forEach((raw, i) => {
    const at = `criteria.items.${i}`;
    const n = i + 1;
    if (!isObject(raw)) {
      add(at, `第 ${n} 条条件格式不对`, `Criterion ${n} is not an object`);
      return;
    }
    const field = String(raw.field);
    const spec = (CRITERION_FIELDS as Record<string, FieldSpec | undefined>)[field];
    if (!spec || !Object.hasOwn(CRITERION_FIELDS, field)) {
      add(`${at}.field`, `第 ${n} 条条件：没有“${field}”这个企业字段（可用：${Object.keys(CRITERION_FIELDS).join('、')}）`, `Criterion ${n}: there is no enterprise field "${field}" (known: ${Object.keys(CRITERION_FIELDS).join(', ')})`);
      return;
    }
    const name = `第 ${n} 条条件（${spec.zh}）`;
    const nameEn = `Criterion ${n} (${spec.en})`;
    const op = String(raw.op);
    if (!spec.ops.includes(op)) {
      add(`${at}.op`, `${name}：比较方式“${op}”无效，可用：${spec.ops.join('、')}`, `${nameEn}: operator "${op}" is not valid; use ${spec.ops.join(', ')}`);
      return;
    }
    const before = problems.length;
    switch (spec.kind) {
      case 'boolean':
        if (typeof raw.value !== 'boolean') add(`${at}.value`, `${name}：取值须为是或否`, `${nameEn}: the value must be true or false`);
        else out.push({ field, op, value: raw.value } as Criterion);
        break;
      case 'number': {
        const v = raw.value;
        if (typeof v !== 'number' || !Number.isFinite(v)) add(`${at}.value`, `${name}：须填写数值`, `${nameEn}: a number is needed`);
        else if (v < 0) add(`${at}.value`, `${name}：数值 ${v} 不可能为负数`, `${nameEn}: ${v} cannot be negative`);
        else if (spec.integer && !Number.isInteger(v)) add(`${at}.value`, `${name}：数值 ${v} 须为整数`, `${nameEn}: ${v} must be a whole number`);
        else if (spec.max !== undefined && v > spec.max) add(`${at}.value`, `${name}：数值 ${v} 超出可能的范围（最大 ${spec.max}）`, `${nameEn}: ${v} is beyond any possible value (at most ${spec.max})`);
        else if ((op === 'lt' && v === 0)) add(`${at}.value`, `${name}：小于 0 的条件任何企业都不可能满足`, `${nameEn}: less than 0 can never be met`);
        else out.push({ field, op, value: v } as Criterion);
        break;
      }
      default: {
        const values = raw.values;
        if (!Array.isArray(values) || values.length === 0 || values.some((x) => typeof x !== 'string' || x.trim() === '')) {
          add(`${at}.values`, `${name}：须至少填写一个取值`, `${nameEn}: at least one value is needed`);
          break;
        }
        const vs = [...new Set(values.map((x: string) => x.trim()))];
        if (spec.kind === 'enum') {
          const bad = vs.filter((x) => !spec.values!.includes(x));
          if (bad.length) add(`${at}.values`, `${name}：取值“${bad.join('、')}”不存在，可用：${spec.values!.join('、')}`, `${nameEn}: "${bad.join(', ')}" is not a value; use ${spec.values!.join(', ')}`);
        }
        if (spec.kind === 'prefixes') {
          const bad = vs.filter((x) => !/^[0-9]{2,4}$/.test(x));
          if (bad.length) add(`${at}.values`, `${name}：行业代码前缀“${bad.join('、')}”无效，须为 2 至 4 位数字（大类、中类或小类）`, `${nameEn}: industry code prefix "${bad.join(', ')}" is not valid: 2 to 4 digits`);
        }
        if (spec.kind === 'ids' && field === 'street') {
          const bad = vs.filter((x) => !/^[0-9]{9}$/.test(x));
          if (bad.length) add(`${at}.values`, `${name}：街道代码“${bad.join('、')}”无效，须为 9 位区划代码`, `${nameEn}: street code "${bad.join(', ')}" is not valid: 9 digits`);
        }
        if (problems.length === before) out.push({ field, op, values: vs } as Criterion);
      }
    }
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, criteria: { combine: combine as Combine, items: out } };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
