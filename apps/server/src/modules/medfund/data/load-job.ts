import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { JobHandler } from '../../../core/jobs/job-runner';
import { AppError } from '../../../http/app-error';
import { ERROR_CATALOG } from '@zhizhi/contracts';
import type { DB } from '../../../db/schema';
import { boundClaimsStore, claimsStoreOf } from '../claims/open-claims-store';
import { queueSystemRun } from '../rules/screening/run.service';
import type { ClaimsTableName } from '../claims/tables';
import { nationalMapping } from '../domain/mapping';
import { generateIntoStore } from '../generator/into-store';
import { loadFile, type DateFormat } from './import/load-file';

async function finish(db: Kysely<DB>, id: number, set: Record<string, unknown>): Promise<void> {
  try {
    await db.updateTable('medfund_data_loads').set(set).where('id', '=', id).execute();
  } catch (err) {
    // the same content succeeded meanwhile in another load (unique per table and hash)
    if ((err as { code?: string }).code === '23505') {
      await db.updateTable('medfund_data_loads').set({ ...set, status: 'duplicate', rows_added: 0 }).where('id', '=', id).execute();
    } else throw err;
  }
}

/** Runs a queued file load (loads.service createUploadLoad): progress on the job, counts and errors on the load. */
export const loadFileJob: JobHandler = async (job, ctx) => {
  const loadId = Number((job.payload as { loadId: number }).loadId);
  const load = await ctx.db.selectFrom('medfund_data_loads').selectAll().where('id', '=', loadId).executeTakeFirst();
  if (!load || load.status !== 'queued') return { skipped: true };
  const filePath = (load.detail as { filePath?: string }).filePath;
  await ctx.db.updateTable('medfund_data_loads').set({ status: 'running', started_at: ctx.now() }).where('id', '=', loadId).execute();
  try {
    if (!filePath || !fs.existsSync(filePath)) throw new AppError('MEDFUND_FILE_FORMAT', undefined, { zh: '上传的文件已不存在，请重新上传', en: 'The uploaded file is gone; upload it again' });
    const mapping = load.mapping_id
      ? await ctx.db.selectFrom('medfund_column_mappings').select(['columns', 'date_format', 'delimiter']).where('id', '=', load.mapping_id).executeTakeFirst()
      : null;
    const store = await claimsStoreOf(ctx.db);
    let last = 0;
    const out = await loadFile(store, {
      loadId,
      table: load.target_table as ClaimsTableName,
      file: filePath,
      format: load.file_format === 'generated' ? undefined : load.file_format,
      columns: mapping?.columns ?? nationalMapping(load.target_table as ClaimsTableName),
      dateFormat: (mapping?.date_format ?? 'YYYY-MM-DD') as DateFormat,
      delimiter: mapping?.delimiter ?? ',',
      onProgress: (share, phase) => {
        const done = Math.round(share * 100);
        if (done !== last) {
          last = done;
          void ctx.progress(done, 100, phase).catch(() => {});
        }
      },
    });
    await ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < out.errors.length; i += 1000) {
        await tx.insertInto('medfund_load_errors').values(out.errors.slice(i, i + 1000).map((e) => ({
          load_id: loadId, row_no: e.row_no, column_name: e.column_name, code: e.code, message: e.message, value: e.value?.slice(0, 500) ?? null,
        }))).onConflict((oc) => oc.doNothing()).execute();
      }
    });
    await finish(ctx.db, loadId, {
      status: 'succeeded', rows_read: out.rowsRead, rows_added: out.rowsAdded, rows_existing: out.rowsExisting, rows_rejected: out.rowsRejected,
      detail: JSON.stringify({ errorsByCode: out.errorsByCode, errorsKept: out.errors.length }), finished_at: ctx.now(),
    });
    return { rowsAdded: out.rowsAdded, rowsRejected: out.rowsRejected };
  } catch (err) {
    const message = err instanceof AppError ? (err.userMessage?.zh ?? ERROR_CATALOG[err.code].zh) : `加载失败：${(err as Error).message.split('\n')[0]!.slice(0, 300)}`;
    await ctx.db.updateTable('medfund_data_loads').set({ status: 'failed', error: message, finished_at: ctx.now(), detail: JSON.stringify({}) }).where('id', '=', loadId).execute();
    ctx.log.warn({ err, loadId }, 'medfund load failed');
    return { failed: message };
  } finally {
    if (filePath) fs.rmSync(filePath, { force: true });
  }
};

/** Generates a district-year into the claims store (the demo's first start). */
export const generateJob: JobHandler = async (job, ctx) => {
  const p = job.payload as { loadId: number; scale: string; seed: number; year: number; screenAfter?: boolean };
  const load = await ctx.db.selectFrom('medfund_data_loads').select(['status']).where('id', '=', p.loadId).executeTakeFirst();
  if (!load || load.status !== 'queued') return { skipped: true };
  await ctx.db.updateTable('medfund_data_loads').set({ status: 'running', started_at: ctx.now() }).where('id', '=', p.loadId).execute();
  try {
    const store = await claimsStoreOf(ctx.db);
    const [{ n } = { n: 0 }] = await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM medfund.setl_d WHERE load_id = $1', [p.loadId]);
    const manifest = n > 0 ? null : await generateIntoStore(store, p.loadId, {
      scale: /^\d+$/.test(p.scale) ? Number(p.scale) : (p.scale as 'small'), seed: p.seed, year: p.year,
      onProgress: (done, total) => void ctx.progress(done, total, '生成数据').catch(() => {}),
    });
    const rows = manifest ? Object.entries(manifest.counts).filter(([k]) => !['persons', 'injectedPersons'].includes(k)).reduce((a, [, v]) => a + v, 0) : 0;
    await ctx.db.updateTable('medfund_data_loads').set({
      status: 'succeeded', rows_read: rows, rows_added: rows, finished_at: ctx.now(), claims_engine: store.engine,
      detail: JSON.stringify(manifest ? { counts: manifest.counts, manifest } : { note: 'already in the store' }),
    }).where('id', '=', p.loadId).execute();
    // the demo's year is screened once it is there (its findings roll up into warnings after the run)
    const bound = boundClaimsStore(ctx.db);
    if (p.screenAfter && manifest && bound.demoScreening) await queueSystemRun(ctx.db, { key: bound.key, engine: store.engine }, '演示数据首次启动', { demo: true });
    return { rows };
  } catch (err) {
    await ctx.db.updateTable('medfund_data_loads').set({ status: 'failed', error: `生成失败：${(err as Error).message.slice(0, 300)}`, finished_at: ctx.now() }).where('id', '=', p.loadId).execute();
    throw err;
  }
};
