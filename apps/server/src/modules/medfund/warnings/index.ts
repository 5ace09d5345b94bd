import { medfundWarningsRoutes } from './warnings.routes';
import { ROLLUP_JOB, rollupJob } from './rollup/rollup-job';

/** The warnings half of 医保基金监管 part 2 (issue 8, part A), composed into the medfund module. */
export const medfundWarningsPart = {
  routes: [medfundWarningsRoutes],
  jobs: { [ROLLUP_JOB]: rollupJob },
};
