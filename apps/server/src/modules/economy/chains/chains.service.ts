import type { z } from 'zod';
import { AppError } from '../../../http/app-error';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { ChainInput, ChainSummary, ChainUpdate, ChainView, LinkInput, LinkUpdate } from './chain.schemas';
import { industryNames, linksOf, type LinkRow } from './chain.repo';
import { wouldCycle } from './domain/chain-map';

type View = z.infer<typeof ChainView>;

const uniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';

/** Every code must be a GB/T 4754-2017 大类, 中类 or 小类: a 400 naming the unknown ones. */
export async function checkIndustryCodes(db: Tx, codes: string[], field = 'industryPrefixes'): Promise<void> {
  const unique = [...new Set(codes)];
  if (!unique.length) return;
  const known = new Set((await db.selectFrom('industries').select('code').where('code', 'in', unique).execute()).map((r) => r.code));
  const unknown = unique.filter((c) => !known.has(c));
  if (unknown.length) {
    throw new AppError('ECONOMY_INDUSTRY_CODE_UNKNOWN', { [field]: `不存在的行业代码：${unknown.join('、')}` }, {
      zh: `行业代码 ${unknown.join('、')} 不在国民经济行业分类（GB/T 4754-2017）中`, en: `Industry code(s) ${unknown.join(', ')} are not in GB/T 4754-2017`,
    });
  }
}

async function toLinkViews(db: Tx, links: LinkRow[]) {
  const names = await industryNames(db, links.flatMap((l) => l.industry_prefixes));
  return links.map((l) => ({
    id: l.id, chainId: l.chain_id, parentId: l.parent_id, name: l.name, nameEn: l.name_en, segment: l.segment,
    industryPrefixes: l.industry_prefixes, industryNames: l.industry_prefixes.map((p) => names.get(p) ?? p), keywords: l.keywords, sortOrder: l.sort_order, version: l.version,
  }));
}

export async function listChains(ctx: Ctx): Promise<z.infer<typeof ChainSummary>[]> {
  const rows = await ctx.db.selectFrom('economy_chains as c')
    .select(['c.id', 'c.name', 'c.name_en', 'c.description', 'c.sort_order', 'c.version'])
    .select((eb) => eb.selectFrom('economy_chain_links as l').whereRef('l.chain_id', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('links'))
    .orderBy('c.sort_order').orderBy('c.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en, description: r.description, sortOrder: r.sort_order, version: r.version, links: Number(r.links ?? 0), gaps: null }));
}

export async function getChain(ctx: Ctx, id: string, db: Tx = ctx.db): Promise<View> {
  const c = await db.selectFrom('economy_chains').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new AppError('ECONOMY_CHAIN_NOT_FOUND');
  return { id: c.id, name: c.name, nameEn: c.name_en, description: c.description, sortOrder: c.sort_order, version: c.version, links: await toLinkViews(db, await linksOf(db, id)) };
}

const nameTaken = (name: string) => new AppError('ECONOMY_CHAIN_NAME_TAKEN', { name: `已有名为“${name}”的产业链` });

export async function createChain(ctx: Ctx, input: z.infer<typeof ChainInput>): Promise<View> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('economy_chains').select('id').where('name', '=', input.name).executeTakeFirst()) throw nameTaken(input.name);
    const row = await tx.insertInto('economy_chains').values({ name: input.name, name_en: input.nameEn, description: input.description, sort_order: input.sortOrder })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'economy.chain.create', entityType: 'economy_chain', entityId: row.id, after: input });
    return row.id;
  });
  return getChain(ctx, id);
}

export async function updateChain(ctx: Ctx, id: string, input: z.infer<typeof ChainUpdate>): Promise<View> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_chains').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_CHAIN_NOT_FOUND');
    if (input.version !== undefined && input.version !== cur.version) throw new AppError('CONFLICT');
    const diff = changedFields(
      { name: cur.name, nameEn: cur.name_en, description: cur.description, sortOrder: cur.sort_order },
      { name: input.name, nameEn: input.nameEn, description: input.description, sortOrder: input.sortOrder },
    );
    if (!diff) return;
    try {
      await tx.updateTable('economy_chains').set({
        name: input.name, name_en: input.nameEn, description: input.description, sort_order: input.sortOrder, updated_at: ctx.now, version: cur.version + 1,
      }).where('id', '=', id).execute();
    } catch (err) {
      if (uniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
    await recordAudit(tx, ctx, { action: 'economy.chain.update', entityType: 'economy_chain', entityId: id, before: diff.before, after: diff.after });
  });
  return getChain(ctx, id);
}

