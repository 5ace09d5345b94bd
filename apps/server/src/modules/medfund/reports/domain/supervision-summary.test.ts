import { describe, expect, it } from 'vitest';
import { buildSupervision } from './supervision-summary';
import { parseReportPeriod, trailingPeriods } from './periods';

describe('buildSupervision', () => {
  const s = buildSupervision({
    warnings: [
      { level: 'red', status: 'in_case', warnings: 1, amountFen: 113_381 },
      { level: 'red', status: 'open', warnings: 2, amountFen: 20_000 },
      { level: 'yellow', status: 'dismissed', warnings: 4, amountFen: 800 },
    ],
    casesOpened: 3,
    stages: [{ stage: 'second_review', cases: 2, overdue: 1, amountAtRiskFen: 5_000 }, { stage: 'investigation', cases: 1, overdue: 0, amountAtRiskFen: 113_381 }],
    decisions: [
      { decision: 'confirmed', cases: 2, confirmedFen: 150_000, recoveryDecidedFen: 120_000 },
      { decision: 'data_quality', cases: 1, confirmedFen: 0, recoveryDecidedFen: 0 },
    ],
    recoveredFen: 90_000,
    recoveryPayments: 3,
    outstandingFen: 30_000,
    months: [{ month: '2025-02', warnings: 5, redWarnings: 1, casesOpened: 1, recoveredFen: 10_000 }, { month: '2025-03', warnings: 2, redWarnings: 2, casesOpened: 2, recoveredFen: 80_000 }],
    trend: trailingPeriods(parseReportPeriod('2025-Q1')!, 2),
  });

  it('counts warnings raised per level with what became of them, every level shown', () => {
    expect(s.warnings.raised).toBe(7);
    expect(s.warnings.amountFen).toBe(134_181);
    expect(s.warnings.byLevel).toEqual([
      { level: 'red', raised: 3, amountFen: 133_381, open: 2, inCase: 1, closed: 0, dismissed: 0 },
      { level: 'orange', raised: 0, amountFen: 0, open: 0, inCase: 0, closed: 0, dismissed: 0 },
      { level: 'yellow', raised: 4, amountFen: 800, open: 0, inCase: 0, closed: 0, dismissed: 4 },
    ]);
  });

  it('takes the warnings\' money at risk per settlement when given: a finding in a person\'s and a provider\'s warning counts once', () => {
    const once = buildSupervision({
      warnings: [{ level: 'red', status: 'open', warnings: 2, amountFen: 2 * 113_381 }, { level: 'yellow', status: 'open', warnings: 1, amountFen: 500 }],
      warningMoney: { byLevel: { red: 113_381, yellow: 500 }, totalFen: 113_381 }, // the yellow warning's settlement is also in a red one
      casesOpened: 0, stages: [], decisions: [], recoveredFen: 0, recoveryPayments: 0, outstandingFen: 0, months: [], trend: trailingPeriods(parseReportPeriod('2025-Q1')!, 1),
    });
    expect(once.warnings.amountFen).toBe(113_381);
    expect(once.warnings.byLevel.map((l) => [l.level, l.raised, l.amountFen])).toEqual([['red', 2, 113_381], ['orange', 0, 0], ['yellow', 1, 500]]);
  });

  it('shows every open stage, the decisions, and the recovery rate', () => {
    expect(s.cases).toMatchObject({ opened: 3, decided: 3, open: 3, overdue: 1 });
    expect(s.cases.byStage.map((x) => [x.stage, x.cases, x.overdue])).toEqual([['first_review', 0, 0], ['second_review', 2, 1], ['appeal', 0, 0], ['investigation', 1, 0]]);
    expect(s.cases.byDecision.map((x) => [x.decision, x.cases])).toEqual([['confirmed', 2], ['dismissed', 0], ['data_quality', 1]]);
    // 90,000 recovered of 120,000 decided = 75 %
    expect(s.recovery).toEqual({ decidedFen: 120_000, recoveredFen: 90_000, payments: 3, outstandingFen: 30_000, recoveredPercent: 75 });
  });

  it('sums months into the trend periods', () => {
    expect(s.trend).toEqual([
      { period: '2024-Q4', warnings: 0, redWarnings: 0, casesOpened: 0, recoveredFen: 0 },
      { period: '2025-Q1', warnings: 7, redWarnings: 3, casesOpened: 3, recoveredFen: 90_000 },
    ]);
  });
});
