// Property tests (fast-check) over the shipped schemes, with facts generated from each scheme's
// own declarations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadShippedScheme } from '../../load-scheme-file';
import { evaluateScheme, type CompiledScheme, type EvaluationResult, type FactDoc, type FieldDoc, type RuleDoc, type Trace } from '../index';

const SCHEMES = ['tiantai-personal', 'tiantai-enterprise', 'shanghai-residence', 'canada-fsw'].map((n) => loadShippedScheme(n));
const personal = SCHEMES[0]!;
const ASOF = '2024-06-30';

function valueArb(decl: FactDoc | FieldDoc): fc.Arbitrary<unknown> {
  switch (decl.type) {
    case 'enum':
      return fc.constantFrom(...decl.values.map((v) => v.value));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'number':
      if (decl.key === 'year') return fc.integer({ min: 2010, max: 2026 });
      return fc.oneof(
        fc.integer({ min: decl.min ?? 0, max: 120 }),
        fc.integer({ min: decl.min ?? 0, max: 2_000_000 }),
        decl.integer ? fc.integer({ min: decl.min ?? 0, max: 50 }) : fc.double({ min: decl.min ?? 0, max: 10, noNaN: true, noDefaultInfinity: true }),
      );
    case 'list':
      return fc.array(fc.record(Object.fromEntries(decl.fields.map((f) => [f.key, valueArb(f)]))), { maxLength: 6 });
  }
}

/** Complete fact sets (every declared fact present). */
function factsArb(s: CompiledScheme): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries([...s.facts.values()].map((f) => [f.key, valueArb(f)])));
}

/** Fact sets where any fact may be missing. */
function partialFactsArb(s: CompiledScheme): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries([...s.facts.values()].map((f) => [f.key, valueArb(f)])), { requiredKeys: [] });
}

function walk(t: Trace | null, visit: (t: Trace) => void) {
  if (!t) return;
  visit(t);
  if (t.kind === 'combine') t.parts.forEach((p) => walk(p, visit));
  if (t.kind === 'list') t.entries.forEach((e) => walk(e.trace, visit));
  if (t.kind === 'when') walk(t.then, visit);
}

/** Everything but the traces (a list trace names entries by their position in the input). */
function outcome(r: EvaluationResult) {
  return {
    total: r.total,
    passed: r.passed,
    tier: r.tier,
    groups: r.groups,
    items: r.items.map((i) => ({ id: i.itemId, status: i.status, points: i.points, raw: i.rawPoints, caps: i.capsApplied })),
  };
}

