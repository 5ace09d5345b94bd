import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { TalentSchemeKind, TalentSchemeVersionTable } from '../../../db/schema';
import type { Tx } from '../../../core/context';
import type { SchemeVersionSummary } from './schemas';

export type SchemeVersionRow = Selectable<TalentSchemeVersionTable>;

export function toSummary(v: SchemeVersionRow, today: string): SchemeVersionSummary {
  return {
    id: v.id,
    kind: v.kind,
    code: v.code,
    version: v.version,
    name: v.name,
    status: v.status,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    contentHash: v.content_hash,
    example: (v.document as { example?: boolean }).example === true,
    inEffect: v.status === 'published' && covers(v, today),
    revision: v.revision,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    publishedAt: v.published_at,
    retiredAt: v.retired_at,
  };
}

export const schemeRef = (v: Pick<SchemeVersionRow, 'id' | 'code' | 'version' | 'name' | 'status'>) => ({
  id: v.id, code: v.code, version: v.version, name: v.name, status: v.status,
});

export function covers(v: { effective_from: string; effective_to: string | null }, day: string): boolean {
  return v.effective_from <= day && (v.effective_to === null || day <= v.effective_to);
}

export async function findVersion(db: Tx, id: string): Promise<SchemeVersionRow | undefined> {
  return db.selectFrom('talent_scheme_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The published version of a kind whose period covers `day`, if any (at most one: the trigger). */
export async function versionInEffect(db: Tx, kind: TalentSchemeKind, day: string): Promise<SchemeVersionRow | undefined> {
  return db
    .selectFrom('talent_scheme_versions')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', '=', 'published')
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', day)]))
    .executeTakeFirst();
}

/**
 * currentVersion for readers, remembered for a few seconds per kind and day: every score read
 * needs it, and versions change a few times a year. This process forgets at once on a publish or
 * retire (forgetCurrentVersions); other API processes within CURRENT_TTL_MS.
 */
const CURRENT_TTL_MS = 5_000;
const current = new Map<string, { at: number; row: SchemeVersionRow | undefined }>();
export function forgetCurrentVersions(): void {
  current.clear();
}
export async function currentVersionCached(db: Tx, kind: TalentSchemeKind, day: string): Promise<SchemeVersionRow | undefined> {
  const key = `${kind}:${day}`;
  const hit = current.get(key);
  if (hit && performance.now() - hit.at < CURRENT_TTL_MS) return hit.row;
  const row = await currentVersion(db, kind, day);
  current.set(key, { at: performance.now(), row });
  return row;
}

/**
 * The version whose scores a reader sees by default: the one in effect on `day`, else the latest
 * published one that had started by then, else the earliest published one (a period yet to come).
 */
export async function currentVersion(db: Tx, kind: TalentSchemeKind, day: string): Promise<SchemeVersionRow | undefined> {
  const inEffect = await versionInEffect(db, kind, day);
  if (inEffect) return inEffect;
  return db
    .selectFrom('talent_scheme_versions')
    .selectAll()
    .where('kind', '=', kind)
    .where('status', 'in', ['published', 'retired'])
    // started by then first (latest start first), then those yet to come (earliest first); published before retired
    .orderBy(sql`(effective_from <= ${day}) DESC, CASE WHEN effective_from <= ${day} THEN effective_from END DESC NULLS LAST, effective_from ASC, (status = 'published') DESC`)
    .limit(1)
    .executeTakeFirst();
}
