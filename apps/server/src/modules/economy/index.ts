import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { ECONOMY_PERMISSIONS, ECONOMY_ROLES } from './access';
import { figureRoutes } from './figures/figures.routes';
import { FIGURES_IMPORT_KIND, importFiguresJob } from './figures/import-figures';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { ecosystemRoutes } from './ecosystems/ecosystems.routes';
import { seedDemoEconomy } from './seed/demo-economy';
import { seedDemoChainsProjects } from './seed/demo-chains-projects';
import { chainRoutes } from './chains/chains.routes';
import { projectRoutes } from './projects/projects.routes';
import { ESCALATION_JOB, milestoneEscalationJob } from './projects/milestone-escalation';
import { transferRoutes } from './transfer/transfer.routes';
import { PERIOD_SUMS_JOB, periodSumsJob } from './dashboard/period-sums.store';

/**
 * 经济运行 (issue 9, part 1: indicators): enterprise figures per period and basis with import,
 * corrections and history; comparable-basis growth (domain/comparable-growth.ts); above-scale
 * status derived from the figures; the leaders' screen by ecosystem, street and park.
 * Part 2: industrial chains and their gaps (chains/: the chain map, distinct counting, strength,
 * gaps; chains/chain-links.ts reads the links of an industry code) and investment projects
 * (projects/: stages, milestones, problems, documents, landing, the pipeline views and the
 * overdue-milestone escalation job), technology transfer (transfer/: labs' results, explainable
 * matching to enterprises, contacts to landing, statistics). docs/economy/CHAINS.md, PROJECTS.md,
 * TRANSFER.md.
 */
export const economyModule = {
  name: 'economy',
  routes: [figureRoutes, dashboardRoutes, ecosystemRoutes, chainRoutes, projectRoutes, transferRoutes],
  permissions: ECONOMY_PERMISSIONS,
  roles: ECONOMY_ROLES,
  jobs: { [`import.${FIGURES_IMPORT_KIND}`]: importFiguresJob, [ESCALATION_JOB]: milestoneEscalationJob, [PERIOD_SUMS_JOB]: periodSumsJob },
  seed: async (tx: Transaction<DB>, demo: { passwordHash: string }) => ({ ...(await seedDemoEconomy(tx, demo)), ...(await seedDemoChainsProjects(tx, demo)) }),
};
