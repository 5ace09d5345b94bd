// Two-factor interaction table: points[r][c] for the row hit × the column hit
// (e.g. education × language level). A value outside the axes scores 0 ('gridMiss').
import type { AxisDoc, GridRuleDoc, Label } from '../../scheme/types';
import type { CompiledRule, EvalContext, Reader, Scalar } from '../context';
import { bandLabel, boolLabel } from './table';

interface Axis {
  reader: Reader;
  find(v: Scalar): number;
  label(i: number, v: Scalar): Label;
}

function compileAxis(axis: AxisDoc, reader: Reader): Axis {
  if (axis.bands) {
    const bands = axis.bands.map((b) => ({ min: b.min ?? -Infinity, max: b.max ?? Infinity, label: b.label ?? bandLabel(b.min, b.max, reader.ref.unit) }));
    return {
      reader,
      find: (v) => bands.findIndex((b) => (v as number) >= b.min && (v as number) < b.max),
      label: (i) => bands[i]!.label,
    };
  }
  const values = axis.categories ?? [];
  return {
    reader,
    find: (v) => values.indexOf(v as string | boolean),
    label: (_i, v) => (typeof v === 'boolean' ? boolLabel(v) : (reader.valueLabels.get(v as string) ?? { zh: String(v), en: String(v) })),
  };
}

export function compileGrid(rule: GridRuleDoc, rowReader: Reader, colReader: Reader): CompiledRule {
  const rows = compileAxis(rule.rows, rowReader);
  const cols = compileAxis(rule.columns, colReader);
  return (ctx: EvalContext) => {
    const rv = rows.reader.read(ctx) as Scalar | undefined;
    const cv = cols.reader.read(ctx) as Scalar | undefined;
    if (rv === undefined || cv === undefined) return undefined;
    const r = rows.find(rv);
    const c = cols.find(cv);
    if (r < 0 || c < 0) return { kind: 'gridMiss', points: 0 };
    return {
      kind: 'grid',
      row: { source: rows.reader.ref, value: rv, label: rows.label(r, rv) },
      column: { source: cols.reader.ref, value: cv, label: cols.label(c, cv) },
      points: rule.points[r]![c]!,
    };
  };
}
