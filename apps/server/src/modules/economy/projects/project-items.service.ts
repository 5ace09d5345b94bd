import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { getProject, loadProject } from './projects.service';
import { loadStages } from './stages.service';
import type { MilestoneInput, MilestoneUpdate, ProblemInput, ProblemResolve } from './project.schemas';

const audit = { entityType: 'economy_project' };

async function checkStage(ctx: Ctx, stage: string) {
  if (!(await loadStages(ctx.db)).some((s) => s.code === stage)) throw new AppError('ECONOMY_PROJECT_STAGE_UNKNOWN', { stage: `阶段 ${stage} 不存在` });
}

/** A milestone of the officer's own (besides the stage's templates). */
export async function addMilestone(ctx: Ctx, projectId: string, input: z.infer<typeof MilestoneInput>) {
  await checkStage(ctx, input.stage);
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, projectId, true);
    if (p.status !== 'active') throw new AppError('ECONOMY_PROJECT_CLOSED');
    const m = await tx.insertInto('economy_project_milestones').values({ project_id: projectId, stage: input.stage, name: input.name, required: input.required, due_date: input.dueDate })
      .returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { ...audit, action: 'economy.project.milestone_add', entityId: projectId, after: { milestoneId: m.id, ...input } });
  });
  return getProject(ctx, projectId);
}

/** Renames, re-dates or marks a milestone done (or not done again); a new due date starts its escalation afresh. */
export async function updateMilestone(ctx: Ctx, projectId: string, milestoneId: string, input: z.infer<typeof MilestoneUpdate>) {
  await ctx.db.transaction().execute(async (tx) => {
    await loadProject(tx, ctx, projectId, true);
    const m = await tx.selectFrom('economy_project_milestones').selectAll().where('id', '=', milestoneId).where('project_id', '=', projectId).executeTakeFirst();
    if (!m) throw new AppError('ECONOMY_PROJECT_MILESTONE_NOT_FOUND');
    const set: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== m.name) set.name = input.name;
    if (input.required !== undefined && input.required !== m.required) set.required = input.required;
    if (input.dueDate !== undefined && input.dueDate !== m.due_date) Object.assign(set, { due_date: input.dueDate, escalation: 0 });
    if (input.done !== undefined && input.done !== (m.done_at !== null)) Object.assign(set, input.done ? { done_at: ctx.now, done_by_name: ctx.actor.displayName } : { done_at: null, done_by_name: '' });
    if (!Object.keys(set).length) return;
    await tx.updateTable('economy_project_milestones').set(set).where('id', '=', milestoneId).execute();
    await recordAudit(tx, ctx, {
      ...audit, action: 'economy.project.milestone_update', entityId: projectId,
      before: { milestoneId, name: m.name, dueDate: m.due_date, required: m.required, done: m.done_at !== null }, after: { milestoneId, ...input },
    });
  });
  return getProject(ctx, projectId);
}

export async function deleteMilestone(ctx: Ctx, projectId: string, milestoneId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    await loadProject(tx, ctx, projectId, true);
    const m = await tx.selectFrom('economy_project_milestones').selectAll().where('id', '=', milestoneId).where('project_id', '=', projectId).executeTakeFirst();
    if (!m) throw new AppError('ECONOMY_PROJECT_MILESTONE_NOT_FOUND');
    await tx.deleteFrom('economy_project_milestones').where('id', '=', milestoneId).execute();
    await recordAudit(tx, ctx, { ...audit, action: 'economy.project.milestone_delete', entityId: projectId, before: { milestoneId, stage: m.stage, name: m.name, required: m.required } });
  });
  return getProject(ctx, projectId);
}

/** A problem raised at the project's current stage, and who must solve it. */
export async function raiseProblem(ctx: Ctx, projectId: string, input: z.infer<typeof ProblemInput>) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, projectId, true);
    const row = await tx.insertInto('economy_project_problems').values({
      project_id: projectId, stage: p.stage, description: input.description, responsible: input.responsible, due_date: input.dueDate, raised_by_name: ctx.actor.displayName,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { ...audit, action: 'economy.project.problem_raise', entityId: projectId, after: { problemId: row.id, stage: p.stage, ...input } });
  });
  return getProject(ctx, projectId);
}

export async function resolveProblem(ctx: Ctx, projectId: string, problemId: string, input: z.infer<typeof ProblemResolve>) {
  await ctx.db.transaction().execute(async (tx) => {
    await loadProject(tx, ctx, projectId, true);
    const q = await tx.selectFrom('economy_project_problems').selectAll().where('id', '=', problemId).where('project_id', '=', projectId).executeTakeFirst();
    if (!q) throw new AppError('ECONOMY_PROJECT_PROBLEM_NOT_FOUND');
    if (q.resolved_at) throw new AppError('VALIDATION_FAILED', { resolution: '该问题已解决' });
    await tx.updateTable('economy_project_problems').set({ resolved_at: ctx.now, resolution: input.resolution }).where('id', '=', problemId).execute();
    await recordAudit(tx, ctx, { ...audit, action: 'economy.project.problem_resolve', entityId: projectId, before: { problemId, resolved: false }, after: { problemId, resolution: input.resolution } });
  });
  return getProject(ctx, projectId);
}
