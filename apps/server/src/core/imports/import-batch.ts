import type { ImportRowError } from '../../db/schema';
import { AppError } from '../../http/app-error';
import { recordAudit } from '../audit/audit';
import { enqueueJob, getJob } from '../jobs/job-queue';
import type { Ctx } from '../context';

/**
 * Imports happen in two steps: a file is read and every row validated (nothing is written to
 * the data); the user sees every bad row and decides. Then the valid rows are written by a
 * background job with progress. A file with errors is only written if the user chooses to import
 * just its valid rows.
 */
export const ERRORS_SHOWN = 200;

export async function saveBatch(
  ctx: Ctx,
  batch: { kind: string; fileName: string; totalRows: number; rows: unknown[]; errors: ImportRowError[] },
) {
  const row = await ctx.db
    .insertInto('import_batches')
    .values({
      kind: batch.kind,
      file_name: batch.fileName,
      total_rows: batch.totalRows,
      valid_rows: batch.rows.length,
      errors: JSON.stringify(batch.errors),
      rows: JSON.stringify(batch.rows),
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getBatch(ctx, row.id);
}

/** A batch is visible to the user who uploaded it only. */
async function loadOwnBatch(ctx: Ctx, id: string) {
  const b = await ctx.db
    .selectFrom('import_batches')
    .select(['id', 'kind', 'file_name', 'status', 'total_rows', 'valid_rows', 'errors', 'job_id', 'summary', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!b || b.created_by !== ctx.actor.userId) throw new AppError('IMPORT_NOT_FOUND');
  return b;
}

export async function getBatch(ctx: Ctx, id: string) {
  const b = await loadOwnBatch(ctx, id);
  const job = b.job_id ? await getJob(ctx.db, b.job_id) : null;
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.file_name,
    status: b.status,
    totalRows: b.total_rows,
    validRows: b.valid_rows,
    errorCount: b.errors.length,
    errors: b.errors.slice(0, ERRORS_SHOWN),
    jobId: b.job_id,
    progress: job?.progress ?? null,
    summary: b.summary,
  };
}

export async function batchErrors(ctx: Ctx, id: string): Promise<{ fileName: string; errors: ImportRowError[] }> {
  const b = await loadOwnBatch(ctx, id);
  return { fileName: b.file_name, errors: b.errors };
}

/** Queues the job that writes the batch's valid rows. */
export async function commitBatch(ctx: Ctx, id: string, onlyValid: boolean): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const b = await tx
      .selectFrom('import_batches')
      .select(['id', 'kind', 'status', 'errors', 'created_by', 'valid_rows'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!b || b.created_by !== ctx.actor.userId) throw new AppError('IMPORT_NOT_FOUND');
    if (b.status !== 'validated') throw new AppError('IMPORT_ALREADY_DONE');
    if (b.errors.length > 0 && !onlyValid) throw new AppError('IMPORT_HAS_ERRORS');
    const jobId = await enqueueJob(tx, { kind: `import.${b.kind}`, payload: { batchId: id }, createdBy: ctx.actor.userId, maxAttempts: 1 });
    await tx.updateTable('import_batches').set({ status: 'importing', job_id: jobId }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'import.commit',
      entityType: 'import_batch',
      entityId: id,
      after: { kind: b.kind, validRows: b.valid_rows, skippedErrorRows: b.errors.length },
    });
    return jobId;
  });
}

export async function discardBatch(ctx: Ctx, id: string): Promise<void> {
  const b = await loadOwnBatch(ctx, id);
  if (b.status !== 'validated') throw new AppError('IMPORT_ALREADY_DONE');
  await ctx.db.updateTable('import_batches').set({ status: 'discarded', rows: '[]' }).where('id', '=', id).execute();
}
