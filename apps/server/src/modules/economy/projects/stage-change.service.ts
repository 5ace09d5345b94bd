import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { checkStageChange, finalStage } from './domain/stage-rules';
import { enterStage, getProject, loadProject } from './projects.service';
import { loadStages } from './stages.service';
import type { DropInput, StageChangeInput } from './project.schemas';

/**
 * Moves a project to another stage. Forward past required milestones not done: refused with 409
 * ECONOMY_PROJECT_MILESTONES_MISSING naming them, unless the officer confirms with a reason — then
 * recorded with the milestones skipped and the reason (stage event and audit). A step back always
 * needs a reason. The last stage (投产) needs the landed enterprise registered or linked first; the
 * project then counts as landed.
 */
export async function changeStage(ctx: Ctx, id: string, input: z.infer<typeof StageChangeInput>) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, id, true);
    if (p.status !== 'active') throw new AppError('ECONOMY_PROJECT_CLOSED');
    if (input.version !== undefined && input.version !== p.version) throw new AppError('CONFLICT');
    const stages = await loadStages(tx);
    if (!stages.some((s) => s.code === input.to)) throw new AppError('ECONOMY_PROJECT_STAGE_UNKNOWN', { to: `阶段 ${input.to} 不存在` });
    const milestones = await tx.selectFrom('economy_project_milestones').select(['stage', 'name', 'required', 'done_at']).where('project_id', '=', id).execute();
    const check = checkStageChange(stages, p.stage, input.to, milestones.map((m) => ({ stage: m.stage, name: m.name, required: m.required, done: m.done_at !== null })));
    if (check.direction === 'same') throw new AppError('VALIDATION_FAILED', { to: '项目已处于该阶段' });
    const nameOf = (code: string) => stages.find((s) => s.code === code)?.name ?? code;
    const skipped = check.missing.map((m) => `${nameOf(m.stage)}：${m.name}`);
    if (check.needsReason && !input.confirm) {
      throw new AppError('ECONOMY_PROJECT_MILESTONES_MISSING', check.direction === 'backward'
        ? { reason: `退回到“${nameOf(input.to)}”须确认并填写原因` }
        : { milestones: skipped.join('；') }, check.direction === 'backward'
        ? { zh: `项目将从“${nameOf(p.stage)}”退回到“${nameOf(input.to)}”，请确认并填写原因`, en: `The project would step back from ${p.stage} to ${input.to}; confirm with a reason` }
        : { zh: `推进到“${nameOf(input.to)}”将跳过必需节点：${skipped.join('；')}。如确需推进，请填写原因后确认`, en: `Moving to ${input.to} skips required milestones: ${check.missing.map((m) => `${m.stage}: ${m.name}`).join('; ')}. Confirm with a reason to record it anyway` });
    }
    if (check.needsReason && input.reason.length < 2) throw new AppError('VALIDATION_FAILED', { reason: '请填写原因（至少 2 个字），将记入项目记录和审计日志' });
    const last = finalStage(stages).code;
    if (input.to === last && !p.enterprise_id) throw new AppError('ECONOMY_PROJECT_NO_ENTERPRISE');
    await tx.updateTable('economy_projects').set({
      stage: input.to, stage_entered_at: ctx.now, status: input.to === last ? 'landed' : 'active', updated_at: ctx.now, version: p.version + 1,
      ...(input.to === last ? { construction_percent: 100 } : {}),
    }).where('id', '=', id).execute();
    await enterStage(tx, ctx, id, p.stage, input.to, skipped, input.reason);
    await recordAudit(tx, ctx, {
      action: check.missing.length ? 'economy.project.stage_forced' : 'economy.project.stage', entityType: 'economy_project', entityId: id, enterpriseId: p.enterprise_id,
      before: { stage: p.stage }, after: { stage: input.to, ...(skipped.length ? { skipped } : {}), ...(input.reason ? { reason: input.reason } : {}) },
    });
  });
  return getProject(ctx, id);
}

/** Ends a project that will not come (终止/流失), with the reason; it stays in the funnel for what it reached. */
export async function dropProject(ctx: Ctx, id: string, input: z.infer<typeof DropInput>) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, id, true);
    if (p.status !== 'active') throw new AppError('ECONOMY_PROJECT_CLOSED');
    await tx.updateTable('economy_projects').set({ status: 'dropped', updated_at: ctx.now, version: p.version + 1 }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'economy.project.drop', entityType: 'economy_project', entityId: id, before: { status: p.status }, after: { status: 'dropped', reason: input.reason } });
  });
  return getProject(ctx, id);
}
