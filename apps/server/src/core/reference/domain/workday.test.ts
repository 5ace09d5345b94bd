import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  calendarCoverage,
  CalendarNotCoveredError,
  createWorkdayCalendar,
  PACKAGE_CALENDAR_DATA,
  packageCalendar,
  withYears,
  type CalendarYearDays,
  endOfLocalDay,
  endOfLocalWorkday,
  isCalendarCovered,
  isWorkday,
  localDateOf,
  workdaysBetween,
} from './workday';

describe('calendarCoverage', () => {
  it('covers 2004 through 2026', () => {
    const years = calendarCoverage();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  // A tripwire: chinese-days 1.5.7 (the latest on npm) has no 2027 notice. When an update adds
  // it, this fails: then drop the 2027 warning from docs/REFERENCE_DATA.md and this test.
  it('does not cover 2027 yet', () => {
    expect(calendarCoverage()).not.toContain(2027);
    expect(isCalendarCovered('2027-01-04')).toBe(false);
    expect(isCalendarCovered('2026-12-31')).toBe(true);
  });
});

describe('isWorkday in 2026 (State Council notice of 2025-11-04)', () => {
  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
    'make-up day %s (a weekend) is a working day',
    (date) => {
      expect(isWorkday(date)).toBe(true);
    },
  );

  it.each([
    '2026-01-01', '2026-01-02', '2026-01-03', // 元旦
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23', // 春节
    '2026-04-06', // 清明 (Monday)
    '2026-05-01', '2026-05-04', '2026-05-05', // 劳动节
    '2026-06-19', // 端午 (Friday)
    '2026-09-25', // 中秋 (Friday)
    '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', // 国庆
  ])('holiday %s is not a working day', (date) => {
    expect(isWorkday(date)).toBe(false);
  });

  it('weekends are off, weekdays are on, around today (2026-11-29)', () => {
    expect(isWorkday('2026-11-27')).toBe(true);
    expect(isWorkday('2026-11-28')).toBe(false);
    expect(isWorkday('2026-11-29')).toBe(false);
    expect(isWorkday('2026-11-30')).toBe(true);
    expect(isWorkday('2026-12-31')).toBe(true);
  });

  // chinese-days builds its own table at load time in the process time zone; west of UTC every
  // entry lands one day early (under TZ=America/New_York it calls 2026-09-30 a 国庆 holiday).
  // Its functions can only serve as a reference where the offset is not negative.
  const packageTableIsShifted = new Date(2026, 0, 1).getTimezoneOffset() > 0;
  it.skipIf(packageTableIsShifted)('agrees with chinese-days itself on every day it covers', () => {
    const disagreements: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      // A local-noon Date sidesteps the package's own time-zone handling.
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      if (chineseDays.isWorkday(new Date(y, m - 1, d, 12)) !== isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(isWorkday('2026-01-05')).toBe(true);
      expect(isWorkday('2026-01-03')).toBe(false);
    } finally {
      // Assigning undefined would store the string 'undefined'.
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('addWorkdays / workdaysBetween across 调休', () => {
  it('steps over the 国庆 week and counts the Saturday make-up day', () => {
    expect(addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkdays('2026-09-30', 2)).toBe('2026-10-09');
    expect(addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(addWorkdays('2026-09-30', 4)).toBe('2026-10-12');
    expect(addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
  });

  it('steps over the 春节 week from the make-up Saturday before it', () => {
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    expect(addWorkdays('2026-02-24', -2)).toBe('2026-02-13');
  });

  it('counts from a weekend request', () => {
    expect(addWorkdays('2026-11-28', 3)).toBe('2026-12-02');
    expect(addWorkdays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('counts working days in (from, to]', () => {
    expect(workdaysBetween('2026-09-30', '2026-10-12')).toBe(4);
    expect(workdaysBetween('2026-10-12', '2026-09-30')).toBe(-4);
    expect(workdaysBetween('2026-10-12', '2026-10-12')).toBe(0);
    expect(workdaysBetween('2026-09-30', '2026-10-31')).toBe(18); // October 2026
    expect(workdaysBetween('2026-02-13', addWorkdays('2026-02-13', 5))).toBe(5);
  });

  it('rejects malformed dates and fractional counts', () => {
    for (const bad of ['2026-02-30', '2026-1-4', '20260104', '', '2026-13-01']) {
      expect(() => isWorkday(bad)).toThrow(RangeError);
    }
    expect(() => addWorkdays('2026-10-08', 1.5)).toThrow(RangeError);
  });
});

describe('outside the covered years', () => {
  it('refuses to guess by default', () => {
    expect(() => isWorkday('2027-01-04')).toThrow(CalendarNotCoveredError);
    expect(() => addWorkdays('2026-12-30', 3)).toThrow(CalendarNotCoveredError);
    expect(addWorkdays('2026-12-30', 1)).toBe('2026-12-31'); // still inside 2026
  });

  it("falls back to Monday–Friday only when asked, and is then wrong on holidays", () => {
    const weekdays = { outsideCoverage: 'weekdays' } as const;
    expect(isWorkday('2027-01-04', weekdays)).toBe(true);
    expect(isWorkday('2027-01-02', weekdays)).toBe(false);
    // 2027-01-01 (元旦, a Friday) counts as a working day under the fallback.
    expect(addWorkdays('2026-12-30', 3, weekdays)).toBe('2027-01-04');
  });
});

describe('local day in Asia/Shanghai', () => {
  it('maps instants to the Shanghai date', () => {
    expect(localDateOf(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29');
    expect(localDateOf(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30');
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
    for (const iso of ['2026-01-01T00:00:00Z', '2026-06-30T16:30:00Z', '2026-12-31T23:59:59Z', '1999-03-01T18:00:00Z']) {
      expect(localDateOf(new Date(iso))).toBe(fmt.format(new Date(iso)));
    }
  });

  it('gives the end of the local day in UTC', () => {
    expect(endOfLocalDay(new Date('2026-11-29T01:00:00Z')).toISOString()).toBe('2026-11-29T15:59:59.999Z');
    expect(endOfLocalDay(new Date('2026-11-29T15:59:59.999Z')).toISOString()).toBe('2026-11-29T15:59:59.999Z');
    expect(endOfLocalDay(new Date('2026-11-29T16:00:00Z')).toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });

  it('moves a same-day deadline to the next working day when the day is off', () => {
    expect(endOfLocalWorkday(new Date('2026-09-30T10:00:00Z')).toISOString()).toBe('2026-09-30T15:59:59.999Z');
    expect(endOfLocalWorkday(new Date('2026-11-28T02:00:00Z')).toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(endOfLocalWorkday(new Date('2026-10-01T01:00:00Z')).toISOString()).toBe('2026-10-08T15:59:59.999Z');
    // 22:00 UTC on Friday 2026-10-09 is already Saturday 10-10 in Shanghai: a make-up working day.
    expect(endOfLocalWorkday(new Date('2026-10-09T22:00:00Z')).toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });
});

describe('createWorkdayCalendar: the package data with entered years', () => {
  // An arrangement for 2027 made up for the tests (not the State Council's): 元旦 Fri 1/1–Sun 1/3;
  // 春节 Sat 2/6–Sun 2/14 with Sunday 1/31 and Saturday 2/20 worked.
  const y2027: CalendarYearDays = {
    year: 2027,
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      ...['06', '07', '08', '09', '10', '11', '12', '13', '14'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday' as const, name: '春节' })),
      { date: '2027-01-31', kind: 'makeup_workday', name: '春节' },
      { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
    ],
  };
  const calendar = createWorkdayCalendar(withYears(PACKAGE_CALENDAR_DATA, [y2027]));

  it('covers the package years and the entered one', () => {
    expect(calendar.coveredYears()).toEqual([...calendarCoverage(), 2027]);
    expect(calendar.isYearCovered(2027)).toBe(true);
    expect(calendar.isCovered('2027-06-01')).toBe(true);
    expect(calendar.isYearCovered(2028)).toBe(false);
    expect(packageCalendar.isYearCovered(2027)).toBe(false); // the package calendar is not changed
  });

  it('answers for an entered year: holidays off, make-up days on, the rest by weekday', () => {
    expect(calendar.isWorkday('2027-01-01')).toBe(false); // Friday, 元旦
    expect(calendar.isWorkday('2027-01-04')).toBe(true); // Monday
    expect(calendar.isWorkday('2027-01-31')).toBe(true); // Sunday worked
    expect(calendar.isWorkday('2027-02-08')).toBe(false); // Monday of 春节
    expect(calendar.isWorkday('2027-02-20')).toBe(true); // Saturday worked
    expect(calendar.isWorkday('2027-02-21')).toBe(false); // Sunday
  });

  it('adds working days across the year boundary into the entered year', () => {
    // Wed 12-30, Thu 12-31, then 元旦 1/1–1/3: the third working day is Monday 2027-01-04.
    expect(calendar.addWorkdays('2026-12-29', 3)).toBe('2027-01-04');
    expect(calendar.addWorkdays('2027-01-04', -3)).toBe('2026-12-29');
    expect(calendar.workdaysBetween('2026-12-29', '2027-01-04')).toBe(3);
    expect(() => addWorkdays('2026-12-29', 3)).toThrow(CalendarNotCoveredError); // the package alone cannot
    expect(calendar.endOfLocalWorkday(new Date('2027-01-01T02:00:00Z')).toISOString()).toBe('2027-01-04T15:59:59.999Z');
  });

  it('still refuses a date in a year neither source covers', () => {
    expect(() => calendar.isWorkday('2028-01-03')).toThrow(CalendarNotCoveredError);
    expect(() => calendar.addWorkdays('2027-12-30', 3)).toThrow(CalendarNotCoveredError);
    expect(calendar.isWorkday('2028-01-03', { outsideCoverage: 'weekdays' })).toBe(true);
  });

  it('lets an entered year replace the package data for that year as a whole', () => {
    // A correction of 2026 that keeps only 国庆 and moves nothing else: 春节 is then ordinary.
    const corrected = createWorkdayCalendar(
      withYears(PACKAGE_CALENDAR_DATA, [{ year: 2026, days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }, { date: '2026-10-11', kind: 'makeup_workday', name: '国庆节' }] }]),
    );
    expect(isWorkday('2026-02-16')).toBe(false);
    expect(corrected.isWorkday('2026-02-16')).toBe(true);
    expect(corrected.isWorkday('2026-02-14')).toBe(false); // the package's make-up Saturday is gone too
    expect(corrected.isWorkday('2026-10-11')).toBe(true);
    expect(corrected.isWorkday('2025-10-01')).toBe(false); // other years keep the package data
    expect(corrected.yearDays(2026).map((d) => d.date)).toEqual(['2026-10-01', '2026-10-11']);
  });

  it('lists a year\'s days in date order with Chinese names', () => {
    const days = packageCalendar.yearDays(2026);
    expect(days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦' });
    expect(days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节' });
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(calendar.yearDays(2027)).toHaveLength(14);
  });

  it('refuses an entered day outside its year', () => {
    expect(() => withYears(PACKAGE_CALENDAR_DATA, [{ year: 2027, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] }])).toThrow(RangeError);
  });
});
