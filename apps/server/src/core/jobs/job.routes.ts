import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { ctxOf, type Routes } from '../../http/deps';
import { getJob } from './job-queue';

const JobView = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string().optional() }).nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const jobRoutes: Routes = (app, deps) => {
  app.get('/jobs/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['jobs'], summary: '后台任务进度', params: z.object({ id: z.coerce.number().int() }), response: { 200: JobView } },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    const job = await getJob(deps.db, req.params.id);
    // A job is visible to the user who started it (and to administrators).
    if (!job || (job.created_by !== ctx.actor.userId && !ctx.actor.permissions.has('user.manage'))) throw new AppError('JOB_NOT_FOUND');
    return {
      id: job.id, kind: job.kind, status: job.status, progress: job.progress, result: job.result,
      error: job.error, createdAt: job.created_at, finishedAt: job.finished_at,
    };
  });
};
