import { describe, expect, it } from 'vitest';
import { ageInYears, compileCriteria, explainMatch, missingFields, outcomeOf, validateCriteria, type Criteria } from '.';
import type { EnterpriseFacts } from '../../../../core/enterprises/domain/enterprise-facts';

const base: EnterpriseFacts = {
  enterpriseId: 'e1', industryCode: '6513', sizeClass: 'small', aboveScale: false, highTech: true,
  divisionCode: '330110010', parkId: 'park-1', establishedOn: '2020-03-01', employees: 80,
  revenueFen: 20_000_000_00, taxFen: null, creditRating: null, tags: ['数字经济'],
};
const today = '2026-03-10';
const run = (c: Criteria, f: Partial<EnterpriseFacts> = {}, day = today) => compileCriteria(c, day).match({ ...base, ...f });
const all = (...items: Criteria['items']): Criteria => ({ combine: 'all', items });

describe('age on the day', () => {
  it('counts a year only once its anniversary has come', () => {
    expect(ageInYears('2020-03-01', '2023-03-01')).toBe(3);
    expect(ageInYears('2020-03-01', '2023-02-28')).toBe(2);
    expect(ageInYears('2020-02-29', '2021-02-28')).toBe(0);
    expect(ageInYears('2020-02-29', '2021-03-01')).toBe(1);
  });
  it('applies ≥ and > exactly on the anniversary', () => {
    const gte3 = all({ field: 'ageYears', op: 'gte', value: 3 });
    const gt3 = all({ field: 'ageYears', op: 'gt', value: 3 });
    expect(run(gte3, { establishedOn: '2023-03-10' }).outcome).toBe('eligible'); // exactly 3 today
    expect(run(gte3, { establishedOn: '2023-03-11' }).outcome).toBe('not_eligible'); // 3 tomorrow
    expect(run(gt3, { establishedOn: '2023-03-10' }).outcome).toBe('not_eligible');
    expect(run(gt3, { establishedOn: '2022-03-10' }).outcome).toBe('eligible');
    const lt3 = all({ field: 'ageYears', op: 'lt', value: 3 });
    const lte3 = all({ field: 'ageYears', op: 'lte', value: 3 });
    expect(run(lt3, { establishedOn: '2023-03-11' }).outcome).toBe('eligible');
    expect(run(lt3, { establishedOn: '2023-03-10' }).outcome).toBe('not_eligible');
    expect(run(lte3, { establishedOn: '2022-03-11' }).outcome).toBe('eligible');
    expect(run(lte3, { establishedOn: '2022-03-10' }).outcome).toBe('not_eligible');
  });
  it('agrees with ageInYears on every day of two years, founding on 29 February included', () => {
    const founded = ['2020-02-29', '2020-03-01', '2019-12-31'];
    for (const est of founded) {
      for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2023, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const age = ageInYears(est, day);
        for (const n of [0, 1, 2, 3, 4]) {
          expect(run(all({ field: 'ageYears', op: 'gte', value: n }), { establishedOn: est }, day).outcome === 'eligible', `${est} ${day} ≥${n}`).toBe(age >= n);
          expect(run(all({ field: 'ageYears', op: 'lt', value: n }), { establishedOn: est }, day).outcome === 'eligible', `${est} ${day} <${n}`).toBe(age < n);
        }
      }
    }
  });
});

describe('thresholds', () => {
  const at = (op: 'gte' | 'gt' | 'lte' | 'lt') => all({ field: 'revenueFen', op, value: 20_000_000_00 });
  it('≥ and ≤ include the threshold, > and < do not', () => {
    expect(run(at('gte')).outcome).toBe('eligible');
    expect(run(at('gt')).outcome).not.toBe('eligible');
    expect(run(at('lte')).outcome).toBe('eligible');
    expect(run(at('lt')).outcome).not.toBe('eligible');
    expect(run(at('gt'), { revenueFen: 20_000_000_01 }).outcome).toBe('eligible');
    expect(run(at('lt'), { revenueFen: 19_999_999_99 }).outcome).toBe('eligible');
  });
});

