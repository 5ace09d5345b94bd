import { describe, expect, it } from 'vitest';
import { allocateFen, ruleEffectiveness, type EffectivenessGroup } from './rule-effectiveness';

describe('allocateFen (largest remainder, to the fen)', () => {
  it('splits 100 fen over 1:1:1 as 34, 33, 33 (the first remainder wins the tie)', () => {
    expect(allocateFen(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });
  it('splits 113381 fen (1,133.81 yuan) over 60000 : 40000 as 68029 and 45352', () => {
    // 113381 × 0.6 = 68028.6 → 68028 rem .6; × 0.4 = 45352.4 → 45352 rem .4; the 1 fen left goes to .6
    expect(allocateFen(113_381, [60_000, 40_000])).toEqual([68_029, 45_352]);
  });
  it('gives equal shares when every weight is 0, and nothing to share out of nothing', () => {
    expect(allocateFen(7, [0, 0])).toEqual([4, 3]);
    expect(allocateFen(0, [5, 9])).toEqual([0, 0]);
    expect(allocateFen(10, [])).toEqual([]);
  });
  it('stays exact past 2^53 intermediate products', () => {
    const parts = allocateFen(9_000_000_000_001, [3_000_000_000, 6_000_000_000]);
    expect(parts[0]! + parts[1]!).toBe(9_000_000_000_001);
    expect(parts).toEqual([3_000_000_000_000, 6_000_000_000_001]);
  });
});

// one finding per group, except where a test says otherwise (the first argument only names it)
const f = (_id: number, ruleCode: string, ruleVersion: number, amountFen: number, caseId: number | null, outcome: EffectivenessGroup['outcome'], findings = 1): EffectivenessGroup =>
  ({ ruleCode, ruleVersion, amountFen, caseId, outcome, findings });

describe('ruleEffectiveness', () => {
  // DUP (v1, v2) and AGE (v1); case 1: findings 1, 2 (DUP v1) confirmed, 3 (AGE) dismissed; case 2: 4 (DUP v2) data quality;
  // case 3: 5 (DUP v2) not decided yet; 6 (AGE) in no case; case 4 recovered but has no confirmed finding.
  const findings = [
    f(1, 'DUP', 1, 60_000, 1, 'confirmed'),
    f(2, 'DUP', 1, 40_000, 1, 'confirmed'),
    f(3, 'AGE', 1, 5_000, 1, 'dismissed'),
    f(4, 'DUP', 2, 2_000, 2, 'data_quality'),
    f(5, 'DUP', 2, 9_000, 3, null),
    f(6, 'AGE', 1, 1_000, null, null),
    f(7, 'AGE', 1, 3_000, 4, 'dismissed'),
  ];
  const cases = [
    { caseId: 1, recoveryDecidedFen: 113_381, recoveredFen: 100_000 },
    { caseId: 2, recoveryDecidedFen: 0, recoveredFen: 0 },
    { caseId: 3, recoveryDecidedFen: 0, recoveredFen: 0 },
    { caseId: 4, recoveryDecidedFen: 500, recoveredFen: 200 },
  ];
  const e = ruleEffectiveness(findings, cases, ['DUP', 'AGE', 'NEVER']);

  it('counts outcomes per rule and version, precision over decided findings only', () => {
    const dup = e.rules.find((r) => r.ruleCode === 'DUP')!;
    expect(dup).toMatchObject({ findings: 4, amountFen: 111_000, inCase: 4, pending: 1, confirmed: 2, dismissed: 0, dataQuality: 1, decided: 3, confirmedAmountFen: 100_000 });
    expect(dup.precision).toBe(0.6667); // 2 of 3
    expect(dup.versions.map((v) => [v.ruleVersion, v.findings, v.confirmed, v.dataQuality, v.pending, v.precision])).toEqual([[1, 2, 2, 0, 0, 1], [2, 2, 0, 1, 1, 0]]);
    const age = e.rules.find((r) => r.ruleCode === 'AGE')!;
    expect(age).toMatchObject({ findings: 3, inCase: 2, pending: 0, confirmed: 0, dismissed: 2, decided: 2, precision: 0, recoveredFen: 0 });
  });

  it('shares a case recovery over its confirmed findings by amount, to the fen', () => {
    // case 9: DUP v1 confirmed 60000 fen, AGE v1 confirmed 40000 fen: 113381 decided → AGE 45352, DUP 68029
    const split = ruleEffectiveness([f(1, 'DUP', 1, 60_000, 9, 'confirmed', 3), f(2, 'AGE', 1, 40_000, 9, 'confirmed', 2)], [{ caseId: 9, recoveryDecidedFen: 113_381, recoveredFen: 113_381 }]);
    expect(split.rules.map((r) => [r.ruleCode, r.confirmed, r.recoveryDecidedFen, r.recoveredFen])).toEqual([['AGE', 2, 45_352, 45_352], ['DUP', 3, 68_029, 68_029]]);
    const v1 = e.rules.find((r) => r.ruleCode === 'DUP')!.versions[0]!;
    // case 1: decided 113381 → 68029 + 45352; recovered 100000 → 60000 + 40000; the dismissed AGE finding gets none
    expect(v1.recoveryDecidedFen).toBe(113_381);
    expect(v1.recoveredFen).toBe(100_000);
    expect(e.totals.recoveryDecidedFen).toBe(113_381);
    expect(e.unattributed).toEqual({ cases: 1, recoveryDecidedFen: 500, recoveredFen: 200 });
  });

  it('weighs a settlement two rules flag once in the split: by what each finding counts toward the money at risk', () => {
    // case 9: DUP 60,000 and AGE 60,000 on the same settlement (AGE carries nothing), AGE 40,000 on another:
    // the money at risk is 100,000, so DUP gets 60 % and AGE 40 % — not 50 / 50 by every finding's amount
    const split = ruleEffectiveness([
      { ...f(1, 'DUP', 1, 60_000, 9, 'confirmed'), countedFen: 60_000 },
      { ...f(2, 'AGE', 1, 100_000, 9, 'confirmed', 2), countedFen: 40_000 },
    ], [{ caseId: 9, recoveryDecidedFen: 100_000, recoveredFen: 10_001 }]);
    expect(split.rules.map((r) => [r.ruleCode, r.amountFen, r.recoveryDecidedFen, r.recoveredFen])).toEqual([['AGE', 100_000, 40_000, 4_000], ['DUP', 60_000, 60_000, 6_001]]);
  });

  it('keeps a rule that never fired, in the given order, and totals everything', () => {
    expect(e.rules.map((r) => r.ruleCode)).toEqual(['DUP', 'AGE', 'NEVER']);
    expect(e.rules[2]).toMatchObject({ findings: 0, precision: null, versions: [] });
    expect(e.totals).toMatchObject({ findings: 7, confirmed: 2, dismissed: 2, dataQuality: 1, decided: 5, precision: 0.4, pending: 1, inCase: 6 });
  });

  it('flags low precision and mostly-data-quality rules only after 5 decisions', () => {
    expect(e.rules.find((r) => r.ruleCode === 'AGE')!.lowPrecision).toBe(false); // 2 decisions only
    const many = ruleEffectiveness([
      f(1, 'X', 1, 100, 1, 'confirmed'), f(2, 'X', 1, 100, 1, 'dismissed'), f(3, 'X', 1, 100, 1, 'data_quality'),
      f(4, 'X', 1, 100, 1, 'data_quality'), f(5, 'X', 1, 100, 1, 'data_quality'), f(6, 'X', 1, 100, 1, 'dismissed'),
    ], []);
    // 1 of 6 confirmed: 0.1667 < 0.3; 3 of 6 data quality is not more than half
    expect(many.rules[0]).toMatchObject({ decided: 6, precision: 0.1667, lowPrecision: true, mostlyDataQuality: false });
  });
});
