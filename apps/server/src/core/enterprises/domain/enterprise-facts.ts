import type { SizeClass } from '../../reference/domain/size-class';

/**
 * What the platform knows of one enterprise for thresholds and eligibility (企业事实): the
 * registry's facts (一企一档) and the newest periodic figures (revenue, tax, tax credit rating)
 * that the economy module — or another supplier — records through core/enterprises/enterprise-facts.ts.
 * null = not known (a benefit criterion over it is 'unknown', never failed).
 */
export type { SizeClass };
export type CreditRating = 'A' | 'B' | 'M' | 'C' | 'D';

export interface EnterpriseFacts {
  enterpriseId: string;
  /** GB/T 4754 小类, four digits. */
  industryCode: string;
  sizeClass: SizeClass | null;
  aboveScale: boolean;
  highTech: boolean;
  /** The street (街道) division code, nine digits. */
  divisionCode: string;
  parkId: string | null;
  /** 'YYYY-MM-DD' */
  establishedOn: string | null;
  employees: number | null;
  /** Annual revenue, fen: the newest periodic figure when there is one, else the registry's. */
  revenueFen: number | null;
  /** Annual tax paid, fen (periodic figures only). */
  taxFen: number | null;
  /** 纳税信用等级 (periodic figures only). */
  creditRating: CreditRating | null;
  tags: readonly string[];
}

export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export const CREDIT_RATINGS: readonly CreditRating[] = ['A', 'B', 'M', 'C', 'D'];

/** Period order: '2025' < '2025-09' < '2025-Q3' by text, so the newest is the greatest; a year alone is an annual figure. */
export function isAnnualPeriod(period: string): boolean {
  return /^[0-9]{4}$/.test(period);
}
