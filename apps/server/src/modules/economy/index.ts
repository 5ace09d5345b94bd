import { ECONOMY_PERMISSIONS, ECONOMY_ROLES } from './access';
import { figureRoutes } from './figures/figures.routes';
import { FIGURES_IMPORT_KIND, importFiguresJob } from './figures/import-figures';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { ecosystemRoutes } from './ecosystems/ecosystems.routes';
import { seedDemoEconomy } from './seed/demo-economy';

/**
 * 经济运行 (issue 9, part 1: indicators): enterprise figures per period and basis with import,
 * corrections and history; comparable-basis growth (domain/comparable-growth.ts); above-scale
 * status derived from the figures; the leaders' screen by ecosystem, street and park.
 * Industrial chains, investment projects and technology transfer come later, under the same
 * `economy.*` names (docs/economy/README.md).
 */
export const economyModule = {
  name: 'economy',
  routes: [figureRoutes, dashboardRoutes, ecosystemRoutes],
  permissions: ECONOMY_PERMISSIONS,
  roles: ECONOMY_ROLES,
  jobs: { [`import.${FIGURES_IMPORT_KIND}`]: importFiguresJob },
  seed: seedDemoEconomy,
};
