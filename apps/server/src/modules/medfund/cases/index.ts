import { medfundCaseRoutes } from './cases.routes';
import { medfundPartnerRoutes } from './partners.routes';
import { medfundAreaRoutes } from './areas.routes';
import { CASE_ESCALATION_JOB, caseEscalationJob } from './escalation';
import { DEMO_CASES_JOB, demoCasesJob } from './demo-cases';

/** Cases, partner departments, transfers and recovery (issue 8, part B), composed into the medfund module. */
export const medfundCasesPart = {
  routes: [medfundCaseRoutes, medfundPartnerRoutes, medfundAreaRoutes],
  jobs: { [CASE_ESCALATION_JOB]: caseEscalationJob, [DEMO_CASES_JOB]: demoCasesJob },
};
