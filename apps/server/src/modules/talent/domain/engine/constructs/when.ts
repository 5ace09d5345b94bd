// Conditions that switch which rule applies: the first case whose condition holds. If a case
// before the matching one cannot be decided (a fact is missing), the rule is not evaluated.
import type { Label } from '../../scheme/types';
import type { CompiledCondition, CompiledRule } from '../context';

export function compileWhen(cases: ReadonlyArray<{ test: CompiledCondition; text: Label; then: CompiledRule }>, otherwise: CompiledRule | undefined): CompiledRule {
  return (ctx) => {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const r = c.test(ctx);
      if (r === undefined) return undefined;
      if (r) {
        const t = c.then(ctx);
        return t === undefined ? undefined : { kind: 'when', case: i, condition: c.text, then: t, points: t.points };
      }
    }
    if (!otherwise) return { kind: 'when', case: null, then: null, points: 0 };
    const t = otherwise(ctx);
    return t === undefined ? undefined : { kind: 'when', case: null, then: t, points: t.points };
  };
}
