import { describe, expect, it } from 'vitest';
import { nameBigrams } from './name-bigrams';

describe('nameBigrams', () => {
  it('gives each pair of adjacent characters once, lower-cased', () => {
    expect(nameBigrams('杭州数智科技')).toEqual(['杭州', '州数', '数智', '智科', '科技']);
    expect(nameBigrams('ABab')).toEqual(['ab', 'ba']);
    expect(nameBigrams('数')).toEqual([]);
    expect(nameBigrams('')).toEqual([]);
  });

  it('keeps characters outside the BMP whole', () => {
    expect(nameBigrams('𠀀𠀁')).toEqual(['𠀀𠀁']);
  });

  it("finds every pair of a term among the pairs of a name that contains it", () => {
    const name = '中双元（杭州）科技有限公司';
    for (let i = 0; i < name.length; i++) {
      for (let j = i + 2; j <= name.length; j++) {
        const have = new Set(nameBigrams(name));
        expect(nameBigrams(name.slice(i, j)).every((p) => have.has(p))).toBe(true);
      }
    }
  });
});
