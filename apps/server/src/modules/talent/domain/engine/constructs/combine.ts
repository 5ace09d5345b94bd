// Hit policies over several rules: `max` (不累计取最高: only the highest counts; the first of
// equal highs is the one reported) and `sum`. Any part missing a fact leaves the whole unscored.
import type { Trace } from '../types';
import type { CompiledRule } from '../context';

export function pickMax(parts: readonly Trace[]): number {
  let best = 0;
  for (let i = 1; i < parts.length; i++) if (parts[i]!.points > parts[best]!.points) best = i;
  return best;
}

export function compileCombine(policy: 'max' | 'sum', of: readonly CompiledRule[]): CompiledRule {
  return (ctx) => {
    const parts: Trace[] = [];
    let missing = false;
    for (const rule of of) {
      const t = rule(ctx);
      if (t === undefined) missing = true;
      else parts.push(t);
    }
    if (missing) return undefined;
    if (policy === 'sum') {
      let points = 0;
      for (const p of parts) points += p.points;
      return { kind: 'combine', policy, parts, points };
    }
    const chosen = pickMax(parts);
    return { kind: 'combine', policy, parts, chosen, points: parts[chosen]!.points };
  };
}
