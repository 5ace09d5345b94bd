import { normalizeIdNumber, validateIdNumber, idNumberBirthDate } from '../../../core/reference/domain/id-number';

export const ID_NUMBER_MESSAGES = {
  length: '身份证号码应为 18 位',
  charset: '身份证号码只能是数字，最后一位可以是 X',
  birthDate: '身份证号码中的出生日期不存在',
  checkDigit: '身份证号码校验位不正确，请核对',
} as const;

export type ParsedIdNumber =
  | { ok: true; idNumber: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; message: string };

/** GB 11643 check, then what the number tells: birth date and gender (17th digit odd = male). */
export function parseIdNumber(input: string, today?: string): ParsedIdNumber {
  const idNumber = normalizeIdNumber(input);
  const r = validateIdNumber(idNumber, today ? { today } : {});
  if (!r.ok) return { ok: false, message: ID_NUMBER_MESSAGES[r.reason] };
  return {
    ok: true,
    idNumber,
    birthDate: idNumberBirthDate(idNumber)!,
    gender: Number(idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

/** Whole years between a birth date and a local date, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
