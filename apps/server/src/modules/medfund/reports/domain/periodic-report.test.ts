import { describe, expect, it } from 'vitest';
import { buildPeriodicReport, changePercent, perMille, trendOf } from './periodic-report';
import { parseReportPeriod, trailingPeriods } from './periods';

describe('changePercent and perMille', () => {
  it('round to one decimal (percent) and two (per mille), null without a base', () => {
    expect(changePercent(120, 100)).toBe(20);
    expect(changePercent(2, 3)).toBe(-33.3);
    expect(changePercent(5, 0)).toBeNull();
    expect(perMille(1_133_81, 10_000_000)).toBe(11.34); // 113381 / 10,000,000 = 0.0113381 → 11.34 ‰
    expect(perMille(1, 0)).toBeNull();
  });
});

describe('trendOf', () => {
  it('sums months into quarters and leaves empty quarters at zero', () => {
    const quarters = trailingPeriods(parseReportPeriod('2025-Q2')!, 3); // 2024-Q4, 2025-Q1, 2025-Q2
    const t = trendOf(quarters, [
      { month: '2025-01', settlements: 10, medfeeFen: 1000, fundFen: 700 },
      { month: '2025-03', settlements: 5, medfeeFen: 500, fundFen: 300 },
      { month: '2025-04', settlements: 1, medfeeFen: 100, fundFen: 80 },
      { month: '2025-07', settlements: 99, medfeeFen: 9900, fundFen: 9900 }, // outside: ignored
    ], [{ month: '2025-02', findings: 2, amountFen: 40 }]);
    expect(t).toEqual([
      { period: '2024-Q4', settlements: 0, medfeeFen: 0, fundFen: 0, findings: 0, findingsAmountFen: 0 },
      { period: '2025-Q1', settlements: 15, medfeeFen: 1500, fundFen: 1000, findings: 2, findingsAmountFen: 40 },
      { period: '2025-Q2', settlements: 1, medfeeFen: 100, fundFen: 80, findings: 0, findingsAmountFen: 0 },
    ]);
  });
});

describe('buildPeriodicReport', () => {
  const period = parseReportPeriod('2025-03')!;
  const r = buildPeriodicReport({
    period,
    trend: trailingPeriods(period, 3),
    fundMonths: [
      { month: '2025-01', settlements: 900, medfeeFen: 30_000_00, fundFen: 20_000_00 },
      { month: '2025-02', settlements: 1000, medfeeFen: 40_000_00, fundFen: 25_000_00 },
      { month: '2025-03', settlements: 1100, medfeeFen: 45_000_00, fundFen: 30_000_00 },
    ],
    findingMonths: [{ month: '2025-02', findings: 4, amountFen: 8_000 }, { month: '2025-03', findings: 6, amountFen: 15_000 }],
    findingGroups: [
      { ruleCode: 'DUP', severity: 'red', fixmedinsCode: 'H1', fixmedinsName: '甲医院', findings: 2, amountFen: 9_000, countedFen: 9_000 },
      { ruleCode: 'DUP', severity: 'orange', fixmedinsCode: 'H2', fixmedinsName: '', findings: 1, amountFen: 1_000, countedFen: 1_000 },
      { ruleCode: 'AGE', severity: 'orange', fixmedinsCode: 'H1', fixmedinsName: '甲医院', findings: 3, amountFen: 5_000, countedFen: 5_000 },
    ],
    providerFund: [
      { fixmedinsCode: 'H1', fixmedinsName: '甲医院', settlements: 600, fundFen: 18_000_00 },
      { fixmedinsCode: 'H2', fixmedinsName: '乙药店', settlements: 500, fundFen: 12_000_00 },
    ],
    rules: [{ code: 'DUP', name: '重复收费', nameEn: 'Duplicate billing' }],
  });

  it('reports the fund paid in the period and its change on the previous one', () => {
    expect(r).toMatchObject({ period: '2025-03', kind: 'month', from: '2025-03-01', until: '2025-04-01' });
    // fund 3,000,000 fen vs 2,500,000: +20 %; settlements 1100 vs 1000: +10 %
    expect(r.fund).toEqual({ settlements: 1100, medfeeFen: 45_000_00, fundFen: 30_000_00, fundChangePercent: 20, settlementsChangePercent: 10 });
  });

  it('counts findings by severity, their change, and their weight in the fund paid', () => {
    // 6 findings for 15,000 fen vs 4 for 8,000: +50 % and +87.5 %; 15,000 / 3,000,000 = 5 ‰
    expect(r.findings).toEqual({ count: 6, amountFen: 15_000, providers: 2, rules: 2, changePercent: 50, amountChangePercent: 87.5, perMilleOfFund: 5 });
    expect(r.bySeverity).toEqual([{ severity: 'red', findings: 2, amountFen: 9_000 }, { severity: 'orange', findings: 4, amountFen: 6_000 }]);
  });

  it('ranks rules and providers by amount, with shares and names', () => {
    expect(r.topRules).toEqual([
      { ruleCode: 'DUP', ruleName: '重复收费', ruleNameEn: 'Duplicate billing', findings: 3, amountFen: 10_000, sharePercent: 66.7, red: 2, orange: 1 },
      { ruleCode: 'AGE', ruleName: 'AGE', ruleNameEn: 'AGE', findings: 3, amountFen: 5_000, sharePercent: 33.3, red: 0, orange: 3 },
    ]);
    // 甲医院: 14,000 of 1,800,000 fen paid = 7.78 ‰; 乙药店 (name from the claims): 1,000 of 1,200,000 = 0.83 ‰
    expect(r.topProviders).toEqual([
      { fixmedinsCode: 'H1', fixmedinsName: '甲医院', findings: 5, amountFen: 14_000, rules: 2, settlements: 600, fundFen: 18_000_00, perMilleOfFund: 7.78 },
      { fixmedinsCode: 'H2', fixmedinsName: '乙药店', findings: 1, amountFen: 1_000, rules: 1, settlements: 500, fundFen: 12_000_00, perMilleOfFund: 0.83 },
    ]);
    expect(r.trend.map((p) => p.period)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('counts a settlement two rules flag once in the money at risk, and fully in each rule\'s amount', () => {
    // AGE's 5,000 include 2,000 on a settlement DUP flagged at 4,000: AGE carries only 3,000 of the money at risk
    const o = buildPeriodicReport({
      period, trend: trailingPeriods(period, 1), fundMonths: [], findingMonths: [], providerFund: [], rules: [],
      findingGroups: [
        { ruleCode: 'DUP', severity: 'red', fixmedinsCode: 'H1', fixmedinsName: '甲医院', findings: 2, amountFen: 9_000, countedFen: 9_000 },
        { ruleCode: 'AGE', severity: 'orange', fixmedinsCode: 'H1', fixmedinsName: '甲医院', findings: 3, amountFen: 5_000, countedFen: 3_000 },
      ],
    });
    expect(o.findings).toMatchObject({ count: 5, amountFen: 12_000 });
    expect(o.bySeverity).toEqual([{ severity: 'red', findings: 2, amountFen: 9_000 }, { severity: 'orange', findings: 3, amountFen: 3_000 }]);
    expect(o.topProviders[0]).toMatchObject({ fixmedinsCode: 'H1', findings: 5, amountFen: 12_000 });
    // each rule's amount is what it found; the shares of the money at risk overlap (75 % + 41.7 %)
    expect(o.topRules.map((x) => [x.ruleCode, x.amountFen, x.sharePercent])).toEqual([['DUP', 9_000, 75], ['AGE', 5_000, 41.7]]);
  });
});
