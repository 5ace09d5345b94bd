import { describe, expect, it } from 'vitest';
import { packageCalendar } from '../../../../core/reference/domain/workday';
import {
  applyStageAction, CaseRefusal, checkRecoveryPayment, decide, DEFAULT_STAGE_LIMITS, isOverdue, stageDueOn, yuan, type CaseState, type StageAction,
} from './review-chain';
import { allocateFen } from './allocate';

const cal = { addWorkdays: (d: string, n: number) => packageCalendar.addWorkdays(d, n) };
const limits = DEFAULT_STAGE_LIMITS;
const at = (stage: CaseState['stage'], extra: Partial<CaseState> = {}): CaseState => ({ stage, appealDeadline: null, appealed: false, ...extra });

function refusal(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof CaseRefusal) return e.refusal;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the review chain (初审 → 复审 → 申诉 → 调查核实 → 处理)', () => {
  it('walks every stage in order, with the appeal window on working days', () => {
    let s = at('first_review');
    let t = applyStageAction(s, { action: 'pass_first_review' }, '2026-03-02', limits, cal);
    expect(t).toMatchObject({ stage: 'second_review', entersStage: 'second_review' });
    s = at(t.stage);
    t = applyStageAction(s, { action: 'confirm_second_review' }, '2026-03-06', limits, cal);
    // Friday 6 March + 5 working days = Friday 13 March
    expect(t).toMatchObject({ stage: 'appeal', entersStage: 'appeal', appealDeadline: '2026-03-13' });
    s = at('appeal', { appealDeadline: t.appealDeadline });
    t = applyStageAction(s, { action: 'record_appeal', statement: '有医嘱' }, '2026-03-13', limits, cal);
    expect(t).toMatchObject({ stage: 'appeal', entersStage: null, appealed: true });
    s = at('appeal', { appealDeadline: '2026-03-13', appealed: true });
    // with an appeal on file the investigation may start at once
    t = applyStageAction(s, { action: 'start_investigation' }, '2026-03-13', limits, cal);
    expect(t).toMatchObject({ stage: 'investigation', entersStage: 'investigation' });
  });

  it('stage deadlines skip weekends and holidays of the calendar', () => {
    expect(stageDueOn('first_review', '2026-09-30', limits, cal)).toBe(packageCalendar.addWorkdays('2026-09-30', 10));
    expect(stageDueOn('first_review', '2026-09-30', limits, cal) > '2026-10-14').toBe(true); // the National Day week is not counted
    expect(stageDueOn('investigation', '2026-03-02', { ...limits, investigation: 3 }, cal)).toBe('2026-03-05');
    expect(isOverdue('2026-03-05', '2026-03-05')).toBe(false);
    expect(isOverdue('2026-03-05', '2026-03-06')).toBe(true);
  });

  it('refuses every move out of order, naming the stage', () => {
    const moves: StageAction[] = [
      { action: 'pass_first_review' }, { action: 'confirm_second_review' }, { action: 'record_appeal', statement: 'x' }, { action: 'start_investigation' },
    ];
    const allowed: Record<string, string[]> = {
      first_review: ['pass_first_review'], second_review: ['confirm_second_review'], appeal: ['record_appeal', 'start_investigation'], investigation: [], closed: [],
    };
    for (const stage of ['first_review', 'second_review', 'appeal', 'investigation', 'closed'] as const) {
      for (const m of moves) {
        if (allowed[stage]!.includes(m.action)) continue;
        const r = refusal(() => applyStageAction(at(stage, { appealDeadline: '2030-01-01' }), m, '2026-03-02', limits, cal));
        expect(r.code).toBe('MEDFUND_CASE_STAGE_ORDER');
        expect(r.zh).toContain('案件当前处于');
      }
    }
  });

  it('refuses an appeal after its deadline, a second appeal, an empty one, and investigating inside an open appeal window', () => {
    const s = at('appeal', { appealDeadline: '2026-03-13' });
    const late = refusal(() => applyStageAction(s, { action: 'record_appeal', statement: '迟到的申诉' }, '2026-03-16', limits, cal));
    expect(late.code).toBe('MEDFUND_APPEAL_LATE');
    expect(late.zh).toContain('2026-03-13');
    expect(refusal(() => applyStageAction({ ...s, appealed: true }, { action: 'record_appeal', statement: '再次' }, '2026-03-10', limits, cal)).code).toBe('MEDFUND_CASE_STAGE_ORDER');
    expect(refusal(() => applyStageAction(s, { action: 'record_appeal', statement: '  ' }, '2026-03-10', limits, cal)).fields).toHaveProperty('statement');
    const early = refusal(() => applyStageAction(s, { action: 'start_investigation' }, '2026-03-13', limits, cal));
    expect(early.code).toBe('MEDFUND_CASE_STAGE_ORDER');
    expect(early.zh).toContain('申诉期至 2026-03-13');
    // the day after the window, with no appeal, the investigation starts
    expect(applyStageAction(s, { action: 'start_investigation' }, '2026-03-16', limits, cal).stage).toBe('investigation');
  });
});

