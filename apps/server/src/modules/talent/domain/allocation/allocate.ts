// Serial dictatorship by priority with preferences: applicants are put in one order (priority
// class, points, the published sub-scores, the qualifying date, the seeded lottery), then each in
// turn gets their most preferred option that still has a place. With one priority order for every
// option this is the outcome of student-proposing deferred acceptance (docs/talent/ALLOCATION.md).
import { checkRound, type Applicant, type RoundInput, type RoundIssue } from './round';
import { lotteryTicket, seedCommitment } from './lottery';

/** What put an applicant behind the one ranked just before them. */
export type TieKey =
  | { key: 'priorityClass' }
  | { key: 'points' }
  | { key: 'subScore'; index: number }
  | { key: 'qualifiedAt' }
  | { key: 'lottery' };

export interface Placement {
  applicantId: string;
  /** 1 = placed first. */
  rank: number;
  /** The option won, or null: every preferred option was full when the applicant's turn came. */
  optionId: string | null;
  /** Index in the applicant's preferences of the option won (0 = first choice). */
  preferenceIndex: number | null;
  ticket: string;
  /** Why this applicant comes after the previous one (null for rank 1). */
  decidedBy: TieKey | null;
}

export interface OptionOutcome {
  optionId: string;
  capacity: number;
  filled: number;
  /** The last applicant placed here: their points and rank (the cut-off), or null if none. */
  cutoff: { points: number; rank: number } | null;
}

export interface RoundResult {
  placements: Placement[];
  options: OptionOutcome[];
  placed: number;
  unplaced: number;
  seed: string;
  seedCommitment: string;
}

export class RoundInputError extends Error {
  constructor(readonly issues: RoundIssue[]) {
    super(`round input: ${issues.map((i) => `${i.path}: ${i.en}`).join('; ')}`);
    this.name = 'RoundInputError';
  }
}

interface Ranked {
  a: Applicant;
  cls: number;
  sub: number[];
  at: string;
  ticket: string;
}

/** <0: x before y. The published order: class ↑, points ↓, sub-scores ↓ in order, qualifiedAt ↑, ticket ↑. */
function compare(x: Ranked, y: Ranked): number {
  return (
    x.cls - y.cls ||
    y.a.points - x.a.points ||
    compareSubScores(x.sub, y.sub) ||
    (x.at < y.at ? -1 : x.at > y.at ? 1 : 0) ||
    (x.ticket < y.ticket ? -1 : x.ticket > y.ticket ? 1 : 0)
  );
}

function compareSubScores(x: number[], y: number[]): number {
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (y[i] ?? -Infinity) - (x[i] ?? -Infinity);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return 0;
}

function decidedBy(prev: Ranked, cur: Ranked): TieKey {
  if (prev.cls !== cur.cls) return { key: 'priorityClass' };
  if (prev.a.points !== cur.a.points) return { key: 'points' };
  const n = Math.max(prev.sub.length, cur.sub.length);
  for (let i = 0; i < n; i++) if ((prev.sub[i] ?? -Infinity) !== (cur.sub[i] ?? -Infinity)) return { key: 'subScore', index: i };
  if (prev.at !== cur.at) return { key: 'qualifiedAt' };
  return { key: 'lottery' };
}

/** A missing qualifying date sorts after every date. */
const NO_DATE = '\uffff';

/**
 * Allocates one round. Throws RoundInputError (with every issue) for an input checkRound
 * rejects. Never places more applicants on an option than its capacity; the same input (seed
 * included) always gives the same result, whatever the order of the applicants.
 */
export function allocateRound(input: RoundInput): RoundResult {
  const issues = checkRound(input);
  if (issues.length) throw new RoundInputError(issues);
  const ranked: Ranked[] = input.applicants.map((a) => ({
    a,
    cls: a.priorityClass ?? 0,
    sub: a.subScores ?? [],
    at: a.qualifiedAt ?? NO_DATE,
    ticket: lotteryTicket(input.seed, a.id),
  }));
  ranked.sort(compare);

  const left = new Map(input.options.map((o) => [o.id, o.capacity]));
  const outcome = new Map<string, OptionOutcome>(input.options.map((o) => [o.id, { optionId: o.id, capacity: o.capacity, filled: 0, cutoff: null }]));
  const placements: Placement[] = [];
  let placed = 0;
  ranked.forEach((r, i) => {
    const rank = i + 1;
    let optionId: string | null = null;
    let preferenceIndex: number | null = null;
    for (let p = 0; p < r.a.preferences.length; p++) {
      const id = r.a.preferences[p]!;
      const n = left.get(id)!;
      if (n > 0) {
        left.set(id, n - 1);
        optionId = id;
        preferenceIndex = p;
        const o = outcome.get(id)!;
        o.filled++;
        o.cutoff = { points: r.a.points, rank };
        placed++;
        break;
      }
    }
    placements.push({ applicantId: r.a.id, rank, optionId, preferenceIndex, ticket: r.ticket, decidedBy: i === 0 ? null : decidedBy(ranked[i - 1]!, r) });
  });
  return {
    placements,
    options: [...outcome.values()],
    placed,
    unplaced: placements.length - placed,
    seed: input.seed,
    seedCommitment: seedCommitment(input.seed),
  };
}
