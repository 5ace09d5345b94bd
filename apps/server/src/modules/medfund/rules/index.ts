import { medfundRulesRoutes } from './rules.routes';
import { screeningJob } from './screening/run-job';
import { SCREENING_JOB } from './screening/run.service';

/** The screening half of 医保基金监管 (issue 7, part B), composed into the medfund module. */
export const medfundRulesPart = {
  routes: [medfundRulesRoutes],
  jobs: { [SCREENING_JOB]: screeningJob },
};
