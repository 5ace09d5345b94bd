import {
  CALENDAR_IMPORT_COLUMNS as COLUMNS,
  checkCalendarYear,
  parseCalendarDate,
  parseCalendarKind,
  type CalendarDayInput,
  type CalendarIssue,
} from '@zhizhi/contracts';

/** A row of the import file as read (core/excel/read-table.ts): its line and its text cells by header. */
export interface CalendarFileRow {
  line: number;
  values: Record<string, string>;
}
export interface CalendarRowError {
  line: number;
  column: string;
  message: string;
}

export const CALENDAR_REQUIRED_COLUMNS = [COLUMNS.date, COLUMNS.kind] as const;
const COLUMN_OF: Record<CalendarIssue['field'], string> = { date: COLUMNS.date, kind: COLUMNS.kind, name: COLUMNS.name, days: COLUMNS.kind };

/**
 * A year's arrangement from a file with the columns 日期, 类型 (放假 / 调休上班), 节日名称: every
 * row parsed, then the year checked as a whole (checkCalendarYear), each finding reported on the
 * line and column it comes from.
 */
export function parseCalendarFile(year: number, headers: readonly string[], rows: readonly CalendarFileRow[]): { days: CalendarDayInput[]; errors: CalendarRowError[] } {
  const errors: CalendarRowError[] = [];
  for (const column of CALENDAR_REQUIRED_COLUMNS) {
    if (!headers.includes(column)) errors.push({ line: 1, column, message: '缺少此列（列名应为 日期、类型、节日名称）' });
  }
  if (errors.length) return { days: [], errors };

  const parsed: { line: number; day: CalendarDayInput }[] = [];
  for (const { line, values } of rows) {
    const dateText = values[COLUMNS.date] ?? '';
    const kindText = values[COLUMNS.kind] ?? '';
    const name = (values[COLUMNS.name] ?? '').trim();
    const date = parseCalendarDate(dateText);
    const kind = parseCalendarKind(kindText);
    if (!date) errors.push({ line, column: COLUMNS.date, message: dateText ? `“${dateText}”不是日期（应写作 ${year}-01-01）` : '请填写日期' });
    if (!kind) errors.push({ line, column: COLUMNS.kind, message: kindText ? `“${kindText}”应为 放假 或 调休上班` : '请填写类型（放假 或 调休上班）' });
    if (name.length > 20) errors.push({ line, column: COLUMNS.name, message: '节日名称最多 20 个字' });
    if (date && kind && name.length <= 20) parsed.push({ line, day: { date, kind, name } });
  }
  for (const issue of checkCalendarYear(year, parsed.map((p) => p.day), (i) => `第 ${parsed[i]!.line} 行`)) {
    const line = issue.index === null ? 1 : parsed[issue.index]!.line;
    errors.push({ line, column: COLUMN_OF[issue.field], message: issue.message });
  }
  errors.sort((a, b) => a.line - b.line);
  return { days: errors.length ? [] : sortDays(parsed.map((p) => p.day)), errors };
}

export function sortDays<T extends { date: string }>(days: readonly T[]): T[] {
  return [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
