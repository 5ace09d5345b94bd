import { describe, expect, it } from 'vitest';
import { allocateRound, RoundInputError } from './allocate';
import { checkRound, type Applicant } from './round';
import { lotteryTicket, seedCommitment } from './lottery';

const SEED = 'round-2026-01';
const app = (id: string, points: number, preferences: string[], more: Partial<Applicant> = {}): Applicant => ({ id, points, preferences, ...more });

describe('the lottery', () => {
  it('is SHA-256 of "seed:applicant", the same as sha256sum gives', () => {
    // printf '%s' 'round-2026-01:alice' | sha256sum
    expect(lotteryTicket(SEED, 'alice')).toBe('eafea6bc90ba045044fa77e66f082d1d70c8ebf7418d1ec4f7d14c69b92b92ef');
    // printf '%s' 'round-2026-01' | sha256sum — published before the round
    expect(seedCommitment(SEED)).toBe('856931c9129414842d4ea7c4478f44bcf85589ef2114f64c2215684abacb72b3');
  });
});

describe('allocateRound', () => {
  it('places by points, each on their most preferred option that still has room', () => {
    const r = allocateRound({
      seed: SEED,
      options: [{ id: 'east', capacity: 1 }, { id: 'west', capacity: 2 }],
      applicants: [
        app('c', 70, ['east', 'west']),
        app('a', 90, ['east', 'west']),
        app('b', 80, ['east']),
        app('d', 60, ['west', 'east']),
        app('e', 50, ['west']),
      ],
    });
    expect(r.placements.map((p) => [p.applicantId, p.rank, p.optionId, p.preferenceIndex])).toEqual([
      ['a', 1, 'east', 0],
      ['b', 2, null, null], // east is full; b wanted nothing else
      ['c', 3, 'west', 1],
      ['d', 4, 'west', 0],
      ['e', 5, null, null], // west is full
    ]);
    expect(r.options).toEqual([
      { optionId: 'east', capacity: 1, filled: 1, cutoff: { points: 90, rank: 1 } },
      { optionId: 'west', capacity: 2, filled: 2, cutoff: { points: 60, rank: 4 } },
    ]);
    expect([r.placed, r.unplaced]).toEqual([3, 2]);
    expect(r.placements.map((p) => p.decidedBy)).toEqual([null, { key: 'points' }, { key: 'points' }, { key: 'points' }, { key: 'points' }]);
  });

  it('breaks ties by priority class, then the published sub-scores in order, then the qualifying date, then the lottery', () => {
    const r = allocateRound({
      seed: SEED,
      options: [{ id: 'school', capacity: 10 }],
      applicants: [
        app('by-lottery-1', 60, ['school'], { subScores: [20, 5], qualifiedAt: '2025-03-01' }),
        app('by-date', 60, ['school'], { subScores: [20, 5], qualifiedAt: '2025-01-01' }),
        app('by-second-sub', 60, ['school'], { subScores: [20, 9] }),
        app('by-first-sub', 60, ['school'], { subScores: [25, 0] }),
        app('quota', 10, ['school'], { priorityClass: 0 }),
        app('by-lottery-2', 60, ['school'], { subScores: [20, 5], qualifiedAt: '2025-03-01' }),
      ].map((a) => (a.id === 'quota' ? a : { ...a, priorityClass: 1 })),
    });
    const order = r.placements.map((p) => p.applicantId);
    expect(order.slice(0, 5)).toEqual(['quota', 'by-first-sub', 'by-second-sub', 'by-date', order[4]]);
    const lotteryPair = order.slice(4);
    expect(lotteryPair.sort()).toEqual(['by-lottery-1', 'by-lottery-2']);
    // the lower ticket wins
    const [first] = order.slice(4);
    const other = first === 'by-lottery-1' ? 'by-lottery-2' : 'by-lottery-1';
    expect(lotteryTicket(SEED, first!) < lotteryTicket(SEED, other)).toBe(true);
    expect(r.placements.map((p) => p.decidedBy)).toEqual([
      null,
      { key: 'priorityClass' }, // quota holders first
      { key: 'subScore', index: 0 }, // 25 > 20
      { key: 'subScore', index: 1 }, // 9 > 5
      { key: 'qualifiedAt' }, // 2025-01-01 before 2025-03-01
      { key: 'lottery' },
    ]);
  });

  it('gives the same result whatever the order of the applicants, and another seed may reorder only the lottery ties', () => {
    const applicants = Array.from({ length: 40 }, (_, i) => app(`t${i}`, 50 + (i % 4), ['x', 'y'], { subScores: [i % 2] }));
    const options = [{ id: 'x', capacity: 7 }, { id: 'y', capacity: 5 }];
    const one = allocateRound({ seed: SEED, options, applicants });
    const reversed = allocateRound({ seed: SEED, options, applicants: [...applicants].reverse() });
    expect(reversed).toEqual(one);
    const other = allocateRound({ seed: 'another seed', options, applicants });
    const key = (id: string) => { const a = applicants.find((x) => x.id === id)!; return `${a.points}/${a.subScores![0]}`; };
    expect(other.placements.map((p) => key(p.applicantId))).toEqual(one.placements.map((p) => key(p.applicantId)));
  });

  it('refuses a bad input with every problem and where it is', () => {
    const input = {
      seed: '',
      options: [{ id: 'x', capacity: 1.5 }, { id: 'x', capacity: -1 }],
      applicants: [app('a', 1, ['x', 'x', 'z']), app('a', Number.NaN, [])],
    };
    expect(checkRound(input).map((i) => `${i.path}:${i.code}`)).toEqual([
      'options[0].capacity:capacity',
      'options[1].id:duplicate-option',
      'options[1].capacity:capacity',
      'seed:seed',
      'applicants[0].preferences[1]:duplicate-preference',
      'applicants[0].preferences[2]:unknown-option',
      'applicants[1].id:duplicate-applicant',
      'applicants[1].points:points',
    ]);
    expect(() => allocateRound(input)).toThrow(RoundInputError);
    expect(checkRound(input)[0]!.zh).toContain('名额');
  });

  it('handles an empty round', () => {
    const r = allocateRound({ seed: SEED, options: [{ id: 'x', capacity: 3 }], applicants: [] });
    expect(r).toMatchObject({ placements: [], placed: 0, unplaced: 0, options: [{ optionId: 'x', filled: 0, cutoff: null }] });
  });
});
