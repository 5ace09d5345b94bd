import type { ImportRowError } from '../../../../db/schema';
import { readUploadedTable } from '../../../../core/imports/read-uploaded-table';
import { saveBatch } from '../../../../core/imports/import-batch';
import { loadUserActor } from '../../../../core/identity/sessions';
import { enterpriseInScope } from '../../../../core/identity/scope';
import { recordAudit } from '../../../../core/audit/audit';
import { changedFields } from '../../../../core/audit/audit';
import { localDateOf } from '../../../../core/reference/domain/workday';
import type { Ctx } from '../../../../core/context';
import type { JobHandler } from '../../../../core/jobs/job-runner';
import { fileConflict } from '../conflict.service';
import { forAudit } from '../talent.service';
import { talentScopeKind } from '../talent-scope';
import { appliesFactsDirectly, claimFacts } from '../../claims/claim-writes';
import { COLUMNS, REQUIRED_COLUMNS, parseTalentRow, type Lookups, type TalentImportRow } from './parse-talent-row';

const CHUNK = 500;
export const TALENT_IMPORT_KIND = 'talents';

/** Step 1: read and validate every row; nothing is written but the batch. */
export async function validateTalentImport(ctx: Ctx, fileName: string, buffer: Buffer) {
  const table = await readUploadedTable(buffer, fileName);
  const errors: ImportRowError[] = [];
  const missing: string[] = REQUIRED_COLUMNS.filter((c) => !table.headers.includes(c));
  if (!ctx.actor.scope.enterpriseId && !table.headers.includes(COLUMNS.enterprise)) missing.push(COLUMNS.enterprise);
  for (const column of missing) errors.push({ line: 1, column, message: '缺少此列（请使用导入模板）' });
  const rows: TalentImportRow[] = [];
  if (missing.length === 0) {
    const lookups = await loadLookups(ctx);
    const seen = new Map<string, number>();
    for (const [i, { line, values }] of table.rows.entries()) {
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r)); // let other requests in
      const parsed = parseTalentRow(values, lookups);
      if (!parsed.input) {
        for (const e of parsed.errors) errors.push({ line, ...e });
        continue;
      }
      const first = seen.get(parsed.input.idNumber);
      if (first !== undefined) {
        errors.push({ line, column: COLUMNS.idNumber, message: `与第 ${first} 行重复` });
        continue;
      }
      seen.set(parsed.input.idNumber, line);
      rows.push(parsed.input);
    }
  }
  return saveBatch(ctx, { kind: TALENT_IMPORT_KIND, fileName, totalRows: table.rows.length, rows, errors });
}

/** The enterprises the importer may register talents for: their own, or those in their area. */
async function loadLookups(ctx: Ctx): Promise<Lookups> {
  const enterprises = await ctx.db.selectFrom('enterprises as e').select(['e.id', 'e.credit_code']).where(enterpriseInScope(ctx.actor)).execute();
  return {
    today: localDateOf(ctx.now),
    enterprises: new Map(enterprises.map((e) => [e.credit_code, e.id])),
    ownEnterpriseId: ctx.actor.scope.enterpriseId,
  };
}

/** claimed: existing talents whose fact changes became (or amended) a claim for review (an enterprise importer). */
type Summary = { created: number; updated: number; claimed: number; unchanged: number; skipped: number; conflicts: number };

/**
 * Step 2, a background job: upsert by ID number in chunks of 500, each change with its audit
 * entry. Facts in the file overwrite the stored ones; facts left empty stay as they are. A person
 * another enterprise employs becomes a registration conflict (an enterprise importer) or is
 * skipped (a county importer: moves are made explicitly). The same file twice changes nothing.
 */
