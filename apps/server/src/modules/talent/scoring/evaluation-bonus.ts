import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { industrySectionRanges } from '../../../core/reference/industries';
import { evaluate } from './population';
import { storedResult } from './stored-result';
import { versionInEffect, type SchemeVersionRow } from './scheme.repo';
import { compiledOf } from './scheme-source';

/** The fact an evaluation-bonus scheme reads: the enterprise's total under the enterprise scheme. */
export const ENTERPRISE_POINTS_FACT = 'enterprisePoints';

/**
 * 工业企业: the GB/T 4754 sections the industrial enterprise comprehensive evaluation covers —
 * B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业.
 */
export const INDUSTRIAL_SECTIONS = ['B', 'C', 'D'] as const;

/** e.industry_code falls in one of the industrial sections (code ranges of 大类). */
export function isIndustrial(column = 'e.industry_code') {
  const ranges = INDUSTRIAL_SECTIONS.flatMap((s) => industrySectionRanges(s));
  return sql<boolean>`(${sql.join(ranges.map(([from, to]) => sql`(${sql.ref(column)} >= ${from} AND ${sql.ref(column)} < ${to})`), sql` OR `)})`;
}

export interface BonusSummary {
  enterprises: number;
  enterpriseVersionId: string | null;
  enterpriseAsOf: string | null;
}

/**
 * Every industrial enterprise's evaluation bonus under `version` as of `asOf`, from its enterprise
 * score: the enterprise version in effect that day, on its latest complete day up to `asOf`. An
 * enterprise whose score is incomplete gets no enterprisePoints fact, so its bonus is "not
 * evaluated" (never a silent 0). Re-running a day replaces its rows; the day is then marked
 * complete (talent_score_days), like the other recomputes.
 */
export async function recomputeEvaluationBonus(db: Tx, version: SchemeVersionRow, asOf: string, computedAt: Date): Promise<BonusSummary> {
  const scheme = compiledOf(version.document as Record<string, unknown>, version.content_hash);
  const enterpriseVersion = await versionInEffect(db, 'enterprise', asOf);
  const day = enterpriseVersion
    ? ((await db.selectFrom('talent_score_days').select((eb) => eb.fn.max('as_of').as('d')).where('scheme_version_id', '=', enterpriseVersion.id).where('as_of', '<=', asOf).executeTakeFirst())?.d as string | null | undefined) ?? null
    : null;
  const scores = enterpriseVersion && day
    ? await db
        .selectFrom('talent_enterprise_scores as s')
        .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
        .select(['s.enterprise_id', 's.total', 's.tier', 's.complete'])
        .where('s.scheme_version_id', '=', enterpriseVersion.id)
        .where('s.as_of', '=', day)
        .where(isIndustrial())
        .orderBy('s.enterprise_id')
        .execute()
    : [];
  // A re-run rewrites the day batch by batch: until it is marked again, readers keep to the previous complete day.
  await db.deleteFrom('talent_score_days').where('scheme_version_id', '=', version.id).where('as_of', '=', asOf).execute();
  const rows = scores.map((s) => {
    const facts: Record<string, unknown> = s.complete ? { [ENTERPRISE_POINTS_FACT]: Number(s.total) } : {};
    const r = evaluate(scheme, facts, asOf);
    return { e: s.enterprise_id, ep: Number(s.total), et: s.tier, pts: r.total, c: r.complete, r: storedResult(facts, r) };
  });
  for (let i = 0; i < rows.length; i += 2_000) {
    await sql`
      INSERT INTO talent_evaluation_bonuses
        (enterprise_id, scheme_version_id, as_of, enterprise_version_id, enterprise_as_of, enterprise_points, enterprise_tier, points, complete, result, computed_at)
      SELECT x.e, ${version.id}::uuid, ${asOf}::date, ${enterpriseVersion!.id}::uuid, ${day}::date, x.ep, x.et, x.pts, x.c, x.r, ${computedAt}::timestamptz
      FROM json_to_recordset(${JSON.stringify(rows.slice(i, i + 2_000))}::json) AS x(e uuid, ep numeric, et text, pts numeric, c boolean, r json)
      ON CONFLICT (enterprise_id, scheme_version_id, as_of) DO UPDATE
        SET enterprise_version_id = excluded.enterprise_version_id, enterprise_as_of = excluded.enterprise_as_of,
            enterprise_points = excluded.enterprise_points, enterprise_tier = excluded.enterprise_tier, points = excluded.points,
            complete = excluded.complete, result = excluded.result, computed_at = excluded.computed_at`.execute(db);
  }
  await db.deleteFrom('talent_evaluation_bonuses').where('scheme_version_id', '=', version.id).where('as_of', '=', asOf).where('computed_at', '<', computedAt).execute();
  await db
    .insertInto('talent_score_days')
    .values({ scheme_version_id: version.id, as_of: asOf, row_count: rows.length, completed_at: computedAt })
    .onConflict((oc) => oc.columns(['scheme_version_id', 'as_of']).doUpdateSet({ row_count: rows.length, completed_at: computedAt }))
    .execute();
  return { enterprises: rows.length, enterpriseVersionId: enterpriseVersion?.id ?? null, enterpriseAsOf: day };
}
