// The three rates (三率: 响应率、解决率、满意率), the follow-up rate, on-time rates per step and
// average durations, over request summaries, optionally grouped by any key. Pure; the store
// builds the summaries (one per request: steps from its events, deadlines from the engine).
// Definitions, with numerator and denominator: docs/service/RATES.md.
import type { RequestStatus, Satisfaction } from '../lifecycle/states';
import { SERVICE_STEPS, type ServiceStep } from '../service-levels/service-level-policy';

export interface StepRecord {
  /** When the step's clock started. */
  startedAt: Date;
  /** Its deadline; null when unknown (an open pause holds the clock, or the calendar does not cover it). */
  dueAt: Date | null;
  completedAt: Date | null;
}

export interface RequestSummary {
  id: string;
  status: RequestStatus;
  steps: Partial<Record<ServiceStep, StepRecord>>;
  /** When it was (last) resolved; null if never. Stays set after a reopen (see countsAsResolved). */
  resolvedAt: Date | null;
  /** The latest follow-up's answers; null if not followed up. */
  followUp: { satisfaction: Satisfaction; solved: boolean } | null;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when there is nothing to measure (never 0 % or 100 % of nothing). */
  value: number | null;
}

export interface ServiceRates {
  /** Requests counted (merged duplicates left out). */
  requests: number;
  /** Merged duplicates left out of every rate. */
  mergedExcluded: number;
  /** 响应率: the respond step's on-time rate. */
  responseRate: Rate;
  /** 解决率: follow-ups answering 已解决, of follow-ups. */
  resolutionRate: Rate;
  /** 满意率: follow-ups answering 满意 or 基本满意, of follow-ups. */
  satisfactionRate: Rate;
  /** 回访率: resolved requests followed up. */
  followUpRate: Rate;
  /** 按时率 per step. */
  onTime: Record<ServiceStep, Rate>;
  /** Mean wall-clock ms from a step's start to its completion, over completed steps; null when none. */
  averageDurationMs: Record<ServiceStep, number | null>;
  satisfactionCounts: Record<Satisfaction, number>;
}

/** The states of a request whose (latest) resolution stands: closed is only reached from resolved or followed up. */
const RESOLVED_STATES: ReadonlySet<RequestStatus> = new Set(['resolved', 'followed_up', 'closed']);

/**
 * Whether a request counts as resolved (回访率's denominator): resolved and not reopened since.
 * resolvedAt stays set after a dissatisfied follow-up reopens it; until it is resolved again (which
 * moves resolvedAt past the reopen and the state back to resolved) it is not resolved.
 */
export function countsAsResolved(r: Pick<RequestSummary, 'status' | 'resolvedAt'>): boolean {
  return r.resolvedAt !== null && RESOLVED_STATES.has(r.status);
}

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

/** Per step: steps due (judged), of them completed in time, steps completed and their summed wall-clock duration. */
export interface StepCounts { due: number; met: number; done: number; durationMs: number }

/**
 * The counts every rate is a ratio of. serviceRates counts them over summaries in memory; the
 * dashboard's store counts the same things in SQL over the step rows (docs/service/METRICS.md) and
 * turns them into rates here, so the ratios are defined once.
 */
export interface RateCounts {
  requests: number;
  merged: number;
  steps: Record<ServiceStep, StepCounts>;
  followedUp: number;
  solved: number;
  /** countsAsResolved */
  resolved: number;
  resolvedFollowedUp: number;
  satisfactionCounts: Record<Satisfaction, number>;
}

export function emptyRateCounts(): RateCounts {
  return {
    requests: 0, merged: 0,
    steps: Object.fromEntries(SERVICE_STEPS.map((s) => [s, { due: 0, met: 0, done: 0, durationMs: 0 }])) as Record<ServiceStep, StepCounts>,
    followedUp: 0, solved: 0, resolved: 0, resolvedFollowedUp: 0,
    satisfactionCounts: { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 },
  };
}

export function ratesFromCounts(c: RateCounts): ServiceRates {
  const onTime = Object.fromEntries(SERVICE_STEPS.map((s) => [s, rate(c.steps[s].met, c.steps[s].due)])) as Record<ServiceStep, Rate>;
  const sc = c.satisfactionCounts;
  return {
    requests: c.requests,
    mergedExcluded: c.merged,
    responseRate: onTime.respond,
    resolutionRate: rate(c.solved, c.followedUp),
    satisfactionRate: rate(sc.satisfied + sc.basically_satisfied, c.followedUp),
    followUpRate: rate(c.resolvedFollowedUp, c.resolved),
    onTime,
    averageDurationMs: Object.fromEntries(SERVICE_STEPS.map((s) => [s, c.steps[s].done === 0 ? null : c.steps[s].durationMs / c.steps[s].done])) as Record<ServiceStep, number | null>,
    satisfactionCounts: { ...sc },
  };
}

export function serviceRates(summaries: readonly RequestSummary[], asOf: Date): ServiceRates {
  const now = asOf.getTime();
  const c = emptyRateCounts();
  for (const r of summaries) {
    if (r.status === 'merged') {
      c.merged++;
      continue;
    }
    c.requests++;
    for (const step of SERVICE_STEPS) {
      const s = r.steps[step];
      if (!s) continue;
      const n = c.steps[step];
      const due = s.dueAt?.getTime() ?? null;
      if (s.completedAt) {
        n.durationMs += s.completedAt.getTime() - s.startedAt.getTime();
        n.done++;
        if (due === null) continue; // no deadline known: not judged
        n.due++;
        if (s.completedAt.getTime() <= due) n.met++;
      } else if (due !== null && due < now) {
        n.due++; // still open past its deadline: late
      }
    }
    if (r.followUp) {
      c.followedUp++;
      c.satisfactionCounts[r.followUp.satisfaction]++;
      if (r.followUp.solved) c.solved++;
    }
    if (countsAsResolved(r)) {
      c.resolved++;
      if (r.followUp) c.resolvedFollowedUp++;
    }
  }
  return ratesFromCounts(c);
}

/**
 * The rates per group: keyOf gives a request's group (a handling unit, a category, a month …),
 * several groups (the request counts in each), or null (left out). Groups in key order.
 */
export function serviceRatesBy<S extends RequestSummary>(
  summaries: readonly S[],
  keyOf: (summary: S) => string | readonly string[] | null,
  asOf: Date,
): { key: string; rates: ServiceRates }[] {
  const groups = new Map<string, S[]>();
  for (const s of summaries) {
    const k = keyOf(s);
    if (k === null) continue;
    for (const key of typeof k === 'string' ? [k] : k) {
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(s);
    }
  }
  return [...groups.keys()].sort().map((key) => ({ key, rates: serviceRates(groups.get(key)!, asOf) }));
}
