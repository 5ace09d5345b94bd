import type { CompiledScheme, EvaluationResult } from '../domain';
import { evaluate } from './population';

/**
 * What a score row keeps in `result`: the facts as they were read and the points of every item
 * (in the scheme's item order). Together with the row's scheme version (immutable once published)
 * and asOf, that determines the engine's full EvaluationResult, which is rebuilt on read and
 * explained. About 350 bytes instead of the ~5.8 KB of the full result, which is what makes a
 * 100,000-talent recompute fit in seconds (docs/talent/SCORING.md, bench/talent-recompute.ts).
 * On read the rebuilt points are checked against the stored ones (`reproduced`).
 */
export interface StoredResult {
  v: 2;
  facts: Record<string, unknown>;
  points: number[];
}

export function storedResult(facts: Record<string, unknown>, r: EvaluationResult): StoredResult {
  return { v: 2, facts, points: r.items.map((i) => i.points) };
}

export interface RevivedResult {
  result: EvaluationResult;
  /** The rebuilt result gives every item the points stored when it was computed. */
  reproduced: boolean;
}

/** The full result of a stored score (a full result stored as such is returned as it is). */
export function reviveResult(scheme: CompiledScheme, stored: unknown, asOf: string): RevivedResult {
  const s = stored as Partial<StoredResult> & Partial<EvaluationResult>;
  if (s.v !== 2 && Array.isArray(s.items)) return { result: s as EvaluationResult, reproduced: true };
  const result = evaluate(scheme, (s.facts ?? {}) as Record<string, unknown>, asOf);
  const points = s.points ?? [];
  const reproduced = points.length === result.items.length && result.items.every((it, i) => Math.abs(it.points - points[i]!) < 1e-6);
  return { result, reproduced };
}
