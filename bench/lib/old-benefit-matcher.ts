/** The compiled matcher as it was before run 25 (every criterion evaluated), for the same-run comparison in bench/benefit-matching.ts. */
import { ageCutoff, ageInYears } from '../../apps/server/src/modules/service/benefits/domain/age';
import { CRITERION_FIELDS, type Combine, type Criteria, type Criterion, type NumberOp } from '../../apps/server/src/modules/service/benefits/domain/criteria';
import type { EnterpriseFacts } from '../../apps/server/src/core/enterprises/domain/enterprise-facts';

/** One criterion against one enterprise: P pass, F fail, U unknown (the fact is missing). */
export type CriterionCode = 'P' | 'F' | 'U';
export type Outcome = 'eligible' | 'nearly' | 'not_eligible';

const P = 0;
const F = 1;
const U = 2;
const LETTER = ['P', 'F', 'U'] as const;
type Code = typeof P | typeof F | typeof U;
type Test = (f: EnterpriseFacts) => Code;

/**
 * The outcome of a policy for an enterprise, from its per-criterion codes:
 * - all: eligible when every criterion passes; **nearly** when nothing fails and some facts are
 *   missing (they may well pass once known), or when exactly one criterion fails, nothing is
 *   missing, the others pass (so a policy of one criterion has no 'one step away'), and that
 *   criterion is one the enterprise can reach (attainable: a certification such
 *   as high-tech, a threshold of revenue, tax or staff, a tag such as 专精特新, a credit rating)
 *   — not its industry, place or age, which it cannot change; else not eligible;
 * - any: eligible when one passes; nearly when none passes but some are unknown; else not eligible.
 */
export function outcomeOf(combine: Combine, codes: string, attainable: readonly boolean[]): Outcome {
  let fails = 0;
  let unknowns = 0;
  let failAt = -1;
  for (let i = 0; i < codes.length; i++) {
    const c = codes.charCodeAt(i);
    if (c === 70) { fails++; failAt = i; } else if (c === 85) unknowns++;
  }
  return decide(combine, codes.length, fails, unknowns, failAt, attainable);
}

function decide(combine: Combine, n: number, fails: number, unknowns: number, failAt: number, attainable: readonly boolean[]): Outcome {
  if (combine === 'any') {
    if (fails + unknowns < n) return 'eligible';
    return unknowns > 0 ? 'nearly' : 'not_eligible';
  }
  if (fails === 0) return unknowns === 0 ? 'eligible' : 'nearly';
  if (fails === 1 && unknowns === 0 && n >= 2 && attainable[failAt]) return 'nearly';
  return 'not_eligible';
}

export interface Match {
  outcome: Outcome;
  codes: string;
}

/** A policy's criteria turned into closures once, then run against many enterprises. */
export interface CompiledCriteria {
  readonly combine: Combine;
  readonly size: number;
  /** The outcome and codes; `codes` is '' when not eligible (not stored, recomputed on demand). */
  match(f: EnterpriseFacts): Match;
}

const NOT: Match = { outcome: 'not_eligible', codes: '' };

/** Compiles criteria for matching on `today` ('YYYY-MM-DD', Asia/Shanghai): ages are cut-off dates. */
export function compileCriteria(criteria: Criteria, today: string): CompiledCriteria {
  const tests = criteria.items.map((c) => compileOne(c, today));
  const attainable = criteria.items.map((c) => CRITERION_FIELDS[c.field].attainable);
  const combine = criteria.combine;
  const n = tests.length;
  const codes = new Uint8Array(n);
  return {
    combine,
    size: n,
    match(f) {
      let fails = 0;
      let unknowns = 0;
      let failAt = -1;
      for (let i = 0; i < n; i++) {
        const c = tests[i]!(f);
        codes[i] = c;
        if (c === F) { fails++; failAt = i; } else if (c === U) unknowns++;
      }
      const outcome = decide(combine, n, fails, unknowns, failAt, attainable);
      if (outcome === 'not_eligible') return NOT;
      let s = '';
      for (let i = 0; i < n; i++) s += LETTER[codes[i]!];
      return { outcome, codes: s };
    },
  };
}

