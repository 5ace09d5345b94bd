import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx } from '../../../core/context';
import type { TalentSchemeKind } from '../../../db/schema';
import type { Label, TieringDoc } from '../domain';
import { talentScopeKind } from '../registry/talent-scope';
import { currentVersionCached, findVersion, type SchemeVersionRow } from './scheme.repo';
import { cachedCompiled, compiledOf } from './scheme-source';

/**
 * The reads every part of the talent module shares: which version is shown, its latest complete
 * day, its compiled scheme, tier labels, and the enterprises whose points an actor may see.
 */

export async function versionFor(ctx: Ctx, kind: TalentSchemeKind, id?: string): Promise<SchemeVersionRow | undefined> {
  if (!id) return currentVersionCached(ctx.db, kind, localDateOf(ctx.now));
  const v = await findVersion(ctx.db, id);
  if (!v || v.kind !== kind || v.status === 'draft') throw new AppError('NOT_FOUND');
  return v;
}

/** The latest day a recompute of the version finished (a day still being written is not shown). */
export async function latestAsOf(ctx: Ctx, versionId: string): Promise<string | null> {
  const r = await ctx.db.selectFrom('talent_score_days').select((eb) => eb.fn.max('as_of').as('d')).where('scheme_version_id', '=', versionId).executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}


/** The compiled scheme of a version (cached by content hash; the document is read only on a miss). */
export async function compiledFor(ctx: Ctx, v: Pick<SchemeVersionRow, 'id' | 'content_hash'> & { document?: unknown }) {
  const hit = cachedCompiled(v.content_hash);
  if (hit) return hit;
  const doc = v.document ?? (await ctx.db.selectFrom('talent_scheme_versions').select('document').where('id', '=', v.id).executeTakeFirstOrThrow()).document;
  return compiledOf(doc as Record<string, unknown>, v.content_hash);
}

export const tierLabel = (v: SchemeVersionRow, id: string | null): { id: string; label: Label } | null => {
  if (!id) return null;
  const t = (v.document as { tiering?: TieringDoc }).tiering?.tiers.find((x) => x.id === id);
  return { id, label: t?.label ?? { zh: id, en: id } };
};

/** Enterprises the actor may see the points of: HR its own, the office the county (by division), a talent none. */
export function enterpriseScope(ctx: Ctx) {
  const kind = talentScopeKind(ctx.actor);
  if (kind === 'self') return sql<boolean>`false`;
  return enterpriseInScope(ctx.actor, 'e');
}
