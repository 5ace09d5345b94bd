import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Tx } from '../context';
import type { CreditRating, EnterpriseFacts, SizeClass } from './domain/enterprise-facts';

/**
 * Enterprise facts (企业事实) — the one interface through which modules share what is known of an
 * enterprise beyond its registry row. Suppliers write periodic figures (revenue, tax, credit rating
 * per enterprise and period: '2025', '2025-Q3', '2025-09') with `recordPeriodicFacts`: the economy
 * module feeds every complete year of its indicators here; a tax-bureau import or the demo may add
 * credit ratings. Readers: `readEnterpriseFacts` (everything a benefit policy's criteria test, for
 * many enterprises at once: the matcher) and `latestAnnualFigures` (one enterprise's latest
 * annual revenue and tax, with where they come from). Stored in enterprise_eligibility_facts
 * (migration 0025); a write bumps `updated_at`, which is how benefit re-matching notices it.
 */
export type { CreditRating, EnterpriseFacts } from './domain/enterprise-facts';

/** A periodic figure of one enterprise; a field left out keeps what is stored, null clears it. */
export interface PeriodicFacts {
  enterpriseId: string;
  period: string;
  revenueFen?: number | null;
  taxFen?: number | null;
  creditRating?: CreditRating | null;
  /** Who supplied it ('2025 年 12 月累计（经济指标）', 'tax bureau import', …): the last writer's. */
  source: string;
}

export interface AnnualFigures {
  year: number;
  revenueFen: number | null;
  taxFen: number | null;
  /** Where they come from, for an explanation: e.g. '2025 年 12 月累计（经济指标）'. */
  source: string;
}

const FIELDS = [['revenueFen', 'revenue_fen'], ['taxFen', 'tax_fen'], ['creditRating', 'credit_rating']] as const;

/** Upserts periodic facts in the caller's transaction (the caller audits its own write). */
export async function recordPeriodicFacts(tx: Tx, rows: readonly PeriodicFacts[], now: Date): Promise<void> {
  // rows that supply the same fields are written together; a field not supplied is not overwritten
  const groups = new Map<string, PeriodicFacts[]>();
  for (const r of rows) {
    const sig = FIELDS.map(([f]) => (r[f] === undefined ? '0' : '1')).join('');
    groups.set(sig, [...(groups.get(sig) ?? []), r]);
  }
  for (const [sig, group] of groups) {
    const supplied = FIELDS.filter((_, i) => sig[i] === '1').map(([, c]) => c);
    for (let i = 0; i < group.length; i += 2_000) {
      await tx
        .insertInto('enterprise_eligibility_facts')
        .values(group.slice(i, i + 2_000).map((r) => ({
          enterprise_id: r.enterpriseId, period: r.period, revenue_fen: r.revenueFen ?? null, tax_fen: r.taxFen ?? null,
          credit_rating: r.creditRating ?? null, source: r.source, updated_at: now,
        })))
        .onConflict((oc) => oc.columns(['enterprise_id', 'period']).doUpdateSet((eb) => ({
          ...Object.fromEntries(supplied.map((c) => [c, eb.ref(`excluded.${c}`)])),
          source: eb.ref('excluded.source'), updated_at: eb.ref('excluded.updated_at'),
        })))
        .execute();
    }
  }
}

/**
 * The facts of active enterprises (all, or those listed), each with its newest period's figures
 * (the greatest period: a quarter or month of a year supersedes that year's annual figure).
 * The rows travel as one JSON value (an array of arrays) parsed once in the process: for the
 * ~48,000 active enterprises of a county that takes half the time of 48,000 rows of 14 columns
 * through the driver (PGlite: 1.9 s against 4.4 s at load 11; bench/RESULTS.md, run 25).
 */
export async function readEnterpriseFacts(db: Tx, enterpriseIds?: readonly string[]): Promise<EnterpriseFacts[]> {
  if (enterpriseIds && enterpriseIds.length === 0) return [];
  const filter = enterpriseIds ? sql`AND e.id = ANY(${[...enterpriseIds]}::uuid[])` : sql``;
  const r = await sql<{ j: string }>`
    SELECT coalesce(json_agg(json_build_array(e.id, e.industry_code, e.size_class, e.above_scale, e.high_tech, e.division_code, e.park_id,
             e.established_on, e.employees, e.revenue_fen, e.tags, p.revenue_fen, p.tax_fen, p.credit_rating) ORDER BY e.id), '[]')::text AS j
    FROM enterprises e
    LEFT JOIN (
      SELECT DISTINCT ON (f.enterprise_id) f.enterprise_id, f.revenue_fen, f.tax_fen, f.credit_rating FROM enterprise_eligibility_facts f
      WHERE true ${enterpriseIds ? sql`AND f.enterprise_id = ANY(${[...enterpriseIds]}::uuid[])` : sql``}
      ORDER BY f.enterprise_id, f.period DESC
    ) p ON p.enterprise_id = e.id
    WHERE e.status = 'active' ${filter}`.execute(db);
  type Row = [string, string, SizeClass | null, boolean, boolean, string, string | null, string | null, number | null, number | null, string[], number | null, number | null, CreditRating | null];
  const rows = JSON.parse(r.rows[0]!.j) as Row[];
  return rows.map(([id, industryCode, sizeClass, aboveScale, highTech, divisionCode, parkId, establishedOn, employees, revenueFen, tags, pRevenue, pTax, pCredit]) => ({
    enterpriseId: id, industryCode, sizeClass, aboveScale, highTech, divisionCode, parkId, establishedOn, employees,
    revenueFen: pRevenue ?? revenueFen, taxFen: pTax, creditRating: pCredit, tags,
  }));
}

/** The enterprise's latest annual figures (a period that is a year) up to `asOfYear`, or null. No scope check: the caller has one. */
export async function latestAnnualFigures(db: Kysely<DB> | Tx, enterpriseId: string, asOfYear?: number): Promise<AnnualFigures | null> {
  let q = db.selectFrom('enterprise_eligibility_facts').select(['period', 'revenue_fen', 'tax_fen', 'source'])
    .where('enterprise_id', '=', enterpriseId).where(sql<boolean>`period ~ '^[0-9]{4}$'`)
    .where((eb) => eb.or([eb('revenue_fen', 'is not', null), eb('tax_fen', 'is not', null)]));
  if (asOfYear !== undefined) q = q.where('period', '<=', String(asOfYear));
  const row = await q.orderBy('period', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  return { year: Number(row.period), revenueFen: row.revenue_fen === null ? null : Number(row.revenue_fen), taxFen: row.tax_fen === null ? null : Number(row.tax_fen), source: row.source };
}