function compileOne(c: Criterion, today: string): Test {
  switch (c.field) {
    case 'industry': {
      const prefixes = c.values;
      return (f) => (prefixes.some((p) => f.industryCode.startsWith(p)) ? P : F);
    }
    case 'sizeClass': {
      const set = new Set(c.values);
      return (f) => (f.sizeClass === null ? U : set.has(f.sizeClass) ? P : F);
    }
    case 'aboveScale': {
      const v = c.value;
      return (f) => (f.aboveScale === v ? P : F);
    }
    case 'highTech': {
      const v = c.value;
      return (f) => (f.highTech === v ? P : F);
    }
    case 'street': {
      const set = new Set(c.values);
      return (f) => (set.has(f.divisionCode.slice(0, 9)) ? P : F);
    }
    case 'park': {
      const set = new Set(c.values);
      return (f) => (f.parkId !== null && set.has(f.parkId) ? P : F);
    }
    case 'ageYears': {
      // age ≥ N ⇔ established on or before the cut-off; > N ⇔ ≥ N+1; ≤ N ⇔ not ≥ N+1; < N ⇔ not ≥ N
      const atLeast = c.op === 'gte' || c.op === 'lt' ? c.value : c.value + 1;
      const cutoff = ageCutoff(today, atLeast);
      const wantAtLeast = c.op === 'gte' || c.op === 'gt';
      return (f) => (f.establishedOn === null ? U : (f.establishedOn <= cutoff) === wantAtLeast ? P : F);
    }
    case 'employees':
    case 'revenueFen':
    case 'taxFen': {
      const key = c.field;
      const cmp = comparer(c.op, c.value);
      return (f) => {
        const v = f[key];
        return v === null ? U : cmp(v) ? P : F;
      };
    }
    case 'tags': {
      const vs = c.values;
      if (c.op === 'hasAny') return (f) => (vs.some((t) => f.tags.includes(t)) ? P : F);
      if (c.op === 'hasAll') return (f) => (vs.every((t) => f.tags.includes(t)) ? P : F);
      return (f) => (vs.some((t) => f.tags.includes(t)) ? F : P);
    }
    case 'creditRating': {
      const set = new Set(c.values);
      return (f) => (f.creditRating === null ? U : set.has(f.creditRating) ? P : F);
    }
  }
}

function comparer(op: NumberOp, t: number): (v: number) => boolean {
  switch (op) {
    case 'gte': return (v) => v >= t;
    case 'gt': return (v) => v > t;
    case 'lte': return (v) => v <= t;
    case 'lt': return (v) => v < t;
  }
}

/** One criterion explained for an officer or the enterprise: what it asks, what is known, the result. */
export interface ExplainedCriterion {
  index: number;
  criterion: Criterion;
  result: CriterionCode;
  /** The enterprise's fact the criterion looked at (null = missing). */
  fact: string | number | boolean | readonly string[] | null;
  /** The fact is missing: the data an officer or the enterprise should supply. */
  missing: boolean;
  /** Whether the enterprise could reach it (see outcomeOf). */
  attainable: boolean;
}

export interface Explanation {
  outcome: Outcome;
  codes: string;
  criteria: ExplainedCriterion[];
}

/** Every criterion of a policy against one enterprise, with the facts it looked at (recomputed on demand). */
export function explainMatch(criteria: Criteria, f: EnterpriseFacts, today: string): Explanation {
  const codes = criteria.items.map((c) => LETTER[compileOne(c, today)(f)]).join('');
  const attainable = criteria.items.map((c) => CRITERION_FIELDS[c.field].attainable);
  return {
    outcome: outcomeOf(criteria.combine, codes, attainable),
    codes,
    criteria: criteria.items.map((c, index) => {
      const fact = factOf(c, f, today);
      const result = codes[index] as CriterionCode;
      return { index, criterion: c, result, fact, missing: result === 'U', attainable: attainable[index]! };
    }),
  };
}

function factOf(c: Criterion, f: EnterpriseFacts, today: string): ExplainedCriterion['fact'] {
  switch (c.field) {
    case 'industry': return f.industryCode;
    case 'sizeClass': return f.sizeClass;
    case 'aboveScale': return f.aboveScale;
    case 'highTech': return f.highTech;
    case 'street': return f.divisionCode;
    case 'park': return f.parkId;
    case 'ageYears': return f.establishedOn === null ? null : ageInYears(f.establishedOn, today);
    case 'employees': return f.employees;
    case 'revenueFen': return f.revenueFen;
    case 'taxFen': return f.taxFen;
    case 'tags': return f.tags;
    case 'creditRating': return f.creditRating;
  }
}

/** The fields whose data is missing, from stored codes (for lists: "what is missing"). */
export function missingFields(criteria: Criteria, codes: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i++) if (codes[i] === 'U' && criteria.items[i]) out.add(criteria.items[i]!.field);
  return [...out];
}

/** The criteria that fail, from stored codes (a nearly-eligible enterprise's one step). */
export function failedFields(criteria: Criteria, codes: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < codes.length; i++) if (codes[i] === 'F' && criteria.items[i]) out.push(criteria.items[i]!.field);
  return out;
}
