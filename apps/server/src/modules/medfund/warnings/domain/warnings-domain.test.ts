import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLUP_RULES, validateRollupRules, type RollupRules } from './rollup-rules';
import { levelOf, maxInWindow, statsOf } from './warning-level';
import { planWarning, type OpenWarning } from './plan-warning';

const person = DEFAULT_ROLLUP_RULES.person;
const f = (occurredOn: string, amountFen: number, severity: 'red' | 'orange' = 'orange') => ({ occurredOn, amountFen, severity });
const clone = (): RollupRules => JSON.parse(JSON.stringify(DEFAULT_ROLLUP_RULES));

describe('maxInWindow', () => {
  it('counts the findings of any run of consecutive days, both ends included', () => {
    expect(maxInWindow([], 30)).toBe(0);
    expect(maxInWindow(['2025-01-01'], 1)).toBe(1);
    // 30-day window: 1 Jan and 30 Jan are in one window, 31 Jan is not
    expect(maxInWindow(['2025-01-01', '2025-01-30'], 30)).toBe(2);
    expect(maxInWindow(['2025-01-01', '2025-01-31'], 30)).toBe(1);
    expect(maxInWindow(['2025-03-01', '2025-01-01', '2025-03-05', '2025-03-02', '2025-01-02'], 7)).toBe(3);
    expect(maxInWindow(['2025-02-27', '2025-03-01'], 3)).toBe(2); // across the end of February
    expect(maxInWindow(['2025-05-05', '2025-05-05', '2025-05-05'], 1)).toBe(3);
  });
});

describe('levelOf (the default person rules)', () => {
  it('red at a single red finding of exactly 1,000 yuan, orange one fen below', () => {
    expect(levelOf(statsOf([f('2025-03-01', 100_000, 'red')], person), person)).toEqual({ level: 'red', reasons: ['red:single_red'] });
    expect(levelOf(statsOf([f('2025-03-01', 99_999, 'red')], person), person)).toEqual({ level: 'orange', reasons: ['orange:single_red'] });
  });

  it('the article\'s case: one duplicate reimbursement of 1,133.81 yuan is red', () => {
    expect(levelOf(statsOf([f('2025-06-10', 113_381, 'red')], person), person).level).toBe('red');
  });

  it('repetition: 5 findings within 90 days is red, the same 5 spread over 91 days orange', () => {
    const within = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-03-20', '2025-03-31'].map((d) => f(d, 100));
    expect(levelOf(statsOf(within, person), person).reasons).toContain('red:repeat');
    const spread = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-03-20', '2025-04-01'].map((d) => f(d, 100));
    expect(levelOf(statsOf(spread, person), person)).toEqual({ level: 'orange', reasons: ['orange:repeat'] });
  });

  it('amount: a sum of 5,000 yuan is red, 2,000 orange, 500 yellow, below and alone nothing', () => {
    expect(levelOf(statsOf([f('2025-01-01', 250_000), f('2025-09-01', 250_000)], person), person).reasons).toEqual(['red:sum']);
    expect(levelOf(statsOf([f('2025-01-01', 200_000)], person), person)).toEqual({ level: 'orange', reasons: ['orange:sum'] });
    expect(levelOf(statsOf([f('2025-01-01', 50_000)], person), person)).toEqual({ level: 'yellow', reasons: ['yellow:sum'] });
    expect(levelOf(statsOf([f('2025-01-01', 49_999)], person), person)).toEqual({ level: null, reasons: [] });
    expect(levelOf(statsOf([f('2025-01-01', 10), f('2025-06-01', 10)], person), person)).toEqual({ level: 'yellow', reasons: ['yellow:min_findings'] });
  });

  it('a settlement flagged by two rules counts once, at its larger amount', () => {
    const twice = [{ ...f('2025-03-01', 300_000), setlId: 'S1' }, { ...f('2025-03-01', 250_000), setlId: 'S1' }, { ...f('2025-04-01', 100_000), setlId: 'S2' }];
    expect(statsOf(twice, person).amountFen).toBe(400_000);
    expect(levelOf(statsOf(twice, person), person)).toEqual({ level: 'orange', reasons: ['orange:repeat', 'orange:sum'] });
  });

  it('a switched-off criterion (null) never fires', () => {
    const rules = clone();
    rules.person.red.singleRedFen = null;
    expect(levelOf(statsOf([f('2025-03-01', 300_000, 'red')], rules.person), rules.person).level).toBe('orange');
  });
});

