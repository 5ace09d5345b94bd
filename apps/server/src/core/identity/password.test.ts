import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects others; salts every hash', async () => {
    const a = await hashPassword('Zhizhi@2026');
    const b = await hashPassword('Zhizhi@2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Zhizhi@2026', a)).toBe(true);
    expect(await verifyPassword('zhizhi@2026', a)).toBe(false);
    expect(await verifyPassword('Zhizhi@2026', 'md5$abc')).toBe(false);
  });

  it.each([
    ['short', 'Ab1!'],
    ['one kind', 'abcdefghij'],
    ['two kinds', 'abcdefgh12'],
  ])('refuses a weak password (%s)', (_why, pw) => {
    expect(passwordProblem(pw)).not.toBeNull();
  });

  it('accepts three kinds of characters', () => {
    expect(passwordProblem('abcdefG12')).toBeNull();
  });
});
