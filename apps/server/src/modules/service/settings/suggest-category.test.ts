import { describe, expect, it } from 'vitest';
import { suggestCategory } from './suggest-category';

const categories = [
  { id: 'policy', parentId: null, keywords: ['政策', '补贴'], active: true },
  { id: 'factors', parentId: null, keywords: ['要素', '电'], active: true },
  { id: 'factors.power', parentId: 'factors', keywords: ['用电', '停电'], active: true },
  { id: 'testing', parentId: null, keywords: ['检测', 'CNAS'], active: true },
  { id: 'old', parentId: null, keywords: ['旧'], active: false },
];

describe('suggestCategory', () => {
  it.each<[string, string | null]>([
    ['新产品需要第三方检测，想找附近的实验室', 'testing'],
    ['厂区昨晚停电，影响生产', 'factors.power'], // the sub-category before its parent's keyword 电
    ['cnas 认可', 'testing'], // case-insensitive
    ['想了解研发补贴政策', 'policy'],
    ['旧的问题', null], // inactive categories are not offered
    ['其他事情', null],
  ])('%s → %s', (text, expected) => {
    expect(suggestCategory(categories, text)?.categoryId ?? null).toBe(expected);
  });
});
