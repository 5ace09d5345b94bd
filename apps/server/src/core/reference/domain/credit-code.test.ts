import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, makeCreditCode, normalizeCreditCode, validateCreditCode } from './credit-code';

// Real codes of real companies, as published in public registries and repeated in public
// code and pages (found with the code search, each check character recomputed by hand).
const REAL_VALID = [
  ['914403001922038216', '华为技术有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['91350200MADWLHRY05', '厦门佰能思维人工智能科技有限公司'],
] as const;

describe('validateCreditCode', () => {
  it.each(REAL_VALID)('accepts %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true });
  });

  it('rejects a wrong check character', () => {
    expect(validateCreditCode('914403001922038217')).toEqual({ ok: false, reason: 'checkChar' });
    expect(validateCreditCode('91330100799655058C')).toEqual({ ok: false, reason: 'checkChar' });
  });

  // Codes that public demo data presents as real companies' codes, but whose check character
  // is wrong: demo fixtures copied from the web are not to be trusted.
  it.each(['913400007117030788', '9133010057462616XH', '91110108717809965C', '91110000800088421P'])(
    'rejects the miscopied public demo code %s',
    (code) => {
      expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'checkChar' });
    },
  );

  it('rejects a bad length', () => {
    expect(validateCreditCode('')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('91440300192203821')).toEqual({ ok: false, reason: 'length' });
    expect(validateCreditCode('9144030019220382161')).toEqual({ ok: false, reason: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s', (letter) => {
    expect(validateCreditCode(`91330100${letter}99655058B`)).toEqual({ ok: false, reason: 'charset' });
  });

  it('rejects lowercase and punctuation until normalised', () => {
    expect(validateCreditCode('91330100799655058b')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode('9133010079965505-B')).toEqual({ ok: false, reason: 'charset' });
    expect(validateCreditCode(normalizeCreditCode(' 91330100799655058b '))).toEqual({ ok: true });
  });
});

describe('creditCodeCheckChar / makeCreditCode', () => {
  it.each(REAL_VALID)('recomputes the check character of %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
    expect(makeCreditCode(code.slice(0, 17))).toBe(code);
  });

  it('makes valid demo codes for Yuhang (330110)', () => {
    for (let i = 1; i <= 50; i++) {
      const body = `91330110MA2H${String(i).padStart(5, '0')}`;
      expect(validateCreditCode(makeCreditCode(body))).toEqual({ ok: true });
    }
  });

  it('check value 0 maps to "0" and 30 to "Y"', () => {
    // (31 - 0) mod 31 = 0: a body whose weighted sum is a multiple of 31.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
    // body "1" then zeros: sum = 1 → check value 30 → 'Y'.
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
  });

  it('refuses a body that is not 17 symbols of the alphabet', () => {
    expect(() => creditCodeCheckChar('9133010079965505')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('9133010079965505I')).toThrow(RangeError);
  });
});
