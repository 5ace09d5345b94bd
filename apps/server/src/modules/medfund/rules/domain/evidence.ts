import type { TemplateCode } from './templates';
import type { RawFinding } from './finding-rows';

/**
 * What a finding's evidence says, by template: the three evidence columns of the screening SQL
 * given names (the web labels them; docs/medfund/RULES.md lists them).
 */
const NAMES: Record<TemplateCode, { ref: string; num: string; text: string; textParts?: string[] }> = {
  cross_fund_duplicate: { ref: 'wiPaymentId', num: 'overlapDays', text: 'wiPayment', textParts: ['wiProvider', 'wiMedfeeFen', 'wiInvoice'] },
  work_injury_scope: { ref: 'recognitionOrDrug', num: 'daysOrLines', text: 'diagnosisOrDrugs' },
  pair_exclusion: { ref: 'mainLineId', num: 'secondaryLines', text: 'pair' },
  units_per_window: { ref: 'itemCode', num: 'units', text: 'limit' },
  attribute_sex: { ref: 'itemCode', num: 'lines', text: 'sexAndAllowed', textParts: ['personSex', 'allowedSex'] },
  attribute_age: { ref: 'itemCode', num: 'age', text: 'band' },
  payment_scope: { ref: 'itemCode', num: 'lines', text: 'scope' },
  outpatient_during_stay: { ref: 'staySetlId', num: 'dayOfStay', text: 'stay', textParts: ['stayProvider', 'admitted', 'discharged'] },
  stay_overlap: { ref: 'otherStaySetlId', num: 'overlapDays', text: 'otherStay', textParts: ['otherProvider', 'admitted', 'discharged'] },
  short_readmission: { ref: 'previousSetlId', num: 'daysSinceDischarge', text: 'diagnoses', textParts: ['previousDiagnosis', 'diagnosis'] },
  after_death: { ref: 'deathDate', num: 'daysAfterDeath', text: 'firstServiceAfter' },
  supply_per_window: { ref: 'drugGroup', num: 'daysInWindow', text: 'providers' },
  price_cap: { ref: 'itemCode', num: 'priceFen', text: 'capFen' },
  duplicate_bill: { ref: 'firstSetlId', num: 'earlierCopies', text: 'medfeeFen' },
};

export function evidenceOf(template: TemplateCode, f: RawFinding): Record<string, unknown> {
  const n = NAMES[template];
  const out: Record<string, unknown> = { [n.ref]: f.evRef, [n.num]: f.evNum };
  if (n.textParts && f.evText) {
    const parts = f.evText.split('|');
    n.textParts.forEach((k, i) => (out[k] = parts[i] ?? null));
  } else out[n.text] = f.evText;
  return out;
}
