import { sql } from 'kysely';
import type { EnterpriseInput } from '@zhizhi/contracts';
import type { ImportRowError } from '../../../db/schema';
import { readUploadedTable } from '../../imports/read-uploaded-table';
import { saveBatch } from '../../imports/import-batch';
import { loadUserActor } from '../../identity/sessions';
import { divisionPrefix, enterpriseVisibleTo } from '../../identity/scope';
import { changedFields } from '../../audit/audit';
import type { Ctx, Tx } from '../../context';
import type { JobHandler } from '../../jobs/job-runner';
import { toInput, toRow } from '../enterprise.service';
import { withoutGinIndexes } from '../gin-indexes';
import { COLUMNS, REQUIRED_COLUMNS, parseEnterpriseRow, type Lookups } from './parse-enterprise-row';

const CHUNK = 500;
/** From this many rows on, the job rebuilds the GIN indexes (name, tags) once instead of updating them row by row. */
export const BULK_IMPORT_ROWS = 5_000;

/** Step 1: read and validate every row; write nothing but the batch. */
export async function validateEnterpriseImport(ctx: Ctx, fileName: string, buffer: Buffer) {
  const table = await readUploadedTable(buffer, fileName);
  const errors: ImportRowError[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !table.headers.includes(c));
  for (const column of missing) errors.push({ line: 1, column, message: '缺少此列（请使用导入模板）' });
  const rows: EnterpriseInput[] = [];
  if (missing.length === 0) {
    const lookups = await loadLookups(ctx);
    const seen = new Map<string, number>();
    for (const [i, { line, values }] of table.rows.entries()) {
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r)); // let other requests in
      const parsed = parseEnterpriseRow(values, lookups);
      if (!parsed.input) {
        for (const e of parsed.errors) errors.push({ line, ...e });
        continue;
      }
      const first = seen.get(parsed.input.creditCode);
      if (first !== undefined) {
        errors.push({ line, column: COLUMNS.creditCode, message: `与第 ${first} 行重复` });
        continue;
      }
      seen.set(parsed.input.creditCode, line);
      rows.push(parsed.input);
    }
  }
  return saveBatch(ctx, { kind: 'enterprises', fileName, totalRows: table.rows.length, rows, errors });
}

async function loadLookups(ctx: Ctx): Promise<Lookups> {
  const area = ctx.actor.scope.divisionCode ?? ctx.countyCode;
  const streetsQ = ctx.db.selectFrom('divisions').select(['code', 'name']).where('level', '=', 4)
    .where('code', 'like', `${divisionPrefix(area)}%`);
  const [industries, streets, parks] = await Promise.all([
    ctx.db.selectFrom('industries').select('code').where('level', '=', 4).execute(),
    streetsQ.execute(),
    ctx.db.selectFrom('parks').select(['id', 'name']).execute(),
  ]);
  return {
    industryCodes: new Set(industries.map((r) => r.code)),
    streets: new Map(streets.map((s) => [s.code, s.name])),
    parks: new Map(parks.map((p) => [p.name, p.id])),
  };
}

/** Columns an import writes (toRow's), in one list for the INSERT … SELECT below. */
const ROW_COLUMNS = [
  'credit_code', 'name', 'name_bigrams', 'legal_representative', 'established_on', 'registered_capital_fen', 'industry_code',
  'division_code', 'park_id', 'address', 'employees', 'revenue_fen', 'assets_fen', 'size_class', 'above_scale', 'high_tech',
  'listed', 'tags', 'status', 'business_scope',
] as const satisfies readonly (keyof ReturnType<typeof toRow>)[];
const COLUMN_LIST = sql.join(ROW_COLUMNS.map((c) => sql.ref(c)));

/**
 * New enterprises as ONE JSON parameter that the database unpacks (json_populate_recordset), not
 * 500 rows × 20 bound parameters: on PGlite binding and parsing ~10,000 parameters per statement
 * cost ~1.5× the CPU of the whole insert with its audit entries (bench/RESULTS.md, run 9).
 * Same columns and constraints as `insertInto('enterprises').values(rows.map(toRow))`.
 */
async function insertEnterprises(tx: Tx, rows: readonly EnterpriseInput[]): Promise<{ id: string; credit_code: string }[]> {
  const json = JSON.stringify(rows.map(toRow));
  const r = await sql<{ id: string; credit_code: string }>`
    INSERT INTO enterprises (${COLUMN_LIST})
    SELECT ${COLUMN_LIST} FROM json_populate_recordset(NULL::enterprises, ${json}::json)
    RETURNING id, credit_code`.execute(tx);
  return r.rows;
}

