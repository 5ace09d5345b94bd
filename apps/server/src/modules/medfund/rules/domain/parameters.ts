/**
 * The parameters an analyst can change on a rule (windows, days, bands, tolerances), and the
 * tables a rule reads (code lists such as mutually exclusive pairs or sex-restricted drugs).
 * Pure: the specs, the defaults and the validation that names every value out of range.
 */

export type ParamSpec =
  | { kind: 'int'; min: number; max: number; default: number; zh: string; en: string; unit?: string }
  | { kind: 'number'; min: number; max: number; default: number; zh: string; en: string; unit?: string }
  | { kind: 'codes'; maxItems: number; default: string[]; zh: string; en: string };

export type ColumnSpec =
  | { name: string; kind: 'code'; zh: string; en: string }
  | { name: string; kind: 'text'; zh: string; en: string; optional?: boolean }
  | { name: string; kind: 'int'; min: number; max: number; zh: string; en: string; optional?: boolean }
  | { name: string; kind: 'enum'; values: readonly string[]; zh: string; en: string };

export interface TableSpec {
  zh: string;
  en: string;
  columns: ColumnSpec[];
  maxRows: number;
}

export type ParamValues = Record<string, number | string[]>;
export type TableRow = Record<string, string | number | null>;
export type TableValues = Record<string, TableRow[]>;

export interface ParamProblem {
  /** e.g. `params.windowDays` or `tables.pairs[3].subCode` */
  field: string;
  zh: string;
  en: string;
}

/** Codes (drug, item, diagnosis) are letters, digits, dots and dashes: they are written into SQL as literals. */
const CODE_PATTERN = /^[A-Za-z0-9.\-_]{1,40}$/;

export function isSafeCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

export function defaultParams(specs: Record<string, ParamSpec>): ParamValues {
  const out: ParamValues = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.kind === 'codes' ? [...spec.default] : spec.default;
  return out;
}

/** Checks a full set of parameter values; unknown names and missing ones are problems too. */
export function validateParams(specs: Record<string, ParamSpec>, values: Record<string, unknown>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const name of Object.keys(values)) {
    if (!specs[name]) problems.push({ field: `params.${name}`, zh: `未知参数 ${name}`, en: `Unknown parameter ${name}` });
  }
  for (const [name, spec] of Object.entries(specs)) {
    const field = `params.${name}`;
    const v = values[name];
    if (v === undefined) {
      problems.push({ field, zh: `缺少参数「${spec.zh}」`, en: `Parameter "${spec.en}" is missing` });
      continue;
    }
    if (spec.kind === 'codes') {
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || !isSafeCode(c))) {
        problems.push({ field, zh: `「${spec.zh}」须为编码列表（字母、数字、点、横线）`, en: `"${spec.en}" must be a list of codes (letters, digits, dots, dashes)` });
      } else if (v.length > spec.maxItems) {
        problems.push({ field, zh: `「${spec.zh}」最多 ${spec.maxItems} 项`, en: `"${spec.en}" takes at most ${spec.maxItems} codes` });
      }
      continue;
    }
    const ok = typeof v === 'number' && Number.isFinite(v) && (spec.kind === 'number' || Number.isInteger(v));
    if (!ok || (v as number) < spec.min || (v as number) > spec.max) {
      const unit = spec.unit ?? '';
      problems.push({
        field,
        zh: `「${spec.zh}」须为 ${spec.min}–${spec.max}${unit} 之间的${spec.kind === 'int' ? '整数' : '数值'}，收到 ${JSON.stringify(v)}`,
        en: `"${spec.en}" must be ${spec.kind === 'int' ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}${unit ? ' ' + unit : ''}; got ${JSON.stringify(v)}`,
      });
    }
  }
  return problems;
}

export function validateTables(specs: Record<string, TableSpec>, values: Record<string, unknown>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const name of Object.keys(values)) {
    if (!specs[name]) problems.push({ field: `tables.${name}`, zh: `未知规则表 ${name}`, en: `Unknown rule table ${name}` });
  }
  for (const [name, spec] of Object.entries(specs)) {
    const rows = values[name];
    if (!Array.isArray(rows)) {
      problems.push({ field: `tables.${name}`, zh: `缺少规则表「${spec.zh}」`, en: `Rule table "${spec.en}" is missing` });
      continue;
    }
    if (rows.length > spec.maxRows) {
      problems.push({ field: `tables.${name}`, zh: `规则表「${spec.zh}」最多 ${spec.maxRows} 行`, en: `Rule table "${spec.en}" takes at most ${spec.maxRows} rows` });
      continue;
    }
    rows.forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        problems.push({ field: `tables.${name}[${i}]`, zh: `第 ${i + 1} 行格式错误`, en: `Row ${i + 1} is not an object` });
        return;
      }
      const r = row as Record<string, unknown>;
      for (const key of Object.keys(r)) {
        if (!spec.columns.some((c) => c.name === key)) {
          problems.push({ field: `tables.${name}[${i}].${key}`, zh: `第 ${i + 1} 行有未知列 ${key}`, en: `Row ${i + 1} has an unknown column ${key}` });
        }
      }
      for (const col of spec.columns) {
        const field = `tables.${name}[${i}].${col.name}`;
        const v = r[col.name];
        const optional = 'optional' in col && col.optional;
        if ((v === undefined || v === null || v === '') && optional) continue;
        const where = { zh: `规则表「${spec.zh}」第 ${i + 1} 行「${col.zh}」`, en: `rule table "${spec.en}", row ${i + 1}, "${col.en}"` };
        if (col.kind === 'code') {
          if (typeof v !== 'string' || !isSafeCode(v)) problems.push({ field, zh: `${where.zh}须为编码（字母、数字、点、横线）`, en: `${where.en} must be a code (letters, digits, dots, dashes)` });
        } else if (col.kind === 'text') {
          if (typeof v !== 'string' || v.length > 200) problems.push({ field, zh: `${where.zh}须为不超过 200 字的文本`, en: `${where.en} must be text of at most 200 characters` });
        } else if (col.kind === 'enum') {
          if (typeof v !== 'string' || !col.values.includes(v)) problems.push({ field, zh: `${where.zh}须为 ${col.values.join(' / ')} 之一`, en: `${where.en} must be one of ${col.values.join(' / ')}` });
        } else if (typeof v !== 'number' || !Number.isInteger(v) || v < col.min || v > col.max) {
          problems.push({ field, zh: `${where.zh}须为 ${col.min}–${col.max} 之间的整数，收到 ${JSON.stringify(v)}`, en: `${where.en} must be a whole number from ${col.min} to ${col.max}; got ${JSON.stringify(v)}` });
        }
      }
    });
  }
  return problems;
}
