import { describe, expect, it } from 'vitest';
import { diffSchemes } from './index';

const published = {
  version: 'v1',
  items: [
    { id: 'education', cap: 40, rule: { type: 'table', categories: [{ value: 'bachelor', points: 20 }, { value: 'master', points: 30 }] } },
    { id: 'salary', rule: { type: 'table', bands: [{ min: 0, points: 0 }] } },
  ],
};

describe('diffSchemes', () => {
  it('matches list entries by id / value, so an insertion is one change', () => {
    const draft = structuredClone(published) as any;
    draft.version = 'v2';
    draft.items.unshift({ id: 'awards', rule: { type: 'fixed', points: 1 } });
    draft.items[1].rule.categories[1].points = 35;
    delete draft.items[1].cap;
    expect(diffSchemes(published, draft)).toEqual([
      { path: 'items[id=education].cap', change: 'removed', before: 40 },
      { path: 'items[id=education].rule.categories[value=master].points', change: 'changed', before: 30, after: 35 },
      { path: 'items[id=awards]', change: 'added', after: { id: 'awards', rule: { type: 'fixed', points: 1 } } },
      { path: 'version', change: 'changed', before: 'v1', after: 'v2' },
    ]);
  });

  it('compares lists without identities by position', () => {
    const draft = structuredClone(published) as any;
    draft.items[1].rule.bands.push({ min: 100, points: 5 });
    expect(diffSchemes(published, draft)).toEqual([{ path: 'items[id=salary].rule.bands[1]', change: 'added', after: { min: 100, points: 5 } }]);
  });

  it('finds nothing between equal documents, whatever their key order', () => {
    const reordered = { items: published.items.map((i) => Object.fromEntries(Object.entries(i).reverse())), version: 'v1' };
    expect(diffSchemes(published, reordered)).toEqual([]);
  });
});
