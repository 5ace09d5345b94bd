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

/**
 * A person's name as official notices print it: the surname and the last character kept, the
 * middle hidden (张*明, 欧阳**娜 → 欧**娜), a two-character name keeps its surname (李*). A name in
 * Latin letters keeps its first letter of each word (J*** S****).
 */
export function maskName(name: string): string {
  const n = name.trim();
  if (!n) return '';
  if (/^[\x20-\x7e]+$/.test(n)) return n.split(/\s+/).map((w) => w[0] + '*'.repeat(Math.max(1, w.length - 1))).join(' ');
  const chars = [...n.replace(/\s+/g, '')];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
