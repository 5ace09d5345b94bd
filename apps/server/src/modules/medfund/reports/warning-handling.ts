import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';

/** How a warning was handled: the case opened from it (the latest), its stage and outcome, and its recovery. */
export interface WarningHandling {
  caseId: number;
  caseNumber: string;
  stage: 'first_review' | 'second_review' | 'appeal' | 'investigation' | 'closed';
  stageDueOn: string | null;
  decision: 'confirmed' | 'dismissed' | 'data_quality' | null;
  recoveryDecidedFen: number;
  recoveredFen: number;
  openedAt: Date;
  decidedAt: Date | null;
}

/**
 * The glue the warnings pages read (0034 links a case to its warning): for each warning id, the
 * latest case opened from it, or nothing. Counts and stages only: no personal data.
 */
export async function handlingOfWarnings(db: Kysely<DB>, warningIds: readonly number[]): Promise<Map<number, WarningHandling>> {
  if (warningIds.length === 0) return new Map();
  const rows = await db.selectFrom('medfund_cases')
    .select(['id', 'number', 'warning_id', 'stage', 'stage_due_on', 'decision', 'recovery_decided_fen', 'recovered_fen', 'opened_at', 'decided_at'])
    .where('warning_id', 'in', [...warningIds]).orderBy('id').execute();
  const out = new Map<number, WarningHandling>();
  for (const r of rows) {
    out.set(Number(r.warning_id), {
      caseId: Number(r.id), caseNumber: r.number, stage: r.stage, stageDueOn: r.stage_due_on, decision: r.decision,
      recoveryDecidedFen: Number(r.recovery_decided_fen), recoveredFen: Number(r.recovered_fen), openedAt: r.opened_at, decidedAt: r.decided_at,
    });
  }
  return out;
}
