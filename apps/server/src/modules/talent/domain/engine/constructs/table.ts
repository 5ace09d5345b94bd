// Lookup table over one fact or entry field: bands over a number (min inclusive, max exclusive)
// or categories over an enum / boolean. A value that no row covers scores 0 with a 'noRow' trace.
import type { Label, TableRuleDoc } from '../../scheme/types';
import type { CompiledRule, Reader } from '../context';

export function bandLabel(min: number | undefined, max: number | undefined, unit?: Label): Label {
  const u = { zh: unit?.zh ?? '', en: unit?.en ? ` ${unit.en}` : '' };
  if (min === undefined && max === undefined) return { zh: '任意值', en: 'any value' };
  if (min === undefined) return { zh: `不足 ${max}${u.zh}`, en: `under ${max}${u.en}` };
  if (max === undefined) return { zh: `${min}${u.zh}以上`, en: `${min}${u.en} or more` };
  return { zh: `${min}${u.zh}以上、不足 ${max}${u.zh}`, en: `${min}${u.en} to under ${max}${u.en}` };
}

export function compileTable(rule: TableRuleDoc, reader: Reader): CompiledRule {
  const ref = reader.ref;
  if (rule.bands) {
    const rows = rule.bands
      .map((b) => ({ min: b.min ?? -Infinity, max: b.max ?? Infinity, points: b.points, label: b.label ?? bandLabel(b.min, b.max, ref.unit) }))
      .sort((a, b) => a.min - b.min);
    return (ctx) => {
      const v = reader.read(ctx) as number | undefined;
      if (v === undefined) return undefined;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        if (v >= r.min && v < r.max) return { kind: 'row', source: ref, value: v, rowLabel: r.label, points: r.points };
      }
      return { kind: 'noRow', source: ref, value: v, points: 0 };
    };
  }
  const rows = new Map<string | boolean, { points: number; label: Label }>();
  for (const c of rule.categories ?? []) {
    const label = typeof c.value === 'string' ? (reader.valueLabels.get(c.value) ?? { zh: c.value, en: c.value }) : boolLabel(c.value);
    rows.set(c.value, { points: c.points, label });
  }
  return (ctx) => {
    const v = reader.read(ctx) as string | boolean | undefined;
    if (v === undefined) return undefined;
    const r = rows.get(v);
    if (r) return { kind: 'row', source: ref, value: v, valueLabel: r.label, rowLabel: r.label, points: r.points };
    const valueLabel = typeof v === 'string' ? reader.valueLabels.get(v) : boolLabel(v);
    return valueLabel ? { kind: 'noRow', source: ref, value: v, valueLabel, points: 0 } : { kind: 'noRow', source: ref, value: v, points: 0 };
  };
}

export function boolLabel(v: boolean): Label {
  return v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
}
