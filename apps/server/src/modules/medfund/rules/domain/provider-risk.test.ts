import { describe, expect, it } from 'vitest';
import { median, rankProviders, robustZ, type ProviderStats } from './provider-risk';

const p = (code: string, over: Partial<ProviderStats> = {}): ProviderStats => ({
  code, name: code, type: '1', level: '2', settlements: 1000, costFen: 1000 * 20000, fundFen: 1000 * 14000, findings: 2, amountAtRiskFen: 0, ...over,
});

describe('provider risk', () => {
  it('median and modified z-scores', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(robustZ([10, 10, 10])).toEqual([null, null, null]);
    const z = robustZ([10, 11, 9, 10, 30]);
    expect(z[4]).toBeGreaterThan(3.5);
    expect(Math.abs(z[0]!)).toBeLessThan(1);
  });

  it('flags the provider far above its peers and ranks it first; peers of another level do not count', () => {
    const list = rankProviders([
      p('A'), p('B', { costFen: 1000 * 21000 }), p('C', { costFen: 1000 * 19000 }), p('D', { costFen: 1000 * 20500 }),
      p('E', { costFen: 1000 * 20000, findings: 40, amountAtRiskFen: 500000 }),
      p('T', { level: '3', costFen: 1000 * 90000 }),
    ]);
    expect(list[0]!.code).toBe('E');
    expect(list[0]!.outliers).toEqual(['findings']);
    expect(list.find((x) => x.code === 'T')!.zCost).toBeNull();
    expect(list.find((x) => x.code === 'A')!.peerCount).toBe(5);
    expect(list.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a group where most providers are equal still ranks the one that differs (MAD 0)', () => {
    const list = rankProviders([p('A'), p('B'), p('C'), p('D'), p('X', { findings: 12 })]);
    expect(list[0]!.code).toBe('X');
    expect(list[0]!.zFindings).toBeGreaterThan(3.5);
  });
});
