import { describe, expect, it } from 'vitest';
import { idNumberBirthDate, idNumberCheckDigit, makeIdNumber, normalizeIdNumber, validateIdNumber } from './id-number';

describe('validateIdNumber', () => {
  // The two examples printed in GB 11643-1999 itself.
  it.each(['11010519491231002X', '440524188001010014'])('accepts the standard example %s', (n) => {
    expect(validateIdNumber(n)).toEqual({ ok: true });
  });

  it('rejects a wrong check digit', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checkDigit' });
    expect(validateIdNumber('440524188001010015')).toEqual({ ok: false, reason: 'checkDigit' });
  });

  it('rejects a bad length, including the old 15-digit numbers', () => {
    expect(validateIdNumber('')).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('110105491231002')).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('11010519491231002X0')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects characters other than digits and a final X', () => {
    expect(validateIdNumber('11010519491231002x')).toEqual({ ok: false, reason: 'charset' });
    expect(validateIdNumber('1101051949123100X2')).toEqual({ ok: false, reason: 'charset' });
    expect(validateIdNumber('11010519491231002Y')).toEqual({ ok: false, reason: 'charset' });
    expect(validateIdNumber(normalizeIdNumber(' 11010519491231002x '))).toEqual({ ok: true });
  });

  it('rejects impossible birth dates even with a matching check digit', () => {
    expect(validateIdNumber(makeIdNumber('33011019900230123'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(makeIdNumber('33011019901301123'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(makeIdNumber('33011017991231123'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(makeIdNumber('33011020230229123'))).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(makeIdNumber('33011020240229123'))).toEqual({ ok: true });
  });

  it('rejects a birth date after the passed-in today', () => {
    const n = makeIdNumber('33011020261130123');
    expect(validateIdNumber(n, { today: '2026-11-29' })).toEqual({ ok: false, reason: 'birthDate' });
    expect(validateIdNumber(n, { today: '2026-11-30' })).toEqual({ ok: true });
  });
});

describe('makeIdNumber / idNumberBirthDate', () => {
  it('recomputes the check digits of the examples', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(makeIdNumber('44052418800101001')).toBe('440524188001010014');
  });

  it('reads the birth date', () => {
    expect(idNumberBirthDate('11010519491231002X')).toBe('1949-12-31');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => makeIdNumber('1101051949123100')).toThrow(RangeError);
    expect(() => makeIdNumber('1101051949123100X')).toThrow(RangeError);
  });
});
