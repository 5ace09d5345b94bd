/**
 * What the matcher knows of one enterprise: the registry's facts (一企一档) and, where the registry
 * lacks them, the newest periodic facts (revenue, tax, credit rating) that another module supplies
 * through core/enterprises/eligibility-facts.ts. null = not known (a criterion over it is 'unknown').
 */
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';
export type CreditRating = 'A' | 'B' | 'M' | 'C' | 'D';

export interface EligibilityFacts {
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
  /** Annual revenue, fen: the periodic figure when there is one, else the registry's. */
  revenueFen: number | null;
  /** Annual tax paid, fen (periodic facts only). */
  taxFen: number | null;
  /** 纳税信用等级 (periodic facts only). */
  creditRating: CreditRating | null;
  tags: readonly string[];
}

export const SIZE_CLASSES: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];
export const CREDIT_RATINGS: readonly CreditRating[] = ['A', 'B', 'M', 'C', 'D'];
