/**
 * Masks for personal data shown to people who do not need the full value. Revealing the full
 * value is a separate, audited request.
 */
export function maskPhone(phone: string): string {
  if (!phone) return '';
  const digits = phone.replace(/\s/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return email ? '***' : '';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}**********${id.slice(-4)}`;
}
