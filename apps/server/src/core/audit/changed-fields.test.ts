import { describe, expect, it } from 'vitest';
import { changedFields } from './audit';

describe('changedFields', () => {
  it('lists only the fields whose value changed', () => {
    expect(changedFields({ name: '甲', phone: '13800000000', size: 'small' }, { name: '乙', phone: '13800000000' }))
      .toEqual({ before: { name: '甲' }, after: { name: '乙' } });
    expect(changedFields({ name: '甲' }, { name: '甲' })).toBeNull();
  });

  it('does not list an object whose keys only came back in another order (jsonb reorders them)', () => {
    const stored = { facts: { degree: 'master', years: 3 } };
    expect(changedFields(stored, { facts: { years: 3, degree: 'master' } })).toBeNull();
    expect(changedFields(stored, { facts: { years: 4, degree: 'master' } }))
      .toEqual({ before: { facts: { degree: 'master', years: 3 } }, after: { facts: { years: 4, degree: 'master' } } });
  });

  it('sees a list reordered as a change (order of a list is meaningful)', () => {
    expect(changedFields({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).not.toBeNull();
  });
});
