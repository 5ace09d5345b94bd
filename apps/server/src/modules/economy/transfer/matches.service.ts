import { sql } from 'kysely';
import type { z } from 'zod';
import { enterpriseInScope } from '../../../core/identity/scope';
import type { Ctx, Tx } from '../../../core/context';
import type { Actor } from '../../../core/identity/actor';
import { MATCH_WEIGHTS, matchScore, rankMatches, type MatchableEnterprise, type MatchableResult } from '../domain';
import { loadResult } from './results.service';
import type { MatchesView } from './transfer.schemas';

/** Candidates read per result before scoring: the prefilter (same 大类 or a keyword in the text) keeps it small. */
const CANDIDATE_CAP = 5000;

type Candidate = MatchableEnterprise & { id: string };

/**
 * The enterprises in the actor's scope that could match: active, and in the same 大类 as one of
 * the result's industry codes or with one of its keywords in the name, business scope or tags.
 * Each with its latest full year's R&D spend and revenue (the December cumulative figures).
 */
async function candidates(db: Tx, actor: Actor, result: MatchableResult, onlyIds?: readonly string[]): Promise<Candidate[]> {
  const divisions = [...new Set(result.industryPrefixes.map((p) => p.slice(0, 2)))];
  const keywords = result.keywords.filter((k) => k.trim()).map((k) => `%${k.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (!onlyIds && divisions.length === 0 && keywords.length === 0) return [];
  const conditions = [
    ...(divisions.length ? [sql<boolean>`left(e.industry_code, 2) = ANY (${divisions}::text[])`] : []),
    ...(keywords.length ? [sql<boolean>`(e.name ILIKE ANY (${keywords}::text[]) OR e.business_scope ILIKE ANY (${keywords}::text[]) OR array_to_string(e.tags, ' ') ILIKE ANY (${keywords}::text[]))`] : []),
  ];
  const rows = await sql<{ id: string; name: string; industry_code: string; business_scope: string; tags: string[]; high_tech: boolean; rd_fen: number | null; revenue_fen: number | null; rd_year: number | null }>`
    SELECT e.id, e.name, e.industry_code, e.business_scope, e.tags, e.high_tech, f.rd_fen, f.revenue_fen, f.year AS rd_year
    FROM enterprises e
    LEFT JOIN LATERAL (
      SELECT year, rd_fen, revenue_fen FROM economy_figures
      WHERE enterprise_id = e.id AND basis = 'cumulative' AND period IN ('12', 'Q4') AND rd_fen IS NOT NULL
      ORDER BY year DESC, period LIMIT 1
    ) f ON true
    WHERE e.status = 'active' AND ${enterpriseInScope(actor)}
      AND ${onlyIds ? sql`e.id = ANY (${[...onlyIds]}::uuid[])` : sql`(${sql.join(conditions, sql` OR `)})`}
    ORDER BY e.high_tech DESC, e.revenue_fen DESC NULLS LAST, e.id
    LIMIT ${CANDIDATE_CAP}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id, name: r.name, industryCode: r.industry_code, businessScope: r.business_scope, tags: r.tags, highTech: r.high_tech,
    rdFen: r.rd_fen === null ? null : Number(r.rd_fen), revenueFen: r.revenue_fen === null ? null : Number(r.revenue_fen), rdYear: r.rd_year,
  }));
}

const matchable = (r: { industry_prefixes: string[]; keywords: string[] }): MatchableResult => ({ industryPrefixes: r.industry_prefixes, keywords: r.keywords });

/** The result's best-matching enterprises with the score's factors, and the contact already recorded with each. */
export async function matchesFor(ctx: Ctx, resultId: string, limit: number): Promise<z.infer<typeof MatchesView>> {
  const result = await loadResult(ctx.db, resultId);
  const m = matchable(result);
  const all = await candidates(ctx.db, ctx.actor, m);
  const ranked = rankMatches(m, all, limit);
  const ids = ranked.map((r) => r.enterprise.id);
  const [deals, industries] = ids.length ? await Promise.all([
    ctx.db.selectFrom('economy_transfer_deals').select(['id', 'enterprise_id', 'stage']).where('result_id', '=', resultId).where('enterprise_id', 'in', ids).execute(),
    ctx.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', [...new Set(ranked.map((r) => r.enterprise.industryCode))]).execute(),
  ]) : [[], []];
  const dealOf = new Map(deals.map((d) => [d.enterprise_id, d]));
  const industryName = new Map(industries.map((i) => [i.code, i.name]));
  const { chain: _chain, ...weights } = MATCH_WEIGHTS;
  return {
    weights, chainAvailable: false, candidates: all.length,
    matches: ranked.map((r) => ({
      enterpriseId: r.enterprise.id, name: r.enterprise.name, industryCode: r.enterprise.industryCode, industryName: industryName.get(r.enterprise.industryCode) ?? '',
      highTech: r.enterprise.highTech, score: r.score, factors: r.factors, dealId: dealOf.get(r.enterprise.id)?.id ?? null, dealStage: dealOf.get(r.enterprise.id)?.stage ?? null,
    })),
  };
}

/** One enterprise's score against a result (kept on the deal at first contact); null when out of scope. */
export async function scoreOf(tx: Tx, actor: Actor, result: { industry_prefixes: string[]; keywords: string[] }, enterpriseId: string) {
  const [e] = await candidates(tx, actor, matchable(result), [enterpriseId]);
  return e ? matchScore(matchable(result), e) : null;
}
