import { describe, expect, it } from 'vitest';
import { isUnder, parentOf, withAncestors } from './capability-code';

describe('capability codes', () => {
  it('are paths: ancestors are prefixes', () => {
    expect(withAncestors('testing.materials.metal')).toEqual(['testing.materials.metal', 'testing.materials', 'testing']);
    expect(parentOf('testing')).toBeNull();
    expect(isUnder('testing.emc', 'testing')).toBe(true);
    expect(isUnder('testingx', 'testing')).toBe(false);
  });
});
