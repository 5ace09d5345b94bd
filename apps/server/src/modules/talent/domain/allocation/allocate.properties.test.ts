import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateRound } from './allocate';
import type { Applicant, RoundInput } from './round';

/** Rounds of up to 6 options and 40 applicants with many ties (few point values, few sub-scores). */
const round: fc.Arbitrary<RoundInput> = fc
  .integer({ min: 1, max: 6 })
  .chain((nOptions) => {
    const ids = Array.from({ length: nOptions }, (_, i) => `o${i}`);
    const applicant = fc.record({
      points: fc.integer({ min: 0, max: 5 }),
      priorityClass: fc.integer({ min: 0, max: 1 }),
      subScores: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
      qualifiedAt: fc.option(fc.constantFrom('2025-01-01', '2025-06-01'), { nil: undefined }),
      preferences: fc.shuffledSubarray(ids),
    });
    return fc.record({
      seed: fc.string({ minLength: 1, maxLength: 12 }).filter((x) => x.trim() !== ''),
      options: fc.tuple(...ids.map((id) => fc.integer({ min: 0, max: 6 }).map((capacity) => ({ id, capacity })))),
      applicants: fc.array(applicant, { maxLength: 40 }).map((as) => as.map((a, i): Applicant => ({ id: `a${i}`, ...a }))),
    });
  });

describe('allocateRound, properties', () => {
  it('never places more than an option holds, nor anyone twice, nor on an option they did not ask for', () => {
    fc.assert(fc.property(round, (input) => {
      const r = allocateRound(input);
      for (const o of input.options) {
        const n = r.placements.filter((p) => p.optionId === o.id).length;
        expect(n).toBeLessThanOrEqual(o.capacity);
        expect(r.options.find((x) => x.optionId === o.id)!.filled).toBe(n);
      }
      expect(new Set(r.placements.map((p) => p.applicantId)).size).toBe(input.applicants.length);
      for (const p of r.placements) {
        const a = input.applicants.find((x) => x.id === p.applicantId)!;
        if (p.optionId !== null) expect(a.preferences[p.preferenceIndex!]).toBe(p.optionId);
      }
    }));
  });

  it('leaves no justified envy: nobody ranked lower holds an option someone ranked higher preferred to their own', () => {
    fc.assert(fc.property(round, (input) => {
      const r = allocateRound(input);
      const byId = new Map(input.applicants.map((a) => [a.id, a]));
      const rankOf = new Map(r.placements.map((p) => [p.applicantId, p.rank]));
      for (const p of r.placements) {
        const prefs = byId.get(p.applicantId)!.preferences;
        const better = p.preferenceIndex === null ? prefs : prefs.slice(0, p.preferenceIndex);
        for (const o of better) {
          const holders = r.placements.filter((q) => q.optionId === o);
          // the option is full, and only with applicants ranked before this one
          expect(holders.length).toBe(input.options.find((x) => x.id === o)!.capacity);
          for (const h of holders) expect(rankOf.get(h.applicantId)!).toBeLessThan(p.rank);
        }
      }
    }));
  });

  it('does not depend on the order the applications came in; the same seed gives the same result', () => {
    const withShuffle = round.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray(input.applicants, { minLength: input.applicants.length, maxLength: input.applicants.length })));
    fc.assert(fc.property(withShuffle, ([input, shuffled]) => {
      expect(allocateRound({ ...input, applicants: shuffled })).toEqual(allocateRound(input));
    }));
  });

  it('a higher priority key always comes first: class, then points', () => {
    fc.assert(fc.property(round, (input) => {
      const r = allocateRound(input);
      const byId = new Map(input.applicants.map((a) => [a.id, a]));
      for (let i = 1; i < r.placements.length; i++) {
        const prev = byId.get(r.placements[i - 1]!.applicantId)!;
        const cur = byId.get(r.placements[i]!.applicantId)!;
        const pc = prev.priorityClass ?? 0;
        const cc = cur.priorityClass ?? 0;
        expect(pc <= cc).toBe(true);
        if (pc === cc) expect(prev.points >= cur.points).toBe(true);
      }
    }));
  });
});
