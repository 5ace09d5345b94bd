import type { ImportRowError } from '../../../../db/schema';
import { readUploadedTable } from '../../../../core/imports/read-uploaded-table';
import { saveBatch } from '../../../../core/imports/import-batch';
import { loadUserActor } from '../../../../core/identity/sessions';
import { maskPhone } from '../../../../core/privacy/mask';
import { writeXlsx } from '../../../../core/excel/write-xlsx';
import type { Ctx, Tx } from '../../../../core/context';
import type { JobHandler } from '../../../../core/jobs/job-runner';
import { countyBox } from '../../../../core/reference/domain/coordinates';
import {
  KIND_LABELS, parseProviderRow, PROVIDER_COLUMNS as C, REQUIRED_PROVIDER_COLUMNS, type ProviderImportRow, type ProviderLookups,
} from '../domain/parse-provider-row';
import { bumpDirectoryVersion } from '../directory-version';
import { providersForExport } from '../providers.service';
import type { ProviderListQuery } from '../schemas';

const CHUNK = 500;
export const PROVIDER_IMPORT_KIND = 'service_providers';

async function loadLookups(db: Tx, countyCode: string): Promise<ProviderLookups> {
  const [caps, divisions] = await Promise.all([
    db.selectFrom('service_capabilities').select(['code', 'name']).where('active', '=', true).execute(),
    db.selectFrom('divisions').select('code').where('code', 'like', `${countyCode}%`).execute(),
  ]);
  return {
    capabilities: new Map(caps.flatMap((c) => [[c.code, c.code], [c.name, c.code]] as [string, string][])),
    divisions: new Set(divisions.map((d) => d.code)),
    box: countyBox(countyCode),
  };
}

/** Step 1: read and check every row (coordinates, capabilities, kinds, streets); nothing is written but the batch. */
export async function validateProviderImport(ctx: Ctx, fileName: string, buffer: Buffer) {
  const table = await readUploadedTable(buffer, fileName);
  const errors: ImportRowError[] = [];
  for (const column of REQUIRED_PROVIDER_COLUMNS.filter((c) => !table.headers.includes(c))) errors.push({ line: 1, column, message: '缺少此列（请使用导入模板）' });
  const rows: ProviderImportRow[] = [];
  if (errors.length === 0) {
    const lookups = await loadLookups(ctx.db, ctx.countyCode);
    const seen = new Map<string, number>();
    for (const [i, { line, values }] of table.rows.entries()) {
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
      const parsed = parseProviderRow(values, lookups);
      if (!parsed.input) {
        for (const e of parsed.errors) errors.push({ line, ...e });
        continue;
      }
      const key = `${parsed.input.name}\u0000${parsed.input.address}`;
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ line, column: C.name, message: `与第 ${first} 行重复（同名同地址）` });
        continue;
      }
      seen.set(key, line);
      rows.push(parsed.input);
    }
  }
  return saveBatch(ctx, { kind: PROVIDER_IMPORT_KIND, fileName, totalRows: table.rows.length, rows, errors });
}

const valuesOf = (r: ProviderImportRow) => ({
  name: r.name, kind: r.kind, description: r.description, contact_name: r.contactName, contact_phone: r.contactPhone, website: r.website, email: r.email,
  opening_hours: r.openingHours, address: r.address, division_code: r.divisionCode, lat: r.lat, lng: r.lng, status: r.status,
});
const forAudit = (v: ReturnType<typeof valuesOf>, services: ProviderImportRow['services']) => ({ ...v, contact_phone: maskPhone(v.contact_phone), services });
const servicesKey = (s: { capabilityCode: string; name: string }[]) => JSON.stringify(s.map((x) => [x.capabilityCode, x.name]));

/**
 * Step 2, a background job: upsert by name + address in chunks of 500, each change with its audit
 * entry, the directory's version bumped per chunk (the indexes rebuild once it is done). The same
 * file twice changes nothing.
 */
