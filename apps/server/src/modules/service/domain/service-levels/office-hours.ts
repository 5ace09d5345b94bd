// Office hours (办公时间): the windows of a working day in which working-hours deadlines run.
// The same windows apply to every working day, make-up working Saturdays (调休上班) included.
import type { Label } from '../label';

export interface OfficeHours {
  /** 'HH:MM' local (Asia/Shanghai) windows, ascending and not overlapping, e.g. 08:30–12:00, 13:30–17:30. */
  windows: readonly { from: string; to: string }[];
}

/** A common 街道 office day: 08:30–12:00 and 13:30–17:30 (7.5 working hours). Counties configure their own. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  windows: [
    { from: '08:30', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
};

export interface CompiledOfficeHours {
  /** [start, end) in ms since local midnight. */
  starts: readonly number[];
  ends: readonly number[];
  /** Working ms in one working day. */
  dayMs: number;
  key: string;
}

const MINUTE = 60_000;

/** 'HH:MM' (00:00–24:00) → ms since local midnight; null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 24 * 60 ? null : minutes * MINUTE;
}

export function officeHoursIssues(hours: OfficeHours): Label[] {
  const issues: Label[] = [];
  if (hours.windows.length === 0) issues.push({ zh: '办公时间至少包含一个时段', en: 'office hours need at least one window' });
  let previousEnd = -1;
  for (const w of hours.windows) {
    const from = parseTimeOfDay(w.from);
    const to = parseTimeOfDay(w.to);
    if (from === null || to === null) {
      issues.push({ zh: `时段 ${w.from}–${w.to} 格式应为 HH:MM`, en: `window ${w.from}–${w.to}: times are HH:MM` });
      continue;
    }
    if (from >= to) issues.push({ zh: `时段 ${w.from}–${w.to} 的结束应晚于开始`, en: `window ${w.from}–${w.to} ends before it starts` });
    if (from < previousEnd) issues.push({ zh: `时段 ${w.from}–${w.to} 与前一时段重叠或顺序有误`, en: `window ${w.from}–${w.to} overlaps the one before or is out of order` });
    previousEnd = to;
  }
  return issues;
}

export function compileOfficeHours(hours: OfficeHours): CompiledOfficeHours {
  const issues = officeHoursIssues(hours);
  if (issues.length) throw new RangeError(issues.map((i) => i.en).join('; '));
  const starts = hours.windows.map((w) => parseTimeOfDay(w.from)!);
  const ends = hours.windows.map((w) => parseTimeOfDay(w.to)!);
  const dayMs = starts.reduce((sum, s, i) => sum + ends[i]! - s, 0);
  return { starts, ends, dayMs, key: hours.windows.map((w) => `${w.from}-${w.to}`).join(',') };
}

/** Working ms of a working day elapsed at `msOfDay` (ms since local midnight). */
export function officeMsUpTo(hours: CompiledOfficeHours, msOfDay: number): number {
  let sum = 0;
  for (let i = 0; i < hours.starts.length; i++) {
    const s = hours.starts[i]!;
    if (msOfDay <= s) break;
    const e = hours.ends[i]!;
    sum += (msOfDay < e ? msOfDay : e) - s;
  }
  return sum;
}

/** The earliest ms of the day at which `worked` ms (0 < worked ≤ dayMs) of office time have elapsed. */
export function msOfDayAtOfficeMs(hours: CompiledOfficeHours, worked: number): number {
  let left = worked;
  for (let i = 0; i < hours.starts.length; i++) {
    const length = hours.ends[i]! - hours.starts[i]!;
    if (left <= length) return hours.starts[i]! + left;
    left -= length;
  }
  return hours.ends[hours.ends.length - 1]!;
}
