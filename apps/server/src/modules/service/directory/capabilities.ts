import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { parentOf } from './domain/capability-code';
import { bumpDirectoryVersion } from './directory-version';
import type { z } from 'zod';
import type { CapabilityInput, CapabilityUpdate } from './schemas';

/** The taxonomy, in tree order (parents first, then by sort order), with the active providers under each. */
export async function listCapabilities(db: Tx) {
  const rows = await db.selectFrom('service_capabilities as c')
    .select(['c.code', 'c.parent_code', 'c.name', 'c.name_en', 'c.sort_order', 'c.active',
      sql<number>`(SELECT count(DISTINCT s.provider_id)::int FROM service_provider_services s JOIN service_providers p ON p.id = s.provider_id
        WHERE p.status = 'active' AND (s.capability_code = c.code OR s.capability_code LIKE c.code || '.%'))`.as('provider_count')])
    .orderBy('c.sort_order').orderBy('c.code')
    .execute();
  return rows.map((r) => ({
    code: r.code, parentCode: r.parent_code, name: r.name, nameEn: r.name_en, sortOrder: r.sort_order, active: r.active, providerCount: r.provider_count,
  }));
}

/** A capability that exists and is offered (for a service, a search or a recommendation); else a 400 naming it. */
export async function assertUsableCapability(db: Tx, code: string): Promise<{ code: string; name: string }> {
  const c = await db.selectFrom('service_capabilities').select(['code', 'name', 'active']).where('code', '=', code).executeTakeFirst();
  if (!c || !c.active) {
    throw new AppError('DIRECTORY_CAPABILITY_UNKNOWN', { capability: code }, {
      zh: `能力分类“${code}”不存在或已停用`, en: `The capability "${code}" does not exist or is no longer offered`,
    });
  }
  return c;
}

export async function createCapability(ctx: Ctx, input: z.infer<typeof CapabilityInput>) {
  const parent = parentOf(input.code);
  await ctx.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('service_capabilities').select('code').where('code', '=', input.code).executeTakeFirst()) throw new AppError('DIRECTORY_CAPABILITY_CODE_TAKEN');
    if (parent && !(await tx.selectFrom('service_capabilities').select('code').where('code', '=', parent).executeTakeFirst())) {
      throw new AppError('DIRECTORY_CAPABILITY_PARENT_MISSING', { code: `上级“${parent}”不存在` });
    }
    await tx.insertInto('service_capabilities').values({
      code: input.code, parent_code: parent, name: input.name, name_en: input.nameEn, sort_order: input.sortOrder, updated_at: ctx.now,
    }).execute();
    await bumpDirectoryVersion(tx);
    await recordAudit(tx, ctx, { action: 'service.capability.create', entityType: 'service_capability', entityId: input.code, after: input });
  });
  return (await listCapabilities(ctx.db)).find((c) => c.code === input.code)!;
}

/** Renames, reorders, or stops offering a capability (existing services keep it; it is no longer chosen or searched). */
export async function updateCapability(ctx: Ctx, code: string, input: z.infer<typeof CapabilityUpdate>) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('service_capabilities').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('DIRECTORY_CAPABILITY_NOT_FOUND');
    await tx.updateTable('service_capabilities')
      .set({ name: input.name, name_en: input.nameEn, sort_order: input.sortOrder, active: input.active, updated_at: ctx.now })
      .where('code', '=', code).execute();
    await bumpDirectoryVersion(tx);
    await recordAudit(tx, ctx, {
      action: 'service.capability.update', entityType: 'service_capability', entityId: code,
      before: { name: cur.name, nameEn: cur.name_en, sortOrder: cur.sort_order, active: cur.active }, after: input,
    });
  });
  return (await listCapabilities(ctx.db)).find((c) => c.code === code)!;
}
