// The precomputed engine against the naive walk (reference-deadline.ts), on random starts in
// 2026, random rules and random pauses: they must agree to the millisecond, and on refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarNotCoveredError, packageCalendar } from '../../../../core/reference/domain/workday';
import { compileDeadlineRule, type DeadlineRule } from './deadline-rule';
import { dueTimesMs, type DueTimes, type PauseMs } from './deadline';
import { DEFAULT_OFFICE_HOURS } from './office-hours';
import { referenceDueTimes } from './reference-deadline';
import { createServiceClock } from './service-clock';

const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00+08:00');
const T1 = Date.parse('2026-12-31T00:00:00+08:00');
const windows = [[8 * 60 + 30, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]] as const;

const cutoff = fc.option(fc.constantFrom('16:00', '17:30', '00:00', '12:15'), { nil: undefined });
const rule: fc.Arbitrary<DeadlineRule> = fc.oneof(
  fc.record({ kind: fc.constant('same_day' as const), basis: fc.constantFrom('calendar' as const, 'working' as const), cutoff }),
  fc.record({ kind: fc.constant('calendar_days' as const), days: fc.integer({ min: 1, max: 15 }), cutoff }),
  fc.record({ kind: fc.constant('working_days' as const), days: fc.integer({ min: 1, max: 15 }), cutoff }),
  fc.record({
    kind: fc.constant('working_hours' as const),
    hours: fc.integer({ min: 1, max: 80 }).map((q) => q / 4),
    cutoff,
    warnBeforeWorkingMinutes: fc.integer({ min: 0, max: 600 }),
  }),
).map((r) => JSON.parse(JSON.stringify(r)) as DeadlineRule); // drop undefined keys

const minuteIn = (lo: number, hi: number) => fc.integer({ min: Math.ceil(lo / MIN), max: Math.floor(hi / MIN) }).map((m) => m * MIN);
const scenario = minuteIn(T0, T1).chain((start) =>
  fc.record({
    start: fc.constant(start),
    rule,
    pauses: fc.array(
      fc.record({
        from: minuteIn(start - 2 * 86_400_000, start + 12 * 86_400_000),
        length: fc.integer({ min: 0, max: 6 * 24 * 60 }),
        open: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
      }),
      { maxLength: 3 },
    ),
  }),
);

function run(f: () => DueTimes | null): DueTimes | null | 'not covered' {
  try {
    return f();
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) return 'not covered';
    throw err;
  }
}

describe('dueTimesMs agrees with the naive walk', () => {
  for (const outsideCoverage of ['throw', 'weekdays'] as const) {
    it(`on random cases (outsideCoverage: ${outsideCoverage})`, () => {
      const clock = createServiceClock(packageCalendar, DEFAULT_OFFICE_HOURS, { outsideCoverage });
      fc.assert(
        fc.property(scenario, ({ start, rule, pauses }) => {
          const compiled = compileDeadlineRule(rule);
          const ps: PauseMs[] = pauses.map((p) => ({ fromMs: p.from, toMs: p.open ? null : p.from + p.length * MIN }));
          const fast = run(() => dueTimesMs(clock, compiled, start, ps));
          const slow = run(() => referenceDueTimes(packageCalendar, compiled, start, ps, { windows, outsideCoverage }));
          expect(fast).toEqual(slow);
        }),
        { numRuns: 400, seed: 20260310 },
      );
    });
  }
});
