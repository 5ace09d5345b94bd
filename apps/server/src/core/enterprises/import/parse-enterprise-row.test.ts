import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../reference/domain/credit-code';
import { COLUMNS, parseEnterpriseRow, type Lookups } from './parse-enterprise-row';

const lookups: Lookups = {
  industryCodes: new Set(['6513', '7452']),
  streets: new Map([['330110010', '良渚街道'], ['330110012', '仓前街道']]),
  parks: new Map([['梦想小镇', 'park-1']]),
};
const CC = makeCreditCode('91330110MA2KY0001');

function row(overrides: Record<string, string> = {}) {
  return { [COLUMNS.creditCode]: CC, [COLUMNS.name]: '杭州测试科技有限公司', [COLUMNS.industryCode]: '6513', [COLUMNS.street]: '良渚街道', ...overrides };
}

describe('parseEnterpriseRow', () => {
  it('reads a minimal valid row with defaults', () => {
    const r = parseEnterpriseRow(row(), lookups);
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({ creditCode: CC, divisionCode: '330110010', parkId: null, status: 'active', aboveScale: false, tags: [] });
  });

  it('reads every optional column', () => {
    const r = parseEnterpriseRow(row({
      [COLUMNS.street]: '330110012',
      [COLUMNS.park]: '梦想小镇',
      [COLUMNS.establishedOn]: '2020/5/8',
      [COLUMNS.registeredCapital]: '1,000',
      [COLUMNS.revenue]: '3200.5',
      [COLUMNS.assets]: '0.000001',
      [COLUMNS.employees]: '56',
      [COLUMNS.aboveScale]: '是',
      [COLUMNS.highTech]: 'Y',
      [COLUMNS.listed]: '否',
      [COLUMNS.tags]: '数字经济，专精特新；数字经济',
      [COLUMNS.status]: '停业',
    }), lookups);
    expect(r.errors).toEqual([]);
    expect(r.input).toMatchObject({
      divisionCode: '330110012', parkId: 'park-1', establishedOn: '2020-05-08', registeredCapitalFen: 1_000_000_000,
      revenueFen: 3_200_500_000, assetsFen: 1, employees: 56, aboveScale: true, highTech: true, listed: false,
      tags: ['数字经济', '专精特新'], status: 'suspended',
    });
  });

  it.each([
    [COLUMNS.creditCode, CC.slice(0, 17) + (CC[17] === '0' ? '1' : '0'), '校验位不正确'],
    [COLUMNS.creditCode, CC.slice(0, 16), '应为 18 位'],
    [COLUMNS.creditCode, `${CC.slice(0, 17)}I`, '含有不允许的字符'],
    [COLUMNS.creditCode, '', '必填'],
    [COLUMNS.name, '', '必填'],
    [COLUMNS.industryCode, '6510', '不是 GB/T 4754-2017 小类代码'],
    [COLUMNS.street, '临平街道', '不是本辖区的街道'],
    [COLUMNS.park, '不存在园', '不存在'],
    [COLUMNS.establishedOn, '2021-02-30', '日期不存在'],
    [COLUMNS.establishedOn, '昨天', '日期格式'],
    [COLUMNS.revenue, '-5', '不小于 0 的数字'],
    [COLUMNS.revenue, '1.0000001', '不小于 0 的数字'],
    [COLUMNS.employees, '12.5', '整数'],
    [COLUMNS.aboveScale, '也许', '是 或 否'],
    [COLUMNS.status, '倒闭', '在营、停业 或 注销'],
  ])('reports %s = %j with a reason', (column, value, reason) => {
    const r = parseEnterpriseRow(row({ [column]: value }), lookups);
    expect(r.input).toBeNull();
    expect(r.errors).toEqual([{ column, message: expect.stringContaining(reason) }]);
  });

  it('reports every bad cell of a row, not just the first', () => {
    const r = parseEnterpriseRow(row({ [COLUMNS.creditCode]: 'x', [COLUMNS.industryCode]: '99', [COLUMNS.employees]: 'many' }), lookups);
    expect(r.errors.map((e) => e.column)).toEqual([COLUMNS.creditCode, COLUMNS.industryCode, COLUMNS.employees]);
  });
});
