import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { recordPeriodicFacts, type PeriodicFacts } from '../../../core/enterprises/enterprise-facts';

/**
 * The economy module feeds the core's enterprise facts (core/enterprises/enterprise-facts.ts):
 * for each enterprise given, every complete year — one whose December (or Q4) cumulative row
 * exists — becomes the annual figure of period 'YYYY' (revenue and tax), which benefit policies'
 * thresholds and any other module read. A year without that row is not complete and is skipped.
 * Runs in the caller's transaction, after figures were written.
 */
/** Whether a written row can change a complete year's facts: its revenue or tax, in a December / Q4 cumulative row. */
export function feedsAnnualFacts(row: { part: string; basis: 'cumulative' | 'current' }, changed: readonly string[]): boolean {
  return row.basis === 'cumulative' && (row.part === '12' || row.part === 'Q4') && (changed.includes('revenue') || changed.includes('tax'));
}

export async function feedAnnualFacts(tx: Tx, enterpriseIds: readonly string[], now: Date): Promise<number> {
  if (enterpriseIds.length === 0) return 0;
  const rows = await sql<{ enterprise_id: string; year: number; period: string; revenue_fen: number | null; tax_fen: number | null }>`
    SELECT DISTINCT ON (enterprise_id, year) enterprise_id, year, period, revenue_fen, tax_fen
    FROM economy_figures
    WHERE enterprise_id = ANY(${[...enterpriseIds]}::uuid[]) AND basis = 'cumulative' AND period IN ('12', 'Q4')
    ORDER BY enterprise_id, year, period`.execute(tx);
  const facts: PeriodicFacts[] = rows.rows.map((r) => ({
    enterpriseId: r.enterprise_id, period: String(r.year),
    revenueFen: r.revenue_fen === null ? null : Number(r.revenue_fen), taxFen: r.tax_fen === null ? null : Number(r.tax_fen),
    source: `${r.year} 年${r.period === '12' ? ' 12 月' : '四季度'}累计（经济指标）`,
  }));
  await recordPeriodicFacts(tx, facts, now);
  return facts.length;
}
