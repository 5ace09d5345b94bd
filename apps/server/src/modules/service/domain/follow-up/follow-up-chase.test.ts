import { describe, expect, it } from 'vitest';
import { packageCalendar } from '../../../../core/reference/domain/workday';
import { DEFAULT_OFFICE_HOURS } from '../service-levels/office-hours';
import { createServiceClock } from '../service-levels/service-clock';
import { DEFAULT_FOLLOW_UP_CHASE, followUpChaseDue, followUpChaseIssues, followUpChaseTimes } from './follow-up-chase';

const clock = createServiceClock(packageCalendar, DEFAULT_OFFICE_HOURS); // 08:30–12:00, 13:30–17:30
const at = (local: string) => new Date(`${local}+08:00`);
const times = (resolved: string) => followUpChaseTimes(clock, DEFAULT_OFFICE_HOURS, at(resolved), DEFAULT_FOLLOW_UP_CHASE);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('the follow-up chase: N working days of office time after resolution', () => {
  it.each([
    // resolved, reminder (1 office day later), hotline (2 office days later)
    ['2026-03-17T10:00:00', '2026-03-18T10:00:00', '2026-03-19T10:00:00'], // Tue → Wed → Thu, same hour
    ['2026-03-20T16:00:00', '2026-03-23T16:00:00', '2026-03-24T16:00:00'], // Fri → over the weekend
    ['2026-03-21T11:00:00', '2026-03-23T17:30:00', '2026-03-24T17:30:00'], // Sat: counts from Monday's opening
    ['2026-03-17T20:00:00', '2026-03-18T17:30:00', '2026-03-19T17:30:00'], // after hours: the next office day
    ['2026-09-30T15:00:00', '2026-10-08T15:00:00', '2026-10-09T15:00:00'], // 国庆 10-01…07 off
  ])('resolved %s: reminder %s, hotline %s', (resolved, remind, hotline) => {
    const t = times(resolved);
    expect(iso(t.remindMs)).toBe(at(remind).toISOString());
    expect(iso(t.hotlineMs)).toBe(at(hotline).toISOString());
  });

  it('is due once each: the reminder first, then the hotline, then nothing', () => {
    const t = { remindMs: 100, hotlineMs: 200 };
    const none = { remindedAt: null, hotlineAt: null };
    expect(followUpChaseDue(t, none, 99)).toBeNull();
    expect(followUpChaseDue(t, none, 100)).toBe('remind');
    // Long past both: still the reminder first.
    expect(followUpChaseDue(t, none, 500)).toBe('remind');
    expect(followUpChaseDue(t, { remindedAt: new Date(100), hotlineAt: null }, 150)).toBeNull();
    expect(followUpChaseDue(t, { remindedAt: new Date(100), hotlineAt: null }, 200)).toBe('hotline');
    expect(followUpChaseDue(t, { remindedAt: new Date(100), hotlineAt: new Date(200) }, 900)).toBeNull();
  });

  it('a year the calendar does not cover gives no time (no chase until it is entered)', () => {
    const t = times('2031-06-02T10:00:00');
    expect(t).toEqual({ remindMs: null, hotlineMs: null });
    expect(followUpChaseDue(t, { remindedAt: null, hotlineAt: null }, Date.now() * 2)).toBeNull();
  });

  it('checks its policy', () => {
    expect(followUpChaseIssues(DEFAULT_FOLLOW_UP_CHASE)).toEqual([]);
    expect(followUpChaseIssues({ remindAfterWorkingDays: 2, hotlineAfterWorkingDays: 2 })).toHaveLength(1);
    expect(followUpChaseIssues({ remindAfterWorkingDays: 0, hotlineAfterWorkingDays: 1.5 })).toHaveLength(1);
  });
});
