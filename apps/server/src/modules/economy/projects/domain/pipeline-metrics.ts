import { daysBetween, orderedStages, type StageDef } from './stage-rules';

/**
 * Pipeline figures, pure (docs/economy/PROJECTS.md): the funnel with the conversion between
 * stages and the time spent in each stage, from the projects' stage events.
 */
export interface StageEvent { projectId: string; toStage: string; at: string /* YYYY-MM-DD, local */ }
export interface ProjectState { id: string; stage: string; status: 'active' | 'landed' | 'dropped' }

export interface FunnelRow { stage: string; reached: number; /** reached(next) / reached(this), % */ conversionPercent: number | null }

/**
 * A project has reached every stage up to the furthest it has been in (a project that skipped a
 * stage passed it; one that stepped back keeps what it reached). Dropped projects count for what
 * they reached: that is the funnel's loss.
 */
export function funnel(stages: readonly StageDef[], projects: readonly ProjectState[], events: readonly StageEvent[]): FunnelRow[] {
  const list = orderedStages(stages);
  const order = new Map(list.map((s, i) => [s.code, i]));
  const furthest = new Map<string, number>();
  for (const p of projects) furthest.set(p.id, order.get(p.stage) ?? 0);
  for (const e of events) {
    const o = order.get(e.toStage);
    if (o !== undefined && furthest.has(e.projectId) && o > furthest.get(e.projectId)!) furthest.set(e.projectId, o);
  }
  const reached = list.map((_, i) => [...furthest.values()].filter((f) => f >= i).length);
  return list.map((s, i) => ({
    stage: s.code, reached: reached[i]!,
    conversionPercent: i + 1 < list.length && reached[i]! > 0 ? Math.round((reached[i + 1]! / reached[i]!) * 1000) / 10 : null,
  }));
}

export interface StageTime {
  stage: string;
  /** Stays that ended (the project moved on or back). */
  finished: number;
  medianDays: number | null;
  averageDays: number | null;
  /** Projects in the stage now, how long the longest has been there, and how many are past the stage's target. */
  current: number;
  longestCurrentDays: number | null;
  overTarget: number;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Days in each stage: each stay lasts from its event to the project's next event (or today while it is still there and active). */
export function timeInStage(stages: readonly StageDef[], projects: readonly ProjectState[], events: readonly StageEvent[], today: string): StageTime[] {
  const finished = new Map<string, number[]>();
  const current = new Map<string, number[]>();
  const byProject = new Map<string, StageEvent[]>();
  for (const e of events) byProject.set(e.projectId, [...(byProject.get(e.projectId) ?? []), e]);
  for (const p of projects) {
    const evs = byProject.get(p.id) ?? [];
    evs.forEach((e, k) => {
      const next = evs[k + 1];
      if (next) finished.set(e.toStage, [...(finished.get(e.toStage) ?? []), daysBetween(e.at, next.at)]);
      else if (p.status === 'active') current.set(e.toStage, [...(current.get(e.toStage) ?? []), daysBetween(e.at, today)]);
    });
  }
  return orderedStages(stages).map((s) => {
    const f = finished.get(s.code) ?? [];
    const c = current.get(s.code) ?? [];
    return {
      stage: s.code, finished: f.length, medianDays: median(f), averageDays: f.length ? Math.round((f.reduce((a, b) => a + b, 0) / f.length) * 10) / 10 : null,
      current: c.length, longestCurrentDays: c.length ? Math.max(...c) : null,
      overTarget: s.targetDays === null ? 0 : c.filter((d) => d > s.targetDays!).length,
    };
  });
}