describe('missing data and nearly', () => {
  const c = all(
    { field: 'highTech', op: 'is', value: true },
    { field: 'taxFen', op: 'gte', value: 1_000_000_00 },
    { field: 'creditRating', op: 'in', values: ['A', 'B'] },
  );
  it('unknown facts make it nearly, with the missing fields named', () => {
    const m = run(c);
    expect(m).toEqual({ outcome: 'nearly', codes: 'PUU' });
    expect(missingFields(c, m.codes)).toEqual(['taxFen', 'creditRating']);
  });
  it('known facts decide', () => {
    expect(run(c, { taxFen: 1_000_000_00, creditRating: 'A' })).toEqual({ outcome: 'eligible', codes: 'PPP' });
    expect(run(c, { taxFen: 1_000_000_00, creditRating: 'C' })).toEqual({ outcome: 'nearly', codes: 'PPF' }); // one attainable fail
    expect(run(c, { taxFen: 10, creditRating: 'C' }).outcome).toBe('not_eligible'); // two fails
    expect(run(c, { taxFen: 10 }).outcome).toBe('not_eligible'); // a fail and an unknown
  });
  it('one failed criterion the enterprise cannot reach (industry, place, age) is not nearly', () => {
    const ind = all({ field: 'industry', op: 'prefix', values: ['27'] }, { field: 'highTech', op: 'is', value: true });
    expect(run(ind).outcome).toBe('not_eligible');
    const ht = all({ field: 'industry', op: 'prefix', values: ['65'] }, { field: 'highTech', op: 'is', value: true });
    expect(run(ht, { highTech: false })).toEqual({ outcome: 'nearly', codes: 'PF' });
  });
  it('size class, establishment date and revenue may be missing from the registry', () => {
    const c2 = all({ field: 'sizeClass', op: 'in', values: ['small', 'micro'] }, { field: 'ageYears', op: 'gte', value: 1 }, { field: 'revenueFen', op: 'gte', value: 1 });
    expect(run(c2, { sizeClass: null, establishedOn: null, revenueFen: null })).toEqual({ outcome: 'nearly', codes: 'UUU' });
  });
  it('any: one pass is enough; unknowns without a pass are nearly', () => {
    const any: Criteria = { combine: 'any', items: [{ field: 'tags', op: 'hasAny', values: ['专精特新'] }, { field: 'taxFen', op: 'gte', value: 5 }] };
    expect(run(any).outcome).toBe('nearly');
    expect(run(any, { tags: ['专精特新'] }).outcome).toBe('eligible');
    expect(run(any, { taxFen: 1 }).outcome).toBe('not_eligible');
  });
  it('outcomeOf gives from stored codes what the compiled matcher gave', () => {
    expect(outcomeOf('all', 'PUU', [true, true, true])).toBe('nearly');
    expect(outcomeOf('all', 'PF', [false, false])).toBe('not_eligible');
    expect(outcomeOf('all', 'PF', [false, true])).toBe('nearly');
    expect(outcomeOf('all', 'F', [true])).toBe('not_eligible'); // one criterion: failing it is not one step away
  });
  it('explains every criterion with the fact it read', () => {
    const e = explainMatch(c, { ...base, taxFen: 5 }, today);
    expect(e.outcome).toBe('not_eligible');
    expect(e.criteria.map((x) => [x.result, x.fact, x.missing])).toEqual([['P', true, false], ['F', 5, false], ['U', null, true]]);
  });
  it('tags, park and street', () => {
    expect(run(all({ field: 'tags', op: 'hasAll', values: ['数字经济', '专精特新'] })).outcome).toBe('not_eligible'); // alone: not one step away
    expect(run(all({ field: 'tags', op: 'hasAll', values: ['数字经济', '专精特新'] }, { field: 'highTech', op: 'is', value: true })).outcome).toBe('nearly');
    expect(run(all({ field: 'tags', op: 'hasNone', values: ['数字经济'] })).outcome).toBe('not_eligible');
    expect(run(all({ field: 'tags', op: 'hasAll', values: ['数字经济'] })).outcome).toBe('eligible');
    expect(run(all({ field: 'park', op: 'in', values: ['park-1'] })).outcome).toBe('eligible');
    expect(run(all({ field: 'park', op: 'in', values: ['park-1'] }), { parkId: null }).outcome).toBe('not_eligible');
    expect(run(all({ field: 'street', op: 'in', values: ['330110012'] })).outcome).toBe('not_eligible');
  });
});

