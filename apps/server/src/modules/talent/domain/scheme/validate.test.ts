import { describe, expect, it } from 'vitest';
import { compileScheme, SchemeValidationError, validateScheme } from '../index';

/** A small valid scheme; each test breaks one thing. */
function base(): Record<string, any> {
  return {
    code: 'test-scheme',
    name: { zh: '测试', en: 'Test' },
    kind: 'personal',
    version: 'v1',
    effective: { from: '2024-01-01', to: '2024-12-31' },
    facts: [
      {
        key: 'education',
        label: { zh: '学历', en: 'Education' },
        type: 'enum',
        values: [
          { value: 'bachelor', label: { zh: '本科', en: 'Bachelor' } },
          { value: 'master', label: { zh: '硕士', en: 'Master' } },
        ],
      },
      { key: 'salary', label: { zh: '年薪', en: 'Salary' }, type: 'number', min: 0 },
      {
        key: 'awards',
        label: { zh: '获奖', en: 'Awards' },
        type: 'list',
        fields: [
          { key: 'level', label: { zh: '级别', en: 'Level' }, type: 'enum', values: [{ value: 'city', label: { zh: '市级', en: 'City' } }] },
          { key: 'year', label: { zh: '年份', en: 'Year' }, type: 'number' },
        ],
      },
    ],
    groups: [{ id: 'basic', label: { zh: '基础', en: 'Basic' }, cap: 100 }],
    items: [
      {
        id: 'education',
        label: { zh: '学历分', en: 'Education' },
        group: 'basic',
        rule: { type: 'table', fact: 'education', complete: true, categories: [{ value: 'bachelor', points: 10 }, { value: 'master', points: 20 }] },
      },
      {
        id: 'salary',
        label: { zh: '薪酬分', en: 'Salary' },
        rule: {
          type: 'table',
          fact: 'salary',
          complete: true,
          bands: [
            { min: 0, max: 100, points: 0 },
            { min: 100, max: 200, points: 5 },
            { min: 200, points: 10 },
          ],
        },
      },
      {
        id: 'awards',
        label: { zh: '奖励分', en: 'Awards' },
        rule: { type: 'list', fact: 'awards', policy: 'max', entry: { type: 'table', field: 'level', categories: [{ value: 'city', points: 5 }] } },
      },
    ],
  };
}

function issuesOf(doc: unknown) {
  const r = validateScheme(doc);
  return r.ok ? [] : r.issues;
}

