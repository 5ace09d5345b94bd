import { describe, expect, it } from 'vitest';
import { addDays, checkStageChange, daysBetween, escalationLevel, finalStage, isMajor, milestonesOnEntry, stageListProblems, type StageDef } from './stage-rules';
import { funnel, timeInStage } from './pipeline-metrics';

const STAGES: StageDef[] = [
  { code: 'negotiating', name: '洽谈', sortOrder: 2, targetDays: 90, milestones: [{ name: '投资意向书', required: true, dueDays: 30 }, { name: '签订投资协议', required: true, dueDays: 90 }] },
  { code: 'contact', name: '接洽', sortOrder: 1, targetDays: 30, milestones: [{ name: '项目研判', required: true, dueDays: 7 }] },
  { code: 'signed', name: '签约', sortOrder: 3, targetDays: 120, milestones: [{ name: '项目公司注册', required: true, dueDays: 60 }, { name: '走访', required: false, dueDays: 10 }] },
  { code: 'producing', name: '投产', sortOrder: 4, targetDays: null, milestones: [] },
];

describe('stage changes and required milestones', () => {
  it('forward with the stage\'s required milestones done: no warning (optional ones do not count)', () => {
    const c = checkStageChange(STAGES, 'signed', 'producing', [
      { stage: 'signed', name: '项目公司注册', required: true, done: true }, { stage: 'signed', name: '走访', required: false, done: false },
    ]);
    expect(c).toEqual({ direction: 'forward', skippedStages: [], missing: [], needsReason: false });
  });
  it('a required milestone not done is listed and the change needs a reason', () => {
    const c = checkStageChange(STAGES, 'contact', 'negotiating', [{ stage: 'contact', name: '项目研判', required: true, done: false }]);
    expect(c.missing).toEqual([{ stage: 'contact', name: '项目研判' }]);
    expect(c.needsReason).toBe(true);
  });
  it('passing over a stage skips its template\'s required milestones, unless they were done', () => {
    const c = checkStageChange(STAGES, 'contact', 'signed', [{ stage: 'contact', name: '项目研判', required: true, done: true }]);
    expect(c.skippedStages).toEqual(['negotiating']);
    expect(c.missing).toEqual([{ stage: 'negotiating', name: '投资意向书' }, { stage: 'negotiating', name: '签订投资协议' }]);
    const done = checkStageChange(STAGES, 'contact', 'signed', [
      { stage: 'contact', name: '项目研判', required: true, done: true },
      { stage: 'negotiating', name: '投资意向书', required: true, done: true }, { stage: 'negotiating', name: '签订投资协议', required: true, done: true },
    ]);
    expect(done.needsReason).toBe(false);
  });
  it('the target stage\'s own milestones are not due yet; a step back needs a reason; the same stage is no change', () => {
    expect(checkStageChange(STAGES, 'negotiating', 'signed', [
      { stage: 'negotiating', name: '投资意向书', required: true, done: true }, { stage: 'negotiating', name: '签订投资协议', required: true, done: true },
      { stage: 'signed', name: '项目公司注册', required: true, done: false },
    ]).needsReason).toBe(false);
    expect(checkStageChange(STAGES, 'signed', 'contact', [])).toMatchObject({ direction: 'backward', needsReason: true });
    expect(checkStageChange(STAGES, 'signed', 'signed', []).direction).toBe('same');
    expect(() => checkStageChange(STAGES, 'signed', 'nowhere', [])).toThrow(/unknown stage nowhere/);
  });
  it('milestones on entering a stage are due dueDays later; the final stage is the last in order', () => {
    expect(milestonesOnEntry(STAGES[0]!, '2026-01-15')).toEqual([
      { stage: 'negotiating', name: '投资意向书', required: true, dueDate: '2026-02-14' },
      { stage: 'negotiating', name: '签订投资协议', required: true, dueDate: '2026-04-15' },
    ]);
    expect(finalStage(STAGES).code).toBe('producing');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-12-31', '2026-01-07')).toBe(7);
  });
  it('major projects from 1 亿元 (in fen)', () => {
    expect(isMajor(100_000_000_00)).toBe(true);
    expect(isMajor(99_999_999_99)).toBe(false);
  });
  it('escalation of an open milestone: owner from the day after its due date, leaders from 7 days', () => {
    expect(escalationLevel('2026-03-10', '2026-03-10', false)).toBe(0);
    expect(escalationLevel('2026-03-10', '2026-03-11', false)).toBe(1);
    expect(escalationLevel('2026-03-10', '2026-03-17', false)).toBe(2);
    expect(escalationLevel('2026-03-10', '2026-04-17', true)).toBe(0);
    expect(escalationLevel(null, '2026-04-17', false)).toBe(0);
  });
  it('a stage list needs two stages, unique codes and unique milestone names per stage', () => {
    expect(stageListProblems(STAGES)).toEqual([]);
    expect(stageListProblems([STAGES[0]!])).toEqual(['至少需要两个阶段']);
    expect(stageListProblems([STAGES[0]!, STAGES[0]!])).toEqual(['阶段代码 negotiating 重复']);
  });
});

describe('funnel and time in stage (hand-worked)', () => {
  // p1: contact 01-01 → negotiating 01-11 → signed 02-10 (now); p2: contact 01-01 → negotiating 01-21 (dropped);
  // p3: created at signed 01-05 → producing 03-01 (landed); p4: contact 02-01 (now)
  const projects = [
    { id: 'p1', stage: 'signed', status: 'active' as const }, { id: 'p2', stage: 'negotiating', status: 'dropped' as const },
    { id: 'p3', stage: 'producing', status: 'landed' as const }, { id: 'p4', stage: 'contact', status: 'active' as const },
  ];
  const events = [
    { projectId: 'p1', toStage: 'contact', at: '2026-01-01' }, { projectId: 'p1', toStage: 'negotiating', at: '2026-01-11' }, { projectId: 'p1', toStage: 'signed', at: '2026-02-10' },
    { projectId: 'p2', toStage: 'contact', at: '2026-01-01' }, { projectId: 'p2', toStage: 'negotiating', at: '2026-01-21' },
    { projectId: 'p3', toStage: 'signed', at: '2026-01-05' }, { projectId: 'p3', toStage: 'producing', at: '2026-03-01' },
    { projectId: 'p4', toStage: 'contact', at: '2026-02-01' },
  ];
  it('reached = furthest stage; conversion = reached(next) / reached(this)', () => {
    expect(funnel(STAGES, projects, events)).toEqual([
      { stage: 'contact', reached: 4, conversionPercent: 75 },
      { stage: 'negotiating', reached: 3, conversionPercent: 66.7 },
      { stage: 'signed', reached: 2, conversionPercent: 50 },
      { stage: 'producing', reached: 1, conversionPercent: null },
    ]);
  });
  it('days per finished stay, and the stays still open for active projects', () => {
    const t = new Map(timeInStage(STAGES, projects, events, '2026-06-10').map((r) => [r.stage, r]));
    expect(t.get('contact')).toMatchObject({ finished: 2, medianDays: 15, averageDays: 15, current: 1, longestCurrentDays: 129, overTarget: 1 });
    expect(t.get('negotiating')).toMatchObject({ finished: 1, medianDays: 30, current: 0 }); // p2 dropped: its stay is not open
    expect(t.get('signed')).toMatchObject({ finished: 1, medianDays: 55, current: 1, longestCurrentDays: 120, overTarget: 0 });
    expect(t.get('producing')).toMatchObject({ finished: 0, current: 0, medianDays: null });
  });
});
