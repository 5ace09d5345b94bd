import { describe, expect, it } from 'vitest';
import { industryName, industrySectionRanges, readIndustries } from './industries';

describe('readIndustries (GB/T 4754-2017)', () => {
  const rows = readIndustries();
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const count = (level: number) => rows.filter((r) => r.level === level).length;

  it('has 20 门类, 97 大类, 473 中类 and 1382 小类 (with the 2019 amendment)', () => {
    // 1381 before the 2019 第1号修改单 (which added 9231 监察委员会), not the 1380 often quoted:
    // 3741 飞机制造 is a real 小类 that the source file
    // mis-coded as a second 374 row; see docs/REFERENCE_DATA.md.
    expect([count(1), count(2), count(3), count(4)]).toEqual([20, 97, 473, 1382]);
  });

  it('has unique codes', () => {
    expect(byCode.size).toBe(rows.length);
  });

  it('has the expected 小类 per 门类', () => {
    const perSection: Record<string, number> = {};
    for (const r of rows) {
      if (r.level !== 4) continue;
      const section = byCode.get(byCode.get(r.code.slice(0, 2))!.parentCode)!.code;
      perSection[section] = (perSection[section] ?? 0) + 1;
    }
    expect(perSection).toEqual({
      A: 72, B: 39, C: 609, D: 18, E: 44, F: 128, G: 67, H: 16, I: 34, J: 48,
      K: 5, L: 58, M: 48, N: 33, O: 32, P: 17, Q: 30, R: 48, S: 35, T: 1,
    });
  });

  it('links every row to an existing parent one level up, with a code prefix', () => {
    for (const r of rows) {
      if (r.level === 1) {
        expect(r.parentCode).toBe('');
        continue;
      }
      const parent = byCode.get(r.parentCode);
      expect(parent, r.code).toBeDefined();
      expect(parent!.level).toBe(r.level - 1);
      if (r.level > 2) expect(r.code.startsWith(r.parentCode)).toBe(true);
    }
  });

  it('gives every 中类 a row; a single-小类 中类 is named like its 小类 (code 中类+"0")', () => {
    const singles = rows.filter((r) => r.level === 3 && rows.filter((c) => c.parentCode === r.code).length === 1);
    for (const mid of singles) {
      const only = rows.find((c) => c.parentCode === mid.code)!;
      expect(only.code).toBe(`${mid.code}0`);
      expect(only.name).toBe(mid.name);
    }
    expect(singles.length).toBe(199);
  });

  it('spot checks', () => {
    expect(byCode.get('7452')).toEqual({ code: '7452', name: '检测服务', level: 4, parentCode: '745' });
    expect(byCode.get('745')).toMatchObject({ name: '质检技术服务', parentCode: '74' });
    expect(byCode.get('74')).toMatchObject({ name: '专业技术服务业', parentCode: 'M' });
    expect(byCode.get('M')).toMatchObject({ name: '科学研究和技术服务业', level: 1 });
    expect(byCode.get('6513')?.name).toBe('应用软件开发');
    expect(byCode.get('9700')).toMatchObject({ name: '国际组织', parentCode: '970' });
    expect(byCode.get('970')).toMatchObject({ name: '国际组织', level: 3, parentCode: '97' });
    expect(byCode.get('3741')).toMatchObject({ name: '飞机制造', parentCode: '374' });
    expect(byCode.get('374')?.name).toBe('航空、航天器及设备制造');
    expect(byCode.get('5910')?.name).toBe('装卸搬运');
    expect(byCode.get('0111')?.name).toBe('稻谷种植');
    expect(byCode.get('9291')?.name).toBe('消防管理机构');
  });

  it('includes the 2019 第1号修改单: 监察委员会 9231, courts and procuratorates one code later', () => {
    expect(byCode.get('923')?.name).toBe('监察委员会、人民法院和人民检察院');
    expect(['9231', '9232', '9233'].map((c) => byCode.get(c)?.name)).toEqual(['监察委员会', '人民法院', '人民检察院']);
  });

  it('is the 2017 edition, not 2011', () => {
    expect(byCode.has('6510')).toBe(false); // 2011 软件开发, split in 2017
    expect(byCode.get('6511')?.name).toBe('基础软件开发');
    expect(byCode.get('6432')?.name).toBe('互联网生活服务平台');
  });

  it('uses full-width brackets and no stray spaces in names', () => {
    for (const r of rows) expect(r.name, r.code).toMatch(/^[^\s()]+$/);
  });

  it('gives each 门类 as ranges of its 大类 codes', () => {
    expect(industrySectionRanges('A')).toEqual([['01', '06']]);
    expect(industrySectionRanges('C')).toEqual([['13', '44']]);
    expect(industrySectionRanges('T')).toEqual([['97', '98']]);
    // every 小类 falls in the ranges of its own 门类 and no other
    for (const r of rows.filter((x) => x.level === 4)) {
      const section = byCode.get(r.code.slice(0, 2))!.parentCode;
      const inside = (s: string) => industrySectionRanges(s).some(([from, to]) => r.code >= from && r.code < to);
      expect(inside(section)).toBe(true);
      expect([...'ABCDEFGHIJKLMNOPQRST'].filter((s) => s !== section && inside(s))).toEqual([]);
    }
  });

  it('names a code, and an unknown code with an empty name', () => {
    expect([industryName('7452'), industryName('C'), industryName('9999')]).toEqual(['检测服务', '制造业', '']);
  });
});
