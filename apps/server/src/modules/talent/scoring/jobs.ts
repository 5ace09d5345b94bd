import type { JobHandler } from '../../../core/jobs/job-runner';
import { recompute, RECOMPUTE_JOB, type RecomputePayload } from './recompute';
import { whatIfJob, WHATIF_JOB } from './what-if';

/** The scoring jobs, by kind (spread into the talent module's `jobs`). */
export const scoringJobs: Record<string, JobHandler> = {
  [RECOMPUTE_JOB]: (job, ctx) =>
    recompute(ctx.db, job.payload as unknown as RecomputePayload, { computedAt: ctx.now(), progress: ctx.progress }),
  [WHATIF_JOB]: (job, ctx) => whatIfJob(ctx.db, String(job.payload.runId), ctx.now, ctx.progress),
};
