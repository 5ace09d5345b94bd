import { checkTalentFacts, type FactsCheck } from '@zhizhi/contracts';

/**
 * The one place where submitted facts are checked, for every write path (form, API, import).
 * Today: the county's personal scheme vocabulary (packages/contracts/src/talent.ts). Later: the
 * facts the published scheme declares — pass that vocabulary here and everything follows.
 */
export function checkFacts(raw: unknown): FactsCheck {
  return checkTalentFacts(raw);
}
