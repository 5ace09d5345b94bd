import { checkCalendarYear, parseCalendarDate, parseCalendarKind } from '@zhizhi/contracts';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from './calendar-import';

const HEADERS = ['日期', '类型', '节日名称'];
const row = (line: number, date: string, kind: string, name = '') => ({ line, values: { 日期: date, 类型: kind, 节日名称: name } });

describe('checkCalendarYear (shared with the web editor)', () => {
  it('accepts a holiday on any day and a make-up day on a weekend', () => {
    expect(checkCalendarYear(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' }, // Friday
      { date: '2027-01-02', kind: 'holiday', name: '元旦' }, // Saturday
      { date: '2027-01-31', kind: 'makeup_workday', name: '' }, // Sunday
    ])).toEqual([]);
  });

  it('names the date and the reason', () => {
    const issues = checkCalendarYear(2027, [
      { date: '2027-01-05', kind: 'makeup_workday', name: '' }, // Tuesday
      { date: '2028-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-30', kind: 'holiday', name: '春节' },
      { date: '2027-10-01', kind: 'holiday', name: '' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' },
    ]);
    expect(issues).toEqual([
      { index: 0, field: 'kind', message: '2027-01-05 是星期二，调休上班日只能是星期六或星期日' },
      { index: 1, field: 'date', message: '2028-01-01 不在 2027 年内' },
      { index: 2, field: 'date', message: '2027-02-30 不是有效日期（格式 YYYY-MM-DD）' },
      { index: 3, field: 'name', message: '2027-10-01 是放假日，请填写节日名称（如 春节）' },
      { index: 5, field: 'date', message: '2027-10-02 重复出现（第 5 行已有这一天）' },
    ]);
  });

  it('wants at least one holiday', () => {
    expect(checkCalendarYear(2027, [])).toEqual([{ index: null, field: 'days', message: '2027 年的安排中没有放假日，请至少录入一天' }]);
  });

  it('reads dates and kinds as people write them', () => {
    expect(['2027-01-01', '2027/1/1', '2027.1.1', '2027年1月1日', ' 2027-1-1 '].map(parseCalendarDate)).toEqual(Array(5).fill('2027-01-01'));
    expect(parseCalendarDate('2027-02-29')).toBeNull();
    expect(parseCalendarDate('1/1/2027')).toBeNull();
    expect(parseCalendarKind('放假')).toBe('holiday');
    expect(parseCalendarKind('调休上班')).toBe('makeup_workday');
    expect(parseCalendarKind('补班')).toBe('makeup_workday');
    expect(parseCalendarKind('加班')).toBeNull();
  });
});

describe('parseCalendarFile', () => {
  it('parses a clean file into days in date order', () => {
    const r = parseCalendarFile(2027, HEADERS, [row(2, '2027/2/20', '调休上班', '春节'), row(3, '2027-01-01', '放假', '元旦')]);
    expect(r.errors).toEqual([]);
    expect(r.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
    ]);
  });

  it('reports each bad row on its line and column, and returns no days', () => {
    const r = parseCalendarFile(2027, HEADERS, [
      row(2, '2027-01-01', '放假', '元旦'),
      row(3, '2027-01-05', '调休上班'),
      row(4, '明年元旦', '放假', '元旦'),
      row(5, '2027-01-01', '放假', '元旦'),
      row(6, '2027-01-09', '加班'),
    ]);
    expect(r.days).toEqual([]);
    expect(r.errors).toEqual([
      { line: 3, column: '类型', message: '2027-01-05 是星期二，调休上班日只能是星期六或星期日' },
      { line: 4, column: '日期', message: '“明年元旦”不是日期（应写作 2027-01-01）' },
      { line: 5, column: '日期', message: '2027-01-01 重复出现（第 2 行已有这一天）' },
      { line: 6, column: '类型', message: '“加班”应为 放假 或 调休上班' },
    ]);
  });

  it('reports missing columns on line 1', () => {
    expect(parseCalendarFile(2027, ['日期', '名称'], [row(2, '2027-01-01', '放假')]).errors).toEqual([
      { line: 1, column: '类型', message: '缺少此列（列名应为 日期、类型、节日名称）' },
    ]);
  });
});
