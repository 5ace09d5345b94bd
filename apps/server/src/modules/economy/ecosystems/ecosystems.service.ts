import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import type { Ctx, Tx } from '../../../core/context';
import type { z } from 'zod';
import type { EcosystemInput, EcosystemView } from '../schemas';

type Input = z.infer<typeof EcosystemInput>;

/** Every prefix must be a GB/T 4754-2017 大类, 中类 or 小类 code; a clear error names the unknown ones. */
async function checkPrefixes(db: Tx, prefixes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(prefixes)];
  const known = await db.selectFrom('industries').select(['code', 'name']).where('code', 'in', unique).execute();
  const names = new Map(known.map((k) => [k.code, k.name]));
  const unknown = unique.filter((p) => !names.has(p));
  if (unknown.length) {
    throw new AppError('ECONOMY_INDUSTRY_PREFIX_UNKNOWN', { industryPrefixes: `不存在的行业代码：${unknown.join('、')}` }, {
      zh: `行业代码 ${unknown.join('、')} 不在国民经济行业分类（GB/T 4754-2017）中`, en: `Industry code(s) ${unknown.join(', ')} are not in GB/T 4754-2017`,
    });
  }
  return names;
}

export async function listEcosystems(ctx: Ctx): Promise<z.infer<typeof EcosystemView>[]> {
  const rows = await ctx.db.selectFrom('economy_ecosystems as eco')
    .selectAll('eco')
    .select(sql<number>`(SELECT count(*) FROM enterprises e WHERE ${enterpriseInScope(ctx.actor)} AND EXISTS (SELECT 1 FROM unnest(eco.industry_prefixes) AS p(prefix) WHERE e.industry_code LIKE p.prefix || '%'))`.as('enterprises'))
    .orderBy('eco.sort_order').orderBy('eco.name').execute();
  const codes = [...new Set(rows.flatMap((r) => r.industry_prefixes))];
  const names = codes.length ? new Map((await ctx.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', codes).execute()).map((i) => [i.code, i.name])) : new Map<string, string>();
  return rows.map((r) => ({
    id: r.id, name: r.name, nameEn: r.name_en, industryPrefixes: r.industry_prefixes, industryNames: r.industry_prefixes.map((p) => `${p} ${names.get(p) ?? ''}`.trim()),
    description: r.description, sortOrder: r.sort_order, enterprises: Number(r.enterprises), version: r.version,
  }));
}

function nameTaken(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: string }).code === '23505';
}

export async function createEcosystem(ctx: Ctx, input: Input) {
  return ctx.db.transaction().execute(async (tx) => {
    await checkPrefixes(tx, input.industryPrefixes);
    const dup = await tx.selectFrom('economy_ecosystems').select('id').where('name', '=', input.name).executeTakeFirst();
    if (dup) throw new AppError('ECONOMY_ECOSYSTEM_NAME_TAKEN', { name: `已有名为“${input.name}”的产业生态圈` });
    const row = await tx.insertInto('economy_ecosystems').values({
      name: input.name, name_en: input.nameEn, industry_prefixes: [...new Set(input.industryPrefixes)], description: input.description, sort_order: input.sortOrder,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'economy.ecosystem.create', entityType: 'economy_ecosystem', entityId: row.id, after: input });
    return { id: row.id };
  });
}

export async function updateEcosystem(ctx: Ctx, id: string, input: Input & { version?: number }) {
  return ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_ecosystems').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_ECOSYSTEM_NOT_FOUND');
    if (input.version !== undefined && input.version !== cur.version) throw new AppError('CONFLICT');
    await checkPrefixes(tx, input.industryPrefixes);
    const before = { name: cur.name, nameEn: cur.name_en, industryPrefixes: cur.industry_prefixes, description: cur.description, sortOrder: cur.sort_order };
    const after = { name: input.name, nameEn: input.nameEn, industryPrefixes: [...new Set(input.industryPrefixes)], description: input.description, sortOrder: input.sortOrder };
    const diff = changedFields(before, after);
    if (!diff) return { id };
    try {
      await tx.updateTable('economy_ecosystems').set({
        name: after.name, name_en: after.nameEn, industry_prefixes: after.industryPrefixes, description: after.description, sort_order: after.sortOrder,
        updated_at: ctx.now, version: cur.version + 1,
      }).where('id', '=', id).execute();
    } catch (err) {
      if (nameTaken(err)) throw new AppError('ECONOMY_ECOSYSTEM_NAME_TAKEN', { name: `已有名为“${input.name}”的产业生态圈` });
      throw err;
    }
    await recordAudit(tx, ctx, { action: 'economy.ecosystem.update', entityType: 'economy_ecosystem', entityId: id, before: diff.before, after: diff.after });
    return { id };
  });
}

export async function deleteEcosystem(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_ecosystems').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_ECOSYSTEM_NOT_FOUND');
    await tx.deleteFrom('economy_official_rates').where('scope_kind', '=', 'ecosystem').where('scope_key', '=', id).execute();
    await tx.deleteFrom('economy_ecosystems').where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'economy.ecosystem.delete', entityType: 'economy_ecosystem', entityId: id, before: { name: cur.name, industryPrefixes: cur.industry_prefixes } });
  });
}
