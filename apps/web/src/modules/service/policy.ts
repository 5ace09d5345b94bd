/**
 * The service-level policy as the settings page edits it: one row per (category or default, step)
 * with the rule's kind, N and cut-off. Pure conversions between the API's JSON
 * (docs/service/SERVICE_LEVELS.md) and the rows; fields the page does not edit (warning windows)
 * are kept as they were.
 */
export const POLICY_STEPS = ['accept', 'dispatch', 'respond', 'resolve', 'follow_up'] as const;
export type PolicyStep = (typeof POLICY_STEPS)[number];

export type DeadlineRule =
  | { kind: 'same_day'; basis: 'calendar' | 'working'; cutoff?: string; warnBeforeHours?: number }
  | { kind: 'calendar_days'; days: number; cutoff?: string; warnBeforeHours?: number }
  | { kind: 'working_days'; days: number; cutoff?: string; warnBeforeHours?: number }
  | { kind: 'working_hours'; hours: number; cutoff?: string; warnBeforeWorkingMinutes?: number };

export interface ServiceLevelPolicy {
  officeHours: { windows: { from: string; to: string }[] };
  outsideCoverage: 'throw' | 'weekdays';
  defaults: Record<PolicyStep, DeadlineRule>;
  byCategory: Record<string, Partial<Record<PolicyStep, DeadlineRule>>>;
}

export interface PolicyView {
  version: number | null;
  effectiveFrom: string | null;
  updatedBy: string | null;
  policy: ServiceLevelPolicy;
  defaultPolicy: ServiceLevelPolicy;
}

/** The kinds as the page offers them: 当天 split by its basis. */
export const RULE_KINDS = ['same_day_calendar', 'same_day_working', 'calendar_days', 'working_days', 'working_hours'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface PolicyRow {
  key: string;
  /** null: the default for every category. */
  categoryId: string | null;
  step: PolicyStep;
  kind: RuleKind;
  /** Days or hours; unused by 当天. */
  n: number | null;
  cutoff: string | null;
  /** The warning window, kept as read. */
  warn?: number;
}

export const needsN = (k: RuleKind) => k !== 'same_day_calendar' && k !== 'same_day_working';

function toRow(categoryId: string | null, step: PolicyStep, r: DeadlineRule): PolicyRow {
  const base = { key: `${categoryId ?? '*'}|${step}`, categoryId, step, cutoff: r.cutoff ?? null };
  switch (r.kind) {
    case 'same_day':
      return { ...base, kind: r.basis === 'calendar' ? 'same_day_calendar' : 'same_day_working', n: null, warn: r.warnBeforeHours };
    case 'calendar_days':
    case 'working_days':
      return { ...base, kind: r.kind, n: r.days, warn: r.warnBeforeHours };
    case 'working_hours':
      return { ...base, kind: 'working_hours', n: r.hours, warn: r.warnBeforeWorkingMinutes };
  }
}

export function toRule(row: PolicyRow): DeadlineRule {
  const cutoff = row.cutoff ? { cutoff: row.cutoff } : {};
  const warnH = row.warn !== undefined ? { warnBeforeHours: row.warn } : {};
  switch (row.kind) {
    case 'same_day_calendar':
      return { kind: 'same_day', basis: 'calendar', ...cutoff, ...warnH };
    case 'same_day_working':
      return { kind: 'same_day', basis: 'working', ...cutoff, ...warnH };
    case 'calendar_days':
    case 'working_days':
      return { kind: row.kind, days: row.n ?? 0, ...cutoff, ...warnH };
    case 'working_hours':
      return { kind: 'working_hours', hours: row.n ?? 0, ...cutoff, ...(row.warn !== undefined ? { warnBeforeWorkingMinutes: row.warn } : {}) };
  }
}

export function policyRows(p: ServiceLevelPolicy): { defaults: PolicyRow[]; overrides: PolicyRow[] } {
  return {
    defaults: POLICY_STEPS.map((s) => toRow(null, s, p.defaults[s])),
    overrides: Object.entries(p.byCategory).flatMap(([c, steps]) =>
      POLICY_STEPS.filter((s) => steps[s]).map((s) => toRow(c, s, steps[s]!))),
  };
}

/** Rows back into a policy; office hours and coverage as they were. A later row for the same (category, step) wins. */
export function rowsToPolicy(base: ServiceLevelPolicy, defaults: PolicyRow[], overrides: PolicyRow[]): ServiceLevelPolicy {
  const byCategory: ServiceLevelPolicy['byCategory'] = {};
  for (const r of overrides) {
    if (!r.categoryId) continue;
    (byCategory[r.categoryId] ??= {})[r.step] = toRule(r);
  }
  return {
    officeHours: base.officeHours,
    outsideCoverage: base.outsideCoverage,
    defaults: Object.fromEntries(defaults.map((r) => [r.step, toRule(r)])) as Record<PolicyStep, DeadlineRule>,
    byCategory,
  };
}
