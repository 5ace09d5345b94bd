import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import type { MedfundDateFormat } from '../../../db/schema';
import { CLAIMS_TABLES } from '../claims/tables';
import { isClaimsTable, mappingProblems, nationalMapping, type ColumnMap } from '../domain/mapping';

export interface MappingInput {
  name: string;
  targetTable: string;
  columns: ColumnMap;
  dateFormat: MedfundDateFormat;
  delimiter: string;
}

export interface MappingView {
  id: number;
  name: string;
  targetTable: string;
  columns: ColumnMap;
  dateFormat: MedfundDateFormat;
  delimiter: string;
  builtin: boolean;
  updatedAt: Date;
}

type Row = { id: number; name: string; target_table: string; columns: ColumnMap; date_format: MedfundDateFormat; delimiter: string; builtin: boolean; updated_at: Date };
const view = (r: Row): MappingView => ({
  id: r.id, name: r.name, targetTable: r.target_table, columns: r.columns, dateFormat: r.date_format, delimiter: r.delimiter, builtin: r.builtin, updatedAt: r.updated_at,
});

function check(input: MappingInput): void {
  if (!isClaimsTable(input.targetTable)) throw new AppError('MEDFUND_MAPPING_INVALID', { targetTable: `没有数据表 ${input.targetTable}` });
  const columns = Object.fromEntries(Object.entries(input.columns).filter(([, h]) => h.trim()));
  const problems = mappingProblems(input.targetTable, columns);
  if (Object.keys(problems).length) {
    throw new AppError('MEDFUND_MAPPING_INVALID', Object.fromEntries(Object.entries(problems).map(([k, v]) => [`columns.${k}`, v])));
  }
}

/** The built-in mapping of each table (国家标准表头), created when first asked for. */
export async function ensureBuiltinMappings(db: Ctx['db']): Promise<void> {
  const have = await db.selectFrom('medfund_column_mappings').select('target_table').where('builtin', '=', true).execute();
  const missing = Object.values(CLAIMS_TABLES).filter((t) => !have.some((h) => h.target_table === t.name));
  if (!missing.length) return;
  await db
    .insertInto('medfund_column_mappings')
    .values(missing.map((t) => ({ name: `国家标准：${t.zh}（${t.name}）`, target_table: t.name, columns: JSON.stringify(nationalMapping(t.name)), builtin: true, updated_at: new Date() })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

export async function listMappings(ctx: Ctx, table?: string): Promise<MappingView[]> {
  await ensureBuiltinMappings(ctx.db);
  let q = ctx.db.selectFrom('medfund_column_mappings').select(['id', 'name', 'target_table', 'columns', 'date_format', 'delimiter', 'builtin', 'updated_at']);
  if (table) q = q.where('target_table', '=', table);
  return (await q.orderBy('builtin', 'desc').orderBy('target_table').orderBy('name').execute()).map(view);
}

export async function getMapping(db: Ctx['db'], id: number): Promise<MappingView> {
  const r = await db.selectFrom('medfund_column_mappings').select(['id', 'name', 'target_table', 'columns', 'date_format', 'delimiter', 'builtin', 'updated_at']).where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('MEDFUND_MAPPING_NOT_FOUND');
  return view(r);
}

async function nameTaken(ctx: Ctx, name: string, except?: number): Promise<boolean> {
  let q = ctx.db.selectFrom('medfund_column_mappings').select('id').where(sql<string>`lower(name)`, '=', name.trim().toLowerCase());
  if (except) q = q.where('id', '<>', except);
  return !!(await q.executeTakeFirst());
}

export async function createMapping(ctx: Ctx, input: MappingInput): Promise<MappingView> {
  check(input);
  if (await nameTaken(ctx, input.name)) throw new AppError('MEDFUND_MAPPING_NAME_TAKEN', { name: `已有名为「${input.name}」的列映射` });
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('medfund_column_mappings').values({
      name: input.name.trim(), target_table: input.targetTable, columns: JSON.stringify(input.columns), date_format: input.dateFormat,
      delimiter: input.delimiter, created_by: ctx.actor.userId, updated_at: ctx.now,
    }).returning(['id', 'name', 'target_table', 'columns', 'date_format', 'delimiter', 'builtin', 'updated_at']).executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'medfund.mapping.create', entityType: 'medfund_column_mapping', entityId: String(r.id), after: input });
    return view(r);
  });
}

export async function updateMapping(ctx: Ctx, id: number, input: MappingInput): Promise<MappingView> {
  const before = await getMapping(ctx.db, id);
  if (before.builtin) throw new AppError('MEDFUND_MAPPING_BUILTIN');
  check(input);
  if (await nameTaken(ctx, input.name, id)) throw new AppError('MEDFUND_MAPPING_NAME_TAKEN', { name: `已有名为「${input.name}」的列映射` });
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('medfund_column_mappings').set({
      name: input.name.trim(), target_table: input.targetTable, columns: JSON.stringify(input.columns), date_format: input.dateFormat,
      delimiter: input.delimiter, updated_at: ctx.now,
    }).where('id', '=', id).returning(['id', 'name', 'target_table', 'columns', 'date_format', 'delimiter', 'builtin', 'updated_at']).executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'medfund.mapping.update', entityType: 'medfund_column_mapping', entityId: String(id),
      before: { name: before.name, targetTable: before.targetTable, columns: before.columns, dateFormat: before.dateFormat, delimiter: before.delimiter },
      after: input,
    });
    return view(r);
  });
}

export async function deleteMapping(ctx: Ctx, id: number): Promise<void> {
  const before = await getMapping(ctx.db, id);
  if (before.builtin) throw new AppError('MEDFUND_MAPPING_BUILTIN');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('medfund_column_mappings').where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'medfund.mapping.delete', entityType: 'medfund_column_mapping', entityId: String(id), before: { name: before.name, targetTable: before.targetTable, columns: before.columns } });
  });
}
