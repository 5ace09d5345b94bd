import { describe, expect, it } from 'vitest';
import { matchScore, rankMatches, industryFraction, rdFraction, type MatchableEnterprise } from './transfer-match';

const result = { industryPrefixes: ['6513', '392'], keywords: ['机器视觉', '芯片', '边缘计算'] };
const base: MatchableEnterprise = {
  industryCode: '3921', name: '杭州某智能科技有限公司', businessScope: '芯片设计；边缘计算设备的研发', tags: ['AI'],
  highTech: true, rdFen: 4_000_000, revenueFen: 100_000_000, rdYear: 2025,
};

describe('transfer matching: the score per factor (hand-worked)', () => {
  it('industry 中类 0.8 × 35 + keywords 2/3 × 30 + R&D 4 % 0.7 × 20 + high-tech 15 = 77.0', () => {
    const m = matchScore(result, base);
    expect(m.factors.map((f) => [f.key, f.points])).toEqual([['industry', 28], ['keywords', 20], ['rd', 14], ['highTech', 15]]);
    expect(m.score).toBe(77);
    expect(m.factors[0]!.reason).toBe('行业 3921 属于 392');
    expect(m.factors[1]!.reason).toBe('命中关键词：芯片、边缘计算（2/3）');
    expect(m.factors[2]!.reason).toBe('2025 年研发投入强度 4.0%');
  });

  it('with chain data the chain factor joins and the score is over 110 weights: 77 / 110 = 70.0', () => {
    const m = matchScore({ ...result, chainLinks: ['l1'] }, { ...base, chainLinks: ['l2'] });
    expect(m.factors.at(-1)).toMatchObject({ key: 'chain', points: 0 });
    expect(m.score).toBe(70);
    expect(matchScore({ ...result, chainLinks: ['l1'] }, { ...base, chainLinks: ['l1', 'l2'] }).score).toBe(79.1); // 87 / 110
  });

  it('only the same 大类 gives 0.3 of the industry weight; nothing else: 10.5', () => {
    const m = matchScore(result, { ...base, industryCode: '3990', name: '某公司', businessScope: '', tags: [], highTech: false, rdFen: null, revenueFen: null });
    expect(m.factors.map((f) => f.points)).toEqual([10.5, 0, 0, 0]);
    expect(m.score).toBe(10.5);
    expect(m.factors[0]!.reason).toBe('行业 3990 与 392 同属大类 39');
  });

  it('the best industry prefix counts: 6513 at 小类 is full marks', () => {
    expect(industryFraction(['65', '6513'], '6513')).toEqual({ fraction: 1, prefix: '6513' });
    expect(industryFraction(['65'], '6513')).toEqual({ fraction: 0.6, prefix: '65' });
    expect(industryFraction(['27'], '6513')).toEqual({ fraction: 0, prefix: null });
  });

  it('R&D intensity bands: 5 % and up 1.0, 3 % 0.7, any 0.4, spend without revenue 0.4, none 0', () => {
    expect(rdFraction(5, 100).fraction).toBe(1);
    expect(rdFraction(3, 100).fraction).toBe(0.7);
    expect(rdFraction(1, 100).fraction).toBe(0.4);
    expect(rdFraction(1, null).fraction).toBe(0.4);
    expect(rdFraction(0, 100).fraction).toBe(0);
    expect(rdFraction(null, 100).fraction).toBe(0);
  });

  it('keywords: case-insensitive, each counted once, full marks at three', () => {
    const m = matchScore({ industryPrefixes: [], keywords: ['AI', 'ai', '视觉', '芯片', '雷达'] }, { ...base, businessScope: '机器视觉 芯片 雷达', tags: ['ai'] });
    expect(m.factors[1]).toMatchObject({ fraction: 1, points: 30 });
  });

  it('ranks by score and leaves out the zero scores', () => {
    const es = [
      { ...base, id: 'a', name: '乙', highTech: false },
      { ...base, id: 'b', name: '甲' },
      { ...base, id: 'c', name: '丙', industryCode: '1311', businessScope: '', tags: [], highTech: false, rdFen: null },
    ];
    expect(rankMatches(result, es, 10).map((m) => [m.enterprise.id, m.score])).toEqual([['b', 77], ['a', 62]]);
    expect(rankMatches(result, es, 1)).toHaveLength(1);
  });
});