/** One audit entry per created enterprise (before: none, after: the imported row), as one JSON parameter too. */
async function insertCreationAudit(tx: Tx, created: readonly { id: string; after: EnterpriseInput }[], by: { actorId: string; actorName: string; requestId: string }) {
  if (created.length === 0) return;
  await sql`
    INSERT INTO audit_log (action, entity_type, entity_id, enterprise_id, before, after, actor_id, actor_name, request_id, ip)
    SELECT 'enterprise.import', 'enterprise', a.id::text, a.id, NULL, a.after, ${by.actorId}::uuid, ${by.actorName}, ${by.requestId}, NULL
      FROM json_to_recordset(${JSON.stringify(created)}::json) AS a(id uuid, after jsonb)`.execute(tx);
}

/**
 * Step 2, a background job: upsert by credit code, in chunks of 500 rows per transaction, each
 * change with its audit entry. Importing the same file twice changes nothing the second time.
 */
export const importEnterprisesJob: JobHandler = async (job, jctx) => {
  const batchId = String(job.payload.batchId);
  const batch = await jctx.db.selectFrom('import_batches').select(['rows', 'created_by']).where('id', '=', batchId).executeTakeFirstOrThrow();
  const actor = await loadUserActor(jctx.db, batch.created_by);
  if (!actor || !actor.permissions.has('enterprise.import')) throw new Error('importer no longer allowed to import');
  const rows = batch.rows as EnterpriseInput[];
  const summary = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  const writeAll = async () => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await jctx.db.transaction().execute(async (tx) => {
        const now = jctx.now();
        const existing = await tx.selectFrom('enterprises').selectAll().where('credit_code', 'in', chunk.map((r) => r.creditCode)).execute();
        const byCode = new Map(existing.map((e) => [e.credit_code, e]));
        const audit: { action: string; entity_id: string; enterprise_id: string; before: string | null; after: string }[] = [];
        const inserts = chunk.filter((r) => !byCode.has(r.creditCode));
        if (inserts.length) {
          const ids = await insertEnterprises(tx, inserts);
          const byInsertedCode = new Map(inserts.map((r) => [r.creditCode, r]));
          const created = ids.map(({ id, credit_code }) => ({ id, after: byInsertedCode.get(credit_code)! }));
          await insertCreationAudit(tx, created, { actorId: actor.userId, actorName: actor.displayName, requestId: `job-${job.id}` });
          summary.created += ids.length;
        }
        for (const input of chunk) {
          const current = byCode.get(input.creditCode);
          if (!current) continue;
          if (!enterpriseVisibleTo(actor, current)) {
            summary.skipped++;
            continue;
          }
          const diff = changedFields(toInput(current), input);
          if (!diff) {
            summary.unchanged++;
            continue;
          }
          await tx.updateTable('enterprises').set({ ...toRow(input), updated_at: now, version: current.version + 1 }).where('id', '=', current.id).execute();
          audit.push({ action: 'enterprise.import', entity_id: current.id, enterprise_id: current.id, before: JSON.stringify(diff.before), after: JSON.stringify(diff.after) });
          summary.updated++;
        }
        if (audit.length) {
          await tx
            .insertInto('audit_log')
            .values(audit.map((a) => ({ ...a, actor_id: actor.userId, actor_name: actor.displayName, entity_type: 'enterprise', request_id: `job-${job.id}`, ip: null })))
            .execute();
        }
      });
      await jctx.progress(Math.min(i + CHUNK, rows.length), rows.length, '正在导入');
    }
  };
  try {
    if (rows.length >= BULK_IMPORT_ROWS) await withoutGinIndexes(jctx.db, writeAll);
    else await writeAll();
    await jctx.db.updateTable('import_batches').set({ status: 'imported', summary: JSON.stringify(summary), rows: '[]' }).where('id', '=', batchId).execute();
    // Fresh statistics for the plans and the estimated totals of long lists (db/count-rows.ts):
    // the embedded database has no autovacuum to notice thousands of new rows.
    if (summary.created > 0) await sql`ANALYZE enterprises`.execute(jctx.db);
  } catch (err) {
    await jctx.db.updateTable('import_batches').set({ status: 'failed', summary: JSON.stringify(summary) }).where('id', '=', batchId).execute();
    throw err;
  }
  return summary;
};
