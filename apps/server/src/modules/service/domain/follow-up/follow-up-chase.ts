// 回访催办: chasing a follow-up nobody gave. After resolution the enterprise is asked to rate the
// answer online; if it has not after N working days it is reminded once; if it still has not
// after M working days (from resolution), the hotline calls (the request shows on its list).
// Working days are counted in office time (N × the office day), so reminders go out during
// office hours, not at midnight. Pure: the caller passes the clock and the instants.
import type { Label } from '../label';
import { compileOfficeHours, type OfficeHours } from '../service-levels/office-hours';
import { compileDeadlineRule } from '../service-levels/deadline-rule';
import { dueTimesMs } from '../service-levels/deadline';
import type { ServiceClock } from '../service-levels/service-clock';

export interface FollowUpChasePolicy {
  /** Working days after resolution before the enterprise is reminded (once). */
  remindAfterWorkingDays: number;
  /** Working days after resolution before the hotline takes over; more than remindAfterWorkingDays. */
  hotlineAfterWorkingDays: number;
}

/** Remind after one working day, hand to the hotline after two: the follow-up step's 3-day deadline leaves it a day. */
export const DEFAULT_FOLLOW_UP_CHASE: FollowUpChasePolicy = { remindAfterWorkingDays: 1, hotlineAfterWorkingDays: 2 };

export function followUpChaseIssues(p: FollowUpChasePolicy): Label[] {
  const issues: Label[] = [];
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 30;
  if (!ok(p.remindAfterWorkingDays) || !ok(p.hotlineAfterWorkingDays)) issues.push({ zh: '催办天数应为 1–30 的整数', en: 'chase days are whole numbers from 1 to 30' });
  if (p.hotlineAfterWorkingDays <= p.remindAfterWorkingDays) issues.push({ zh: '转热线回访须晚于提醒企业', en: 'the hotline takes over after the reminder' });
  return issues;
}

export type FollowUpChaseStep = 'remind' | 'hotline';

/** When each chase step falls due for a request resolved at `resolvedAt` (epoch ms; null: the calendar lacks the year). */
export function followUpChaseTimes(clock: ServiceClock, officeHours: OfficeHours, resolvedAt: Date, p: FollowUpChasePolicy): { remindMs: number | null; hotlineMs: number | null } {
  const dayHours = compileOfficeHours(officeHours).dayMs / 3_600_000;
  const after = (days: number) => {
    try {
      return dueTimesMs(clock, compileDeadlineRule({ kind: 'working_hours', hours: days * dayHours }), resolvedAt.getTime())?.dueMs ?? null;
    } catch {
      return null; // a year the calendar does not cover yet: no chase until it is entered
    }
  };
  return { remindMs: after(p.remindAfterWorkingDays), hotlineMs: after(p.hotlineAfterWorkingDays) };
}

/**
 * The chase step due now, if any: the reminder once (not yet reminded), then the hotline once
 * (reminded, not yet handed over). A request whose reminder is overdue by more than the hotline's
 * turn still gets the reminder first; the next sweep hands it over.
 */
export function followUpChaseDue(
  times: { remindMs: number | null; hotlineMs: number | null },
  state: { remindedAt: Date | null; hotlineAt: Date | null },
  nowMs: number,
): FollowUpChaseStep | null {
  if (state.remindedAt === null) return times.remindMs !== null && nowMs >= times.remindMs ? 'remind' : null;
  if (state.hotlineAt === null) return times.hotlineMs !== null && nowMs >= times.hotlineMs ? 'hotline' : null;
  return null;
}
