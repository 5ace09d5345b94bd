import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { SERVICE_PERMISSIONS, SERVICE_ROLES } from './access';
import { serviceRoutes } from './requests/request.routes';
import { workflowRoutes } from './workflow.routes';
import { attachmentRoutes } from './attachments/attachment.routes';
import { metricsRoutes } from './metrics/metrics.routes';
import { open311KeyRoutes, open311Routes } from './open311/open311.routes';
import { escalationSweepJob, SWEEP_JOB } from './sweep/escalation-sweep';
import { seedDemoService } from './seed/demo-service';
import { directoryRoutes } from './directory/directory.routes';
import { visitRoutes } from './directory/visits/visits.routes';
import { importProvidersJob, PROVIDER_IMPORT_KIND } from './directory/import/import-providers';
import { seedDemoDirectory } from './directory/seed/demo-directory';
import { benefitRoutes } from './benefits/benefit.routes';
import { BENEFIT_PERMISSIONS, BENEFIT_ROLES } from './benefits/access';
import { MATCH_POLICY_JOB, matchPolicyJob, REMATCH_CHANGED_JOB, rematchChangedJob } from './benefits/benefit-jobs';
import { seedDemoBenefits } from './benefits/seed/demo-benefits';

/**
 * 亲企办 enterprise service, part 1: requests from the hotline and the web, their lifecycle
 * (domain/lifecycle), same-day service levels on the Chinese calendar (domain/service-levels)
 * and the escalation sweep; part 2: the resource directory with nearest matching, recommendations
 * and visits (directory/). A ModuleDefinition (checked where MODULES lists it).
 */
export const serviceModule = {
  name: 'service',
  routes: [serviceRoutes, workflowRoutes, attachmentRoutes, metricsRoutes, open311KeyRoutes, open311Routes, directoryRoutes, visitRoutes, benefitRoutes],
  permissions: { ...SERVICE_PERMISSIONS, ...BENEFIT_PERMISSIONS },
  roles: { ...SERVICE_ROLES, ...BENEFIT_ROLES },
  jobs: {
    [SWEEP_JOB]: escalationSweepJob, [`import.${PROVIDER_IMPORT_KIND}`]: importProvidersJob,
    [MATCH_POLICY_JOB]: matchPolicyJob, [REMATCH_CHANGED_JOB]: rematchChangedJob,
  },
  // the directory and visits after the requests (a recommendation answers a demo request), then the benefit policies
  seed: async (tx: Transaction<DB>, demo: { passwordHash: string }) => ({
    ...(await seedDemoService(tx, demo)),
    ...(await seedDemoDirectory(tx)),
    ...(await seedDemoBenefits(tx, demo)),
  }),
};
