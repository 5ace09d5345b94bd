import type { ImportRowError } from '../../../db/schema';
import { readUploadedTable } from '../../../core/imports/read-uploaded-table';
import { saveBatch } from '../../../core/imports/import-batch';
import { loadUserActor } from '../../../core/identity/sessions';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import { writeXlsx } from '../../../core/excel/write-xlsx';
import type { Ctx } from '../../../core/context';
import type { JobHandler } from '../../../core/jobs/job-runner';
import { BASIS_NAMES, FIGURE_COLUMNS, FIGURE_REQUIRED_COLUMNS, INDICATOR_KEYS, formatPeriod, indicatorHeader, parseFigureRow, type FigureRow } from '../domain';
import { writeFigures, type WriteSummary } from './figure.store';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { PERIOD_SUMS_JOB } from '../dashboard/period-sums.store';

const CHUNK = 5000;
export const FIGURES_IMPORT_KIND = 'economy_figures';

/**
 * A checked row as the batch stores it: [enterprise id, year, part, basis, the nine values in
 * INDICATOR_KEYS order, null = empty cell]. Half the JSON of the row objects, which the batch
 * writes and the job reads back (bench/RESULTS.md run 26).
 */
type StoredRow = [string, number, string, FigureRow['basis'], ...(number | null)[]];
const packRow = (r: FigureRow): StoredRow => [r.enterpriseId, r.year, r.part, r.basis, ...INDICATOR_KEYS.map((k) => r.values[k] ?? null)];
function unpackRow(s: StoredRow): FigureRow {
  const values: FigureRow['values'] = {};
  INDICATOR_KEYS.forEach((k, i) => {
    const v = s[4 + i];
    if (v !== null && v !== undefined) values[k] = v as number;
  });
  return { enterpriseId: s[0], year: s[1], part: s[2], basis: s[3], values };
}

/** Step 1: read and check every row (domain/figure-row.ts); nothing is written but the batch. */
export async function validateFiguresImport(ctx: Ctx, fileName: string, buffer: Buffer) {
  const table = await readUploadedTable(buffer, fileName);
  const errors: ImportRowError[] = [];
  for (const column of FIGURE_REQUIRED_COLUMNS.filter((c) => !table.headers.includes(c))) errors.push({ line: 1, column, message: '缺少此列（请使用导入模板）' });
  if (!INDICATOR_KEYS.some((k) => table.headers.includes(indicatorHeader(k)))) errors.push({ line: 1, column: indicatorHeader('revenue'), message: '没有任何指标列（请使用导入模板）' });
  const rows: StoredRow[] = [];
  if (errors.length === 0) {
    const enterprises = await ctx.db.selectFrom('enterprises as e').select(['e.id', 'e.credit_code']).where(enterpriseInScope(ctx.actor)).execute();
    const lookups = { today: localDateOf(ctx.now), enterprises: new Map(enterprises.map((e) => [e.credit_code, e.id])) };
    const seen = new Map<string, number>();
    for (const [i, { line, values }] of table.rows.entries()) {
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r)); // let other requests in
      const parsed = parseFigureRow(values, lookups);
      if (!parsed.row) {
        for (const e of parsed.errors) errors.push({ line, ...e });
        continue;
      }
      const key = `${parsed.row.enterpriseId}|${parsed.row.year}|${parsed.row.part}|${parsed.row.basis}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ line, column: FIGURE_COLUMNS.period, message: `与第 ${first} 行是同一企业、同一期间和口径（${formatPeriod({ year: parsed.row.year, part: parsed.row.part })} ${BASIS_NAMES[parsed.row.basis]}）` });
        continue;
      }
      seen.set(key, line);
      rows.push(packRow(parsed.row));
    }
  }
  return saveBatch(ctx, { kind: FIGURES_IMPORT_KIND, fileName, totalRows: table.rows.length, rows, errors });
}

/**
 * Step 2, a background job: writes the rows in chunks of 5,000, each chunk in one transaction
 * with its audit entry; a repeated enterprise + period + basis updates (history kept), the same
 * file twice changes nothing.
 */
export const importFiguresJob: JobHandler = async (job, jctx) => {
  const batchId = String(job.payload.batchId);
  const batch = await jctx.db.selectFrom('import_batches').select(['rows', 'created_by']).where('id', '=', batchId).executeTakeFirstOrThrow();
  const actor = await loadUserActor(jctx.db, batch.created_by);
  if (!actor || !actor.permissions.has('economy.write')) throw new Error('importer no longer allowed to import figures');
  // (a batch checked before run 26 holds row objects)
  const rows = (batch.rows as (StoredRow | FigureRow)[]).map((r) => (Array.isArray(r) ? unpackRow(r) : r));
  const summary: WriteSummary = { created: 0, updated: 0, unchanged: 0 };
  try {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await jctx.db.transaction().execute(async (tx) => {
        const actx = { actor, requestId: `job-${job.id}`, ip: '', now: jctx.now(), countyCode: '' };
        const s = await writeFigures(tx, actx, chunk, { kind: 'import', reason: '', source: 'import' });
        summary.created += s.created;
        summary.updated += s.updated;
        summary.unchanged += s.unchanged;
      });
      await jctx.progress(Math.min(i + CHUNK, rows.length), rows.length, '正在导入');
    }
    // the screen's period sums of the periods this import changed are summed again by a job of
    // their own, right after (dashboard/period-sums.store.ts), so the import is done as soon as
    // its figures are in and the next screen reads sums, not the figures
    await enqueueJob(jctx.db, { kind: PERIOD_SUMS_JOB, maxAttempts: 3 });
    await jctx.db.updateTable('import_batches').set({ status: 'imported', summary: JSON.stringify(summary), rows: '[]' }).where('id', '=', batchId).execute();
  } catch (err) {
    await jctx.db.updateTable('import_batches').set({ status: 'failed', summary: JSON.stringify(summary) }).where('id', '=', batchId).execute();
    throw err;
  }
  return summary;
};

/** The template: the columns the import reads, and one example row. */
export async function figuresImportTemplate(): Promise<Buffer> {
  const columns = [
    { header: FIGURE_COLUMNS.creditCode, width: 24, value: (r: Record<string, string | number>) => r.code },
    { header: FIGURE_COLUMNS.name, width: 28, value: (r: Record<string, string | number>) => r.name },
    { header: FIGURE_COLUMNS.period, width: 12, value: (r: Record<string, string | number>) => r.period },
    { header: FIGURE_COLUMNS.basis, width: 8, value: (r: Record<string, string | number>) => r.basis },
    ...INDICATOR_KEYS.map((k) => ({ header: indicatorHeader(k), width: 18, value: (r: Record<string, string | number>) => r[k] })),
  ];
  return writeXlsx('经济指标', columns, [{ code: '（统一社会信用代码）', name: '（示例）', period: '2025-06', basis: '累计', revenue: 12345.67, tax: 456.78, employees: 120 }]);
}
