import type { WorkdayCalendar } from '../../../../core/reference/domain/workday';

/**
 * The public notice (公示) period, counted in working days (工作日) of the Chinese calendar with
 * its 调休 (core/reference: the chinese-days data plus the years an administrator entered), as
 * Chinese notices count them. The notice starts on the first working day on or after the day the
 * office chooses, and lasts `workdays` working days including that first one; objections are
 * accepted until the end of its last day, Asia/Shanghai.
 */
export interface NoticePeriod {
  startsOn: string;
  endsOn: string;
  workdays: number;
}

export type NoticeCalendar = Pick<WorkdayCalendar, 'isWorkday' | 'addWorkdays'>;

export function noticePeriod(calendar: NoticeCalendar, from: string, workdays: number): NoticePeriod {
  if (!Number.isInteger(workdays) || workdays < 1) throw new RangeError(`a notice lasts at least one working day, not ${workdays}`);
  const startsOn = calendar.isWorkday(from) ? from : calendar.addWorkdays(from, 1);
  const endsOn = calendar.addWorkdays(startsOn, workdays - 1);
  return { startsOn, endsOn, workdays };
}

/** Where the notice stands on a local day: before it, during it, or after its last day. */
export function noticePhase(period: { startsOn: string; endsOn: string }, today: string): 'before' | 'running' | 'ended' {
  if (today < period.startsOn) return 'before';
  if (today > period.endsOn) return 'ended';
  return 'running';
}

/** Working days left in the notice counting today (0 once it has ended). */
export function workdaysLeft(calendar: Pick<WorkdayCalendar, 'isWorkday' | 'workdaysBetween'>, period: { startsOn: string; endsOn: string }, today: string): number {
  if (today > period.endsOn) return 0;
  const from = today < period.startsOn ? period.startsOn : today;
  return calendar.workdaysBetween(from, period.endsOn) + (calendar.isWorkday(from) ? 1 : 0);
}
