import { describe, expect, it } from 'vitest';
import { amountAtRisk, countedAmounts, settlementCarriers, settlementRankSql } from './settlement-amount';

const f = (id: number, setlId: string, amountFen: number) => ({ id, setlId, amountFen });

describe('the money at risk: each settlement once, at its largest finding', () => {
  it('counts a settlement flagged by two rules once, at the larger finding', () => {
    // WI_DUPLICATE 1,087.83 and WI_PAID_BY_MEDICAL 1,087.83 on one stay; another settlement 50.00
    expect(amountAtRisk([f(1, 'S1', 108_783), f(2, 'S1', 108_783), f(3, 'S2', 5_000)])).toBe(113_783);
    expect(amountAtRisk([f(1, 'S1', 300), f(2, 'S1', 700), f(3, 'S1', 500)])).toBe(700);
  });

  it('adds different settlements, and is 0 for none', () => {
    expect(amountAtRisk([f(1, 'A', 1), f(2, 'B', 2), f(3, 'C', 3)])).toBe(6);
    expect(amountAtRisk([])).toBe(0);
  });

  it('gives the settlement to its largest finding, the lowest id between equals', () => {
    const c = settlementCarriers([f(5, 'S1', 100), f(4, 'S1', 100), f(9, 'S2', 10), f(8, 'S2', 20)]);
    expect(c.get('S1')!.id).toBe(4);
    expect(c.get('S2')!.id).toBe(8);
    // the order of the input changes nothing
    const r = settlementCarriers([f(8, 'S2', 20), f(4, 'S1', 100), f(9, 'S2', 10), f(5, 'S1', 100)]);
    expect([r.get('S1')!.id, r.get('S2')!.id]).toEqual([4, 8]);
  });

  it('counts each finding at its amount when it carries its settlement, else 0; the counts add up to the amount', () => {
    const fs = [f(1, 'S1', 300), f(2, 'S1', 700), f(3, 'S2', 50)];
    const counted = countedAmounts(fs);
    expect([...counted.entries()]).toEqual([[1, 0], [2, 700], [3, 50]]);
    expect([...counted.values()].reduce((a, b) => a + b, 0)).toBe(amountAtRisk(fs));
  });

  it('writes the same rule as a window expression', () => {
    expect(settlementRankSql({ id: 'f.id', setlId: 'f.setl_id', amountFen: 'f.amount_fen' }))
      .toBe('row_number() OVER (PARTITION BY f.setl_id ORDER BY f.amount_fen DESC, f.id)');
    expect(settlementRankSql({ id: 'c.id', setlId: 'c.setl_id', amountFen: 'c.amount_fen' }, ['c.k']))
      .toBe('row_number() OVER (PARTITION BY c.k, c.setl_id ORDER BY c.amount_fen DESC, c.id)');
  });
});