function expectIssue(doc: unknown, path: string, code: string) {
  const issues = issuesOf(doc);
  expect(issues, JSON.stringify(issues, null, 1)).toContainEqual(expect.objectContaining({ path, code }));
  const hit = issues.find((i) => i.path === path && i.code === code)!;
  expect(hit.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(hit.en).toMatch(/[a-z]/);
}

describe('validateScheme', () => {
  it('accepts the base scheme', () => {
    expect(issuesOf(base())).toEqual([]);
    expect(() => compileScheme(base())).not.toThrow();
  });

  it('rejects a cap below zero', () => {
    const d = base();
    d.groups[0].cap = -5;
    expectIssue(d, 'groups[0].cap', 'too-small');
    const e = base();
    e.items[1].rule.cap = -1;
    expectIssue(e, 'items[1].rule.cap', 'too-small');
  });

  it('rejects overlapping bands', () => {
    const d = base();
    d.items[1].rule.bands[2].min = 150;
    expectIssue(d, 'items[1].rule.bands[2].min', 'band-overlap');
  });

  it('rejects a gap in a complete table, and an uncovered start', () => {
    const d = base();
    d.items[1].rule.bands[2].min = 250;
    expectIssue(d, 'items[1].rule.bands[2].min', 'band-gap');
    const e = base();
    e.items[1].rule.bands[0].min = 10;
    expectIssue(e, 'items[1].rule.bands[0].min', 'band-gap');
  });

  it('allows a gap when the table is not complete', () => {
    const d = base();
    d.items[1].rule.bands[2].min = 250;
    d.items[1].rule.complete = false;
    expect(issuesOf(d)).toEqual([]);
  });

  it('rejects an empty band (max ≤ min)', () => {
    const d = base();
    d.items[1].rule.bands[1].max = 100;
    expectIssue(d, 'items[1].rule.bands[1].max', 'band-empty');
  });

  it('rejects a complete category table that misses a value', () => {
    const d = base();
    d.items[0].rule.categories.pop();
    expectIssue(d, 'items[0].rule.categories', 'category-gap');
  });

  it('rejects an unknown fact reference, with the zh message the officer sees', () => {
    const d = base();
    d.items[1].rule.fact = 'salery';
    expectIssue(d, 'items[1].rule.fact', 'unknown-fact');
    expect(issuesOf(d)[0]!.zh).toBe('积分办法中没有事实 salery');
  });

  it('rejects an unknown field inside a list rule', () => {
    const d = base();
    d.items[2].rule.entry.field = 'grade';
    expectIssue(d, 'items[2].rule.entry.field', 'unknown-field-ref');
  });

  it('rejects duplicate ids (facts, items, groups, enum values)', () => {
    const d = base();
    d.items.push({ ...d.items[0], group: undefined });
    expectIssue(d, 'items[3].id', 'duplicate-id');
    const e = base();
    e.facts.push({ ...e.facts[1] });
    expectIssue(e, 'facts[3].key', 'duplicate-id');
    const f = base();
    f.groups.push({ ...f.groups[0] });
    expectIssue(f, 'groups[1].id', 'duplicate-id');
    const g = base();
    g.facts[0].values.push({ value: 'master', label: { zh: '硕', en: 'M' } });
    expectIssue(g, 'facts[0].values[2].value', 'duplicate-id');
  });

  it('rejects enum values that are not declared (tables and conditions)', () => {
    const d = base();
    d.items[0].rule.categories[1].value = 'doctorate';
    expectIssue(d, 'items[0].rule.categories[1].value', 'unknown-enum-value');
    const e = base();
    e.items[1].requires = { fact: 'education', in: ['master', 'phd'] };
    expectIssue(e, 'items[1].requires.in[1]', 'unknown-enum-value');
  });

  it('rejects a cycle between items (a → b → a) and an item that requires itself', () => {
    const d = base();
    d.items[0].requires = { item: 'salary', gte: 5 };
    d.items[1].requires = { item: 'education', gte: 10 };
    expectIssue(d, 'items[0]', 'cycle');
    expect(issuesOf(d).find((i) => i.code === 'cycle')!.zh).toContain('education → salary → education');
    const e = base();
    e.items[2].requires = { item: 'awards', gt: 0 };
    expectIssue(e, 'items[2]', 'cycle');
  });

  it('accepts an item gated on another item (no cycle) and orders evaluation by dependency', () => {
    const d = base();
    d.items[0].requires = { item: 'awards', gt: 0 };
    const s = compileScheme(d);
    expect(s.evalOrder.indexOf(2)).toBeLessThan(s.evalOrder.indexOf(0));
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    const d = base();
    d.items[1].rule.bandz = [];
    expectIssue(d, 'items[1].rule', 'unknown-field');
  });

  it('rejects an unknown rule type, with the allowed ones', () => {
    const d = base();
    d.items[1].rule.type = 'lookup';
    expectIssue(d, 'items[1].rule.type', 'invalid-type-tag');
  });

  it('rejects a wrong value type, e.g. a band min given as text', () => {
    const d = base();
    d.items[1].rule.bands[2].min = '200';
    expectIssue(d, 'items[1].rule.bands[2].min', 'invalid-type');
  });

  it('rejects bands over an enum and categories over a number', () => {
    const d = base();
    d.items[1].rule.fact = 'education';
    expectIssue(d, 'items[1].rule', 'fact-type');
  });

  it('rejects a condition with two operators, and a comparison of the wrong type', () => {
    const d = base();
    d.items[1].requires = { fact: 'salary', gte: 1, lt: 5 };
    expectIssue(d, 'items[1].requires', 'condition-op');
    const e = base();
    e.items[1].requires = { fact: 'salary', gte: 'high' };
    expectIssue(e, 'items[1].requires.gte', 'operand-type');
  });

  it('rejects unknown groups, group cycles and deductions inside a group', () => {
    const d = base();
    d.items[1].group = 'extra';
    expectIssue(d, 'items[1].group', 'unknown-group');
    const e = base();
    e.groups.push({ id: 'a', label: { zh: 'a', en: 'a' }, parent: 'b' }, { id: 'b', label: { zh: 'b', en: 'b' }, parent: 'a' });
    expectIssue(e, 'groups[1].parent', 'cycle');
    const f = base();
    f.items[0].kind = 'deduction';
    expectIssue(f, 'items[0].group', 'misplaced');
  });

  it('rejects a gate without a condition and a veto with a rule', () => {
    const d = base();
    d.items.push({ id: 'g', label: { zh: '门槛', en: 'Gate' }, kind: 'gate' });
    expectIssue(d, 'items[3].condition', 'required');
    const e = base();
    e.items.push({ id: 'v', label: { zh: '否决', en: 'Veto' }, kind: 'veto', condition: { fact: 'salary', lt: 0 }, rule: { type: 'fixed', points: 1 } });
    expectIssue(e, 'items[3].rule', 'misplaced');
  });

  it('rejects a grid whose points do not match its axes', () => {
    const d = base();
    d.items[1].rule = {
      type: 'grid',
      rows: { fact: 'education', categories: ['bachelor', 'master'] },
      columns: { fact: 'salary', bands: [{ max: 100 }, { min: 100 }] },
      points: [[1, 2], [3]],
    };
    expectIssue(d, 'items[1].rule.points[1]', 'grid-shape');
  });

  it('rejects tiers: thresholds not decreasing, shares not adding up to 1', () => {
    const d = base();
    d.tiering = {
      method: 'thresholds',
      tiers: [
        { id: 't1', label: { zh: '一档', en: 'T1' }, min: 100 },
        { id: 't2', label: { zh: '二档', en: 'T2' }, min: 100 },
      ],
    };
    expectIssue(d, 'tiering.tiers[1].min', 'tier-order');
    const e = base();
    e.tiering = {
      method: 'rankShare',
      tiers: [
        { id: 't1', label: { zh: '一档', en: 'T1' }, share: 0.3 },
        { id: 't2', label: { zh: '二档', en: 'T2' }, share: 0.3 },
      ],
    };
    expectIssue(e, 'tiering.tiers', 'share-sum');
  });

  it('rejects an effective period that ends before it starts, and a malformed date', () => {
    const d = base();
    d.effective.to = '2023-12-31';
    expectIssue(d, 'effective.to', 'effective-order');
    const e = base();
    e.effective.from = '2024/01/01';
    expectIssue(e, 'effective.from', 'invalid-date');
  });

  it('reports every problem, and compileScheme throws them all', () => {
    const d = base();
    d.items[1].rule.fact = 'nope';
    d.groups[0].cap = -1;
    try {
      compileScheme(d);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SchemeValidationError);
      // zod shape errors come first; semantic checks run once the shape is right
      expect((err as SchemeValidationError).issues.map((i) => i.path)).toEqual(['groups[0].cap']);
    }
    d.groups[0].cap = 1;
    d.items[0].rule.categories[0].value = 'phd';
    expect(issuesOf(d).map((i) => i.path).sort()).toEqual(['items[0].rule.categories', 'items[0].rule.categories[0].value', 'items[1].rule.fact']);
  });
});
