import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * An enterprise's latest complete annual figures, for modules that test thresholds against them
 * (benefit-policy eligibility: revenue ≥ X, tax ≥ Y; the talent scheme's enterprise facts).
 * Modules do not import each other: the economy module registers the source here at start,
 * and a reader calls `latestAnnualFigures`; without the economy module it answers null.
 */
export interface AnnualFigures {
  /** The year the figures are for (the latest year with a December / Q4 cumulative figure or all months). */
  year: number;
  revenueFen: number | null;
  taxFen: number | null;
  /** Where they come from, for an explanation: e.g. '2025 年 12 月累计'. */
  source: string;
}

export type AnnualFiguresSource = (db: Kysely<DB>, enterpriseId: string, asOfYear?: number) => Promise<AnnualFigures | null>;

let source: AnnualFiguresSource | null = null;

export function registerAnnualFiguresSource(s: AnnualFiguresSource): void {
  source = s;
}

/** The latest annual figures of the enterprise up to `asOfYear` (default: any year), or null. No scope check: the caller has one. */
export async function latestAnnualFigures(db: Kysely<DB>, enterpriseId: string, asOfYear?: number): Promise<AnnualFigures | null> {
  return source ? source(db, enterpriseId, asOfYear) : null;
}