describe('decisions', () => {
  const findings = [{ id: 1, setlId: 'S1', amountFen: 100_00 }, { id: 2, setlId: 'S2', amountFen: 13_381 }, { id: 3, setlId: 'S3', amountFen: 5_000 }];

  it('counts a settlement two confirmed findings flag once, at its larger finding, in the confirmed amount and the over-recovery check', () => {
    // two rules on settlement S1 (10,000 and 8,000 fen) and one on S2
    const twice = [{ id: 1, setlId: 'S1', amountFen: 10_000 }, { id: 2, setlId: 'S1', amountFen: 8_000 }, { id: 3, setlId: 'S2', amountFen: 500 }];
    const d = decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'], recoveryFen: 10_500 }, twice);
    expect(d.confirmedFen).toBe(10_500);
    // recovering the sum of the findings (18,500) is over the money at risk: a reason is needed
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'], recoveryFen: 10_501 }, twice)).code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    // the larger finding dismissed: the settlement counts at the smaller confirmed one
    const part = decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['penalty'], penaltyFen: 1, findingOutcomes: [{ findingId: 1, outcome: 'dismissed' }] }, twice);
    expect(part.confirmedFen).toBe(8_500);
  });

  it('confirms with measures and per-finding outcomes; the confirmed amount is the sum of the confirmed findings', () => {
    const d = decide(at('investigation'), {
      decision: 'confirmed', basis: '条例第二十条', measures: ['recovery', 'penalty', 'recovery'], recoveryFen: 11_381, penaltyFen: 20_000,
      findingOutcomes: [{ findingId: 3, outcome: 'data_quality' }],
    }, findings);
    expect(d.measures).toEqual(['recovery', 'penalty']);
    expect(d.confirmedFen).toBe(23_381);
    expect([...d.outcomes]).toEqual([[1, 'confirmed'], [2, 'confirmed'], [3, 'data_quality']]);
    expect(d).toMatchObject({ recoveryFen: 11_381, penaltyFen: 20_000, refusedFen: 0, overReason: null });
  });

  it('dismisses or calls a data-quality problem at any open stage, every finding taking that outcome', () => {
    for (const stage of ['first_review', 'second_review', 'appeal', 'investigation'] as const) {
      const d = decide(at(stage), { decision: 'data_quality', basis: '编码错位，整改' }, findings);
      expect([...d.outcomes.values()]).toEqual(['data_quality', 'data_quality', 'data_quality']);
      expect(d.measures).toEqual([]);
    }
    expect(decide(at('appeal'), { decision: 'dismissed', basis: '申诉成立' }, findings).decision).toBe('dismissed');
  });

  it('refuses a decision without its required fields, out of order, or twice', () => {
    expect(refusal(() => decide(at('first_review'), { decision: 'confirmed', basis: 'x', measures: ['penalty'], penaltyFen: 1 }, findings)).code).toBe('MEDFUND_CASE_STAGE_ORDER');
    expect(refusal(() => decide(at('closed'), { decision: 'dismissed', basis: 'x' }, findings)).code).toBe('MEDFUND_CASE_STAGE_ORDER');
    expect(refusal(() => decide(at('investigation'), { decision: 'dismissed', basis: ' ' }, findings)).fields).toEqual({ basis: '请填写处理依据' });
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x' }, findings)).fields).toHaveProperty('measures');
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'] }, findings)).fields).toHaveProperty('recoveryFen');
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['refuse_payment'], refusedFen: 0 }, findings)).fields).toHaveProperty('refusedFen');
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['penalty'] }, findings)).fields).toHaveProperty('penaltyFen');
    const none = refusal(() => decide(at('investigation'), {
      decision: 'confirmed', basis: 'x', measures: ['transfer_police'], findingOutcomes: findings.map((f) => ({ findingId: f.id, outcome: 'dismissed' as const })),
    }, findings));
    expect(none.fields).toHaveProperty('findingOutcomes');
    expect(refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['transfer_police'], findingOutcomes: [{ findingId: 99, outcome: 'confirmed' }] }, findings)).zh).toContain('#99');
    expect(refusal(() => decide(at('investigation'), { decision: 'dismissed', basis: 'x', findingOutcomes: [{ findingId: 1, outcome: 'confirmed' }] }, findings)).code).toBe('MEDFUND_DECISION_INVALID');
  });

  it('a recovery above the confirmed amount needs a reason', () => {
    const only12 = [{ findingId: 3, outcome: 'dismissed' as const }];
    const over = refusal(() => decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'], recoveryFen: 23_382, findingOutcomes: only12 }, findings));
    expect(over.code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    expect(over.zh).toContain('233.82');
    expect(over.zh).toContain('233.81');
    expect(decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'], recoveryFen: 23_381, findingOutcomes: only12 }, findings).overReason).toBeNull();
    expect(decide(at('investigation'), { decision: 'confirmed', basis: 'x', measures: ['recovery'], recoveryFen: 23_382, overReason: '含利息', findingOutcomes: only12 }, findings).overReason).toBe('含利息');
  });
});

describe('recovered payments', () => {
  const decided = { stage: 'closed' as const, decision: 'confirmed' as const, measures: ['recovery' as const], confirmedFen: 113_381, recoveredFen: 100_000 };
  it('only on a recovery decision, to the fen, a reason past the amount at risk', () => {
    expect(checkRecoveryPayment(decided, 13_381, undefined)).toEqual({ overReason: null });
    expect(refusal(() => checkRecoveryPayment(decided, 13_382, undefined)).code).toBe('MEDFUND_RECOVERY_OVER_RISK');
    expect(checkRecoveryPayment(decided, 13_382, '滞纳金')).toEqual({ overReason: '滞纳金' });
    expect(refusal(() => checkRecoveryPayment({ ...decided, measures: ['penalty'] }, 1, undefined)).code).toBe('MEDFUND_RECOVERY_NOT_DECIDED');
    expect(refusal(() => checkRecoveryPayment({ ...decided, stage: 'investigation', decision: null }, 1, undefined)).code).toBe('MEDFUND_RECOVERY_NOT_DECIDED');
    expect(refusal(() => checkRecoveryPayment(decided, 0, undefined)).fields).toHaveProperty('amountFen');
  });
  it('yuan to the fen', () => {
    expect(yuan(113_381)).toBe('1,133.81');
    expect(yuan(5)).toBe('0.05');
  });
});

describe('allocateFen', () => {
  it('splits to the fen and always adds up', () => {
    const parts = allocateFen(100, [{ key: 'a', weight: 1 }, { key: 'b', weight: 1 }, { key: 'c', weight: 1 }]);
    expect([...parts.values()].reduce((s, v) => s + v, 0)).toBe(100);
    expect(parts.get('a')).toBe(34);
    const p2 = allocateFen(113_381, [{ key: 1, weight: 90_000 }, { key: 2, weight: 30_000 }]);
    expect((p2.get(1) ?? 0) + (p2.get(2) ?? 0)).toBe(113_381);
    expect(allocateFen(7, [{ key: 'x', weight: 0 }, { key: 'y', weight: 0 }]).get('x')).toBe(4);
  });
});