export const importTalentsJob: JobHandler = async (job, jctx) => {
  const batchId = String(job.payload.batchId);
  const batch = await jctx.db.selectFrom('import_batches').select(['rows', 'created_by']).where('id', '=', batchId).executeTakeFirstOrThrow();
  const actor = await loadUserActor(jctx.db, batch.created_by);
  if (!actor || !actor.permissions.has('talent.import')) throw new Error('importer no longer allowed to import talents');
  const rows = batch.rows as TalentImportRow[];
  const summary: Summary = { created: 0, updated: 0, claimed: 0, unchanged: 0, skipped: 0, conflicts: 0 };
  const county = talentScopeKind(actor) !== 'enterprise';
  // the office's facts apply at once; an enterprise's become claims for the office to review
  const direct = appliesFactsDirectly(actor);
  try {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await jctx.db.transaction().execute(async (tx) => {
        const now = jctx.now();
        const actx = { actor, requestId: `job-${job.id}`, ip: '', now, countyCode: '' };
        const today = localDateOf(now);
        const existing = await tx.selectFrom('talents').selectAll().where('id_number', 'in', chunk.map((r) => r.idNumber)).execute();
        const byId = new Map(existing.map((t) => [t.id_number, t]));
        const inserts = chunk.filter((r) => !byId.has(r.idNumber));
        if (inserts.length) {
          const created = await tx
            .insertInto('talents')
            .values(inserts.map((r) => ({
              id_number: r.idNumber, name: r.name, gender: r.gender, birth_date: r.birthDate, phone: r.phone,
              enterprise_id: r.enterpriseId, status: r.status, facts: JSON.stringify(direct ? r.facts : {}),
            })))
            .returning(['id', 'id_number', 'enterprise_id'])
            .execute();
          await tx.insertInto('talent_employments').values(created.map((t) => ({ talent_id: t.id, enterprise_id: t.enterprise_id!, started_on: today }))).execute();
          const byNumber = new Map(inserts.map((r) => [r.idNumber, r]));
          await tx.insertInto('audit_log').values(created.map((t) => {
            const r = byNumber.get(t.id_number)!;
            return {
              actor_id: actor.userId, actor_name: actor.displayName, action: 'talent.import', entity_type: 'talent', entity_id: t.id,
              enterprise_id: t.enterprise_id, request_id: actx.requestId, ip: null, before: null,
              after: JSON.stringify(forAudit({ idNumber: r.idNumber, name: r.name, phone: r.phone, enterpriseId: r.enterpriseId, status: r.status, facts: direct ? r.facts : {} })),
            };
          })).execute();
          if (!direct)
            for (const t of created) {
              const r = byNumber.get(t.id_number)!;
              if (Object.keys(r.facts).length) await claimFacts(tx, actx, { kind: 'talent', talentId: t.id, enterpriseId: t.enterprise_id! }, {}, () => r.facts);
            }
          summary.created += created.length;
        }
        for (const row of chunk) {
          const current = byId.get(row.idNumber);
          if (!current) continue;
          if (current.enterprise_id !== row.enterpriseId) {
            if (county) summary.skipped++;
            else if (await fileConflict(tx, actx, { talent: current, claimantEnterpriseId: row.enterpriseId, name: row.name, submitted: { ...row } })) summary.conflicts++;
            else summary.conflicts++; // already filed by an earlier import: still a conflict, nothing new
            continue;
          }
          const before = { name: current.name, phone: current.phone, status: current.status, facts: current.facts };
          const next = { name: row.name, phone: row.phone || current.phone, status: row.status, facts: direct ? { ...current.facts, ...row.facts } : current.facts };
          const diff = changedFields(before, next);
          // an enterprise's facts: the file's values over what it has claimed so far, as a claim
          const claim = direct
            ? null
            : await claimFacts(tx, actx, { kind: 'talent', talentId: current.id, enterpriseId: current.enterprise_id! }, current.facts, (claimed) => ({ ...claimed, ...row.facts }));
          if (!diff && !claim?.changed) {
            summary.unchanged++;
            continue;
          }
          await tx
            .updateTable('talents')
            .set({ name: next.name, phone: next.phone, status: next.status, facts: JSON.stringify(next.facts), ...(diff ? { updated_at: now } : {}), version: current.version + 1 })
            .where('id', '=', current.id)
            .execute();
          if (diff)
            await recordAudit(tx, actx, {
              action: 'talent.import', entityType: 'talent', entityId: current.id, enterpriseId: current.enterprise_id,
              before: forAudit(diff.before), after: forAudit(diff.after),
            });
          if (claim?.changed) summary.claimed++;
          else summary.updated++;
        }
      });
      await jctx.progress(Math.min(i + CHUNK, rows.length), rows.length, '正在导入');
    }
    await jctx.db.updateTable('import_batches').set({ status: 'imported', summary: JSON.stringify(summary), rows: '[]' }).where('id', '=', batchId).execute();
  } catch (err) {
    await jctx.db.updateTable('import_batches').set({ status: 'failed', summary: JSON.stringify(summary) }).where('id', '=', batchId).execute();
    throw err;
  }
  return summary;
};
