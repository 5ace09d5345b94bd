import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AnnualFigures } from '../../../core/enterprises/annual-figures';

/**
 * The economy module's answer to core/enterprises/annual-figures.ts: the latest year whose
 * December (or Q4) cumulative row exists, with its revenue and tax. A year without that row is
 * not complete and is skipped.
 */
export async function economyAnnualFigures(db: Kysely<DB>, enterpriseId: string, asOfYear?: number): Promise<AnnualFigures | null> {
  let q = db.selectFrom('economy_figures').select(['year', 'period', 'revenue_fen', 'tax_fen'])
    .where('enterprise_id', '=', enterpriseId).where('basis', '=', 'cumulative').where('period', 'in', ['12', 'Q4']);
  if (asOfYear !== undefined) q = q.where('year', '<=', asOfYear);
  const row = await q.orderBy('year', 'desc').orderBy('period', 'asc').limit(1).executeTakeFirst();
  if (!row) return null;
  return {
    year: row.year,
    revenueFen: row.revenue_fen === null ? null : Number(row.revenue_fen),
    taxFen: row.tax_fen === null ? null : Number(row.tax_fen),
    source: `${row.year} 年${row.period === '12' ? ' 12 月' : '四季度'}累计（经济指标）`,
  };
}
