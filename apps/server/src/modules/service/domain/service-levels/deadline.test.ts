import { describe, expect, it } from 'vitest';
import { CalendarNotCoveredError, packageCalendar } from '../../../../core/reference/domain/workday';
import {
  DEFAULT_OFFICE_HOURS,
  completedStepOutcome,
  createServiceClock,
  openStepStatus,
  stepDeadline,
  type DeadlineRule,
  type Pause,
} from '../index';

// Times are written in Asia/Shanghai; the calendar is the State Council's 2026 notice as shipped.
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const fmt = (d: Date | null) => (d === null ? null : new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
const END = '23:59:59';
const clock = createServiceClock(packageCalendar, DEFAULT_OFFICE_HOURS); // 08:30–12:00, 13:30–17:30
const weekdaysClock = createServiceClock(packageCalendar, DEFAULT_OFFICE_HOURS, { outsideCoverage: 'weekdays' });

const sameDay: DeadlineRule = { kind: 'same_day', basis: 'calendar' };
const sameDayCut: DeadlineRule = { kind: 'same_day', basis: 'calendar', cutoff: '17:30' };
const sameWorkday: DeadlineRule = { kind: 'same_day', basis: 'working' };
const sameWorkdayCut: DeadlineRule = { kind: 'same_day', basis: 'working', cutoff: '16:00' };
const wd = (days: number, cutoff?: string): DeadlineRule => ({ kind: 'working_days', days, ...(cutoff ? { cutoff } : {}) });
const cd = (days: number, cutoff?: string): DeadlineRule => ({ kind: 'calendar_days', days, ...(cutoff ? { cutoff } : {}) });
const wh = (hours: number, cutoff?: string): DeadlineRule => ({ kind: 'working_hours', hours, ...(cutoff ? { cutoff } : {}) });

describe('day-based rules across days, cut-offs, weekends, holidays and 调休', () => {
  it.each<[string, DeadlineRule, string, string]>([
    ['same calendar day', sameDay, '2026-03-10 10:00', `2026-03-10 ${END}`],
    ['same calendar day on a Saturday', sameDay, '2026-03-14 10:00', `2026-03-14 ${END}`],
    ['same calendar day, just before midnight', sameDay, '2026-03-10 23:59', `2026-03-10 ${END}`],
    ['calendar cut-off 17:30, before it', sameDayCut, '2026-03-10 17:29', `2026-03-10 ${END}`],
    ['calendar cut-off 17:30, at it: the next day', sameDayCut, '2026-03-10 17:30', `2026-03-11 ${END}`],
    ['calendar cut-off on a Saturday: Sunday (calendar days)', sameDayCut, '2026-03-14 18:00', `2026-03-15 ${END}`],
    ['same working day', sameWorkday, '2026-03-10 22:00', `2026-03-10 ${END}`],
    ['same working day, Saturday: Monday', sameWorkday, '2026-03-14 10:00', `2026-03-16 ${END}`],
    ['same working day, cut-off 16:00 on Friday: Monday', sameWorkdayCut, '2026-03-13 16:30', `2026-03-16 ${END}`],
    ['same working day, cut-off not reached', sameWorkdayCut, '2026-03-10 15:59', `2026-03-10 ${END}`],
    ['same working day, cut-off on a Saturday does not apply', sameWorkdayCut, '2026-03-14 18:00', `2026-03-16 ${END}`],
    ['国庆 day 1: after the holiday', sameWorkday, '2026-10-01 09:00', `2026-10-08 ${END}`],
    ['cut-off on Friday 10-09: the make-up Saturday 10-10', sameWorkdayCut, '2026-10-09 17:00', `2026-10-10 ${END}`],
    ['make-up Sunday 09-20 is a working day', sameWorkday, '2026-09-20 11:00', `2026-09-20 ${END}`],
    ['春节: Friday 02-13 after cut-off: make-up Saturday 02-14', sameWorkdayCut, '2026-02-13 18:00', `2026-02-14 ${END}`],
    ['春节: make-up Saturday 02-14 after cut-off: 02-24', sameWorkdayCut, '2026-02-14 17:00', `2026-02-24 ${END}`],
    ['春节 holiday: 02-24', sameWorkday, '2026-02-17 10:00', `2026-02-24 ${END}`],
    ['5 working days over 国庆, ending on make-up Saturday 10-10', wd(5), '2026-09-28 10:00', `2026-10-10 ${END}`],
    ['3 working days from a Saturday: Wednesday', wd(3), '2026-11-28 10:00', `2026-12-02 ${END}`],
    ['1 working day, Friday before cut-off: Monday', wd(1, '17:00'), '2026-03-13 16:59', `2026-03-16 ${END}`],
    ['1 working day, Friday after cut-off: counts from Monday → Tuesday', wd(1, '17:00'), '2026-03-13 17:30', `2026-03-17 ${END}`],
    ['2 working days into make-up Saturday 02-14', wd(2), '2026-02-12 10:00', `2026-02-14 ${END}`],
    ['3 working days across 春节', wd(3), '2026-02-12 10:00', `2026-02-24 ${END}`],
    ['元旦 and make-up Sunday 01-04', wd(1), '2026-01-01 10:00', `2026-01-04 ${END}`],
    ['劳动节: 4 working days after 04-30 end on make-up Saturday 05-09', wd(4), '2026-04-30 10:00', `2026-05-09 ${END}`],
    ['7 calendar days over 国庆', cd(7), '2026-10-01 10:00', `2026-10-08 ${END}`],
    ['3 calendar days after cut-off', cd(3, '17:30'), '2026-03-10 18:00', `2026-03-14 ${END}`],
  ])('%s', (_name, rule, start, due) => {
    expect(fmt(stepDeadline(clock, rule, { start: sh(start) }))).toBe(due);
  });
});

describe('working-hours rules (office hours 08:30–12:00, 13:30–17:30)', () => {
  it.each<[string, DeadlineRule, string, string]>([
    ['within the morning', wh(2), '2026-03-10 10:00', '2026-03-10 12:00:00'],
    ['over lunch', wh(2), '2026-03-10 11:00', '2026-03-10 14:30:00'],
    ['overnight', wh(2), '2026-03-10 17:00', '2026-03-11 10:00:00'],
    ['a whole office day ends at its close, not the next opening', wh(7.5), '2026-03-09 08:30', '2026-03-09 17:30:00'],
    ['arrival before opening', wh(2), '2026-03-10 07:00', '2026-03-10 10:30:00'],
    ['arrival at lunch', wh(1), '2026-03-10 12:30', '2026-03-10 14:30:00'],
    ['arrival on Saturday: Monday', wh(2), '2026-03-14 10:00', '2026-03-16 10:30:00'],
    ['half an hour', wh(0.5), '2026-03-10 11:45', '2026-03-10 13:45:00'],
    ['across 国庆', wh(4), '2026-09-30 16:00', '2026-10-08 11:00:00'],
    ['into make-up Saturday 02-14', wh(8), '2026-02-13 15:00', '2026-02-14 15:30:00'],
    ['from make-up Saturday 02-14 across 春节', wh(2), '2026-02-14 17:00', '2026-02-24 10:00:00'],
    ['cut-off 16:00: counts from the next working day', wh(1, '16:00'), '2026-03-10 16:30', '2026-03-11 09:30:00'],
    ['no cut-off: the same afternoon', wh(1), '2026-03-10 16:30', '2026-03-10 17:30:00'],
    ['cut-off on Friday: Monday', wh(1, '16:00'), '2026-03-13 16:00', '2026-03-16 09:30:00'],
  ])('%s', (_name, rule, start, due) => {
    expect(fmt(stepDeadline(clock, rule, { start: sh(start) }))).toBe(due);
  });
});

describe('pauses while waiting for the enterprise', () => {
  const p = (from: string, to: string | null): Pause => ({ from: sh(from), to: to === null ? null : sh(to) });
  // 4 working hours from Tuesday 09:00: due 14:30 without pauses.
  it.each<[string, DeadlineRule, string, Pause[], string | null]>([
    ['no pause', wh(4), '2026-03-10 09:00', [], '2026-03-10 14:30:00'],
    ['an office hour paused adds an hour', wh(4), '2026-03-10 09:00', [p('2026-03-10 10:00', '2026-03-10 11:00')], '2026-03-10 15:30:00'],
    ['over lunch only office time counts', wh(4), '2026-03-10 09:00', [p('2026-03-10 11:30', '2026-03-10 14:00')], '2026-03-10 15:30:00'],
    ['overnight: the evening and night do not count', wh(4), '2026-03-10 09:00', [p('2026-03-10 12:00', '2026-03-10 13:30')], '2026-03-10 14:30:00'],
    ['a pause after the deadline changes nothing', wh(4), '2026-03-10 09:00', [p('2026-03-10 15:00', '2026-03-10 16:00')], '2026-03-10 14:30:00'],
    ['a pause beginning at the deadline changes nothing', wh(4), '2026-03-10 09:00', [p('2026-03-10 14:30', '2026-03-10 16:00')], '2026-03-10 14:30:00'],
    ['a pause before the start is ignored', wh(4), '2026-03-10 09:00', [p('2026-03-09 09:00', '2026-03-10 10:00')], '2026-03-10 15:30:00'],
    [
      'a second pause that begins before the extended deadline counts too',
      wh(4),
      '2026-03-10 09:00',
      [p('2026-03-10 10:00', '2026-03-10 11:00'), p('2026-03-10 15:00', '2026-03-10 16:00')],
      '2026-03-10 16:30:00',
    ],
    ['overlapping pauses count once', wh(4), '2026-03-10 09:00', [p('2026-03-10 10:00', '2026-03-10 11:00'), p('2026-03-10 10:30', '2026-03-10 11:00')], '2026-03-10 15:30:00'],
    ['an open pause stops the clock: no deadline', wh(4), '2026-03-10 09:00', [p('2026-03-10 10:00', null)], null],
    ['an open pause after the deadline: the deadline stands', wh(4), '2026-03-10 09:00', [p('2026-03-10 16:00', null)], '2026-03-10 14:30:00'],
    ['working hours paused over 国庆: 1 h before, 3 h after', wh(4), '2026-09-30 09:00', [p('2026-09-30 10:00', '2026-10-08 09:30')], '2026-10-08 14:00:00'],
    // 3 working days from Monday 03-09: due Thursday 03-12.
    ['days: a pause within one day gives nothing back', wd(3), '2026-03-09 10:00', [p('2026-03-10 10:00', '2026-03-10 16:00')], `2026-03-12 ${END}`],
    ['days: a pause into the next day gives one working day', wd(3), '2026-03-09 10:00', [p('2026-03-10 10:00', '2026-03-11 16:00')], `2026-03-13 ${END}`],
    ['days: Thursday to Saturday gives Thursday and Friday', wd(3), '2026-03-09 10:00', [p('2026-03-12 15:00', '2026-03-14 10:00')], `2026-03-16 ${END}`],
    ['days: a weekend pause gives nothing', wd(3), '2026-03-09 10:00', [p('2026-03-07 10:00', '2026-03-09 09:00')], `2026-03-12 ${END}`],
    ['days: over 国庆 only 09-30 is given back', wd(2), '2026-09-29 10:00', [p('2026-09-30 10:00', '2026-10-08 09:00')], `2026-10-09 ${END}`],
    ['days: a pause after the deadline', wd(3), '2026-03-09 10:00', [p('2026-03-13 10:00', '2026-03-16 10:00')], `2026-03-12 ${END}`],
    ['same calendar day: resumed the next day, due that day', sameDay, '2026-03-10 10:00', [p('2026-03-10 15:00', '2026-03-11 10:00')], `2026-03-11 ${END}`],
    ['same calendar day: over a weekend, calendar days count', sameDay, '2026-03-13 10:00', [p('2026-03-13 15:00', '2026-03-16 10:00')], `2026-03-16 ${END}`],
    ['same working day: Friday to Saturday gives Friday back', sameWorkday, '2026-03-13 10:00', [p('2026-03-13 15:00', '2026-03-14 10:00')], `2026-03-16 ${END}`],
    ['same day: an open pause', sameDay, '2026-03-10 10:00', [p('2026-03-10 15:00', null)], null],
  ])('%s', (_name, rule, start, pauses, due) => {
    expect(fmt(stepDeadline(clock, rule, { start: sh(start), pauses }))).toBe(due);
  });
});

describe('outside the covered years (2027 is not published yet)', () => {
  it('refuses a deadline that needs 2027, and computes one that stays in 2026', () => {
    expect(() => stepDeadline(clock, wh(2), { start: sh('2026-12-31 17:00') })).toThrow(CalendarNotCoveredError);
    expect(() => stepDeadline(clock, wd(3), { start: sh('2026-12-29 10:00') })).toThrow(CalendarNotCoveredError);
    expect(() => stepDeadline(clock, sameWorkday, { start: sh('2027-01-04 10:00') })).toThrow(/2027/);
    expect(fmt(stepDeadline(clock, wd(2), { start: sh('2026-12-29 10:00') }))).toBe(`2026-12-31 ${END}`);
    expect(fmt(stepDeadline(clock, wh(1), { start: sh('2026-12-31 16:00') }))).toBe('2026-12-31 17:00:00');
  });

  it('a calendar-day rule needs no calendar', () => {
    expect(fmt(stepDeadline(clock, cd(3), { start: sh('2026-12-31 10:00') }))).toBe(`2027-01-03 ${END}`);
  });

  it('falls back to Monday–Friday when configured (and is then wrong on 2027 holidays: 01-01 counts)', () => {
    expect(fmt(stepDeadline(weekdaysClock, wh(2), { start: sh('2026-12-31 17:00') }))).toBe('2027-01-01 10:00:00');
    expect(fmt(stepDeadline(weekdaysClock, wd(3), { start: sh('2026-12-29 10:00') }))).toBe(`2027-01-01 ${END}`);
    expect(fmt(stepDeadline(weekdaysClock, wd(1), { start: sh('2027-01-01 10:00') }))).toBe(`2027-01-04 ${END}`);
  });

  it('the open-step status reports the missing year instead of throwing', () => {
    const s = openStepStatus(clock, wd(3), { start: sh('2026-12-29 10:00') }, sh('2026-12-30 10:00'));
    expect(s).toMatchObject({ state: 'calendar_not_covered', year: 2027, dueMs: null });
  });
});

describe('completed steps: met or not', () => {
  it.each<[DeadlineRule, string, string, boolean, number]>([
    [sameWorkday, '2026-03-10 10:00', '2026-03-10 23:59', true, 0],
    [sameWorkday, '2026-03-10 10:00', '2026-03-11 00:00', false, 1],
    [wh(2), '2026-03-10 11:00', '2026-03-10 14:30', true, 0],
    [wh(2), '2026-03-10 11:00', '2026-03-10 14:31', false, 60_000],
  ])('%j from %s completed %s: met %s', (rule, start, done, met, late) => {
    const r = completedStepOutcome(clock, rule, { start: sh(start), completedAt: sh(done) });
    expect(r.met).toBe(met);
    expect(r.lateByMs).toBe(late);
  });

  it('a pause still open at completion ends there', () => {
    const r = completedStepOutcome(clock, wh(2), { start: sh('2026-03-10 09:00'), pauses: [{ from: sh('2026-03-10 10:00'), to: null }], completedAt: sh('2026-03-10 11:30') });
    expect(fmt(r.dueAt)).toBe('2026-03-10 14:00:00'); // 1.5 h paused → 11:00 + 1.5 h office time
    expect(r.met).toBe(true);
  });
});

describe('open steps for the escalation sweep', () => {
  const rule = wh(4); // from Tuesday 09:00: due 14:30, warning 60 working minutes before: 13:00 → 12:00 (lunch is not office time)
  const at = (now: string, pauses: Pause[] = []) => openStepStatus(clock, rule, { start: sh('2026-03-10 09:00'), pauses }, sh(now));
  it.each<[string, string]>([
    ['2026-03-10 09:30', 'ok'],
    ['2026-03-10 11:59', 'ok'],
    ['2026-03-10 12:00', 'warning'],
    ['2026-03-10 13:45', 'warning'],
    ['2026-03-10 14:30', 'warning'],
    ['2026-03-10 14:31', 'overdue'],
  ])('at %s: %s', (now, state) => {
    expect(at(now).state).toBe(state);
  });

  it('gives the warning and due instants', () => {
    const s = at('2026-03-10 09:30');
    expect(fmt(new Date(s.warnMs!))).toBe('2026-03-10 12:00:00');
    expect(fmt(new Date(s.dueMs!))).toBe('2026-03-10 14:30:00');
  });

  it('paused while the enterprise has not answered; then the deadline moves by the pause', () => {
    const pause = { from: sh('2026-03-10 10:00'), to: sh('2026-03-10 16:00') };
    expect(at('2026-03-10 15:00', [pause]).state).toBe('paused'); // not known to end yet at 15:00
    expect(at('2026-03-10 16:00', [pause]).state).toBe('ok'); // 4.5 office hours paused: due Wednesday 10:00
    expect(fmt(new Date(at('2026-03-10 16:00', [pause]).dueMs!))).toBe('2026-03-11 10:00:00');
  });

  it('a pause that begins after the deadline does not rescue an overdue step', () => {
    expect(at('2026-03-10 16:00', [{ from: sh('2026-03-10 15:00'), to: null }]).state).toBe('overdue');
  });

  it('day-based rules warn 8 hours before 24:00 by default (16:00 of the due day)', () => {
    const s = (now: string) => openStepStatus(clock, sameWorkday, { start: sh('2026-03-10 09:00') }, sh(now)).state;
    expect(s('2026-03-10 15:59')).toBe('ok');
    expect(s('2026-03-10 16:00')).toBe('warning');
    expect(s('2026-03-11 00:00')).toBe('overdue');
  });
});
