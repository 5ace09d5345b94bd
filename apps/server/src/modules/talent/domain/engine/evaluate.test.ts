import { describe, expect, it } from 'vitest';
import { checkFacts, compileScheme, evaluateScheme, explainItem, explainResult, type SchemeDoc } from '../index';

const L = (zh: string, en: string) => ({ zh, en });

/** A scheme exercising the constructs the shipped Tiantai schemes do not: grid, when, item gates. */
const doc: SchemeDoc = {
  code: 'constructs',
  name: L('构造测试', 'Constructs'),
  kind: 'personal',
  version: 'v1',
  effective: { from: '2024-01-01' },
  facts: [
    {
      key: 'education',
      label: L('学历', 'Education'),
      type: 'enum',
      values: [
        { value: 'bachelor', label: L('本科', 'Bachelor') },
        { value: 'master', label: L('硕士', 'Master') },
      ],
    },
    { key: 'language', label: L('语言等级', 'Language level'), type: 'number', min: 0 },
    { key: 'married', label: L('已婚', 'Married'), type: 'boolean' },
    { key: 'arrived', label: L('来县日期', 'Arrival date'), type: 'date' },
    { key: 'patents', label: L('专利', 'Patents'), type: 'number', unit: L('项', 'patents'), min: 0 },
  ],
  groups: [
    { id: 'all', label: L('全部', 'All'), cap: 60 },
    { id: 'inner', label: L('内层', 'Inner'), parent: 'all', cap: 25, policy: 'max' },
  ],
  items: [
    {
      id: 'eduLang',
      label: L('学历语言分', 'Education × language'),
      group: 'all',
      rule: {
        type: 'grid',
        rows: { fact: 'education', categories: ['bachelor', 'master'] },
        columns: { fact: 'language', bands: [{ max: 5 }, { min: 5, max: 7 }, { min: 7 }] },
        points: [
          [0, 5, 10],
          [5, 10, 20],
        ],
      },
    },
    {
      // parallel tables chosen by a status (the CRS "with or without spouse" case)
      id: 'edu',
      label: L('学历分', 'Education'),
      group: 'inner',
      rule: {
        type: 'when',
        cases: [
          { if: { fact: 'married', eq: true }, then: { type: 'table', fact: 'education', categories: [{ value: 'bachelor', points: 10 }, { value: 'master', points: 14 }] } },
        ],
        else: { type: 'table', fact: 'education', categories: [{ value: 'bachelor', points: 12 }, { value: 'master', points: 30 }] },
      },
    },
    { id: 'years', label: L('年限分', 'Years'), group: 'inner', rule: { type: 'perUnit', fact: 'arrived', points: 3, after: 1 } },
    {
      // counts only when the education item scored at least 12 (a gate on another item's result)
      id: 'patents',
      label: L('专利分', 'Patents'),
      group: 'all',
      requires: { item: 'edu', gte: 12 },
      rule: { type: 'perUnit', fact: 'patents', points: 5, cap: 15 },
    },
  ],
};

const scheme = compileScheme(doc);
const at = (facts: Record<string, unknown>, asOf = '2024-06-30') => evaluateScheme(scheme, facts, { asOf });
const item = (r: ReturnType<typeof at>, id: string) => r.items.find((i) => i.itemId === id)!;

