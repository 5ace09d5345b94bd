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

export function serviceRates(summaries: readonly RequestSummary[], asOf: Date): ServiceRates {
  const now = asOf.getTime();
  const onTimeN = Object.fromEntries(SERVICE_STEPS.map((s) => [s, [0, 0]])) as Record<ServiceStep, [number, number]>;
  const duration = Object.fromEntries(SERVICE_STEPS.map((s) => [s, [0, 0]])) as Record<ServiceStep, [number, number]>;
  const satisfactionCounts: Record<Satisfaction, number> = { satisfied: 0, basically_satisfied: 0, dissatisfied: 0 };
  let requests = 0;
  let merged = 0;
  let followedUp = 0;
  let solved = 0;
  let resolved = 0;
  let resolvedFollowedUp = 0;

  for (const r of summaries) {
    if (r.status === 'merged') {
      merged++;
      continue;
    }
    requests++;
    for (const step of SERVICE_STEPS) {
      const s = r.steps[step];
      if (!s) continue;
      const due = s.dueAt?.getTime() ?? null;
      if (s.completedAt) {
        duration[step][0] += s.completedAt.getTime() - s.startedAt.getTime();
        duration[step][1]++;
        if (due === null) continue; // no deadline known: not judged
        onTimeN[step][1]++;
        if (s.completedAt.getTime() <= due) onTimeN[step][0]++;
      } else if (due !== null && due < now) {
        onTimeN[step][1]++; // still open past its deadline: late
      }
    }
    if (r.followUp) {
      followedUp++;
      satisfactionCounts[r.followUp.satisfaction]++;
      if (r.followUp.solved) solved++;
    }
    if (countsAsResolved(r)) {
      resolved++;
      if (r.followUp) resolvedFollowedUp++;
    }
  }

  const onTime = Object.fromEntries(SERVICE_STEPS.map((s) => [s, rate(onTimeN[s][0], onTimeN[s][1])])) as Record<ServiceStep, Rate>;
  return {
    requests,
    mergedExcluded: merged,
    responseRate: onTime.respond,
    resolutionRate: rate(solved, followedUp),
    satisfactionRate: rate(satisfactionCounts.satisfied + satisfactionCounts.basically_satisfied, followedUp),
    followUpRate: rate(resolvedFollowedUp, resolved),
    onTime,
    averageDurationMs: Object.fromEntries(SERVICE_STEPS.map((s) => [s, duration[s][1] === 0 ? null : duration[s][0] / duration[s][1]])) as Record<ServiceStep, number | null>,
    satisfactionCounts,
  };
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