describe('validation', () => {
  const bad = (x: unknown) => {
    const r = validateCriteria(x);
    if (r.ok) throw new Error('accepted');
    return r.problems;
  };
  it('refuses an unknown field, naming it', () => {
    const p = bad({ combine: 'all', items: [{ field: 'profit', op: 'gte', value: 1 }] });
    expect(p[0]!.path).toBe('criteria.items.0.field');
    expect(p[0]!.zh).toContain('profit');
    expect(p[0]!.en).toContain('"profit"');
  });
  it('refuses impossible values', () => {
    expect(bad({ combine: 'all', items: [{ field: 'revenueFen', op: 'gte', value: -1 }] })[0]!.path).toBe('criteria.items.0.value');
    expect(bad({ combine: 'all', items: [{ field: 'ageYears', op: 'gte', value: 500 }] })[0]!.zh).toContain('500');
    expect(bad({ combine: 'all', items: [{ field: 'ageYears', op: 'gte', value: 1.5 }] })[0]!.zh).toContain('整数');
    expect(bad({ combine: 'all', items: [{ field: 'sizeClass', op: 'in', values: ['huge'] }] })[0]!.zh).toContain('huge');
    expect(bad({ combine: 'all', items: [{ field: 'creditRating', op: 'in', values: ['AAA'] }] })[0]!.en).toContain('AAA');
    expect(bad({ combine: 'all', items: [{ field: 'industry', op: 'prefix', values: ['C'] }] })[0]!.path).toBe('criteria.items.0.values');
    expect(bad({ combine: 'all', items: [{ field: 'employees', op: 'lt', value: 0 }] })[0]!.path).toBe('criteria.items.0.value');
    expect(bad({ combine: 'all', items: [{ field: 'highTech', op: 'gte', value: 1 }] })[0]!.path).toBe('criteria.items.0.op');
    expect(bad({ combine: 'some', items: [{ field: 'highTech', op: 'is', value: true }] })[0]!.path).toBe('criteria.combine');
    expect(bad({ combine: 'all', items: [] })[0]!.path).toBe('criteria.items');
    expect(bad({ combine: 'all', items: [{ field: 'toString', op: 'is', value: true }] })[0]!.path).toBe('criteria.items.0.field');
  });
  it('accepts and normalises good criteria', () => {
    const r = validateCriteria({ combine: 'any', items: [{ field: 'tags', op: 'hasAny', values: [' 专精特新 ', '专精特新'] }] });
    expect(r).toEqual({ ok: true, criteria: { combine: 'any', items: [{ field: 'tags', op: 'hasAny', values: ['专精特新'] }] } });
  });
});

describe('the compiled matcher stops early and still agrees with the full evaluation', () => {
  it('gives the outcome and codes of every criterion evaluated (explainMatch + outcomeOf) on 20,000 random pairs', () => {
    let seed = 20261130;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const maybe = <T>(x: T): T | null => (rnd() < 0.3 ? null : x);
    const kinds: (() => Criteria['items'][number])[] = [
      () => ({ field: 'industry', op: 'prefix', values: [pick(['65', '27', '6513'])] }),
      () => ({ field: 'highTech', op: 'is', value: rnd() < 0.5 }),
      () => ({ field: 'sizeClass', op: 'in', values: [pick(['small', 'micro', 'large'])] }),
      () => ({ field: 'ageYears', op: pick(['gte', 'gt', 'lte', 'lt'] as const), value: Math.floor(rnd() * 10) }),
      () => ({ field: 'employees', op: pick(['gte', 'lt'] as const), value: Math.floor(rnd() * 200) }),
      () => ({ field: 'taxFen', op: 'gte', value: Math.floor(rnd() * 100) }),
      () => ({ field: 'tags', op: pick(['hasAny', 'hasAll', 'hasNone'] as const), values: [pick(['数字经济', '专精特新'])] }),
      () => ({ field: 'creditRating', op: 'in', values: [pick(['A', 'B'])] }),
      () => ({ field: 'park', op: 'in', values: [pick(['park-1', 'park-2'])] }),
    ];
    for (let i = 0; i < 2_000; i++) {
      const criteria: Criteria = { combine: rnd() < 0.8 ? 'all' : 'any', items: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(kinds)()) };
      const compiled = compileCriteria(criteria, today);
      for (let j = 0; j < 10; j++) {
        const f: EnterpriseFacts = {
          ...base, industryCode: pick(['6513', '2720', '0111']), highTech: rnd() < 0.5, sizeClass: maybe(pick(['small', 'micro', 'large'] as const)),
          establishedOn: maybe(pick(['2018-03-10', '2020-03-11', '2024-01-01'])), employees: maybe(Math.floor(rnd() * 200)), taxFen: maybe(Math.floor(rnd() * 100)),
          tags: rnd() < 0.5 ? ['数字经济'] : ['专精特新', '数字经济'], creditRating: maybe(pick(['A', 'B', 'C'] as const)), parkId: maybe(pick(['park-1', 'park-2'])),
        };
        const full = explainMatch(criteria, f, today);
        const m = compiled.match(f);
        expect(m.outcome).toBe(full.outcome);
        expect(m.codes).toBe(full.outcome === 'not_eligible' ? '' : full.codes);
      }
    }
  });
});
