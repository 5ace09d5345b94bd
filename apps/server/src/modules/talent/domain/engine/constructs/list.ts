// A rule applied to each entry of a list fact (awards, honours, platforms …), combined by a hit
// policy. The result does not depend on the order of the entries: `max` reports the first of the
// equal highest in a canonical order (points, then the entry's fields in declared order), `sum` is order-free.
import type { ListRuleDoc } from '../../scheme/types';
import type { Trace } from '../types';
import type { CompiledCondition, CompiledRule, Reader } from '../context';

/** Order-free tie-break between two entries: field by field, in the declared field order. */
function compareEntries(a: Record<string, unknown>, b: Record<string, unknown>, fields: readonly string[]): number {
  for (const f of fields) {
    const x = a[f];
    const y = b[f];
    if (x === y) continue;
    const sx = typeof x === 'number' ? x : String(x);
    const sy = typeof y === 'number' ? y : String(y);
    if (typeof sx !== typeof sy) return typeof sx === 'number' ? -1 : 1;
    return sx < sy ? -1 : sx > sy ? 1 : 0;
  }
  return 0;
}

export function compileList(
  rule: ListRuleDoc,
  list: Reader,
  entry: CompiledRule,
  where: CompiledCondition | undefined,
  yearField: string | undefined,
): CompiledRule {
  const years = rule.withinYears?.years ?? 0;
  const fields = list.decl.type === 'list' ? list.decl.fields.map((f) => f.key) : [];
  const prefix = list.ref.key;
  const policy = rule.policy;
  return (ctx) => {
    const entries = list.read(ctx) as Array<Record<string, unknown>> | undefined;
    if (entries === undefined) return undefined;
    const counted: Array<{ index: number; trace: Trace }> = [];
    let excluded = 0;
    let missing = false;
    const outerEntry = ctx.entry;
    const outerIndex = ctx.entryIndex;
    const outerList = ctx.entryList;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      ctx.entryIndex = i;
      ctx.entryList = prefix;
      if (e === null || typeof e !== 'object') {
        ctx.missing.push(`${prefix}[${i}]`);
        missing = true;
        continue;
      }
      ctx.entry = e;
      if (yearField !== undefined) {
        const y = e[yearField];
        if (typeof y !== 'number') {
          ctx.missing.push(`${prefix}[${i}].${yearField}`);
          missing = true;
          continue;
        }
        if (y > ctx.asOfYear || y <= ctx.asOfYear - years) {
          excluded++;
          continue;
        }
      }
      if (where) {
        const ok = where(ctx);
        if (ok === undefined) {
          missing = true;
          continue;
        }
        if (!ok) {
          excluded++;
          continue;
        }
      }
      const t = entry(ctx);
      if (t === undefined) missing = true;
      else counted.push({ index: i, trace: t });
    }
    ctx.entry = outerEntry;
    ctx.entryIndex = outerIndex;
    ctx.entryList = outerList;
    if (missing) return undefined;
    const source = list.ref;
    if (policy === 'sum') {
      let points = 0;
      for (const c of counted) points += c.trace.points;
      return { kind: 'list', source, policy, entries: counted, given: entries.length, excluded, points };
    }
    if (counted.length === 0) return { kind: 'list', source, policy, entries: counted, given: entries.length, excluded, points: 0 };
    let best = 0;
    for (let i = 1; i < counted.length; i++) {
      const d = counted[i]!.trace.points - counted[best]!.trace.points;
      if (d > 0 || (d === 0 && compareEntries(entries[counted[i]!.index]!, entries[counted[best]!.index]!, fields) < 0)) best = i;
    }
    return { kind: 'list', source, policy, entries: counted, given: entries.length, excluded, chosen: best, points: counted[best]!.trace.points };
  };
}
