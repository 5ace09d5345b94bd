import { MEDFUND_PERMISSIONS, MEDFUND_ROLES } from './access';
import { medfundDataRoutes } from './data/data.routes';
import { generateJob, loadFileJob } from './data/load-job';
import { GENERATE_JOB, LOAD_JOB } from './data/loads.service';
import { seedDemoMedfund } from './data/demo-seed';
import { medfundRulesPart } from './rules';
import { medfundReportsPart } from './reports';
import { seedDemoGlue } from './reports/demo-glue';
import { medfundWarningsPart } from './warnings';
import { seedDemoWarnings } from './warnings/demo-seed';
import { medfundCasesPart } from './cases';
import { seedDemoCases } from './cases/demo-seed';

/**
 * 医保基金监管 (medical fund supervision, issue 7): the claims store (claims/, DuckDB or
 * PostgreSQL), the synthetic district-year (generator/), imports with saved column mappings
 * (data/), and the screening on the same store (rules/: rules, runs, findings, provider risk);
 * part 2: warnings rolled up from the findings (warnings/); cases along the review chain, partner
 * departments, transfers and recovery (cases/); the periodic risk report and rule effectiveness (reports/).
 * A ModuleDefinition (checked where MODULES lists it).
 */
export const medfundModule = {
  name: 'medfund',
  routes: [medfundDataRoutes, ...medfundRulesPart.routes, ...medfundWarningsPart.routes, ...medfundCasesPart.routes, ...medfundReportsPart.routes],
  permissions: MEDFUND_PERMISSIONS,
  roles: MEDFUND_ROLES,
  jobs: { [LOAD_JOB]: loadFileJob, [GENERATE_JOB]: generateJob, ...medfundRulesPart.jobs, ...medfundWarningsPart.jobs, ...medfundCasesPart.jobs, ...medfundReportsPart.jobs },
  seed: async (tx: Parameters<typeof seedDemoMedfund>[0], demo: Parameters<typeof seedDemoMedfund>[1]) => ({
    ...(await seedDemoMedfund(tx, demo)), ...(await seedDemoWarnings(tx, demo)), ...(await seedDemoCases(tx, demo)), ...(await seedDemoGlue(tx)),
  }),
};
