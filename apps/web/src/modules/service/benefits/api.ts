/** Types of /api/service/benefits (惠企政策直达); the server's zod schemas are the reference. */
export type PolicyStatus = 'draft' | 'published' | 'expired';
export type Outcome = 'eligible' | 'nearly' | 'not_eligible';
export interface Criterion { field: string; op: string; value?: number | boolean; values?: string[] }
export interface Criteria { combine: 'all' | 'any'; items: Criterion[] }
export interface GrantListSummary {
  status: 'review' | 'confirmed'; generatedAt: string; confirmedAt: string | null; confirmedByName: string;
  total: number; included: number; intentConfirmed: number; intentDeclined: number; version: number;
}
export interface PolicySummary {
  id: string; title: string; issuer: string; documentNumber: string; publishedOn: string | null; validFrom: string | null; validTo: string | null;
  benefitAmountFen: number | null; benefitDescription: string; autoGrant: boolean; status: PolicyStatus; publishedAt: string | null;
  matchedAt: string | null; matching: boolean; counts: { eligible: number; nearly: number; notified: number }; updatedAt: string; version: number;
}
export interface Policy extends PolicySummary {
  interpretation: string; criteria: Criteria; attachments: { id: string; name: string; mediaType: string; sizeBytes: number }[]; grantList: GrantListSummary | null;
}
export interface Page<T> { items: T[]; total: number; totalEstimated: boolean }
export interface MatchItem { enterpriseId: string; enterpriseName: string; creditCode: string; parkName: string | null; outcome: 'eligible' | 'nearly'; codes: string; missing: string[]; failed: string[] }
export interface Explanation {
  policyId: string; enterpriseId: string; enterpriseName: string; asOf: string; outcome: Outcome; codes: string; combine: 'all' | 'any';
  criteria: { index: number; criterion: Criterion; result: 'P' | 'F' | 'U'; fact: string | number | boolean | string[] | null; missing: boolean; attainable: boolean }[];
}
export interface FieldSpec { field: string; kind: 'prefixes' | 'enum' | 'boolean' | 'ids' | 'number' | 'tags'; ops: string[]; zh: string; en: string; attainable: boolean; source: string; values?: string[] }
export interface Grant {
  id: string; policyId: string; policyTitle: string; enterpriseId: string; enterpriseName: string; amountFen: number | null; included: boolean; excludeReason: string;
  listStatus: 'review' | 'confirmed'; intent: 'pending' | 'confirmed' | 'declined'; intentAt: string | null;
  bankName: string; bankAccountName: string; bankAccountNo: string; contactName: string; contactPhone: string;
}
export interface EnterpriseBenefit {
  id: string; title: string; issuer: string; autoGrant: boolean; benefitAmountFen: number | null; benefitDescription: string; validTo: string | null;
  outcome: 'eligible' | 'nearly'; missing: string[]; failed: string[]; notifiedAt: string | null;
}
export interface EnterpriseBenefits { enterpriseId: string; eligible: EnterpriseBenefit[]; nearly: EnterpriseBenefit[]; grants: Grant[]; receivedFen: number }
export interface ParkBenefits {
  parkId: string; enterprises: number;
  policies: { id: string; title: string; autoGrant: boolean; eligible: number; nearly: number; granted: number; grantedFen: number }[];
  totals: { eligibleEnterprises: number; nearlyEnterprises: number; grantedEnterprises: number; grantedFen: number };
}

export const BASE = '/api/service/benefits';
