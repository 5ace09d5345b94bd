import { higherLevel, type Evaluation } from './warning-level';
import type { WarningLevel } from './rollup-rules';

/** A subject's open warning as stored (handled warnings are never planned: the roll-up leaves them be). */
export interface OpenWarning {
  id: number;
  level: WarningLevel;
  computedLevel: WarningLevel | null;
  /** An analyst set the level (with a reason): the roll-up may raise it, never lower it. */
  pinned: boolean;
  findings: number;
  amountFen: number;
  reasons: string[];
}

export interface PlannedEvent {
  kind: 'created' | 'level' | 'status' | 'findings';
  from: string | null;
  to: string | null;
}

export type Plan =
  | { action: 'none' }
  | { action: 'create'; level: WarningLevel; events: PlannedEvent[] }
  | { action: 'update'; level: WarningLevel; computedLevel: WarningLevel | null; events: PlannedEvent[] }
  | { action: 'close'; events: PlannedEvent[] };

/**
 * What the roll-up does with one subject, given the rules' evaluation of its findings (those of the
 * period not under a handled warning, plus those already on its open warning) and its open warning:
 * - no open warning: create one when the rules give a level;
 * - an open warning: follow the rules' level (up or down), unless an analyst pinned it, then only
 *   up; record every change of level and of the findings count; nothing changed → nothing written
 *   (a rerun over the same findings is a no-op);
 * - an open, unpinned warning that no longer reaches any level (the thresholds were raised) is
 *   closed, and its history says why.
 */
export function planWarning(ev: Evaluation, stats: { findings: number; amountFen: number }, open: OpenWarning | null): Plan {
  if (!open) return ev.level ? { action: 'create', level: ev.level, events: [{ kind: 'created', from: null, to: ev.level }] } : { action: 'none' };
  if (!ev.level && !open.pinned) return { action: 'close', events: [{ kind: 'status', from: 'open', to: 'closed' }] };
  const level = ev.level ? (open.pinned ? higherLevel(ev.level, open.level) : ev.level) : open.level;
  const events: PlannedEvent[] = [];
  if (level !== open.level) events.push({ kind: 'level', from: open.level, to: level });
  if (stats.findings !== open.findings) events.push({ kind: 'findings', from: String(open.findings), to: String(stats.findings) });
  const same = events.length === 0 && ev.level === open.computedLevel && stats.amountFen === open.amountFen && ev.reasons.join(',') === open.reasons.join(',');
  return same ? { action: 'none' } : { action: 'update', level, computedLevel: ev.level, events };
}
