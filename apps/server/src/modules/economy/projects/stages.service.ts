import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { stageListProblems, type StageDef } from './domain/stage-rules';
import type { StagesInput, StageView } from './project.schemas';

export interface StageRow extends StageDef { nameEn: string }

/** The configured stages, in order. */
export async function loadStages(db: Tx): Promise<StageRow[]> {
  const rows = await db.selectFrom('economy_project_stages').selectAll().orderBy('sort_order').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, sortOrder: r.sort_order, targetDays: r.target_days, milestones: r.milestones }));
}

export async function listStages(ctx: Ctx): Promise<z.infer<typeof StageView>[]> {
  const counts = new Map((await ctx.db.selectFrom('economy_projects').select(['stage', sql<number>`count(*)::int`.as('n')]).where('status', '=', 'active').groupBy('stage').execute())
    .map((r) => [r.stage, Number(r.n)]));
  return (await loadStages(ctx.db)).map((s) => ({ ...s, milestones: [...s.milestones], projects: counts.get(s.code) ?? 0 }));
}

/**
 * Replaces the stage list (order = the list's order). A stage may be renamed, re-timed, given other
 * milestone templates, added or moved; one that projects, milestones or problems still use cannot
 * be removed. Templates apply to projects entering the stage from now on.
 */
export async function saveStages(ctx: Ctx, input: z.infer<typeof StagesInput>): Promise<z.infer<typeof StageView>[]> {
  const problems = stageListProblems(input.map((s, i) => ({ code: s.code, name: s.name, sortOrder: i + 1, targetDays: s.targetDays, milestones: s.milestones })));
  if (problems.length) throw new AppError('VALIDATION_FAILED', { stages: problems.join('；') });
  await ctx.db.transaction().execute(async (tx) => {
    const before = await loadStages(tx);
    const removed = before.filter((b) => !input.some((s) => s.code === b.code)).map((b) => b.code);
    if (removed.length) {
      const used = await sql<{ stage: string }>`
        SELECT stage FROM economy_projects WHERE stage = ANY(${removed}::text[])
        UNION SELECT stage FROM economy_project_milestones WHERE stage = ANY(${removed}::text[])
        UNION SELECT stage FROM economy_project_problems WHERE stage = ANY(${removed}::text[])`.execute(tx);
      if (used.rows.length) {
        const names = used.rows.map((r) => before.find((b) => b.code === r.stage)?.name ?? r.stage);
        throw new AppError('ECONOMY_PROJECT_STAGE_IN_USE', { stages: `阶段“${names.join('、')}”仍有项目、节点或问题，不能删除` });
      }
      await tx.deleteFrom('economy_project_stages').where('code', 'in', removed).execute();
    }
    for (const [i, s] of input.entries()) {
      await tx.insertInto('economy_project_stages').values({
        code: s.code, name: s.name, name_en: s.nameEn, sort_order: i + 1, target_days: s.targetDays, milestones: JSON.stringify(s.milestones),
      }).onConflict((oc) => oc.column('code').doUpdateSet({
        name: s.name, name_en: s.nameEn, sort_order: i + 1, target_days: s.targetDays, milestones: JSON.stringify(s.milestones), updated_at: ctx.now,
      })).execute();
    }
    await recordAudit(tx, ctx, {
      action: 'economy.project_stages.update', entityType: 'economy_project_stages',
      before: before.map((b) => ({ code: b.code, name: b.name, targetDays: b.targetDays, milestones: b.milestones })),
      after: input,
    });
  });
  return listStages(ctx);
}
