import { describe, expect, it } from 'vitest';
import { chainFigures, descendantsOf, distinctMembers, gapOf, inLink, linksForIndustry, strengthScore, wouldCycle, type ChainEnterprise, type LinkDef } from './chain-map';

// The hand-worked chain of docs/economy/CHAINS.md:
//   集成电路 (root) ─ 设计 A [6520] ─ 制造 B [397] ─ 封装测试 C (keyword 封装, under B) ─ 设备 D [3562]
const link = (id: string, parentId: string | null, industryPrefixes: string[], keywords: string[] = [], sortOrder = 0): LinkDef => ({ id, parentId, name: id, industryPrefixes, keywords, sortOrder });
const LINKS = [link('root', null, []), link('A', 'root', ['6520'], [], 1), link('B', 'root', ['397'], [], 2), link('C', 'B', [], ['封装']), link('D', 'root', ['3562'], [], 3)];
const ent = (id: string, industryCode: string, text: string, x: Partial<ChainEnterprise> = {}): ChainEnterprise => ({ id, industryCode, text, aboveScale: false, highTech: false, ...x });
const ENTERPRISES = [
  ent('e1', '6520', '芯原微电子有限公司 集成电路设计', { aboveScale: true, highTech: true, current: 100, base: 80 }),
  ent('e2', '3973', '晶圆制造有限公司', { current: 50, base: 50 }),
  ent('e3', '6520', '芯片封装测试技术有限公司', { current: 30 }), // design by its code, packaging by its name; no figure a year ago
  ent('e4', '3973', '先进封装有限公司', {}), // manufacturing and packaging; not reported this period
  ent('e5', '6511', '软件有限公司', { current: 999, base: 1 }), // in no link
];

describe('chain links: membership by prefix at any level and by keyword', () => {
  it('a 中类 prefix (397) holds the 小类 codes under it; a keyword matches the name or business scope', () => {
    expect(inLink({ industryPrefixes: ['397'], keywords: [] }, ENTERPRISES[1]!)).toBe(true);
    expect(inLink({ industryPrefixes: ['3974'], keywords: [] }, ENTERPRISES[1]!)).toBe(false);
    expect(inLink({ industryPrefixes: [], keywords: ['封装'] }, ENTERPRISES[2]!)).toBe(true);
    expect(inLink({ industryPrefixes: [], keywords: [''] }, ENTERPRISES[2]!)).toBe(false);
  });
});

describe('distinct counting up the tree', () => {
  const m = distinctMembers(LINKS, ENTERPRISES);
  const sorted = (id: string) => [...m.get(id)!].sort();
  it('a parent holds its own and its children\'s enterprises, each once', () => {
    expect(sorted('C')).toEqual(['e3', 'e4']);
    expect(sorted('B')).toEqual(['e2', 'e3', 'e4']); // own e2, e4 + child e3, e4: 3, not 2 + 2
    expect(sorted('A')).toEqual(['e1', 'e3']);
    expect(sorted('D')).toEqual([]);
    expect(sorted('root')).toEqual(['e1', 'e2', 'e3', 'e4']); // A 2 + B 3 + D 0 = 5 summed; 4 distinct
  });
  it('a cycle in the tree is refused', () => {
    expect(() => distinctMembers([link('x', 'y', []), link('y', 'x', [])], ENTERPRISES)).toThrow(/own ancestor/);
    expect(wouldCycle(LINKS, 'B', 'C')).toBe(true);
    expect(wouldCycle(LINKS, 'C', 'A')).toBe(false);
    expect(wouldCycle(LINKS, 'A', null)).toBe(false);
  });
});

describe('figures, score and gaps (hand-worked)', () => {
  const f = new Map(chainFigures(LINKS, ENTERPRISES).map((x) => [x.id, x]));
  it('tree order: root, then each child followed by its own children', () => {
    expect(chainFigures(LINKS, ENTERPRISES).map((x) => x.id)).toEqual(['root', 'A', 'B', 'C', 'D']);
  });
  it('revenue and comparable growth over the distinct enterprises', () => {
    // root: total 100 + 50 + 30 = 180; compared e1, e2: (100 + 50) / (80 + 50) − 1
    expect(f.get('root')).toMatchObject({ enterprises: 4, aboveScale: 1, highTech: 1, revenue: 180, compared: 2 });
    expect(f.get('root')!.growthRate).toBeCloseTo(150 / 130 - 1, 10);
    expect(f.get('A')).toMatchObject({ enterprises: 2, revenue: 130, compared: 1, growthRate: 0.25 });
    expect(f.get('C')).toMatchObject({ enterprises: 2, revenue: 30, compared: 0, growthRate: null });
  });
  it('score = presence 50 × n/10 + scale 30 × above-scale/3 + growth 20 × place between −5 % and +15 %', () => {
    expect(f.get('root')!.score).toBe(20 + 10 + 20); // growth 15.4 % ≥ 15 %: full
    expect(f.get('A')!.score).toBe(10 + 10 + 20);
    expect(f.get('B')!.score).toBe(15 + 0 + 5); // (100 − 100 + …): e2 only compared, 0 % → (0 + 5) / 20 = 1/4
    expect(f.get('C')!.score).toBe(10 + 0 + 10); // unknown growth: half
    expect(f.get('D')!.score).toBe(0);
    expect(strengthScore({ enterprises: 12, aboveScale: 5, growthRate: -0.3 })).toBe(80);
  });
  it('no enterprise is a missing link; under 40 points a weak one', () => {
    expect(f.get('D')!.gap).toBe('missing');
    expect(f.get('C')!.gap).toBe('weak');
    expect(f.get('B')!.gap).toBe('weak');
    expect(f.get('A')!.gap).toBeNull(); // exactly 40 is not weak
    expect(gapOf(1, 39)).toBe('weak');
  });
});

describe('reading links by industry code (for technology transfer)', () => {
  it('a link covers a code when one of its prefixes starts it', () => {
    expect(linksForIndustry(LINKS, '3973').map((l) => l.id)).toEqual(['B']);
    expect(linksForIndustry(LINKS, '6520').map((l) => l.id)).toEqual(['A']);
    expect(linksForIndustry(LINKS, '39')).toEqual([]);
  });
  it('descendants of a link', () => {
    expect(descendantsOf(LINKS, 'root').sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(descendantsOf(LINKS, 'B')).toEqual(['C']);
  });
});
