import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../../core/context';
import type { SubjectKind } from '../domain/rollup-rules';

/**
 * Which subjects a roll-up weighs (docs/medfund/WARNINGS.md "Full and incremental"):
 * - full: every subject — on demand, after a change of the rules, the first roll-up, and whenever
 *   the current rules have not yet had a full roll-up;
 * - incremental (after a screening run, once a full roll-up at the current rule version is done):
 *   the subjects of the run's findings (`last_run_id`) plus the subjects whose warnings changed
 *   outside the roll-up since (the pending list `medfund_warning_dirty`, filled by triggers of
 *   migration 0037 when an analyst or a case changes a warning's level or status, a warning or a
 *   finding is deleted, or a roll-up fails).
 * Any other subject's candidate findings are unchanged since it was last weighed (findings are
 * only ever added, an open warning keeps its findings, and the period ends at the newest finding,
 * so it can only take findings away from a subject with no open warning — which then had no level
 * and still has none): weighing it again would change nothing. Tested: an incremental roll-up
 * followed by a full one changes nothing.
 */
export type RollupScope =
  | { mode: 'full' }
  | { mode: 'incremental'; runId: number; pending: Record<SubjectKind, string[]> };

/** Enables the triggers' pending marks to tell the roll-up's own writes from others (transaction-local). */
export const ROLLUP_SETTING = 'zhizhi.medfund_rollup';

export async function decideScope(tx: Tx, rollup: { id: number; trigger: string; run_id: number | null }, version: number): Promise<RollupScope> {
  // what is pending now is this roll-up's (a mark committed after this statement waits for the next one)
  const marks = await sql<{ subject_kind: SubjectKind; subject_key: string }>`DELETE FROM medfund_warning_dirty RETURNING subject_kind, subject_key`.execute(tx);
  if (rollup.trigger !== 'screening' || rollup.run_id === null) return { mode: 'full' };
  const full = await tx.selectFrom('medfund_warning_rollups').select('id')
    .where('status', '=', 'done').where('mode', '=', 'full').where('rule_version', '=', version).where('id', '<>', rollup.id)
    .limit(1).executeTakeFirst();
  if (!full) return { mode: 'full' };
  const pending: Record<SubjectKind, string[]> = { person: [], provider: [] };
  for (const m of marks.rows) pending[m.subject_kind].push(m.subject_key);
  return { mode: 'incremental', runId: rollup.run_id, pending };
}

const KEY_COLUMN = { person: sql.ref('psn_no'), provider: sql.ref('fixmedins_code') };

/** The subject keys an incremental roll-up weighs for one kind, as a SELECT of one column; null = every subject. */
export function scopeKeys(scope: RollupScope, kind: SubjectKind): RawBuilder<unknown> | null {
  if (scope.mode === 'full') return null;
  return sql`SELECT ${KEY_COLUMN[kind]} FROM medfund_findings WHERE last_run_id = ${scope.runId}
    UNION SELECT value FROM json_array_elements_text(${JSON.stringify(scope.pending[kind])}::json)`;
}

/**
 * A run whose findings no incremental roll-up will weigh (its roll-up failed, or the run itself
 * failed after storing some findings): its subjects are marked pending for the next roll-up.
 */
export async function markRunPending(db: Tx, runId: number): Promise<void> {
  await sql`
    INSERT INTO medfund_warning_dirty (subject_kind, subject_key)
    SELECT DISTINCT 'person', psn_no FROM medfund_findings WHERE last_run_id = ${runId}
    UNION SELECT DISTINCT 'provider', fixmedins_code FROM medfund_findings WHERE last_run_id = ${runId}
    ON CONFLICT DO NOTHING`.execute(db);
}
