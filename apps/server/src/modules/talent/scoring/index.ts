// Talent points, part 1 — schemes and scores (docs/talent/SCORING.md): scheme versions and their
// lifecycle, recompute and what-if jobs, explained scores, enterprise points and tiers.
import type { Routes } from '../../../http/deps';
import { schemeRoutes } from './scheme.routes';
import { scoreRoutes } from './score.routes';
import { evaluationBonusRoutes } from './evaluation-bonus.routes';

export const scoringRoutes: Routes = (app, deps) => {
  schemeRoutes(app, deps);
  scoreRoutes(app, deps);
  evaluationBonusRoutes(app, deps);
};
export { scoringJobs } from './jobs';
export { seedDemoScores } from './seed-scores';
export { RECOMPUTE_JOB } from './recompute';
export { WHATIF_JOB } from './what-if';
