import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { SERVICE_PERMISSIONS, SERVICE_ROLES } from './access';
import { serviceRoutes } from './requests/request.routes';
import { workflowRoutes } from './workflow.routes';
import { metricsRoutes } from './metrics/metrics.routes';
import { open311KeyRoutes, open311Routes } from './open311/open311.routes';
import { escalationSweepJob, SWEEP_JOB } from './sweep/escalation-sweep';
import { seedDemoService } from './seed/demo-service';
import { benefitRoutes } from './benefits/benefit.routes';
import { BENEFIT_PERMISSIONS, BENEFIT_ROLES } from './benefits/access';
import { MATCH_POLICY_JOB, matchPolicyJob, REMATCH_CHANGED_JOB, rematchChangedJob } from './benefits/benefit-jobs';
import { seedDemoBenefits } from './benefits/seed/demo-benefits';

/**
 * 亲企办 enterprise service, part 1: requests from the hotline and the web, their lifecycle
 * (domain/lifecycle), same-day service levels on the Chinese calendar (domain/service-levels)
 * and the escalation sweep. A ModuleDefinition (checked where MODULES lists it).
 */
export const serviceModule = {
  name: 'service',
  routes: [serviceRoutes, workflowRoutes, metricsRoutes, open311KeyRoutes, open311Routes, benefitRoutes],
  permissions: { ...SERVICE_PERMISSIONS, ...BENEFIT_PERMISSIONS },
  roles: { ...SERVICE_ROLES, ...BENEFIT_ROLES },
  jobs: { [SWEEP_JOB]: escalationSweepJob, [MATCH_POLICY_JOB]: matchPolicyJob, [REMATCH_CHANGED_JOB]: rematchChangedJob },
  seed: async (tx: Transaction<DB>, demo: { passwordHash: string }) => ({ ...(await seedDemoService(tx, demo)), ...(await seedDemoBenefits(tx, demo)) }),
};
