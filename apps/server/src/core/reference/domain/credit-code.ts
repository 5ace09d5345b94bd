// 统一社会信用代码 (creditCode), GB 32100-2015.
// 18 characters: [1] 登记管理部门码, [2] 机构类别码, [3-8] 登记管理机关行政区划码,
// [9-17] 主体标识码 (组织机构代码), [18] check character over the first 17.

/** The 31 symbols of the code, in value order. I, O, Z, S, V are left out on purpose (they read like 1, 0, 2, 5, U). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const VALUE = new Map([...CREDIT_CODE_ALPHABET].map((ch, i) => [ch, i] as const));
const BODY = /^[0-9A-HJ-NP-RTUWXY]{17}$/;
const WHOLE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

export type CreditCodeResult = { ok: true } | { ok: false; reason: 'length' | 'charset' | 'checkChar' };

/** Trims and upper-cases user input; validation itself is strict, so call this first on form input. */
export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters; throws if they are not 17 symbols of the alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError(`creditCode body must be 17 characters of ${CREDIT_CODE_ALPHABET}`);
  let sum = 0;
  let weight = 1; // weight of position i is 3^(i-1) mod 31
  for (const ch of first17) {
    sum += (VALUE.get(ch) ?? 0) * weight;
    weight = (weight * 3) % 31;
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** Appends the check character (used to generate valid demo codes). */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

export function validateCreditCode(s: string): CreditCodeResult {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!WHOLE.test(s)) return { ok: false, reason: 'charset' };
  if (creditCodeCheckChar(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, reason: 'checkChar' };
  return { ok: true };
}
