import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { maskIdNumber, maskName } from '../../../core/privacy/mask';
import { AppError } from '../../../http/app-error';
import type { DB, MedfundFileFormat, MedfundLoadStatus } from '../../../db/schema';
import { CLAIMS_TABLES } from '../claims/tables';
import { isClaimsTable } from '../domain/mapping';
import { getMapping } from './mappings.service';

export const LOAD_JOB = 'medfund.load';
export const GENERATE_JOB = 'medfund.generate';

export interface LoadView {
  id: number;
  source: 'upload' | 'cli' | 'generator';
  targetTable: string;
  mappingId: number | null;
  mappingName: string | null;
  fileName: string;
  fileFormat: MedfundFileFormat;
  fileSize: number;
  fileSha256: string | null;
  status: MedfundLoadStatus;
  duplicateOf: number | null;
  rowsRead: number;
  rowsAdded: number;
  rowsExisting: number;
  rowsRejected: number;
  error: string | null;
  progress: { done: number; total: number; message?: string } | null;
  claimsEngine: 'duckdb' | 'postgres';
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function loadQuery(db: Kysely<DB>) {
  return db
    .selectFrom('medfund_data_loads as l')
    .leftJoin('medfund_column_mappings as m', 'm.id', 'l.mapping_id')
    .leftJoin('jobs as j', 'j.id', 'l.job_id')
    .leftJoin('users as u', 'u.id', 'l.created_by')
    .select([
      'l.id', 'l.source', 'l.target_table', 'l.mapping_id', 'm.name as mapping_name', 'l.file_name', 'l.file_format', 'l.file_size',
      'l.file_sha256', 'l.status', 'l.duplicate_of', 'l.rows_read', 'l.rows_added', 'l.rows_existing', 'l.rows_rejected', 'l.error',
      'j.progress', 'l.claims_engine', 'u.display_name as created_by_name', 'l.created_at', 'l.started_at', 'l.finished_at',
    ]);
}
type LoadRow = Awaited<ReturnType<ReturnType<typeof loadQuery>['executeTakeFirstOrThrow']>>;
const loadView = (r: LoadRow): LoadView => ({
  id: r.id, source: r.source, targetTable: r.target_table, mappingId: r.mapping_id, mappingName: r.mapping_name, fileName: r.file_name,
  fileFormat: r.file_format, fileSize: r.file_size, fileSha256: r.file_sha256, status: r.status, duplicateOf: r.duplicate_of,
  rowsRead: r.rows_read, rowsAdded: r.rows_added, rowsExisting: r.rows_existing, rowsRejected: r.rows_rejected, error: r.error,
  progress: (r.progress as LoadView['progress']) ?? null, claimsEngine: r.claims_engine, createdBy: r.created_by_name, createdAt: r.created_at,
  startedAt: r.started_at, finishedAt: r.finished_at,
});

export async function listLoads(ctx: Ctx, q: { page: number; pageSize: number; status?: MedfundLoadStatus; table?: string }): Promise<{ items: LoadView[]; total: number }> {
  let base = ctx.db.selectFrom('medfund_data_loads as l');
  if (q.status) base = base.where('l.status', '=', q.status);
  if (q.table) base = base.where('l.target_table', '=', q.table);
  const [{ n } = { n: 0 }] = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  let rows = loadQuery(ctx.db);
  if (q.status) rows = rows.where('l.status', '=', q.status);
  if (q.table) rows = rows.where('l.target_table', '=', q.table);
  const items = await rows.orderBy('l.created_at', 'desc').orderBy('l.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: items.map(loadView), total: Number(n) };
}

export async function getLoad(db: Kysely<DB>, id: number): Promise<LoadView> {
  const r = await loadQuery(db).where('l.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('MEDFUND_LOAD_NOT_FOUND');
  return loadView(r);
}

/** Columns whose values are personal: masked in error reports for users without personal.reveal. */
const PERSONAL: Record<string, (v: string) => string> = { certno: maskIdNumber, psn_name: maskName };

export interface LoadErrorView {
  rowNo: number;
  column: string;
  code: string;
  message: string;
  value: string | null;
}

/**
 * The per-row errors of a load, masked unless `reveal` (which needs personal.reveal and is audited:
 * an error report can carry ID numbers and names).
 */
export async function loadErrors(ctx: Ctx, id: number, opts: { reveal: boolean; limit?: number }): Promise<{ errors: LoadErrorView[]; byCode: Record<string, number> }> {
  const load = await getLoad(ctx.db, id);
  if (opts.reveal && !ctx.actor.permissions.has('personal.reveal')) throw new AppError('FORBIDDEN');
  let q = ctx.db.selectFrom('medfund_load_errors').select(['row_no', 'column_name', 'code', 'message', 'value']).where('load_id', '=', id).orderBy('row_no').orderBy('column_name').orderBy('code');
  if (opts.limit) q = q.limit(opts.limit);
  const rows = await q.execute();
  const detail = await ctx.db.selectFrom('medfund_data_loads').select('detail').where('id', '=', id).executeTakeFirstOrThrow();
  const byCode = ((detail.detail as { errorsByCode?: Record<string, number> }).errorsByCode) ?? {};
  const personal = rows.some((r) => PERSONAL[r.column_name] && r.value);
  if (opts.reveal && personal) {
    await ctx.db.transaction().execute((tx) =>
      recordAudit(tx, ctx, { action: 'medfund.load.errors.reveal', entityType: 'medfund_data_load', entityId: String(load.id), after: { rows: rows.length } }),
    );
  }
  return {
    byCode,
    errors: rows.map((r) => {
      const mask = PERSONAL[r.column_name];
      const masked = !opts.reveal && mask && r.value ? mask(r.value) : r.value;
      const message = !opts.reveal && mask && r.value ? r.message.replaceAll(r.value, masked ?? '') : r.message;
      return { rowNo: r.row_no, column: r.column_name, code: r.code, message, value: masked };
    }),
  };
}

export interface NewUpload {
  table: string;
  mappingId: number | null;
  fileName: string;
  filePath: string;
  fileSize: number;
  sha256: string;
  format: MedfundFileFormat;
  claimsEngine: 'duckdb' | 'postgres';
}

/**
 * Records an uploaded file as a load and queues its job — or, when the same content was loaded
 * into the same table before (or is being loaded), records it as 'duplicate' and adds nothing.
 */
export async function createUploadLoad(ctx: Ctx, u: NewUpload): Promise<LoadView> {
  if (!isClaimsTable(u.table)) throw new AppError('VALIDATION_FAILED', { table: `没有数据表 ${u.table}` });
  if (u.mappingId !== null) {
    const m = await getMapping(ctx.db, u.mappingId);
    if (m.targetTable !== u.table) {
      throw new AppError('MEDFUND_MAPPING_TABLE_MISMATCH', { mappingId: `映射「${m.name}」是数据表 ${m.targetTable} 的，不是 ${u.table}（${CLAIMS_TABLES[u.table].zh}）的` });
    }
  }
  const earlier = await ctx.db.selectFrom('medfund_data_loads').select(['id', 'status'])
    .where('target_table', '=', u.table).where('file_sha256', '=', u.sha256).where('status', 'in', ['queued', 'running', 'succeeded'])
    .orderBy('id').executeTakeFirst();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('medfund_data_loads').values({
      source: 'upload', target_table: u.table, mapping_id: u.mappingId, file_name: u.fileName, file_format: u.format, file_size: u.fileSize,
      file_sha256: u.sha256, status: earlier ? 'duplicate' : 'queued', duplicate_of: earlier?.id ?? null, claims_engine: u.claimsEngine,
      created_by: ctx.actor.userId, finished_at: earlier ? ctx.now : null,
      detail: JSON.stringify(earlier ? {} : { filePath: u.filePath }),
    }).returning('id').executeTakeFirstOrThrow();
    if (!earlier) {
      const jobId = await enqueueJob(tx, { kind: LOAD_JOB, payload: { loadId: row.id }, createdBy: ctx.actor.userId, maxAttempts: 1 });
      await tx.updateTable('medfund_data_loads').set({ job_id: jobId }).where('id', '=', row.id).execute();
    }
    await recordAudit(tx, ctx, {
      action: 'medfund.load.create', entityType: 'medfund_data_load', entityId: String(row.id),
      after: { table: u.table, mappingId: u.mappingId, fileName: u.fileName, size: u.fileSize, sha256: u.sha256, duplicateOf: earlier?.id ?? null },
    });
    return row.id;
  });
  if (earlier) fs.rmSync(u.filePath, { force: true });
  return getLoad(ctx.db, id);
}
