import { MEDFUND_RULES_PERMISSIONS, MEDFUND_RULES_ROLES } from './access';
import { medfundRulesRoutes } from './rules.routes';
import { screeningJob } from './screening/run-job';
import { SCREENING_JOB } from './screening/run.service';

/** The screening half of 医保基金监管 (issue 7, part B), composed into the medfund module. */
export const medfundRulesPart = {
  routes: [medfundRulesRoutes],
  permissions: MEDFUND_RULES_PERMISSIONS,
  roles: MEDFUND_RULES_ROLES,
  jobs: { [SCREENING_JOB]: screeningJob },
};
