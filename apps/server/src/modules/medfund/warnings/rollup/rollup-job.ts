import type { Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { Tx } from '../../../../core/context';
import type { JobHandler } from '../../../../core/jobs/job-runner';
import { enqueueJob } from '../../../../core/jobs/job-queue';
import { LogOnlyAdapter, Notifier } from '../../../../core/notifications/notifier';
import { runRollup } from './run-rollup';
import { markRunPending } from './rollup-scope';

export const ROLLUP_JOB = 'medfund.warnings.rollup';

/**
 * Queues a roll-up (a row in medfund_warning_rollups and its job) in the caller's transaction:
 * after a screening run (screening/run-job.ts), on demand, or after a change of the rules.
 */
export async function queueRollup(tx: Tx, input: { trigger: 'screening' | 'manual' | 'rules'; runId?: number | null; actor?: { userId: string; displayName: string } | null }): Promise<number> {
  const row = await tx.insertInto('medfund_warning_rollups').values({
    trigger: input.trigger, run_id: input.runId ?? null, status: 'queued', counts: JSON.stringify({}),
    requested_by: input.actor?.userId ?? null, requested_by_name: input.actor?.displayName ?? (input.trigger === 'screening' ? '筛查完成后自动' : '系统'),
  }).returning('id').executeTakeFirstOrThrow();
  await enqueueJob(tx, { kind: ROLLUP_JOB, payload: { rollupId: row.id }, createdBy: input.actor?.userId ?? null, maxAttempts: 2 });
  return row.id;
}

export const rollupJob: JobHandler = async (job, jctx) => {
  const rollupId = Number((job.payload as { rollupId: number }).rollupId);
  const notifier = jctx.notifier ?? new Notifier(new LogOnlyAdapter(jctx.log));
  try {
    return await runRollup(jctx.db, rollupId, jctx.now, notifier);
  } catch (err) {
    await markFailed(jctx.db, rollupId, err, jctx.now());
    throw err;
  }
};

async function markFailed(db: Kysely<DB>, id: number, err: unknown, at: Date) {
  const row = await db.updateTable('medfund_warning_rollups')
    .set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err), finished_at: at })
    .where('id', '=', id).returning('run_id').executeTakeFirst();
  // the run's findings are then weighed by the next roll-up, whichever it is (rollup-scope.ts)
  if (row?.run_id != null) await markRunPending(db, Number(row.run_id));
}
