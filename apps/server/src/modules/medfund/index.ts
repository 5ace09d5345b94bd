import { medfundRulesPart } from './rules';
import { seedMedfundRules } from './rules/seed';

/**
 * 医保基金监管 (medical fund supervision, issue 7): the claims store and its loads (claims/,
 * generator/, imports/) and the screening (rules/: rules, runs, findings, provider risk).
 * A ModuleDefinition (checked where MODULES lists it).
 */
export const medfundModule = {
  name: 'medfund',
  routes: [...medfundRulesPart.routes],
  permissions: { ...medfundRulesPart.permissions },
  roles: { ...medfundRulesPart.roles },
  jobs: { ...medfundRulesPart.jobs },
  seed: seedMedfundRules,
};
