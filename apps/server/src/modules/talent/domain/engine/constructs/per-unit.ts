// Points per unit: base + points × units, where units = ⌊value / unitSize⌋ − after (never below
// 0), or counted down: countDownFrom − ⌊value⌋. A list fact counts its entries; a date fact counts
// full years up to asOf.
import type { PerUnitRuleDoc } from '../../scheme/types';
import { fullYearsBetween, type CompiledRule, type Reader } from '../context';

export function compilePerUnit(rule: PerUnitRuleDoc, reader: Reader): CompiledRule {
  const ref = reader.ref;
  const per = rule.points;
  const unitSize = rule.unitSize ?? 1;
  const after = rule.after ?? 0;
  const base = rule.base ?? 0;
  const down = rule.countDownFrom;
  const type = reader.decl.type;
  return (ctx) => {
    const raw = reader.read(ctx);
    if (raw === undefined) return undefined;
    const value = type === 'list' ? (raw as unknown[]).length : type === 'date' ? fullYearsBetween(raw as string, ctx.asOf) : (raw as number);
    const counted = down === undefined ? Math.floor(value / unitSize) : Math.floor((down - value) / unitSize);
    const units = Math.max(0, counted - after);
    const points = base + per * units;
    const trace = { kind: 'perUnit' as const, source: ref, value: type === 'date' ? (raw as string) : value, units, per, unitSize, after, base, points };
    return down === undefined ? trace : { ...trace, countDownFrom: down };
  };
}
