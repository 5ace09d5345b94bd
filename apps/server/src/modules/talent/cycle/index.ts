// The annual cycle, its public notice and objections, the tier board and reports (docs/talent/CYCLE.md).
export { cycleRoutes } from './cycle.routes';
export { seedDemoCycles } from './seed-cycles';