/** Deletes a chain and its links; projects keep their industry code and lose the link (recorded in the audit entry). */
export async function deleteChain(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_chains').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_CHAIN_NOT_FOUND');
    const links = await linksOf(tx, id);
    const projects = links.length ? await tx.selectFrom('economy_projects').select('id').where('chain_link_id', 'in', links.map((l) => l.id)).execute() : [];
    await tx.deleteFrom('economy_chains').where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'economy.chain.delete', entityType: 'economy_chain', entityId: id,
      before: { name: cur.name, links: links.map((l) => l.name), projectsUnlinked: projects.map((p) => p.id) },
    });
  });
}

async function checkParent(tx: Tx, chainId: string, linkId: string | null, parentId: string | null) {
  if (parentId === null) return;
  const links = await linksOf(tx, chainId);
  if (!links.some((l) => l.id === parentId)) throw new AppError('ECONOMY_CHAIN_LINK_NOT_FOUND', { parentId: '上级环节不在这条产业链上' });
  if (linkId && wouldCycle(links.map((l) => ({ id: l.id, parentId: l.parent_id })), linkId, parentId)) {
    throw new AppError('ECONOMY_CHAIN_LINK_CYCLE', { parentId: '上级环节不能是该环节自身或其下级' });
  }
}

const linkNameTaken = (name: string) => new AppError('ECONOMY_CHAIN_LINK_NAME_TAKEN', { name: `这条产业链已有名为“${name}”的环节` });

export async function addLink(ctx: Ctx, chainId: string, input: z.infer<typeof LinkInput>): Promise<View> {
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await tx.selectFrom('economy_chains').select('id').where('id', '=', chainId).forUpdate().executeTakeFirst())) throw new AppError('ECONOMY_CHAIN_NOT_FOUND');
    await checkIndustryCodes(tx, input.industryPrefixes);
    await checkParent(tx, chainId, null, input.parentId);
    if (await tx.selectFrom('economy_chain_links').select('id').where('chain_id', '=', chainId).where('name', '=', input.name).executeTakeFirst()) throw linkNameTaken(input.name);
    const row = await tx.insertInto('economy_chain_links').values({
      chain_id: chainId, parent_id: input.parentId, name: input.name, name_en: input.nameEn, segment: input.segment,
      industry_prefixes: [...new Set(input.industryPrefixes)], keywords: [...new Set(input.keywords)], sort_order: input.sortOrder,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'economy.chain_link.create', entityType: 'economy_chain_link', entityId: row.id, after: { chainId, ...input } });
  });
  return getChain(ctx, chainId);
}

export async function updateLink(ctx: Ctx, linkId: string, input: z.infer<typeof LinkUpdate>): Promise<View> {
  const chainId = await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_chain_links').selectAll().where('id', '=', linkId).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_CHAIN_LINK_NOT_FOUND');
    if (input.version !== undefined && input.version !== cur.version) throw new AppError('CONFLICT');
    await checkIndustryCodes(tx, input.industryPrefixes);
    await checkParent(tx, cur.chain_id, linkId, input.parentId);
    const after = {
      parentId: input.parentId, name: input.name, nameEn: input.nameEn, segment: input.segment,
      industryPrefixes: [...new Set(input.industryPrefixes)], keywords: [...new Set(input.keywords)], sortOrder: input.sortOrder,
    };
    const diff = changedFields({
      parentId: cur.parent_id, name: cur.name, nameEn: cur.name_en, segment: cur.segment, industryPrefixes: cur.industry_prefixes, keywords: cur.keywords, sortOrder: cur.sort_order,
    }, after);
    if (!diff) return cur.chain_id;
    try {
      await tx.updateTable('economy_chain_links').set({
        parent_id: after.parentId, name: after.name, name_en: after.nameEn, segment: after.segment, industry_prefixes: after.industryPrefixes,
        keywords: after.keywords, sort_order: after.sortOrder, updated_at: ctx.now, version: cur.version + 1,
      }).where('id', '=', linkId).execute();
    } catch (err) {
      if (uniqueViolation(err)) throw linkNameTaken(input.name);
      throw err;
    }
    await recordAudit(tx, ctx, { action: 'economy.chain_link.update', entityType: 'economy_chain_link', entityId: linkId, before: diff.before, after: diff.after });
    return cur.chain_id;
  });
  return getChain(ctx, chainId);
}

/** Deletes a link and its sub-links; the projects on them keep their industry code and lose the link. */
export async function deleteLink(ctx: Ctx, linkId: string): Promise<View> {
  const chainId = await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_chain_links').selectAll().where('id', '=', linkId).executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_CHAIN_LINK_NOT_FOUND');
    await tx.deleteFrom('economy_chain_links').where('id', '=', linkId).execute();
    await recordAudit(tx, ctx, {
      action: 'economy.chain_link.delete', entityType: 'economy_chain_link', entityId: linkId,
      before: { chainId: cur.chain_id, name: cur.name, industryPrefixes: cur.industry_prefixes, keywords: cur.keywords },
    });
    return cur.chain_id;
  });
  return getChain(ctx, chainId);
}
