import { z } from 'zod';

/**
 * The working-day calendar (工作日历): a year's 节假日安排 from the State Council notice
 * (国务院办公厅关于 YYYY 年部分节假日安排的通知), entered by an administrator when the shipped data
 * does not have it yet. Shared by the server (validation before saving, import rows) and the web
 * (validation as the administrator types), so both say the same thing about the same date.
 */

export const CALENDAR_DAY_KINDS = ['holiday', 'makeup_workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** Where a covered year's data comes from: the shipped package, or entered by an administrator. */
export type CalendarSource = 'package' | 'entered';

/** A year may be entered from last year to two years ahead. */
export const CALENDAR_YEARS_BACK = 1;
export const CALENDAR_YEARS_AHEAD = 2;
export function editableCalendarYears(currentYear: number): { from: number; to: number } {
  return { from: currentYear - CALENDAR_YEARS_BACK, to: currentYear + CALENDAR_YEARS_AHEAD };
}

export const CALENDAR_NAME_MAX = 20;

export const CalendarDayInput = z.object({
  date: z.iso.date('日期格式应为 YYYY-MM-DD'),
  kind: z.enum(CALENDAR_DAY_KINDS, '类型应为放假或调休上班'),
  /** The holiday (春节); for a make-up working day, the holiday it makes up for (optional). */
  name: z.string().trim().max(CALENDAR_NAME_MAX, `节日名称最多 ${CALENDAR_NAME_MAX} 个字`).default(''),
});
export type CalendarDayInput = z.infer<typeof CalendarDayInput>;

export const CalendarYearInput = z.object({
  noticeNumber: z.string('请填写通知文号').trim().min(1, '请填写通知文号（如 国办发明电〔2026〕7号）').max(100),
  noticeTitle: z.string().trim().max(200).default(''),
  noticeUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: '网址应以 http:// 或 https:// 开头' })]).default(''),
  days: z.array(CalendarDayInput).max(366),
  /** The file the days were imported from, when they were (recorded in the audit log). */
  importedFrom: z.string().trim().max(200).optional(),
});
export type CalendarYearInput = z.infer<typeof CalendarYearInput>;

/** One finding about a year's days; `index` is the position in `days`, null for the year as a whole. */
export interface CalendarIssue {
  index: number | null;
  field: 'date' | 'kind' | 'name' | 'days';
  message: string;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 0 = Sunday … 6 = Saturday for a valid 'YYYY-MM-DD' (UTC arithmetic: no time-zone effect). */
export function calendarWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function isIsoDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/**
 * Checks a year's arrangement: every date inside the year and listed once, a make-up working day
 * only on a Saturday or Sunday (a holiday may fall on any day), a name for every holiday, at
 * least one holiday. Each message names the date and the reason. The year range is checked by
 * the caller (it depends on today).
 */
export function checkCalendarYear(
  year: number,
  days: readonly { date: string; kind: string; name?: string }[],
  /** How to name a row in a message (a file's line number, say); the 1-based position by default. */
  rowLabel: (index: number) => string = (index) => `第 ${index + 1} 行`,
): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const first = new Map<string, number>();
  days.forEach((d, index) => {
    const date = d.date.trim();
    if (!isIsoDate(date)) {
      issues.push({ index, field: 'date', message: date ? `${date} 不是有效日期（格式 YYYY-MM-DD）` : '请填写日期' });
      return;
    }
    if (Number(date.slice(0, 4)) !== year) {
      issues.push({ index, field: 'date', message: `${date} 不在 ${year} 年内` });
      return;
    }
    const seen = first.get(date);
    if (seen !== undefined) {
      issues.push({ index, field: 'date', message: `${date} 重复出现（${rowLabel(seen)}已有这一天）` });
      return;
    }
    first.set(date, index);
    if (d.kind !== 'holiday' && d.kind !== 'makeup_workday') {
      issues.push({ index, field: 'kind', message: `${date} 的类型应为放假或调休上班` });
      return;
    }
    const weekday = calendarWeekday(date);
    if (d.kind === 'makeup_workday' && weekday !== 0 && weekday !== 6) {
      issues.push({ index, field: 'kind', message: `${date} 是${WEEKDAY_ZH[weekday]}，调休上班日只能是星期六或星期日` });
    }
    if (d.kind === 'holiday' && !(d.name ?? '').trim()) {
      issues.push({ index, field: 'name', message: `${date} 是放假日，请填写节日名称（如 春节）` });
    }
  });
  if (!days.some((d) => d.kind === 'holiday')) {
    issues.push({ index: null, field: 'days', message: `${year} 年的安排中没有放假日，请至少录入一天` });
  }
  return issues;
}

/** Column headers of the import file (also the editor's words). */
export const CALENDAR_IMPORT_COLUMNS = { date: '日期', kind: '类型', name: '节日名称' } as const;
export const CALENDAR_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', makeup_workday: '调休上班' };

/** 放假 / 调休上班 as written in a file (a few common variants accepted). */
export function parseCalendarKind(text: string): CalendarDayKind | null {
  const t = text.replace(/\s+/g, '');
  if (['放假', '休息', '假日', '节假日', 'holiday'].includes(t.toLowerCase())) return 'holiday';
  if (['调休上班', '上班', '补班', '调休', 'makeup_workday', 'workday'].includes(t.toLowerCase())) return 'makeup_workday';
  return null;
}

/** A date as people write it: 2027-01-01, 2027/1/1, 2027.1.1, 2027年1月1日. Null if none of these. */
export function parseCalendarDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

export interface CalendarYearSummary {
  year: number;
  source: CalendarSource;
  noticeNumber: string | null;
  noticeTitle: string | null;
  noticeUrl: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  holidays: number;
  makeupWorkdays: number;
  /** An entered year replaces the package's data for that year. */
  replacesPackage: boolean;
}

export interface CalendarOverview {
  currentYear: number;
  editable: { from: number; to: number };
  nextYearCovered: boolean;
  years: CalendarYearSummary[];
}

export interface CalendarYearView {
  year: number;
  /** null: the year is not covered (no notice entered and not in the package). */
  source: CalendarSource | null;
  /** When an entered year replaces the package's data, what the package has (to compare). */
  packageAlsoCovers: boolean;
  noticeNumber: string | null;
  noticeTitle: string | null;
  noticeUrl: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  days: CalendarDayInput[];
}

export interface CalendarImportResult {
  year: number;
  fileName: string;
  totalRows: number;
  days: CalendarDayInput[];
  errorCount: number;
  errors: { line: number; column: string; message: string }[];
  /** The import batch holding every error, for GET /api/imports/:id/errors.xlsx; null when the file is clean. */
  batchId: string | null;
}
