import { TALENT_PERMISSIONS, TALENT_ROLES } from './access';
import { talentRoutes } from './registry/talent.routes';
import { talentImportRoutes } from './registry/import/import.routes';
import { importTalentsJob, TALENT_IMPORT_KIND } from './registry/import/import-talents';
import { seedDemoTalents } from './seed/demo-talents';
import { seedDemoClaims, seedDemoEnterpriseClaim } from './seed/demo-claims';
import { scoringJobs, scoringRoutes, seedDemoScores } from './scoring';
import { redemptionRoutes } from './redemption';
import { cycleRoutes, seedDemoCycles } from './cycle';
import { seedDemoRedemption } from './seed/demo-redemption';
import { claimRoutes } from './claims';

/**
 * 企业人才积分制 — talent points. Part 1: the registry of talents (registry/). A ModuleDefinition
 * (checked where MODULES lists it; not imported here, so that the two files form no cycle).
 */
export const talentModule = {
  name: 'talent',
  routes: [talentRoutes, talentImportRoutes, scoringRoutes, redemptionRoutes, cycleRoutes, claimRoutes],
  permissions: TALENT_PERMISSIONS,
  roles: TALENT_ROLES,
  jobs: { [`import.${TALENT_IMPORT_KIND}`]: importTalentsJob, ...scoringJobs },
  // claims before the scores (the points count the approved ones); scores after the talents: the
  // demo starts with published schemes, points and tiers; the enterprise's claim after the facts it
  // amends; then the annual cycles and the redemption rounds, which read the points
  seed: async (tx: Parameters<typeof seedDemoTalents>[0], demo: Parameters<typeof seedDemoTalents>[1]) => ({
    ...(await seedDemoTalents(tx, demo)),
    ...(await seedDemoClaims(tx)),
    ...(await seedDemoScores(tx)),
    ...(await seedDemoEnterpriseClaim(tx)),
    // the annual cycles after the scores: 2025 final (its own points), 2026 open
    ...(await seedDemoCycles(tx)),
    ...(await seedDemoRedemption(tx, demo)),
  }),
};
