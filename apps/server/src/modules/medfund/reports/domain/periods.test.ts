import { describe, expect, it } from 'vitest';
import { formatReportPeriod, parseReportPeriod, periodLastDay, periodMonths, periodOfMonth, periodRange, shiftPeriod, trailingPeriods } from './periods';

describe('report periods', () => {
  it('reads months and quarters and refuses anything else', () => {
    expect(parseReportPeriod('2025-03')).toEqual({ kind: 'month', year: 2025, index: 3 });
    expect(parseReportPeriod('2025-Q4')).toEqual({ kind: 'quarter', year: 2025, index: 4 });
    for (const bad of ['2025-13', '2025-Q5', '2025-3', '25-03', '2025-00', '']) expect(parseReportPeriod(bad)).toBeNull();
  });
  it('steps across year ends both ways', () => {
    expect(formatReportPeriod(shiftPeriod(parseReportPeriod('2025-01')!, -1))).toBe('2024-12');
    expect(formatReportPeriod(shiftPeriod(parseReportPeriod('2025-Q4')!, 1))).toBe('2026-Q1');
    expect(trailingPeriods(parseReportPeriod('2025-Q2')!, 4).map(formatReportPeriod)).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']);
  });
  it('knows the months and days a period covers', () => {
    expect(periodMonths(parseReportPeriod('2025-Q3')!)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(periodRange(parseReportPeriod('2025-Q4')!)).toEqual({ from: '2025-10-01', until: '2026-01-01' });
    expect(periodRange(parseReportPeriod('2024-02')!)).toEqual({ from: '2024-02-01', until: '2024-03-01' });
    expect(periodLastDay(parseReportPeriod('2024-02')!)).toBe('2024-02-29');
    expect(formatReportPeriod(periodOfMonth('2025-11', 'quarter'))).toBe('2025-Q4');
  });
});
