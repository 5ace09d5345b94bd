import { describe, expect, it } from 'vitest';
import { divisionName, readDivisions } from './divisions';

describe('readDivisions (Zhejiang, 统计用区划代码 2023)', () => {
  const rows = readDivisions();
  const byCode = new Map(rows.map((r) => [r.code, r]));

  it('has one province, 11 cities, 90 counties/districts and their streets/towns', () => {
    const count = (level: number) => rows.filter((r) => r.level === level).length;
    expect([count(1), count(2), count(3)]).toEqual([1, 11, 90]);
    expect(count(4)).toBe(1387);
    expect(byCode.get('330000')).toEqual({ code: '330000', name: '浙江省', level: 1, parentCode: '' });
  });

  it('has unique codes and consistent parents', () => {
    expect(byCode.size).toBe(rows.length);
    for (const r of rows.filter((x) => x.level > 1)) {
      const parent = byCode.get(r.parentCode);
      expect(parent, r.code).toBeDefined();
      expect(parent!.level).toBe(r.level - 1);
      // A county starts with its city's first 4 digits; a street with its county's 6.
      const prefix = r.level === 2 ? 2 : r.level === 3 ? 4 : 6;
      expect(r.code.slice(0, prefix)).toBe(r.parentCode.slice(0, prefix));
    }
  });

  it('spot checks', () => {
    expect(byCode.get('330100')).toMatchObject({ name: '杭州市', parentCode: '330000' });
    expect(byCode.get('330110')).toMatchObject({ name: '余杭区', level: 3, parentCode: '330100' });
    expect(byCode.get('330110010')).toMatchObject({ name: '良渚街道', level: 4, parentCode: '330110' });
    expect(byCode.get('330113')?.name).toBe('临平区'); // split from 余杭 in 2021
    expect(byCode.get('331023')).toMatchObject({ name: '天台县', parentCode: '331000' });
    expect(byCode.get('331000')?.name).toBe('台州市');
    expect(byCode.get('330602')).toMatchObject({ name: '越城区', parentCode: '330600' });
    expect(byCode.get('330600')?.name).toBe('绍兴市');
  });

  it('names a code, and an unknown code with an empty name', () => {
    expect([divisionName('330110010'), divisionName('330110'), divisionName('330110999')]).toEqual(['良渚街道', '余杭区', '']);
  });
});
