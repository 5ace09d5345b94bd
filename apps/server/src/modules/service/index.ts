import { SERVICE_PERMISSIONS, SERVICE_ROLES } from './access';
import { serviceRoutes } from './requests/request.routes';
import { workflowRoutes } from './workflow.routes';
import { attachmentRoutes } from './attachments/attachment.routes';
import { metricsRoutes } from './metrics/metrics.routes';
import { open311KeyRoutes, open311Routes } from './open311/open311.routes';
import { escalationSweepJob, SWEEP_JOB } from './sweep/escalation-sweep';
import { seedDemoService } from './seed/demo-service';

/**
 * 亲企办 enterprise service, part 1: requests from the hotline and the web, their lifecycle
 * (domain/lifecycle), same-day service levels on the Chinese calendar (domain/service-levels)
 * and the escalation sweep. A ModuleDefinition (checked where MODULES lists it).
 */
export const serviceModule = {
  name: 'service',
  routes: [serviceRoutes, workflowRoutes, attachmentRoutes, metricsRoutes, open311KeyRoutes, open311Routes],
  permissions: SERVICE_PERMISSIONS,
  roles: SERVICE_ROLES,
  jobs: { [SWEEP_JOB]: escalationSweepJob },
  seed: seedDemoService,
};
