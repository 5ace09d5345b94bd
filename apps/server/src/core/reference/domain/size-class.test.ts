import { describe, expect, it } from 'vitest';
import { readIndustries } from '../industries';
import { classifySize, findSizeGroup, sizeRuleSetAt, type SizeIndicator } from './size-class';

describe('classifySize: the test vectors of economy.md §3.3', () => {
  it.each([
    ['工业 X=80 Y=20000 drops to small (X is at small level)', { industryCode: '3911', employees: 80, revenueWan: 20000 }, 'small'],
    ['工业 X=1000 Y=40000 is large', { industryCode: '3911', employees: 1000, revenueWan: 40000 }, 'large'],
    ['工业 X=1000 Y=39999 is medium', { industryCode: '3911', employees: 1000, revenueWan: 39999 }, 'medium'],
    ['软件 X=9 Y=5000 is micro', { industryCode: '6513', employees: 9, revenueWan: 5000 }, 'micro'],
    ['其他未列明 X=100 is medium', { industryCode: '7452', employees: 100 }, 'medium'],
  ] as const)('%s', (_name, input, expected) => {
    expect(classifySize(input)).toBe(expected);
  });
});

// One representative 小类 per group, and the group's bounds restated here on purpose: the test
// is a second transcription of the table, so a typo in either copy fails.
const TABLE: ReadonlyArray<[group: string, code: string, bounds: Partial<Record<SizeIndicator, [number, number, number]>>]> = [
  ['agriculture', '0111', { revenueWan: [20000, 500, 50] }],
  ['industry', 'C3911', { employees: [1000, 300, 20], revenueWan: [40000, 2000, 300] }],
  ['construction', '4710', { revenueWan: [80000, 6000, 300], assetsWan: [80000, 5000, 300] }],
  ['wholesale', '5193', { employees: [200, 20, 5], revenueWan: [40000, 5000, 1000] }],
  ['retail', '5292', { employees: [300, 50, 10], revenueWan: [20000, 500, 100] }],
  ['transport', '5431', { employees: [1000, 300, 20], revenueWan: [30000, 3000, 200] }],
  ['warehousing', '5920', { employees: [200, 100, 20], revenueWan: [30000, 1000, 100] }],
  ['postal', '6020', { employees: [1000, 300, 20], revenueWan: [30000, 2000, 100] }],
  ['accommodation', '6110', { employees: [300, 100, 10], revenueWan: [10000, 2000, 100] }],
  ['catering', '6210', { employees: [300, 100, 10], revenueWan: [10000, 2000, 100] }],
  ['informationTransmission', '6432', { employees: [2000, 100, 10], revenueWan: [100000, 1000, 100] }],
  ['software', '6513', { employees: [300, 100, 10], revenueWan: [10000, 1000, 50] }],
  ['realEstateDevelopment', '7010', { revenueWan: [200000, 1000, 100], assetsWan: [10000, 5000, 2000] }],
  ['propertyManagement', '7020', { employees: [1000, 300, 100], revenueWan: [5000, 1000, 500] }],
  ['leasingAndBusinessServices', '7211', { employees: [300, 100, 10], assetsWan: [120000, 8000, 100] }],
  ['otherUnlisted', '7452', { employees: [300, 100, 10] }],
];

describe('classifySize: boundaries of every industry group', () => {
  const HUGE = 1e9;
  for (const [group, code, bounds] of TABLE) {
    it(`${group} (${code}) finds its group`, () => {
      expect(findSizeGroup(code)?.id).toBe(group);
      expect(findSizeGroup(code)?.bounds).toEqual(bounds);
    });
    for (const [indicator, [large, medium, small]] of Object.entries(bounds) as [SizeIndicator, number[]][]) {
      it(`${group}: ${indicator} bounds ${large}/${medium}/${small} are inclusive lower bounds`, () => {
        // The other indicators sit at the large level, so this one alone decides the tier.
        const at = (value: number) =>
          classifySize({ industryCode: code, employees: HUGE, revenueWan: HUGE, assetsWan: HUGE, [indicator]: value });
        expect(at(large!)).toBe('large');
        expect(at(large! - 1)).toBe('medium');
        expect(at(medium!)).toBe('medium');
        expect(at(medium! - 1)).toBe('small');
        expect(at(small!)).toBe('small');
        expect(at(small! - 1)).toBe('micro');
        expect(at(0)).toBe('micro');
      });
    }
  }
});

