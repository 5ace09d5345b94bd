// What a request's events do to its step rows (办理环节), including who holds each one. Pure: the
// store (requests/service-levels.ts) and the demo seed both run their events through here, then
// compute deadlines with the service-level engine. Rules: docs/service/SERVICE_LEVELS.md
// (STEP_STARTS) and RATES.md ("Which unit a figure counts for").
import type { RequestEvent } from '../lifecycle/request';
import type { Satisfaction } from '../lifecycle/states';
import type { ServiceStep } from '../service-levels/service-level-policy';

/**
 * One holding of a step: a (step, round) normally has one row; a return ends the returning unit's
 * row (`returned`, cancelledAt = the return) and the re-dispatch opens the same step for the next
 * unit with the same start (the enterprise's clock does not restart), so each unit is judged on
 * the time it held the step.
 */
export interface StepHolding {
  step: ServiceStep;
  round: number;
  startedAt: Date;
  completedAt: Date | null;
  /** Ended without completion: merged away, or returned by its unit (`returned`). */
  cancelledAt: Date | null;
  /** The handling unit that held it (respond, resolve); null for the office's steps (accept, dispatch, follow_up) and before a dispatch. */
  unitId: string | null;
  /** The service agent of the dispatch, or else the unit's user who completed it. */
  agentId: string | null;
  returned: boolean;
  /**
   * A dispatch holding the office opened at a unit's return (退单): the request waits for the
   * dispatcher again, and this re-dispatch has its own deadline (the dispatch rule, from the return).
   */
  redispatch: boolean;
  /** A later round (after a reopen) opened this step again: only the latest round is judged. */
  superseded: boolean;
  /** On a follow_up row completed by a follow-up: the enterprise's answers. */
  satisfaction: Satisfaction | null;
  solved: boolean | null;
}

/** The unit's own steps: the ones a dispatch hands over and a return hands back. */
export const UNIT_STEPS: readonly ServiceStep[] = ['respond', 'resolve'];

export interface HoldingChanges<R extends StepHolding> {
  /** Rows to insert (new holdings). */
  added: R[];
  /** Existing rows changed (unit set, completed, returned, superseded, cancelled). */
  changed: Set<R>;
  /** Rows completed by these events (their deadline outcome is computed next). */
  completed: Set<R>;
  /** Rows handed back by a return (their deadline at the return decides whether the unit was late). */
  returned: Set<R>;
}

const isOpen = (r: StepHolding) => r.completedAt === null && r.cancelledAt === null;

/**
 * Applies the events to the rows (mutating them; new rows are created with `make`). `round` is the
 * request's reopen round after the action; `reopened` events carry their own.
 */
export function applyEventsToHoldings<R extends StepHolding>(
  rows: R[],
  events: readonly RequestEvent[],
  round: number,
  make: (h: StepHolding) => R,
): HoldingChanges<R> {
  const out: HoldingChanges<R> = { added: [], changed: new Set(), completed: new Set(), returned: new Set() };
  const touch = (r: R) => { if (!out.added.includes(r)) out.changed.add(r); };

  const open = (step: ServiceStep, r: number, at: Date, holder: { unitId: string | null; agentId: string | null } = { unitId: null, agentId: null }) => {
    const same = rows.filter((x) => x.step === step && x.round === r && !x.redispatch);
    if (same.some((x) => !x.returned)) return;
    // After a return the next unit takes the step over with its original start (the promise to the enterprise stands).
    const startedAt = same.length ? same.reduce((a, b) => (a.startedAt <= b.startedAt ? a : b)).startedAt : at;
    for (const old of rows) {
      if (old.step === step && old.round < r && !old.superseded) { old.superseded = true; touch(old); }
    }
    const row = make({
      step, round: r, startedAt, completedAt: null, cancelledAt: null, unitId: holder.unitId, agentId: holder.agentId,
      returned: false, redispatch: false, superseded: false, satisfaction: null, solved: null,
    });
    rows.push(row);
    out.added.push(row);
  };
  const complete = (step: ServiceStep, at: Date, by?: RequestEvent['actor']) => {
    for (const r of rows) {
      if (r.step !== step || !isOpen(r)) continue;
      r.completedAt = at;
      if (by && (by.role === 'handling_unit' || by.role === 'service_agent')) {
        r.unitId ??= by.unitId ?? null;
        r.agentId ??= by.id;
      }
      touch(r);
      out.completed.add(r);
    }
  };

  for (const e of events) {
    switch (e.type) {
      case 'submitted':
        open('accept', 0, e.at);
        break;
      case 'accepted':
        complete('accept', e.at);
        open('dispatch', round, e.at);
        break;
      case 'dispatched': {
        complete('dispatch', e.at);
        const holder = { unitId: e.leadUnitId, agentId: e.agentId };
        // Respond and resolve count from the first dispatch of the round: a return does not restart them.
        for (const step of UNIT_STEPS) open(step, round, e.at, holder);
        for (const r of rows) {
          if (UNIT_STEPS.includes(r.step) && r.round === round && isOpen(r) && r.unitId === null) {
            r.unitId = holder.unitId;
            r.agentId = holder.agentId;
            touch(r);
          }
        }
        break;
      }
      case 'returned':
        for (const r of rows) {
          if (!UNIT_STEPS.includes(r.step) || !isOpen(r)) continue;
          r.cancelledAt = e.at;
          r.returned = true;
          r.unitId ??= e.unitId;
          touch(r);
          out.returned.add(r);
        }
        // The request waits for the office again: a re-dispatch holding, timed from the return.
        if (!rows.some((r) => r.step === 'dispatch' && isOpen(r))) {
          const row = make({
            step: 'dispatch', round, startedAt: e.at, completedAt: null, cancelledAt: null, unitId: null, agentId: null,
            returned: false, redispatch: true, superseded: false, satisfaction: null, solved: null,
          });
          rows.push(row);
          out.added.push(row);
        }
        break;
      case 'responded':
        complete('respond', e.at, e.actor);
        break;
      case 'resolved':
        complete('respond', e.at, e.actor);
        complete('resolve', e.at, e.actor);
        open('follow_up', round, e.at);
        break;
      case 'followed_up':
        for (const r of rows) {
          if (r.step === 'follow_up' && isOpen(r)) { r.satisfaction = e.satisfaction; r.solved = e.solved; }
        }
        complete('follow_up', e.at);
        break;
      case 'closed':
        complete('follow_up', e.at);
        break;
      case 'reopened':
        open('dispatch', e.reopenCount, e.at);
        for (const step of UNIT_STEPS) open(step, e.reopenCount, e.at);
        break;
      case 'merged_into':
        for (const r of rows) if (isOpen(r)) { r.cancelledAt = e.at; touch(r); }
        break;
      default:
        break;
    }
  }
  return out;
}