export const importProvidersJob: JobHandler = async (job, jctx) => {
  const batchId = String(job.payload.batchId);
  const batch = await jctx.db.selectFrom('import_batches').select(['rows', 'created_by']).where('id', '=', batchId).executeTakeFirstOrThrow();
  const actor = await loadUserActor(jctx.db, batch.created_by);
  if (!actor || !actor.permissions.has('service.directory.manage')) throw new Error('importer no longer allowed to import providers');
  const rows = batch.rows as ProviderImportRow[];
  const summary = { created: 0, updated: 0, unchanged: 0 };
  try {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await jctx.db.transaction().execute(async (tx) => {
        const now = jctx.now();
        const audit = (action: string, id: string, before: unknown, after: unknown) => ({
          actor_id: actor.userId, actor_name: actor.displayName, action, entity_type: 'service_provider', entity_id: id, enterprise_id: null,
          request_id: `job-${job.id}`, ip: null, before: before === null ? null : JSON.stringify(before), after: JSON.stringify(after),
        });
        const existing = await tx.selectFrom('service_providers').selectAll().where('name', 'in', chunk.map((r) => r.name)).execute();
        const byKey = new Map(existing.map((p) => [`${p.name}\u0000${p.address}`, p]));
        const currentServices = existing.length
          ? await tx.selectFrom('service_provider_services').select(['provider_id', 'capability_code as capabilityCode', 'name']).where('provider_id', 'in', existing.map((p) => p.id)).orderBy('provider_id').orderBy('position').execute()
          : [];
        const servicesOf = new Map<string, { capabilityCode: string; name: string }[]>();
        for (const s of currentServices) servicesOf.set(s.provider_id, [...(servicesOf.get(s.provider_id) ?? []), s]);
        const audits = [];
        let changed = false;
        for (const row of chunk) {
          const values = valuesOf(row);
          const cur = byKey.get(`${row.name}\u0000${row.address}`);
          if (cur) {
            const diff = Object.fromEntries(Object.entries(values).filter(([k, v]) => JSON.stringify(cur[k as keyof typeof cur]) !== JSON.stringify(v)));
            const servicesChanged = servicesKey(servicesOf.get(cur.id) ?? []) !== servicesKey(row.services);
            if (!Object.keys(diff).length && !servicesChanged) {
              summary.unchanged++;
              continue;
            }
            await tx.updateTable('service_providers').set({ ...values, updated_at: now, version: cur.version + 1 }).where('id', '=', cur.id).execute();
            if (servicesChanged) {
              await tx.deleteFrom('service_provider_services').where('provider_id', '=', cur.id).execute();
              await tx.insertInto('service_provider_services').values(row.services.map((s, k) => ({ provider_id: cur.id, capability_code: s.capabilityCode, name: s.name, description: s.description, position: k }))).execute();
            }
            const before = Object.fromEntries(Object.keys(diff).map((k) => [k, k === 'contact_phone' ? maskPhone(cur.contact_phone) : cur[k as keyof typeof cur]]));
            audits.push(audit('service.provider.import', cur.id, { ...before, ...(servicesChanged ? { services: servicesOf.get(cur.id) } : {}) },
              { ...(diff.contact_phone !== undefined ? { ...diff, contact_phone: maskPhone(String(diff.contact_phone)) } : diff), ...(servicesChanged ? { services: row.services } : {}) }));
            summary.updated++;
          } else {
            const { id } = await tx.insertInto('service_providers').values({ ...values, updated_at: now }).returning('id').executeTakeFirstOrThrow();
            await tx.insertInto('service_provider_services').values(row.services.map((s, k) => ({ provider_id: id, capability_code: s.capabilityCode, name: s.name, description: s.description, position: k }))).execute();
            audits.push(audit('service.provider.import', id, null, forAudit(values, row.services)));
            summary.created++;
          }
          changed = true;
        }
        if (audits.length) await tx.insertInto('audit_log').values(audits).execute();
        if (changed) await bumpDirectoryVersion(tx);
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

type ExportRow = Awaited<ReturnType<typeof providersForExport>>[number];

/** The columns of the template and the export (an export imports back unchanged). Coordinates: GCJ-02. */
const columns = [
  { header: C.name, width: 30, value: (r: ExportRow) => r.name },
  { header: C.kind, width: 14, value: (r: ExportRow) => KIND_LABELS[r.kind] },
  { header: C.capabilities, width: 28, value: (r: ExportRow) => r.services.map((s) => s.capability_code).join('、') },
  { header: C.services, width: 36, value: (r: ExportRow) => r.services.map((s) => s.name).join('、') },
  { header: C.contactName, width: 10, value: (r: ExportRow) => r.contact_name },
  { header: C.contactPhone, width: 16, value: (r: ExportRow) => r.contact_phone },
  { header: C.openingHours, width: 22, value: (r: ExportRow) => r.opening_hours },
  { header: C.address, width: 30, value: (r: ExportRow) => r.address },
  { header: C.division, width: 12, value: (r: ExportRow) => r.division_code ?? '' },
  { header: C.lat, width: 12, value: (r: ExportRow) => String(r.lat) },
  { header: C.lng, width: 12, value: (r: ExportRow) => String(r.lng) },
  { header: C.system, width: 10, value: () => 'GCJ-02' },
  { header: C.description, width: 40, value: (r: ExportRow) => r.description },
  { header: C.website, width: 24, value: (r: ExportRow) => r.website },
  { header: C.email, width: 22, value: (r: ExportRow) => r.email },
  { header: C.status, width: 8, value: (r: ExportRow) => (r.status === 'active' ? '在用' : '停用') },
];

export const providerImportTemplate = () => writeXlsx('服务机构', columns, []);

/** The export holds the full contact phone: it needs service.directory.manage, and is audited by the route. */
export async function exportProviders(db: Tx, q: Omit<ProviderListQuery, 'page' | 'pageSize'>) {
  const rows = await providersForExport(db, q);
  return { count: rows.length, buffer: await writeXlsx('服务机构', columns, rows) };
}
