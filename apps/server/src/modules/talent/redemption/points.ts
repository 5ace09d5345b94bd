import type { Ctx, Tx } from '../../../core/context';
import type { Label } from '../domain';
import { compiledFor, latestAsOf, versionFor } from '../scoring/score-reads';

/**
 * Personal points as a round reads them: the personal scheme in effect, its latest complete day
 * (the points a talent sees on their own page). A total counts only when complete; the tie-break
 * sub-scores are the stored points of the round's items, in the round's order.
 */
export interface PointsBasis {
  versionId: string | null;
  asOf: string | null;
  /** Item id → index in the stored points, and its label. */
  items: Map<string, { index: number; label: Label }>;
}

export async function pointsBasis(ctx: Ctx): Promise<PointsBasis> {
  const v = await versionFor(ctx, 'personal');
  if (!v) return { versionId: null, asOf: null, items: new Map() };
  const [asOf, compiled] = await Promise.all([latestAsOf(ctx, v.id), compiledFor(ctx, v)]);
  return { versionId: v.id, asOf, items: new Map(compiled.items.map((it, index) => [it.id, { index, label: it.label }])) };
}

export interface TalentPoints {
  /** The total when complete, else null (not counted). */
  points: number | null;
  /** Stored points per item of the scheme. */
  itemPoints: number[];
}

export async function talentPoints(db: Tx, basis: PointsBasis, talentIds: string[]): Promise<Map<string, TalentPoints>> {
  const out = new Map<string, TalentPoints>();
  if (!basis.versionId || !basis.asOf || talentIds.length === 0) return out;
  const rows = await db.selectFrom('talent_scores').select(['talent_id', 'total', 'complete', 'result'])
    .where('scheme_version_id', '=', basis.versionId).where('as_of', '=', basis.asOf).where('talent_id', 'in', talentIds).execute();
  for (const r of rows) {
    // a compact result keeps `points`; an early full result its `items` (scoring/stored-result.ts)
    const res = r.result as { points?: number[]; items?: { points: number }[] };
    const itemPoints = res.points ?? res.items?.map((it) => it.points) ?? [];
    out.set(r.talent_id, { points: r.complete ? Number(r.total) : null, itemPoints: itemPoints.map(Number) });
  }
  return out;
}

export const subScoresOf = (basis: PointsBasis, items: string[], p: TalentPoints | undefined): (number | null)[] =>
  items.map((id) => {
    const it = basis.items.get(id);
    const v = it && p ? p.itemPoints[it.index] : undefined;
    return v === undefined || !Number.isFinite(v) ? null : v;
  });

/** The first day each talent's complete personal points reached `min` (any personal version). */
export async function qualifiedSince(db: Tx, min: number, talentIds: string[]): Promise<Map<string, string>> {
  if (talentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('talent_scores as s')
    .innerJoin('talent_score_days as d', (j) => j.onRef('d.scheme_version_id', '=', 's.scheme_version_id').onRef('d.as_of', '=', 's.as_of'))
    .innerJoin('talent_scheme_versions as v', 'v.id', 's.scheme_version_id')
    .select(['s.talent_id', (eb) => eb.fn.min('s.as_of').as('since')])
    .where('v.kind', '=', 'personal').where('s.complete', '=', true).where('s.total', '>=', min).where('s.talent_id', 'in', talentIds)
    .groupBy('s.talent_id')
    .execute();
  return new Map(rows.map((r) => [r.talent_id, String(r.since)]));
}