describe('classifySize: regressions of the public Python implementation', () => {
  it('仓储 employees 200–299 are large (not medium), 100–199 medium', () => {
    expect(classifySize({ industryCode: '5920', employees: 250, revenueWan: 30000 })).toBe('large');
    expect(classifySize({ industryCode: '5920', employees: 150, revenueWan: 30000 })).toBe('medium');
    expect(classifySize({ industryCode: '5920', employees: 99, revenueWan: 30000 })).toBe('small');
  });

  it('信息传输 revenue 10000–99999 is medium (the band is not truncated at 10000)', () => {
    expect(classifySize({ industryCode: '6311', employees: 2000, revenueWan: 50000 })).toBe('medium');
    expect(classifySize({ industryCode: '6311', employees: 2000, revenueWan: 100000 })).toBe('large');
  });

  it('micro bounds are strict: 房地产 Z=2000, 物业 X=100, 租赁商务 X=10 and 其他 X=10 are small', () => {
    expect(classifySize({ industryCode: '7010', revenueWan: 500, assetsWan: 2000 })).toBe('small');
    expect(classifySize({ industryCode: '7020', employees: 100, revenueWan: 600 })).toBe('small');
    expect(classifySize({ industryCode: '7211', employees: 10, assetsWan: 500 })).toBe('small');
    expect(classifySize({ industryCode: '7452', employees: 10 })).toBe('small');
  });

  it('装卸搬运 (591) is transport, not warehousing; 社会工作 is 85, not 84 (卫生)', () => {
    expect(findSizeGroup('5910')?.id).toBe('transport');
    expect(findSizeGroup('5990')?.id).toBe('warehousing');
    expect(findSizeGroup('8521')?.id).toBe('otherUnlisted');
    expect(findSizeGroup('8411')).toBeUndefined();
  });
});

describe('classifySize: missing figures and scope', () => {
  it('returns null when a needed figure is missing', () => {
    expect(classifySize({ industryCode: '3911', employees: 500 })).toBeNull();
    expect(classifySize({ industryCode: '3911' })).toBeNull();
    expect(classifySize({ industryCode: '7010', revenueWan: 500000 })).toBeNull();
  });

  it('micro needs only one indicator, so one micro-level figure is enough', () => {
    expect(classifySize({ industryCode: '3911', employees: 5 })).toBe('micro');
    expect(classifySize({ industryCode: '4710', assetsWan: 100 })).toBe('micro');
  });

  it('ignores figures the group does not use', () => {
    expect(classifySize({ industryCode: '0111', revenueWan: 600, employees: 1 })).toBe('medium');
  });

  it('accepts codes with a 门类 letter or at 大类/中类 level, and a bare letter when it fixes the group', () => {
    expect(findSizeGroup('I6513')?.id).toBe('software');
    expect(findSizeGroup(' i651 ')?.id).toBe('software');
    expect(findSizeGroup('65')?.id).toBe('software');
    expect(findSizeGroup('C')?.id).toBe('industry');
    expect(findSizeGroup('L')?.id).toBe('leasingAndBusinessServices');
    expect(findSizeGroup('K')).toBeUndefined(); // 房地产 splits by 小类
    expect(findSizeGroup('C6513')).toBeUndefined(); // letter contradicts the digits
    expect(findSizeGroup('6')).toBeUndefined();
    expect(findSizeGroup('')).toBeUndefined();
  });

  it('returns null for industries outside the table', () => {
    for (const code of ['6621', '5311', '7040', '8310', '8411', '9221', '9700']) {
      expect(classifySize({ industryCode: code, employees: 1, revenueWan: 1, assetsWan: 1 })).toBeNull();
    }
  });

  it('rejects negative or non-finite figures', () => {
    expect(() => classifySize({ industryCode: '7452', employees: -1 })).toThrow(RangeError);
    expect(() => classifySize({ industryCode: '7452', employees: Number.NaN })).toThrow(RangeError);
  });

  it('keeps the rules as versioned data', () => {
    expect(sizeRuleSetAt().effectiveFrom).toBe('2011-06-18');
    expect(sizeRuleSetAt('2026-11-29').id).toBe(sizeRuleSetAt().id);
    expect(() => sizeRuleSetAt('2010-01-01')).toThrow(RangeError);
  });
});

describe('classifySize: coverage of the whole GB/T 4754-2017 table', () => {
  it('places every 小类 in a group, except the industries the regulation leaves out', () => {
    const uncovered = readIndustries()
      .filter((r) => r.level === 4 && !findSizeGroup(r.code))
      .map((r) => r.code);
    const expectedOut = (code: string) =>
      code.startsWith('53') || // 铁路运输业
      code === '7040' || // 房地产租赁经营 (自有房地产经营活动)
      /^(6[6-9]|8[34]|9[1-7])/.test(code); // J 金融, P 教育, 84 卫生, S, T
    expect(uncovered.filter((c) => !expectedOut(c))).toEqual([]);
    expect(uncovered.length).toBeGreaterThan(0);
  });
});
