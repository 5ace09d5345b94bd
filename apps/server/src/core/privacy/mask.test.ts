import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdNumber, maskName, maskPhone } from './mask';

describe('masks for personal data', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0571-88881234', '057****1234'],
    ['12345', '*****'],
    ['', ''],
  ])('phone %s → %s', (v, m) => expect(maskPhone(v)).toBe(m));

  it('keeps only the first letter and the domain of an e-mail', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('')).toBe('');
  });

  it('keeps the region and the last four of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it.each([
    ['张三明', '张*明'],
    ['李四', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '*'],
    ['John Smith', 'J*** S****'],
    ['', ''],
  ])('name %s → %s, as official notices print it', (v, m) => expect(maskName(v)).toBe(m));
});
