// 居民身份证号码 (idNumber), GB 11643-1999: 6-digit address code, 8-digit birth date
// (YYYYMMDD), 3-digit sequence (odd = male), 1 check character (ISO 7064 MOD 11-2).
// The address code is not checked against GB/T 2260: a person keeps the code of the
// division where the number was issued, even after that division is abolished.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Earliest birth year accepted; the standard's own example 440524188001010014 is born in 1880. */
const MIN_BIRTH_YEAR = 1800;

export type IdNumberResult = { ok: true } | { ok: false; reason: 'length' | 'charset' | 'checkDigit' | 'birthDate' };

export interface IdNumberOptions {
  /** Local date 'YYYY-MM-DD' (Asia/Shanghai); when given, a birth date after it is rejected. The clock is passed in, never read. */
  today?: string;
}

/** Trims and upper-cases (a lowercase x is the most common input slip); validation itself is strict. */
export function normalizeIdNumber(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 digits; throws if they are not 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumber body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Appends the check character (used to generate valid demo numbers). */
export function makeIdNumber(first17: string): string {
  return first17 + idNumberCheckDigit(first17);
}

/** The birth date 'YYYY-MM-DD' encoded in a well-formed number, or null when it is not a real calendar date. */
export function idNumberBirthDate(s: string): string | null {
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
}

export function validateIdNumber(s: string, opts: IdNumberOptions = {}): IdNumberResult {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'charset' };
  const birth = idNumberBirthDate(s);
  if (birth === null || Number(birth.slice(0, 4)) < MIN_BIRTH_YEAR) return { ok: false, reason: 'birthDate' };
  if (opts.today !== undefined && birth > opts.today) return { ok: false, reason: 'birthDate' };
  if (idNumberCheckDigit(s.slice(0, 17)) !== s.charAt(17)) return { ok: false, reason: 'checkDigit' };
  return { ok: true };
}
