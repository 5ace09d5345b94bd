import { MEDFUND_DATA_PERMISSIONS, MEDFUND_DATA_ROLES } from './data/access';
import { medfundDataRoutes } from './data/data.routes';
import { generateJob, loadFileJob } from './data/load-job';
import { GENERATE_JOB, LOAD_JOB } from './data/loads.service';
import { seedDemoMedfund } from './data/demo-seed';

/**
 * 医保基金监管 (medical fund supervision), part A: the claims store (claims/, DuckDB or
 * PostgreSQL), the synthetic district-year (generator/), imports with saved column mappings
 * (data/). The screening rules, runs, findings and provider risk build on the same store.
 * A ModuleDefinition (checked where MODULES lists it).
 */
export const medfundModule = {
  name: 'medfund',
  routes: [medfundDataRoutes],
  permissions: MEDFUND_DATA_PERMISSIONS,
  roles: MEDFUND_DATA_ROLES,
  jobs: { [LOAD_JOB]: loadFileJob, [GENERATE_JOB]: generateJob },
  seed: seedDemoMedfund,
};
