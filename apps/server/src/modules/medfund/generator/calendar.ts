/** Days as whole numbers since 1970-01-01 (the claims' wall-clock dates, no time zone). */
const DAY_MS = 86_400_000;
const dateCache = new Map<number, string>();
const minuteText: string[] = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`);

export function dayText(day: number): string {
  let s = dateCache.get(day);
  if (!s) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}
/** 'YYYY-MM-DD HH:MM:00' for a day and a minute of that day (0-1439). */
export function timeText(day: number, minute: number): string {
  return `${dayText(day)} ${minuteText[Math.max(0, Math.min(1439, minute))]}`;
}
export function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month, date) / DAY_MS);
}
/** Whole years between a birth day and a day. */
export function ageOn(birth: number, day: number): number {
  const b = new Date(birth * DAY_MS);
  const d = new Date(day * DAY_MS);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
/** Money in fen → '123.45'. */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}
