/**
 * Investment project stages and milestones, pure (docs/economy/PROJECTS.md): which required
 * milestones a stage change would skip, the milestones a project gets on entering a stage, and
 * what counts as a major project.
 */
export interface MilestoneTemplate { name: string; required: boolean; dueDays: number }
export interface StageDef { code: string; name: string; sortOrder: number; targetDays: number | null; milestones: readonly MilestoneTemplate[] }
export interface MilestoneState { stage: string; name: string; required: boolean; done: boolean }

export type StageDirection = 'forward' | 'backward' | 'same';

export interface StageChangeCheck {
  direction: StageDirection;
  /** Stages passed over without being entered (contact → signed skips negotiating). */
  skippedStages: string[];
  /** Required milestones not done of the stages being left or passed over: "stage：name". */
  missing: { stage: string; name: string }[];
  /** The change must be confirmed with a reason: milestones missing, or a step back. */
  needsReason: boolean;
}

/** 1 亿元 (the article's threshold for a major project) and 5 亿元, in fen. */
export const MAJOR_FEN = 100_000_000 * 100;
export const VERY_MAJOR_FEN = 500_000_000 * 100;
export const isMajor = (totalFen: number) => totalFen >= MAJOR_FEN;

export function orderedStages(stages: readonly StageDef[]): StageDef[] {
  return [...stages].sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The last stage: a project there has landed (投产). */
export const finalStage = (stages: readonly StageDef[]) => orderedStages(stages).at(-1)!;

/**
 * Moving from `from` to `to`: forward, every required milestone of the stages left behind
 * ([from, to)) must be done — the project's own, and for a stage passed over without being
 * entered, its template's required ones. Missing ones are listed; the change then needs the
 * officer's confirmation and reason. A step back always needs a reason; the same stage is no change.
 */
export function checkStageChange(stages: readonly StageDef[], from: string, to: string, milestones: readonly MilestoneState[]): StageChangeCheck {
  const list = orderedStages(stages);
  const i = list.findIndex((s) => s.code === from);
  const j = list.findIndex((s) => s.code === to);
  if (i < 0 || j < 0) throw new Error(`unknown stage ${i < 0 ? from : to}`);
  if (i === j) return { direction: 'same', skippedStages: [], missing: [], needsReason: false };
  if (j < i) return { direction: 'backward', skippedStages: [], missing: [], needsReason: true };
  const left = list.slice(i, j);
  const skippedStages = list.slice(i + 1, j).map((s) => s.code);
  const missing: { stage: string; name: string }[] = [];
  for (const s of left) {
    const own = milestones.filter((m) => m.stage === s.code);
    for (const m of own) if (m.required && !m.done) missing.push({ stage: s.code, name: m.name });
    if (skippedStages.includes(s.code)) {
      for (const t of s.milestones) if (t.required && !own.some((m) => m.name === t.name && m.done)) {
        if (!missing.some((x) => x.stage === s.code && x.name === t.name)) missing.push({ stage: s.code, name: t.name });
      }
    }
  }
  return { direction: 'forward', skippedStages, missing, needsReason: missing.length > 0 };
}

/** 'YYYY-MM-DD' + n days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => { const [y, m, d] = s.split('-').map(Number) as [number, number, number]; return Date.UTC(y, m - 1, d); };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The milestones a project gets when it enters a stage (on `date`, local): due `dueDays` later. */
export function milestonesOnEntry(stage: StageDef, date: string): { stage: string; name: string; required: boolean; dueDate: string }[] {
  return stage.milestones.map((t) => ({ stage: stage.code, name: t.name, required: t.required, dueDate: addDays(date, t.dueDays) }));
}

/** Escalation of an open milestone past its due date: 1 its owner is told (from the day after), 2 the leaders too (from 7 days). */
export const LEADER_AFTER_DAYS = 7;
export function escalationLevel(dueDate: string | null, today: string, done: boolean): 0 | 1 | 2 {
  if (done || !dueDate) return 0;
  const late = daysBetween(dueDate, today);
  if (late >= LEADER_AFTER_DAYS) return 2;
  return late >= 1 ? 1 : 0;
}

/** A stage list an administrator saves: codes unique, names present, at least two stages. */
export function stageListProblems(stages: readonly StageDef[]): string[] {
  const problems: string[] = [];
  if (stages.length < 2) problems.push('至少需要两个阶段');
  const seen = new Set<string>();
  for (const s of stages) {
    if (seen.has(s.code)) problems.push(`阶段代码 ${s.code} 重复`);
    seen.add(s.code);
    const names = new Set<string>();
    for (const m of s.milestones) {
      if (names.has(m.name)) problems.push(`阶段“${s.name}”的节点“${m.name}”重复`);
      names.add(m.name);
    }
  }
  return problems;
}
