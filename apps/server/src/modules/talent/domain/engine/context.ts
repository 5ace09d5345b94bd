// The evaluation context passed to compiled rules, and typed readers of facts / entry fields.
// A value that is absent, null, or of the wrong type is MISSING: the reader records the key in
// ctx.missing and returns undefined — it never becomes 0.
import type { FactDoc, FieldDoc, Label } from '../scheme/types';
import type { SourceRef, Trace } from './types';

export interface EvalContext {
  facts: Readonly<Record<string, unknown>>;
  /** The list entry being scored, inside a list rule. */
  entry: Readonly<Record<string, unknown>> | undefined;
  /** Inside a list rule: the list's key and the entry's index (for missing-field keys such as 'awards[2].level'). */
  entryList: string;
  entryIndex: number;
  asOf: string;
  asOfYear: number;
  /** Points of already evaluated items by index; NaN when not evaluated. */
  itemPoints: number[];
  missing: string[];
}

export type CompiledRule = (ctx: EvalContext) => Trace | undefined;
/** true / false, or undefined when a fact it needs is missing. */
export type CompiledCondition = (ctx: EvalContext) => boolean | undefined;

export type Scalar = string | number | boolean;

export interface Reader {
  ref: SourceRef;
  decl: FactDoc | FieldDoc;
  /** The value, or undefined (and the key recorded as missing). */
  read(ctx: EvalContext): unknown;
  /** Enum value labels. */
  valueLabels: ReadonlyMap<string, Label>;
}

export function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function fits(decl: FactDoc | FieldDoc, v: unknown): boolean {
  switch (decl.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'enum':
      return typeof v === 'string' && decl.values.some((e) => e.value === v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'list':
      return Array.isArray(v);
  }
}

export function makeReader(decl: FactDoc | FieldDoc, list: string | undefined): Reader {
  const key = decl.key;
  const ref: SourceRef = { key, label: decl.label };
  if (decl.type === 'number' && decl.unit) ref.unit = decl.unit;
  if (list !== undefined) ref.list = list;
  const valueLabels = new Map<string, Label>(decl.type === 'enum' ? decl.values.map((e) => [e.value, e.label]) : []);
  const allowed = decl.type === 'enum' ? new Set(decl.values.map((e) => e.value)) : undefined;
  const type = decl.type;
  // One specialised reader per type and place (fact or list entry): this runs for every fact of
  // every evaluation, so the type test is inlined rather than called.
  let read: (ctx: EvalContext) => unknown;
  if (list === undefined) {
    const miss = (ctx: EvalContext) => {
      ctx.missing.push(key);
      return undefined;
    };
    if (type === 'number')
      read = (ctx) => {
        const v = ctx.facts[key];
        return typeof v === 'number' && Number.isFinite(v) ? v : miss(ctx);
      };
    else if (type === 'enum')
      read = (ctx) => {
        const v = ctx.facts[key];
        return typeof v === 'string' && allowed!.has(v) ? v : miss(ctx);
      };
    else if (type === 'list')
      read = (ctx) => {
        const v = ctx.facts[key];
        return Array.isArray(v) ? v : miss(ctx);
      };
    else
      read = (ctx) => {
        const v = ctx.facts[key];
        return fits(decl, v) ? v : miss(ctx);
      };
  } else {
    read = (ctx) => {
      const v = ctx.entry?.[key];
      if (type === 'enum' ? typeof v === 'string' && allowed!.has(v) : fits(decl, v)) return v;
      ctx.missing.push(`${ctx.entryList}[${ctx.entryIndex}].${key}`);
      return undefined;
    };
  }
  return { ref, decl, read, valueLabels };
}

/** Full years from `from` to `to` (both 'YYYY-MM-DD'). */
export function fullYearsBetween(from: string, to: string): number {
  const y = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? y : y - 1;
}
