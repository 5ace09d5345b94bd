import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { evaluateScheme, tierPopulation, type CompiledScheme, type EvaluationResult, type TierAssignment } from '../domain';

/**
 * The population a scheme is applied to, read in batches and evaluated in memory: the active
 * talents (their facts as the registry holds them), and the enterprises (their yearly facts plus
 * staffPointsTotal, the sum of their talents' personal points, which the platform computes).
 */
export const STAFF_POINTS_FACT = 'staffPointsTotal';
export const DEFAULT_BATCH = 5_000;

export interface TalentRow {
  id: string;
  enterprise_id: string | null;
  facts: Record<string, unknown>;
}

/**
 * Active talents in id order (keyset paging: each batch is one index range scan). The next batch
 * is already being read while the caller works on this one.
 */
export async function* activeTalentBatches(db: Tx, size = DEFAULT_BATCH): AsyncGenerator<TalentRow[]> {
  const read = (after: string | null): Promise<TalentRow[]> => {
    let qb = db.selectFrom('talents').select(['id', 'enterprise_id', 'facts']).where('status', '=', 'active');
    if (after !== null) qb = qb.where('id', '>', after);
    const p = qb.orderBy('id').limit(size).execute();
    p.catch(() => undefined); // awaited below; a caller that stops early must not leave it unhandled
    return p;
  };
  let next: Promise<TalentRow[]> | null = read(null);
  while (next) {
    const rows: TalentRow[] = await next;
    next = rows.length === size ? read(rows[rows.length - 1]!.id) : null;
    if (rows.length) yield rows;
  }
}

export async function countActiveTalents(db: Tx): Promise<number> {
  const r = await db.selectFrom('talents').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(r.n);
}

export const evaluate = (scheme: CompiledScheme, facts: Record<string, unknown>, asOf: string): EvaluationResult =>
  evaluateScheme(scheme, facts, { asOf });

/** The total a comparison or a ranking uses: none when the result is incomplete or vetoed. */
export const rankableTotal = (r: EvaluationResult): number | null => (r.complete && !r.vetoed ? r.total : null);

/** Enterprise facts of a year, by enterprise id. */
export async function enterpriseFactsOfYear(db: Tx, year: number): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.selectFrom('talent_enterprise_facts').select(['enterprise_id', 'facts']).where('year', '=', year).execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.facts]));
}

export interface StaffTotal {
  total: number;
  count: number;
}

/**
 * Each enterprise's staffPointsTotal from stored personal scores: for every active talent it now
 * employs, the talent's score under `personalVersionId` on the latest complete day up to `asOf`
 * (talent_score_days: a recompute scores every active talent of its day).
 */
export async function staffTotalsFromScores(db: Tx, personalVersionId: string, asOf: string): Promise<Map<string, StaffTotal>> {
  const rows = await sql<{ enterprise_id: string; total: number; n: number }>`
    SELECT t.enterprise_id, sum(s.total)::float8 AS total, count(*)::int AS n
    FROM talent_scores s
    JOIN talents t ON t.id = s.talent_id AND t.status = 'active' AND t.enterprise_id IS NOT NULL
    WHERE s.scheme_version_id = ${personalVersionId}
      AND s.as_of = (SELECT max(as_of) FROM talent_score_days WHERE scheme_version_id = ${personalVersionId} AND as_of <= ${asOf})
    GROUP BY t.enterprise_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.enterprise_id, { total: Number(r.total), count: Number(r.n) }]));
}

export interface EnterpriseEvaluation {
  enterpriseId: string;
  staff: StaffTotal;
  /** The facts evaluated, staffPointsTotal included. */
  facts: Record<string, unknown>;
  result: EvaluationResult;
  tier: TierAssignment['tier'];
  rank: number | null;
}

/**
 * Evaluates the enterprise scheme for every enterprise that has talents or facts, then ranks
 * them into the scheme's tiers (thresholds or rank shares: A's tierPopulation).
 */
export function evaluateEnterprises(
  scheme: CompiledScheme,
  asOf: string,
  facts: ReadonlyMap<string, Record<string, unknown>>,
  staff: ReadonlyMap<string, StaffTotal>,
): EnterpriseEvaluation[] {
  const ids = [...new Set([...facts.keys(), ...staff.keys()])].sort();
  const evaluated = ids.map((id) => {
    const s = staff.get(id) ?? { total: 0, count: 0 };
    const f = { ...(facts.get(id) ?? {}), [STAFF_POINTS_FACT]: Math.round(s.total * 1e6) / 1e6 };
    return { enterpriseId: id, staff: s, facts: f, result: evaluate(scheme, f, asOf) };
  });
  const tiers = scheme.tiering
    ? new Map(tierPopulation(scheme.tiering, evaluated.map((e) => ({ id: e.enterpriseId, total: rankableTotal(e.result) }))).map((a) => [a.id, a]))
    : new Map<string, TierAssignment>();
  return evaluated.map((e) => {
    const a = tiers.get(e.enterpriseId);
    return { ...e, tier: a?.tier ?? null, rank: a?.rank ?? (rankableTotal(e.result) === null ? null : rankOf(evaluated, e.result.total)) };
  });
}

function rankOf(all: { result: EvaluationResult }[], total: number): number {
  return 1 + all.filter((x) => rankableTotal(x.result) !== null && x.result.total > total).length;
}
