import type { Criteria } from './criteria';
import type { EnterpriseFacts } from '../../../../core/enterprises/domain/enterprise-facts';
import { compileCriteria, type CompiledCriteria, type Outcome } from './matcher';

/**
 * The matcher's outcomes stored per enterprise (benefit_enterprise_matches, migration 0030): the
 * policies it is eligible for and those it nearly is, by their small integer keys, and the
 * per-criterion codes of each in the order of `eligible` then `nearly`. Not eligible = absent.
 */
export interface EnterpriseMatches {
  enterpriseId: string;
  eligible: number[];
  nearly: number[];
  codes: string[];
}

export type StoredOutcome = Exclude<Outcome, 'not_eligible'>;

/** One policy's outcome for one enterprise, as stored. */
export interface PairOutcome {
  outcome: StoredOutcome;
  codes: string;
}

export interface KeyedCriteria {
  key: number;
  criteria: Criteria;
}

/** Builds the stored row from per-policy outcomes (keys ascending within each array); null when there are none. */
export function enterpriseMatchesOf(enterpriseId: string, outcomes: ReadonlyMap<number, PairOutcome>): EnterpriseMatches | null {
  if (outcomes.size === 0) return null;
  const keys = [...outcomes.keys()].sort((a, b) => a - b);
  const eligible = keys.filter((k) => outcomes.get(k)!.outcome === 'eligible');
  const nearly = keys.filter((k) => outcomes.get(k)!.outcome === 'nearly');
  return { enterpriseId, eligible, nearly, codes: [...eligible, ...nearly].map((k) => outcomes.get(k)!.codes) };
}

/** The per-policy outcomes held in a stored row. */
export function outcomesOf(row: Pick<EnterpriseMatches, 'eligible' | 'nearly' | 'codes'>): Map<number, PairOutcome> {
  const out = new Map<number, PairOutcome>();
  row.eligible.forEach((k, i) => out.set(k, { outcome: 'eligible', codes: row.codes[i]! }));
  row.nearly.forEach((k, i) => out.set(k, { outcome: 'nearly', codes: row.codes[row.eligible.length + i]! }));
  return out;
}

/** A policy's criteria compiled for one day, with the policy's key (what a row stores). */
export interface CompiledPolicy {
  key: number;
  compiled: CompiledCriteria;
}

/** Compiles each policy's criteria for `today`, in key order (the order of a row's arrays). */
export function compilePolicies(policies: readonly KeyedCriteria[], today: string): CompiledPolicy[] {
  return [...policies].sort((a, b) => a.key - b.key).map((p) => ({ key: p.key, compiled: compileCriteria(p.criteria, today) }));
}

/**
 * Every policy against every enterprise given: one row per enterprise with at least one eligible
 * or nearly policy. Each policy's criteria are compiled once (closures, cut-off dates), then run
 * against every enterprise.
 */
export function matchEnterprises(policies: readonly KeyedCriteria[], facts: readonly EnterpriseFacts[], today: string): EnterpriseMatches[] {
  return matchCompiled(compilePolicies(policies, today), facts);
}

/** The same with criteria compiled beforehand (`policies` in ascending key order), e.g. kept between re-matchings. */
export function matchCompiled(policies: readonly CompiledPolicy[], facts: readonly EnterpriseFacts[]): EnterpriseMatches[] {
  const out: EnterpriseMatches[] = [];
  for (const f of facts) {
    const eligible: number[] = [];
    const nearly: number[] = [];
    const eCodes: string[] = [];
    const nCodes: string[] = [];
    for (const { key, compiled } of policies) {
      const m = compiled.match(f);
      if (m.outcome === 'eligible') { eligible.push(key); eCodes.push(m.codes); } else if (m.outcome === 'nearly') { nearly.push(key); nCodes.push(m.codes); }
    }
    if (eligible.length + nearly.length > 0) out.push({ enterpriseId: f.enterpriseId, eligible, nearly, codes: [...eCodes, ...nCodes] });
  }
  return out;
}

/** Whether two stored rows hold the same outcomes (null = no row). */
export function sameMatches(a: Omit<EnterpriseMatches, 'enterpriseId'> | null | undefined, b: Omit<EnterpriseMatches, 'enterpriseId'> | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return sameArray(a.eligible, b.eligible) && sameArray(a.nearly, b.nearly) && sameArray(a.codes, b.codes);
}

function sameArray<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One policy against every enterprise given: its outcome where eligible or nearly. */
export function matchPolicyOutcomes(criteria: Criteria, facts: readonly EnterpriseFacts[], today: string): Map<string, PairOutcome> {
  const c = compileCriteria(criteria, today);
  const out = new Map<string, PairOutcome>();
  for (const f of facts) {
    const m = c.match(f);
    if (m.outcome !== 'not_eligible') out.set(f.enterpriseId, { outcome: m.outcome, codes: m.codes });
  }
  return out;
}

/** The stored row with one policy's outcome replaced (or removed when `next` is undefined); null when nothing is left. */
export function withPolicyOutcome(row: EnterpriseMatches | undefined, enterpriseId: string, key: number, next: PairOutcome | undefined): EnterpriseMatches | null {
  const outcomes = row ? outcomesOf(row) : new Map<number, PairOutcome>();
  if (next) outcomes.set(key, next);
  else outcomes.delete(key);
  return enterpriseMatchesOf(enterpriseId, outcomes);
}