describe.each(SCHEMES.map((s) => [s.code, s] as const))('properties of %s', (_code, scheme) => {
  it('caps are never exceeded (rule, item, group, total)', () => {
    const itemCaps = new Map(scheme.doc.items.map((i) => [i.id, i.cap]));
    const groupCaps = new Map((scheme.doc.groups ?? []).map((g) => [g.id, g.cap]));
    fc.assert(
      fc.property(partialFactsArb(scheme), (facts) => {
        const r = evaluateScheme(scheme, facts, { asOf: ASOF });
        for (const item of r.items) {
          const cap = itemCaps.get(item.itemId);
          if (cap !== undefined) expect(Math.abs(item.points)).toBeLessThanOrEqual(cap);
          walk(item.trace, (t) => {
            if ('cap' in t && t.cap) expect(t.points).toBe(t.cap.cap);
          });
          for (const c of item.capsApplied) expect(c.before).toBeGreaterThan(c.cap);
        }
        for (const g of r.groups) {
          const cap = groupCaps.get(g.groupId);
          if (cap !== undefined) expect(g.points).toBeLessThanOrEqual(cap);
          expect(g.points).toBeLessThanOrEqual(g.rawPoints);
        }
        if (scheme.totalCap !== undefined) expect(r.bonusTotal).toBeLessThanOrEqual(scheme.totalCap);
        // the total is the bonus (after caps) plus the deductions, and never more than the items add up to
        const bonusItems = r.items.filter((i) => i.kind === 'bonus').reduce((a, i) => a + i.points, 0);
        expect(r.bonusTotal).toBeLessThanOrEqual(bonusItems + 1e-9);
        expect(r.total).toBeCloseTo(r.bonusTotal + r.deductionTotal, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('results do not depend on the order of list entries or of object keys', () => {
    fc.assert(
      fc.property(
        factsArb(scheme).chain((facts) => {
          const keys = Object.keys(facts);
          return fc.tuple(fc.constant(facts), fc.shuffledSubarray(keys, { minLength: keys.length }), fc.integer({ min: 0, max: 1000 }));
        }),
        ([facts, keyOrder, seed]) => {
          const reordered: Record<string, unknown> = {};
          for (const k of keyOrder) {
            const v = facts[k];
            reordered[k] = Array.isArray(v)
              ? rotate(v, seed).map((e: Record<string, unknown>) => Object.fromEntries(Object.entries(e).reverse()))
              : v;
          }
          const a = evaluateScheme(scheme, facts, { asOf: ASOF });
          const b = evaluateScheme(scheme, reordered, { asOf: ASOF });
          expect(outcome(b)).toEqual(outcome(a));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a missing fact never yields "scored" for an item that reads it unconditionally', () => {
    // Only facts an item cannot do without: a `when` may decide before reading a fact (Shanghai's
    // contribution base reads the 36-of-48 multiple only when the 24-of-36 one is below 3), and
    // `all` is false as soon as one part is false, whatever the missing one would say.
    fc.assert(
      fc.property(factsArb(scheme), fc.nat(), (facts, pick) => {
        const keys = Object.keys(facts);
        const drop = keys[pick % keys.length]!;
        const { [drop]: _dropped, ...rest } = facts;
        const r = evaluateScheme(scheme, rest, { asOf: ASOF });
        for (const item of r.items) {
          const compiled = scheme.items.find((i) => i.id === item.itemId)!;
          const doc = scheme.doc.items[compiled.index]!;
          const needed = doc.rule ? unconditionalFacts(doc.rule) : new Set<string>();
          if (doc.condition && 'fact' in doc.condition && doc.condition.fact) needed.add(doc.condition.fact);
          if (needed.has(drop)) {
            if (item.status === 'scored') expect.fail(`${item.itemId} scored without ${drop}`);
            expect(item.points).toBe(0);
          }
        }
        expect(r.complete).toBe(r.items.every((i) => i.status !== 'not_evaluated'));
      }),
      { numRuns: 300 },
    );
  });
});

/** Facts a rule reads whatever the other facts are. */
function unconditionalFacts(rule: RuleDoc): Set<string> {
  const out = new Set<string>();
  const visit = (r: RuleDoc) => {
    switch (r.type) {
      case 'table':
      case 'perUnit':
        if (r.fact) out.add(r.fact);
        return;
      case 'grid':
        if (r.rows.fact) out.add(r.rows.fact);
        if (r.columns.fact) out.add(r.columns.fact);
        return;
      case 'list':
        out.add(r.fact);
        return;
      case 'combine':
        r.of.forEach(visit);
        return;
      case 'when': {
        const first = r.cases[0]!.if as { fact?: string };
        if (first.fact) out.add(first.fact);
        return;
      }
      case 'fixed':
        return;
    }
  };
  visit(rule);
  return out;
}

function rotate<T>(list: readonly T[], by: number): T[] {
  if (list.length === 0) return [];
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)].reverse();
}

describe('properties of the Tiantai personal scheme', () => {
  const award = fc.record({ level: fc.constantFrom('national', 'provincial', 'city', 'county'), year: fc.integer({ min: 2010, max: 2026 }) });

  it('adding an award (a `max` list) never lowers the award item', () => {
    fc.assert(
      fc.property(factsArb(personal), award, (facts, extra) => {
        const before = evaluateScheme(personal, facts, { asOf: ASOF });
        const after = evaluateScheme(personal, { ...facts, awards: [...(facts.awards as unknown[]), extra] }, { asOf: ASOF });
        const pts = (r: EvaluationResult) => r.items.find((i) => i.itemId === 'awards')!.points;
        expect(pts(after)).toBeGreaterThanOrEqual(pts(before));
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { numRuns: 300 },
    );
  });

  it('more years in the county, more patents or a higher salary never lower the total', () => {
    fc.assert(
      fc.property(factsArb(personal), fc.constantFrom('yearsInCounty', 'inventionPatents', 'utilityPatents', 'keyProjects', 'annualSalary', 'socialInsuranceMonths'), fc.integer({ min: 1, max: 100_000 }), (facts, key, more) => {
        const before = evaluateScheme(personal, facts, { asOf: ASOF });
        const after = evaluateScheme(personal, { ...facts, [key]: (facts[key] as number) + more }, { asOf: ASOF });
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluation is deterministic and pinned to the scheme hash and asOf', () => {
    fc.assert(
      fc.property(partialFactsArb(personal), (facts) => {
        const a = evaluateScheme(personal, facts, { asOf: ASOF });
        const b = evaluateScheme(personal, structuredClone(facts), { asOf: ASOF });
        expect(b).toEqual(a);
        expect(a.schemeHash).toBe(personal.hash);
        expect(a.asOf).toBe(ASOF);
      }),
      { numRuns: 100 },
    );
  });
});
