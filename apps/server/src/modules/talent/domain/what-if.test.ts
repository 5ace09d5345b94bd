import { describe, expect, it } from 'vitest';
import { compareWhatIf, tierPopulation } from './index';

describe('compareWhatIf', () => {
  it('counts gained / lost / unchanged / tier changes and lists every subject', () => {
    const published = [
      { id: 'a', total: 100, tier: 'tier3' },
      { id: 'b', total: 210, tier: 'tier2' },
      { id: 'c', total: 50, tier: 'tier4' },
      { id: 'd', total: null, tier: null },
      { id: 'e', total: 10, tier: 'tier4' },
    ];
    const draft = [
      { id: 'a', total: 120, tier: 'tier3' },
      { id: 'b', total: 190, tier: 'tier3' },
      { id: 'c', total: 50, tier: 'tier4' },
      { id: 'd', total: 80, tier: 'tier4' },
      { id: 'f', total: 300, tier: 'tier1' },
    ];
    const r = compareWhatIf(published, draft, { tierOrder: ['tier1', 'tier2', 'tier3', 'tier4'] });
    expect(r.counts).toEqual({ subjects: 6, gained: 1, lost: 1, unchanged: 1, undecided: 1, tierChanged: 2, tierUp: 1, tierDown: 1, onlyPublished: 1, onlyDraft: 1 });
    expect(r.rows.map((x) => [x.id, x.change, x.delta, x.tierMove])).toEqual([
      ['a', 'gained', 20, null],
      ['b', 'lost', -20, 'down'],
      ['c', 'unchanged', 0, null],
      ['d', 'undecided', null, 'up'],
      ['e', 'onlyPublished', null, null],
      ['f', 'onlyDraft', null, null],
    ]);
  });

  it('refuses duplicate ids', () => {
    expect(() => compareWhatIf([{ id: 'a', total: 1 }, { id: 'a', total: 2 }], [])).toThrow(/duplicate/);
  });
});

describe('tierPopulation', () => {
  const quartiles = {
    method: 'rankShare' as const,
    tiers: ['A', 'B', 'C', 'D'].map((id) => ({ id, label: { zh: id, en: id }, share: 0.25 })),
  };

  it('gives ranks 1, 2, 2, 4 and never splits a tie', () => {
    const r = tierPopulation(quartiles, [
      { id: 'x', total: 10 },
      { id: 'y', total: 20 },
      { id: 'z', total: 20 },
      { id: 'w', total: 5 },
    ]);
    expect(r.map((a) => [a.id, a.rank, a.tier?.id])).toEqual([
      ['y', 1, 'A'],
      ['z', 1, 'A'],
      ['x', 3, 'C'],
      ['w', 4, 'D'],
    ]);
  });

  it('puts everybody in a tier and handles an empty population', () => {
    expect(tierPopulation(quartiles, [])).toEqual([]);
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `s${i}`, total: i }));
    const counts = new Map<string, number>();
    for (const a of tierPopulation(quartiles, many)) counts.set(a.tier!.id, (counts.get(a.tier!.id) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ A: 2, B: 2, C: 2, D: 1 }); // ⌈1.75⌉, ⌈3.5⌉, ⌈5.25⌉, 7
  });
});
