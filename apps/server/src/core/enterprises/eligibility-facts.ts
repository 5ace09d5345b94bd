import { sql } from 'kysely';
import type { CreditRating, SizeClass } from '../../db/schema';
import type { Tx } from '../context';

/**
 * Enterprise facts for eligibility (惠企政策的企业事实): what a benefit policy's criteria read.
 * The registry (一企一档) holds most of them; revenue and tax of a period and the tax credit rating
 * come from elsewhere — the economy module will supply periodic figures. It plugs in here, and
 * only here: it writes rows with `recordEligibilityFacts` (newest period wins, per enterprise), and
 * the benefits matcher reads every fact through `readEligibilityFacts`. Until a figure exists, a
 * criterion over it is 'unknown' (revenue falls back to the registry's revenue_fen).
 * A write bumps `updated_at`, which is how the matcher's re-matching job notices it.
 */
export interface EligibilityFactsRow {
  enterpriseId: string;
  industryCode: string;
  sizeClass: SizeClass | null;
  aboveScale: boolean;
  highTech: boolean;
  divisionCode: string;
  parkId: string | null;
  establishedOn: string | null;
  employees: number | null;
  revenueFen: number | null;
  taxFen: number | null;
  creditRating: CreditRating | null;
  tags: string[];
}

/** A periodic figure of one enterprise ('2025', '2025-Q3', '2025-09'); null = not known. */
export interface PeriodicFacts {
  enterpriseId: string;
  period: string;
  revenueFen?: number | null;
  taxFen?: number | null;
  creditRating?: CreditRating | null;
  /** Who supplied it ('economy', 'tax bureau import', …). */
  source: string;
}

/** Upserts periodic facts, in the caller's transaction (the caller audits its own write). */
export async function recordEligibilityFacts(tx: Tx, rows: PeriodicFacts[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('enterprise_eligibility_facts')
    .values(rows.map((r) => ({
      enterprise_id: r.enterpriseId, period: r.period, revenue_fen: r.revenueFen ?? null, tax_fen: r.taxFen ?? null,
      credit_rating: r.creditRating ?? null, source: r.source, updated_at: now,
    })))
    .onConflict((oc) => oc.columns(['enterprise_id', 'period']).doUpdateSet((eb) => ({
      revenue_fen: eb.ref('excluded.revenue_fen'), tax_fen: eb.ref('excluded.tax_fen'),
      credit_rating: eb.ref('excluded.credit_rating'), source: eb.ref('excluded.source'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
}

/**
 * The facts of active enterprises (all, or those listed), each with its newest period's figures.
 * Period order: '2025' < '2025-09' < '2025-Q3' sorts by text, so the newest is the greatest
 * period of the greatest year; within a year a quarter or month supersedes the annual figure.
 */
export async function readEligibilityFacts(db: Tx, enterpriseIds?: readonly string[]): Promise<EligibilityFactsRow[]> {
  if (enterpriseIds && enterpriseIds.length === 0) return [];
  const filter = enterpriseIds ? sql`AND e.id = ANY(${[...enterpriseIds]}::uuid[])` : sql``;
  const r = await sql<{
    id: string; industry_code: string; size_class: SizeClass | null; above_scale: boolean; high_tech: boolean; division_code: string;
    park_id: string | null; established_on: string | null; employees: number | null; revenue_fen: number | null; tags: string[];
    p_revenue: number | null; p_tax: number | null; p_credit: CreditRating | null;
  }>`
    SELECT e.id, e.industry_code, e.size_class, e.above_scale, e.high_tech, e.division_code, e.park_id, e.established_on,
           e.employees, e.revenue_fen, e.tags, p.revenue_fen AS p_revenue, p.tax_fen AS p_tax, p.credit_rating AS p_credit
    FROM enterprises e
    LEFT JOIN LATERAL (
      SELECT f.revenue_fen, f.tax_fen, f.credit_rating FROM enterprise_eligibility_facts f
      WHERE f.enterprise_id = e.id ORDER BY f.period DESC LIMIT 1
    ) p ON true
    WHERE e.status = 'active' ${filter}
    ORDER BY e.id`.execute(db);
  return r.rows.map((x) => ({
    enterpriseId: x.id, industryCode: x.industry_code, sizeClass: x.size_class, aboveScale: x.above_scale, highTech: x.high_tech,
    divisionCode: x.division_code, parkId: x.park_id, establishedOn: x.established_on, employees: x.employees,
    revenueFen: x.p_revenue ?? x.revenue_fen, taxFen: x.p_tax, creditRating: x.p_credit, tags: x.tags,
  }));
}
