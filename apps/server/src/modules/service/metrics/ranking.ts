/**
 * Competition ranking ("1, 2, 2, 4") of groups by a rate, best (highest) first. A group with
 * nothing to measure (value null) is not ranked. Pure.
 */
export function rankBy<T>(items: readonly T[], valueOf: (item: T) => number | null): (number | null)[] {
  const values = items.map(valueOf);
  return values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && o > v).length));
}

/** The local (Asia/Shanghai) month `YYYY-MM` and ISO week `YYYY-Www` of an instant. */
export function localMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function localIsoWeek(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = day.getUTCDay() || 7; // Monday 1 … Sunday 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
