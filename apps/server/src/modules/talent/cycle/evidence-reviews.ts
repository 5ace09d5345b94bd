import type { Tx } from '../../../core/context';

/**
 * Claims of the cycle's year waiting for the office's review (docs/talent/EVIDENCE.md): the number
 * the dashboard shows on the "review" step. A talent's claim belongs to no year (its facts are the
 * person's, current), so every open one waits for this cycle; an enterprise's claim counts when it
 * is about this year's facts. A claim sent back for more information waits for the enterprise,
 * not for the office, and is not counted.
 */
export async function pendingEvidenceReviews(db: Tx, year: number): Promise<number> {
  const row = await db
    .selectFrom('talent_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['submitted', 'resubmitted'])
    .where((eb) => eb.or([eb('subject_kind', '=', 'talent'), eb('year', '=', year)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