describe('constructs', () => {
  it('grid: points for the combination of two facts', () => {
    const r = at({ education: 'master', language: 7, married: false, arrived: '2020-07-01', patents: 0 });
    expect(item(r, 'eduLang').points).toBe(20);
    expect(explainItem(item(r, 'eduLang'))).toBe('学历语言分：学历 硕士 × 语言等级 7以上 → 20 分');
    expect(item(at({ education: 'bachelor', language: 4.9 }), 'eduLang').points).toBe(0);
  });

  it('when: a status switches the table; a missing status leaves the item unscored', () => {
    expect(item(at({ education: 'master', married: true }), 'edu').points).toBe(14);
    expect(item(at({ education: 'master', married: false }), 'edu').points).toBe(30);
    expect(item(at({ education: 'master' }), 'edu').status).toBe('not_evaluated');
  });

  it('per unit over a date counts full years to asOf, after the first one', () => {
    expect(item(at({ arrived: '2020-07-01' }), 'years').points).toBe(6); // 3 full years, first not counted
    expect(item(at({ arrived: '2020-06-30' }), 'years').points).toBe(9); // 4 full years on the anniversary
    expect(item(at({ arrived: '2024-01-01' }), 'years').points).toBe(0);
  });

  it('nested groups: max policy inside, caps at both levels', () => {
    const r = at({ education: 'master', language: 8, married: false, arrived: '2010-01-01', patents: 10 });
    const inner = r.groups.find((g) => g.groupId === 'inner')!;
    expect(inner.rawPoints).toBe(39); // max(edu 30, years 13 × 3 = 39)
    expect(inner.points).toBe(25);
    const all = r.groups.find((g) => g.groupId === 'all')!;
    expect(all.rawPoints).toBe(20 + 25 + 15);
    expect(all.points).toBe(60);
    expect(r.total).toBe(60);
  });

  it("requires on another item's points: gated, scored, or not evaluated with it", () => {
    expect(item(at({ education: 'bachelor', married: true, patents: 4 }), 'patents').status).toBe('gated');
    const ok = item(at({ education: 'master', married: false, patents: 4 }), 'patents');
    expect(ok.status).toBe('scored');
    expect(ok.points).toBe(15);
    expect(ok.capsApplied).toEqual([{ level: 'rule', at: 'patents', cap: 15, before: 20 }]);
    expect(explainItem(ok)).toBe('专利分：专利 4 项 × 5 分 = 20 分，超过上限 15 分，计 15 分');
    expect(item(at({ patents: 4 }), 'patents').status).toBe('not_evaluated');
  });

  it('rejects a malformed asOf', () => {
    expect(() => at({}, '2024/06/30')).toThrow(RangeError);
  });
});

describe('checkFacts', () => {
  it('reports unknown facts, wrong types and enum values with their paths', () => {
    const problems = checkFacts(scheme, { education: 'phd', language: '7', married: 'yes', arrived: '2024-13-45', salary: 1, patents: -1 });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['education', 'fact-enum'],
      ['language', 'fact-type'],
      ['married', 'fact-type'],
      ['arrived', 'fact-type'],
      ['salary', 'unknown-fact'],
      ['patents', 'fact-range'],
    ]);
    expect(problems.find((p) => p.path === 'salary')!.zh).toBe('积分办法中没有事实 salary');
  });

  it('checks list entries field by field', () => {
    const personal = compileScheme({
      ...doc,
      facts: [
        ...doc.facts,
        {
          key: 'awards',
          label: L('获奖', 'Awards'),
          type: 'list',
          fields: [{ key: 'level', label: L('级别', 'Level'), type: 'enum', values: [{ value: 'city', label: L('市级', 'City') }] }],
        },
      ],
    });
    const problems = checkFacts(personal, { awards: [{ level: 'city' }, { level: 'moon' }, { grade: 1 }] });
    expect(problems.map((p) => [p.path, p.code, p.severity])).toEqual([
      ['awards[1].level', 'fact-enum', 'error'],
      ['awards[2].grade', 'unknown-fact', 'error'],
      ['awards[2].level', 'missing-field', 'warning'],
    ]);
  });

  it('accepts null (explicitly unknown) and missing facts', () => {
    expect(checkFacts(scheme, { education: null })).toEqual([]);
  });
});

describe('explainResult', () => {
  it('renders en-US as well, and a summary with the cap', () => {
    const r = at({ education: 'master', language: 8, married: false, arrived: '2010-01-01', patents: 10 });
    const en = explainResult(r, 'en-US');
    expect(en.items.find((i) => i.itemId === 'patents')!.text).toBe('Patents: Patents 10 patents × 5 = 50 points, above the cap of 15, counted as 15');
    expect(en.groups.find((g) => g.groupId === 'inner')!.text).toBe('Inner: highest only 39 points, above the group cap of 25, counted as 25');
    expect(explainResult(r).summary).toBe('总分 60 分');
  });

  it('re-renders a stored (JSON round-tripped) result identically', () => {
    const r = at({ education: 'master', married: true, patents: 1 });
    expect(explainResult(JSON.parse(JSON.stringify(r)))).toEqual(explainResult(r));
  });
});
