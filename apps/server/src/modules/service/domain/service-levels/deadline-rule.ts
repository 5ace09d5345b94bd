// The deadline rule format (时限规则): plain data, one per category and step. See
// docs/service/SERVICE_LEVELS.md for the semantics and examples.
import type { Label } from '../label';
import { parseTimeOfDay } from './office-hours';

interface RuleBase {
  /**
   * 'HH:MM' local: a request arriving at or after this time counts from the next day (the next
   * working day for working-day and working-hours rules; on a day off the cut-off does not apply,
   * the count starts on the next working day anyway). Absent: no cut-off.
   */
  cutoff?: string;
}

export type DeadlineRule =
  /** By 24:00 of the day it arrives (calendar), or of that day / the next working day (working). 当天 */
  | (RuleBase & { kind: 'same_day'; basis: 'calendar' | 'working'; warnBeforeHours?: number })
  /** By 24:00 of the N-th calendar day after the day it arrives. */
  | (RuleBase & { kind: 'calendar_days'; days: number; warnBeforeHours?: number })
  /** By 24:00 of the N-th working day after the day it arrives (the day itself not counted). N个工作日 */
  | (RuleBase & { kind: 'working_days'; days: number; warnBeforeHours?: number })
  /** N working hours, counted only within office hours on working days. N个工作小时 */
  | (RuleBase & { kind: 'working_hours'; hours: number; warnBeforeWorkingMinutes?: number });

export type DeadlineRuleKind = DeadlineRule['kind'];

/** Day-based rules warn this many wall-clock hours before the deadline (24:00 − 8 h = 16:00 of the due day). */
export const DEFAULT_WARN_BEFORE_HOURS = 8;
/** Working-hours rules warn this many working minutes before the deadline. */
export const DEFAULT_WARN_BEFORE_WORKING_MINUTES = 60;

/** A rule ready for evaluation: parsed once, evaluated many times. */
export interface CompiledRule {
  rule: DeadlineRule;
  mode: 'days' | 'hours';
  basis: 'calendar' | 'working';
  /** Days after the arrival day (0 = same day); days mode. */
  days: number;
  /** Working ms; hours mode. */
  budgetMs: number;
  /** ms since local midnight, or null. */
  cutoffMs: number | null;
  /** ms before the deadline the warning window opens (wall-clock in days mode, working ms in hours mode). */
  warnMs: number;
}

export function deadlineRuleIssues(rule: DeadlineRule): Label[] {
  const issues: Label[] = [];
  if (rule.cutoff !== undefined && parseTimeOfDay(rule.cutoff) === null) {
    issues.push({ zh: `截止时点 ${rule.cutoff} 格式应为 HH:MM`, en: `cut-off ${rule.cutoff}: the format is HH:MM` });
  }
  switch (rule.kind) {
    case 'same_day':
      if (rule.basis !== 'calendar' && rule.basis !== 'working') issues.push({ zh: '当天规则须指定自然日或工作日', en: "a same-day rule's basis is 'calendar' or 'working'" });
      break;
    case 'calendar_days':
    case 'working_days':
      if (!Number.isInteger(rule.days) || rule.days < 1 || rule.days > 366) issues.push({ zh: '天数应为 1–366 的整数', en: 'days is a whole number from 1 to 366' });
      break;
    case 'working_hours':
      if (!(rule.hours > 0) || rule.hours > 2000 || !Number.isInteger(Math.round(rule.hours * 60 * 1000) / 1000)) {
        issues.push({ zh: '工作小时应大于 0 且为整分钟', en: 'hours is more than 0, in whole minutes' });
      }
      if (rule.warnBeforeWorkingMinutes !== undefined && !(rule.warnBeforeWorkingMinutes >= 0)) {
        issues.push({ zh: '预警提前量不能为负', en: 'the warning lead cannot be negative' });
      }
      break;
    default:
      issues.push({ zh: '未知的时限规则类型', en: 'unknown deadline rule kind' });
  }
  if ('warnBeforeHours' in rule && rule.warnBeforeHours !== undefined && !(rule.warnBeforeHours >= 0)) {
    issues.push({ zh: '预警提前量不能为负', en: 'the warning lead cannot be negative' });
  }
  return issues;
}

export function compileDeadlineRule(rule: DeadlineRule): CompiledRule {
  const issues = deadlineRuleIssues(rule);
  if (issues.length) throw new RangeError(`invalid deadline rule ${JSON.stringify(rule)}: ${issues.map((i) => i.en).join('; ')}`);
  const cutoffMs = rule.cutoff === undefined ? null : parseTimeOfDay(rule.cutoff);
  const hour = 3_600_000;
  switch (rule.kind) {
    case 'same_day':
      return { rule, mode: 'days', basis: rule.basis, days: 0, budgetMs: 0, cutoffMs, warnMs: (rule.warnBeforeHours ?? DEFAULT_WARN_BEFORE_HOURS) * hour };
    case 'calendar_days':
    case 'working_days':
      return {
        rule,
        mode: 'days',
        basis: rule.kind === 'calendar_days' ? 'calendar' : 'working',
        days: rule.days,
        budgetMs: 0,
        cutoffMs,
        warnMs: (rule.warnBeforeHours ?? DEFAULT_WARN_BEFORE_HOURS) * hour,
      };
    case 'working_hours':
      return {
        rule,
        mode: 'hours',
        basis: 'working',
        days: 0,
        budgetMs: Math.round(rule.hours * 60) * 60_000,
        cutoffMs,
        warnMs: (rule.warnBeforeWorkingMinutes ?? DEFAULT_WARN_BEFORE_WORKING_MINUTES) * 60_000,
      };
  }
}
