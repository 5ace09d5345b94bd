import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { claimsStoreOf } from '../claims/open-claims-store';

/**
 * Inspection areas (稽核片区, docs/medfund/CASES.md): each inspector (a user holding
 * medfund.cases.review) handles the cases of a list of designated providers. A provider belongs to
 * one area at most — two areas would give its cases two owners — so an edit that takes a provider
 * from another inspector's area is a 409 naming both; it must be removed there first.
 */

/** The designated providers the claims data knows (its 定点医药机构 table), by code. */
export interface Provider {
  code: string;
  name: string;
  /** 1 医疗机构, 2 零售药店 (the national interface's fixmedins_type). */
  type: string;
}

export async function providerRegistry(ctx: Ctx): Promise<Map<string, Provider>> {
  const store = await claimsStoreOf(ctx.db);
  const rows = await store.query<{ code: string; name: string | null; type: string | null }>(
    'SELECT fixmedins_code AS code, fixmedins_name AS name, fixmedins_type AS type FROM medfund.fixmedins ORDER BY fixmedins_code',
  );
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name ?? r.code, type: r.type ?? '' }]));
}

const REVIEWS = sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND 'medfund.cases.review' = ANY (ro.permissions))`;

/** Active users holding medfund.cases.review (the inspectors an area can be given to), and whoever has an area. */
async function inspectors(db: Tx, userId?: string) {
  let q = db.selectFrom('users as u').leftJoin('medfund_inspector_areas as a', 'a.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.status', 'a.area_name', 'a.provider_codes', 'a.updated_at', REVIEWS.as('reviews'),
      sql<number>`(SELECT count(*) FROM medfund_cases c WHERE c.owner_id = u.id AND c.stage <> 'closed')`.as('open_cases')]);
  q = userId ? q.where('u.id', '=', userId) : q.where(sql<boolean>`a.user_id IS NOT NULL OR (u.status = 'active' AND ${REVIEWS})`);
  return q.orderBy(sql`a.area_name IS NULL`).orderBy('a.area_name').orderBy('u.username').execute();
}

/**
 * Every inspector with their area (or none yet): the providers by code and name, and the open
 * cases they own. A provider no longer in the claims data keeps its code as its name.
 */
export async function listAreas(ctx: Ctx) {
  const [rows, registry] = await Promise.all([inspectors(ctx.db), providerRegistry(ctx)]);
  return rows.map((r) => ({
    userId: r.id, username: r.username, displayName: r.display_name, active: r.status === 'active', inspector: r.reviews,
    areaName: r.area_name ?? null, updatedAt: r.updated_at ?? null, openCases: Number(r.open_cases),
    providers: (r.provider_codes ?? []).map((code) => ({ code, name: registry.get(code)?.name ?? code, known: registry.has(code) })),
  }));
}

/** The providers of the claims data with the area each belongs to (the editor's searchable choice). */
export async function areaProviders(ctx: Ctx) {
  const [registry, areas] = await Promise.all([
    providerRegistry(ctx),
    ctx.db.selectFrom('medfund_inspector_areas as a').innerJoin('users as u', 'u.id', 'a.user_id').select(['a.user_id', 'a.area_name', 'a.provider_codes', 'u.display_name']).execute(),
  ]);
  const holder = new Map<string, { userId: string; displayName: string; areaName: string }>();
  for (const a of areas) for (const code of a.provider_codes) holder.set(code, { userId: a.user_id, displayName: a.display_name, areaName: a.area_name });
  return [...registry.values()].map((p) => ({ ...p, area: holder.get(p.code) ?? null }));
}

const invalid = (field: 'userId' | 'areaName' | 'providerCodes', zh: string, en: string) => new AppError('MEDFUND_AREA_INVALID', { [field]: zh }, { zh, en });

/**
 * Sets an inspector's area: its name and its providers (the whole list; adding and removing are
 * the same call). Refused: someone who is not an active inspector (400), a provider added that the
 * claims data does not know (400, naming it), a provider in another inspector's area (409, naming
 * the provider, the inspector and the area). One edit at a time (an advisory lock), so two leads
 * cannot each give the same provider to a different area. Audited with what was added and removed.
 * Open cases keep their owner: a case's owner is set when it is opened (CASES.md).
 */
export async function setArea(ctx: Ctx, userId: string, input: { areaName: string; providerCodes: string[] }) {
  const codes = [...new Set(input.providerCodes.map((c) => c.trim()).filter(Boolean))].sort();
  const areaName = input.areaName.trim();
  const registry = await providerRegistry(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('medfund.inspector_areas'))`.execute(tx);
    const [u] = await inspectors(tx, userId);
    if (!u) throw new AppError('USER_NOT_FOUND', { userId: `用户 ${userId} 不存在` }, { zh: `用户 ${userId} 不存在`, en: `User ${userId} does not exist` });
    if (!u.reviews || u.status !== 'active') {
      throw invalid('userId', `${u.display_name}（${u.username}）不是在岗的稽核员（须持有“办理本片区案件”权限），不能分配稽核片区`,
        `${u.display_name} (${u.username}) is not an active inspector (holding medfund.cases.review)`);
    }
    const before = u.provider_codes ?? [];
    const added = codes.filter((c) => !before.includes(c));
    const removed = before.filter((c) => !codes.includes(c));
    const unknown = added.filter((c) => !registry.has(c));
    if (unknown.length) {
      throw invalid('providerCodes', `定点医药机构 ${unknown.join('、')} 不在医保数据的机构名录中`, `Provider ${unknown.join(', ')} is not in the claims data's provider list`);
    }
    const clash = await tx.selectFrom('medfund_inspector_areas as a').innerJoin('users as o', 'o.id', 'a.user_id')
      .select(['o.display_name', 'a.area_name', 'a.provider_codes']).where('a.user_id', '<>', userId)
      .where(sql<boolean>`a.provider_codes && ${codes}::text[]`).orderBy('a.area_name').execute();
    if (clash.length) {
      const list = clash.flatMap((c) => c.provider_codes.filter((p) => codes.includes(p)).map((p) => `${registry.get(p)?.name ?? p}（${p}）已在${c.display_name}的片区「${c.area_name}」内`));
      const listEn = clash.flatMap((c) => c.provider_codes.filter((p) => codes.includes(p)).map((p) => `${p} is in ${c.display_name}'s area "${c.area_name}"`));
      throw new AppError('MEDFUND_AREA_PROVIDER_TAKEN', { providerCodes: list.join('；') },
        { zh: `${list.join('；')}：一家机构只能属于一个稽核片区，请先从原片区移出`, en: `${listEn.join('; ')}: a provider belongs to one area only; remove it there first` });
    }
    await tx.insertInto('medfund_inspector_areas').values({ user_id: userId, area_name: areaName, provider_codes: codes, updated_at: ctx.now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ area_name: areaName, provider_codes: codes, updated_at: ctx.now })).execute();
    await recordAudit(tx, ctx, {
      action: 'medfund.area.update', entityType: 'user', entityId: userId,
      before: u.area_name !== null ? { areaName: u.area_name, providerCodes: before } : undefined,
      after: { inspector: u.username, areaName, providerCodes: codes, added, removed },
    });
  });
  const [item] = (await listAreas(ctx)).filter((a) => a.userId === userId);
  return item!;
}
