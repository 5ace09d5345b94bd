import { describe, expect, it } from 'vitest';
import { compileCriteria, matchEnterprises, matchPolicyOutcomes, outcomesOf, withPolicyOutcome, type Criteria } from '.';
import type { EnterpriseFacts } from '../../../../core/enterprises/domain/enterprise-facts';

const base: EnterpriseFacts = {
  enterpriseId: 'e1', industryCode: '6513', sizeClass: 'small', aboveScale: false, highTech: true,
  divisionCode: '330110010', parkId: 'park-1', establishedOn: '2020-03-01', employees: 80,
  revenueFen: 20_000_000_00, taxFen: null, creditRating: null, tags: ['数字经济'],
};
const today = '2026-03-10';
const all = (...items: Criteria['items']): Criteria => ({ combine: 'all', items });
const highTech = all({ field: 'highTech', op: 'is', value: true });
const taxed = all({ field: 'highTech', op: 'is', value: true }, { field: 'taxFen', op: 'gte', value: 1 });
const software = all({ field: 'industry', op: 'prefix', values: ['65'] }, { field: 'employees', op: 'gte', value: 100 });
const farming = all({ field: 'industry', op: 'prefix', values: ['01'] });
const policies = [{ key: 7, criteria: software }, { key: 2, criteria: highTech }, { key: 5, criteria: taxed }, { key: 9, criteria: farming }];
const facts: EnterpriseFacts[] = [
  base,
  { ...base, enterpriseId: 'e2', highTech: false, industryCode: '0111', taxFen: 5 },
  { ...base, enterpriseId: 'e3', highTech: false, industryCode: '2720' },
];

describe('outcomes stored per enterprise', () => {
  it('holds, per enterprise, the keys it is eligible or nearly eligible for and the codes of each, as the pair matcher says', () => {
    const rows = matchEnterprises(policies, facts, today);
    // e3 fails everything it cannot reach (industry) and one attainable of one-criterion policies: no row
    expect(rows.map((r) => r.enterpriseId)).toEqual(['e1', 'e2']);
    expect(rows[0]).toEqual({ enterpriseId: 'e1', eligible: [2], nearly: [5, 7], codes: ['P', 'PU', 'PF'] });
    for (const r of rows) {
      const f = facts.find((x) => x.enterpriseId === r.enterpriseId)!;
      const held = outcomesOf(r);
      for (const p of policies) {
        const m = compileCriteria(p.criteria, today).match(f);
        expect(held.get(p.key) ?? null, `${r.enterpriseId} × ${p.key}`).toEqual(m.outcome === 'not_eligible' ? null : { outcome: m.outcome, codes: m.codes });
      }
    }
  });
  it('replaces one policy in a stored row, and leaves nothing when the last one goes', () => {
    const [row] = matchEnterprises(policies, [base], today);
    expect(withPolicyOutcome(row, 'e1', 5, { outcome: 'eligible', codes: 'PP' })).toEqual({ enterpriseId: 'e1', eligible: [2, 5], nearly: [7], codes: ['P', 'PP', 'PF'] });
    expect(withPolicyOutcome(row, 'e1', 7, undefined)).toEqual({ enterpriseId: 'e1', eligible: [2], nearly: [5], codes: ['P', 'PU'] });
    expect(withPolicyOutcome({ enterpriseId: 'e1', eligible: [2], nearly: [], codes: ['P'] }, 'e1', 2, undefined)).toBeNull();
    expect(withPolicyOutcome(undefined, 'e4', 3, { outcome: 'nearly', codes: 'U' })).toEqual({ enterpriseId: 'e4', eligible: [], nearly: [3], codes: ['U'] });
  });
  it('one policy against many enterprises gives the same outcomes as every policy at once', () => {
    const one = matchPolicyOutcomes(taxed, facts, today);
    expect([...one.entries()]).toEqual([['e1', { outcome: 'nearly', codes: 'PU' }], ['e2', { outcome: 'nearly', codes: 'FP' }]]);
  });
});
