import type { Tx } from '../../../core/context';

/**
 * Facts of the cycle's year still waiting for evidence review (claims): the number the dashboard
 * shows on the "review" step. Evidence review is built in another branch (issue 4, claims); until
 * the lead wires it here, this answers null and the dashboard says "not connected" — never a
 * made-up number. Wire: count the pending claims of `year` in scope.
 */
export async function pendingEvidenceReviews(_db: Tx, _year: number): Promise<number | null> {
  return null;
}
