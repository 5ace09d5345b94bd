import { describe, expect, it } from 'vitest';
import { localIsoWeek, localMonth, rankBy } from './ranking';

describe('rankBy', () => {
  it('ranks highest first, ties share a rank, nothing to measure is not ranked', () => {
    expect(rankBy([0.5, 1, null, 0.5, 0.2], (v) => v)).toEqual([2, 1, null, 2, 4]);
    expect(rankBy([], (v: number | null) => v)).toEqual([]);
  });
});

describe('local periods (Asia/Shanghai)', () => {
  it('a UTC evening is the next local day', () => {
    expect(localMonth(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(localMonth(new Date('2026-03-31T15:30:00Z'))).toBe('2026-03');
  });
  it('ISO weeks: Monday starts the week, the Thursday decides the year', () => {
    expect(localIsoWeek(new Date('2026-03-09T01:00:00Z'))).toBe('2026-W11'); // Monday
    expect(localIsoWeek(new Date('2026-03-15T15:00:00Z'))).toBe('2026-W11'); // Sunday 23:00 local
    expect(localIsoWeek(new Date('2026-03-15T16:00:00Z'))).toBe('2026-W12'); // Monday 00:00 local
    expect(localIsoWeek(new Date('2021-01-03T04:00:00Z'))).toBe('2020-W53');
    expect(localIsoWeek(new Date('2024-12-30T04:00:00Z'))).toBe('2025-W01');
  });
});
