// Which deadline rule applies to a step of a request: per category (inherited down the
// category tree) and step, with defaults. Data, configured per county.
import type { OutsideCoverage } from '../../../../core/reference/domain/workday';
import type { Label } from '../label';
import { compileDeadlineRule, deadlineRuleIssues, type CompiledRule, type DeadlineRule } from './deadline-rule';
import { DEFAULT_OFFICE_HOURS, officeHoursIssues, type OfficeHours } from './office-hours';

/** The timed steps (the office's promise 当天受理、当天交办、当天回应, then 办结 and 回访). */
export const SERVICE_STEPS = ['accept', 'dispatch', 'respond', 'resolve', 'follow_up'] as const;
export type ServiceStep = (typeof SERVICE_STEPS)[number];

/**
 * Where each step's clock starts and what completes it (event types of the lifecycle). Returns
 * and re-dispatches do not restart respond/resolve: they count from the first dispatch, so a
 * return costs the units time (the ping-pong 12345 practice warns about). After a reopen the
 * dispatch, respond and resolve clocks start again from the `reopened` event.
 */
export const STEP_STARTS: Readonly<Record<ServiceStep, { startsAt: string; completedBy: string }>> = {
  accept: { startsAt: 'submitted', completedBy: 'accepted' },
  dispatch: { startsAt: 'accepted (or reopened)', completedBy: 'first dispatched after it' },
  respond: { startsAt: 'first dispatched (or reopened)', completedBy: 'responded' },
  resolve: { startsAt: 'first dispatched (or reopened)', completedBy: 'resolved' },
  follow_up: { startsAt: 'resolved', completedBy: 'followed_up (or closed)' },
};

export interface ServiceLevelPolicy {
  officeHours: OfficeHours;
  /** What a deadline in a year the calendar does not cover does: refuse (throw) or Monday–Friday. */
  outsideCoverage: OutsideCoverage;
  defaults: Readonly<Record<ServiceStep, DeadlineRule>>;
  /** Category id → the steps it sets; a category inherits what it does not set from its ancestors. */
  byCategory: Readonly<Record<string, Partial<Record<ServiceStep, DeadlineRule>>>>;
}

/**
 * The 良渚 亲企办 promise as defaults: accepted the same calendar day (the hotline is 24-hour),
 * dispatched and answered the same working day (cut-off 16:00: later ones the next working day),
 * resolved within 5 working days, followed up within 3 working days of resolution. An example
 * category override: safety emergencies answered within 2 working hours.
 */
export const DEFAULT_SERVICE_LEVEL_POLICY: ServiceLevelPolicy = {
  officeHours: DEFAULT_OFFICE_HOURS,
  outsideCoverage: 'throw',
  defaults: {
    accept: { kind: 'same_day', basis: 'calendar' },
    dispatch: { kind: 'same_day', basis: 'working', cutoff: '16:00' },
    respond: { kind: 'same_day', basis: 'working', cutoff: '16:00' },
    resolve: { kind: 'working_days', days: 5, warnBeforeHours: 24 },
    follow_up: { kind: 'working_days', days: 3 },
  },
  byCategory: {},
};

export function serviceLevelPolicyIssues(policy: ServiceLevelPolicy): Label[] {
  const issues = [...officeHoursIssues(policy.officeHours)];
  const where = (category: string | null, step: ServiceStep) => (category ? `${category}/${step}` : step);
  for (const step of SERVICE_STEPS) {
    for (const i of deadlineRuleIssues(policy.defaults[step])) issues.push({ zh: `${where(null, step)}：${i.zh}`, en: `${where(null, step)}: ${i.en}` });
  }
  for (const [category, steps] of Object.entries(policy.byCategory)) {
    for (const [step, rule] of Object.entries(steps) as [ServiceStep, DeadlineRule][]) {
      if (!SERVICE_STEPS.includes(step)) issues.push({ zh: `未知环节 ${step}`, en: `unknown step ${step}` });
      for (const i of deadlineRuleIssues(rule)) issues.push({ zh: `${where(category, step)}：${i.zh}`, en: `${where(category, step)}: ${i.en}` });
    }
  }
  return issues;
}

export interface CompiledServiceLevelPolicy {
  policy: ServiceLevelPolicy;
  /** The rule for a step of a request in a category, given the category's path from the root (CategoryTree.pathOf). */
  ruleFor(categoryPath: readonly string[], step: ServiceStep): CompiledRule;
}

export function compileServiceLevelPolicy(policy: ServiceLevelPolicy): CompiledServiceLevelPolicy {
  const issues = serviceLevelPolicyIssues(policy);
  if (issues.length) throw new RangeError(issues.map((i) => i.en).join('; '));
  const defaults = Object.fromEntries(SERVICE_STEPS.map((s) => [s, compileDeadlineRule(policy.defaults[s])])) as Record<ServiceStep, CompiledRule>;
  const byCategory = new Map(
    Object.entries(policy.byCategory).map(([c, steps]) => [c, Object.fromEntries(Object.entries(steps).map(([s, r]) => [s, compileDeadlineRule(r)])) as Partial<Record<ServiceStep, CompiledRule>>]),
  );
  return {
    policy,
    ruleFor(categoryPath, step) {
      for (let i = categoryPath.length - 1; i >= 0; i--) {
        const hit = byCategory.get(categoryPath[i]!)?.[step];
        if (hit) return hit;
      }
      return defaults[step];
    },
  };
}
