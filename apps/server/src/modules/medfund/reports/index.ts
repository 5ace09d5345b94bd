import { DEMO_GLUE_JOB, demoGlueJob } from './demo-glue';
import { medfundReportsRoutes } from './reports.routes';

/** The reports half of 医保基金监管 part 2 (issue 8): the periodic fund risk report and rule effectiveness. */
export const medfundReportsPart = {
  routes: [medfundReportsRoutes],
  jobs: { [DEMO_GLUE_JOB]: demoGlueJob },
};