describe('validateRollupRules', () => {
  it('accepts the defaults', () => {
    expect(validateRollupRules(DEFAULT_ROLLUP_RULES)).toEqual([]);
  });

  it('names each value out of range', () => {
    const rules = clone() as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    rules.periodDays = 10;
    rules.person.red.withinDays = 400;
    rules.provider.orange.count = -1;
    rules.provider.yellow.sumFen = 'x';
    expect(validateRollupRules(rules).map((p) => p.field)).toEqual(['periodDays', 'person.red.withinDays', 'provider.orange.count', 'provider.yellow.sumFen']);
    expect(validateRollupRules(rules)[1]!.zh).toContain('1–366');
  });

  it('refuses a level with no criterion and red easier than orange', () => {
    const rules = clone();
    rules.person.orange = { singleRedFen: null, count: null, withinDays: 30, sumFen: null };
    expect(validateRollupRules(rules).map((p) => p.field)).toEqual(['person.orange']);
    const easy = clone();
    easy.provider.red.sumFen = 100;
    expect(validateRollupRules(easy).map((p) => p.field)).toEqual(['provider.red.sumFen']);
  });
});

describe('planWarning', () => {
  const open = (over: Partial<OpenWarning> = {}): OpenWarning => ({ id: 1, level: 'orange', computedLevel: 'orange', pinned: false, findings: 2, amountFen: 300, reasons: ['orange:repeat'], ...over });

  it('creates a warning only when the rules give a level', () => {
    expect(planWarning({ level: null, reasons: [] }, { findings: 1, amountFen: 1 }, null)).toEqual({ action: 'none' });
    expect(planWarning({ level: 'red', reasons: ['red:sum'] }, { findings: 1, amountFen: 1 }, null)).toMatchObject({ action: 'create', level: 'red' });
  });

  it('is idempotent: the same findings and rules change nothing', () => {
    const first = planWarning({ level: 'red', reasons: ['red:sum'] }, { findings: 3, amountFen: 900 }, null);
    expect(first.action).toBe('create');
    const stored = open({ level: 'red', computedLevel: 'red', findings: 3, amountFen: 900, reasons: ['red:sum'] });
    expect(planWarning({ level: 'red', reasons: ['red:sum'] }, { findings: 3, amountFen: 900 }, stored)).toEqual({ action: 'none' });
  });

  it('raises an open warning and records the level and the findings', () => {
    const p = planWarning({ level: 'red', reasons: ['red:repeat'] }, { findings: 5, amountFen: 700 }, open());
    expect(p).toEqual({ action: 'update', level: 'red', computedLevel: 'red', events: [{ kind: 'level', from: 'orange', to: 'red' }, { kind: 'findings', from: '2', to: '5' }] });
  });

  it('never lowers a level an analyst set; lowers an unpinned one', () => {
    const pinned = open({ level: 'red', pinned: true });
    expect(planWarning({ level: 'yellow', reasons: ['yellow:sum'] }, { findings: 2, amountFen: 300 }, pinned)).toEqual({ action: 'update', level: 'red', computedLevel: 'yellow', events: [] });
    expect(planWarning({ level: null, reasons: [] }, { findings: 2, amountFen: 300 }, pinned)).toMatchObject({ action: 'update', level: 'red' });
    expect(planWarning({ level: 'yellow', reasons: ['yellow:sum'] }, { findings: 2, amountFen: 300 }, open())).toMatchObject({ action: 'update', level: 'yellow', events: [{ kind: 'level', from: 'orange', to: 'yellow' }] });
  });

  it('closes an unpinned open warning that no longer reaches any level, saying so', () => {
    expect(planWarning({ level: null, reasons: [] }, { findings: 2, amountFen: 300 }, open())).toEqual({ action: 'close', events: [{ kind: 'status', from: 'open', to: 'closed' }] });
  });
});
