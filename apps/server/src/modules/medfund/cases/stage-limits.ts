import type { Tx } from '../../../core/context';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { localDateOf } from '../../../core/reference/domain/workday';
import { DEFAULT_STAGE_LIMITS, OPEN_STAGES, type StageLimits, type Workdays } from './domain/review-chain';

/** The configured working days per stage (medfund_stage_limits), defaults where a row is missing. */
export async function loadStageLimits(db: Tx): Promise<StageLimits> {
  const rows = await db.selectFrom('medfund_stage_limits').select(['stage', 'workdays']).execute();
  const out = { ...DEFAULT_STAGE_LIMITS };
  for (const r of rows) if ((OPEN_STAGES as readonly string[]).includes(r.stage)) out[r.stage] = r.workdays;
  return out;
}

/** The chain's calendar: the app's working days; a year the calendar lacks counts Monday–Friday. */
export function workdaysOf(cal: WorkdayCalendar): Workdays {
  return { addWorkdays: (d, n) => cal.addWorkdays(d, n, { outsideCoverage: 'weekdays' }) };
}

/** Today in Asia/Shanghai. */
export const todayOf = (now: Date): string => localDateOf(now);
