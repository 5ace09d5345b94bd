import type { z } from 'zod';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { divisionCovers } from '../../../core/identity/scope';
import { checkIndustryCodes } from '../chains/chains.service';
import { milestonesOnEntry, daysBetween, escalationLevel } from './domain/stage-rules';
import { projectLocationProblem, roundLocation } from './domain/project-location';
import { fenOf, localDate, projectCards, type CardFilters } from './project.repo';
import { projectInScope } from './project-scope';
import { loadStages } from './stages.service';
import type { ProjectCreate, ProjectInput, ProjectUpdate, ProjectView } from './project.schemas';

type View = z.infer<typeof ProjectView>;

export const today = (ctx: Pick<Ctx, 'now'>) => localDate(ctx.now);

/** The project inside the actor's scope, locked for a write when in a transaction; 404 otherwise. */
export async function loadProject(tx: Tx, ctx: Ctx, id: string, lock = false) {
  let qb = tx.selectFrom('economy_projects as p').selectAll('p').where('p.id', '=', id).where(projectInScope(ctx.actor));
  if (lock) qb = qb.forUpdate();
  const row = await qb.executeTakeFirst();
  if (!row) throw new AppError('ECONOMY_PROJECT_NOT_FOUND');
  return row;
}

export async function listProjects(ctx: Ctx, f: CardFilters) {
  return projectCards(ctx.db, ctx.actor, today(ctx), f);
}

export async function getProject(ctx: Ctx, id: string): Promise<View> {
  const p = await loadProject(ctx.db, ctx, id);
  const [card] = await projectCards(ctx.db, ctx.actor, today(ctx), { ids: [id] });
  const [milestones, problems, events, files] = await Promise.all([
    ctx.db.selectFrom('economy_project_milestones as m').innerJoin('economy_project_stages as s', 's.code', 'm.stage').selectAll('m')
      .where('m.project_id', '=', id).orderBy('s.sort_order').orderBy('m.due_date').orderBy('m.created_at').execute(),
    ctx.db.selectFrom('economy_project_problems').selectAll().where('project_id', '=', id).orderBy('raised_at', 'desc').execute(),
    ctx.db.selectFrom('economy_project_stage_events').selectAll().where('project_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('files').select(['id', 'name', 'media_type', 'size_bytes', 'created_at']).where('owner_kind', '=', 'economy_project').where('owner_id', '=', id).orderBy('created_at').execute(),
  ]);
  const t = today(ctx);
  return {
    ...card!, investorOrigin: p.investor_origin, address: p.address, description: p.description, version: p.version, createdAt: p.created_at,
    milestones: milestones.map((m) => ({
      id: m.id, stage: m.stage, name: m.name, required: m.required, dueDate: m.due_date, doneAt: m.done_at, doneBy: m.done_by_name,
      overdueDays: !m.done_at && m.due_date && m.due_date < t ? daysBetween(m.due_date, t) : null, escalation: escalationLevel(m.due_date, t, !!m.done_at) ? m.escalation : 0,
    })),
    problems: problems.map((q) => ({
      id: q.id, stage: q.stage, description: q.description, responsible: q.responsible, dueDate: q.due_date, raisedBy: q.raised_by_name, raisedAt: q.raised_at,
      resolvedAt: q.resolved_at, resolution: q.resolution,
    })),
    events: events.map((e) => ({ id: Number(e.id), from: e.from_stage, to: e.to_stage, at: e.at, by: e.by_name, skipped: e.skipped, reason: e.reason })),
    files: files.map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, sizeBytes: Number(f.size_bytes), createdAt: f.created_at })),
  };
}

/** Checks what a project points at: industry code, chain link, owner, street (inside the actor's scope). */
async function checkReferences(tx: Tx, ctx: Ctx, input: z.infer<typeof ProjectInput>, ownerId: string) {
  await checkIndustryCodes(tx, [input.industryCode], 'industryCode');
  const fields: Record<string, string> = {};
  if (input.chainLinkId && !(await tx.selectFrom('economy_chain_links').select('id').where('id', '=', input.chainLinkId).executeTakeFirst())) fields.chainLinkId = '产业链环节不存在';
  if (!(await tx.selectFrom('users').select('id').where('id', '=', ownerId).where('status', '=', 'active').executeTakeFirst())) fields.ownerId = '项目负责人不存在或已停用';
  const street = await tx.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst();
  if (!street) fields.divisionCode = `区划代码 ${input.divisionCode} 不存在`;
  else if (!divisionCovers(ctx.actor.scope.divisionCode ?? ctx.countyCode, input.divisionCode)) fields.divisionCode = '项目应位于本辖区';
  if (input.receivedInvestmentWan > input.totalInvestmentWan) fields.receivedInvestmentWan = '实际到资不能超过总投资';
  const where = input.location ? projectLocationProblem(input.location, ctx.countyCode) : null;
  if (where) fields.location = where;
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
}

const columns = (input: z.infer<typeof ProjectInput>, ownerId: string) => ({
  name: input.name, investor: input.investor, investor_origin: input.investorOrigin, industry_code: input.industryCode, chain_link_id: input.chainLinkId,
  total_investment_fen: fenOf(input.totalInvestmentWan), received_investment_fen: fenOf(input.receivedInvestmentWan), owner_id: ownerId,
  division_code: input.divisionCode, address: input.address, construction_percent: input.constructionPercent, description: input.description,
  ...(input.location ? roundLocation(input.location) : { lat: null, lng: null }),
});

/** Registers a project at its first stage (or the one given), with the stage's milestones and the first stage event. */
export async function createProject(ctx: Ctx, input: z.infer<typeof ProjectCreate>): Promise<View> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const stages = await loadStages(tx);
    const stage = input.stage ? stages.find((s) => s.code === input.stage) : stages[0];
    if (!stage) throw new AppError('ECONOMY_PROJECT_STAGE_UNKNOWN', { stage: `阶段 ${input.stage} 不存在` });
    if (stage.code === stages.at(-1)!.code) throw new AppError('VALIDATION_FAILED', { stage: '新项目不能直接登记为最后阶段；请先登记，关联落地企业后再推进' });
    const ownerId = input.ownerId ?? ctx.actor.userId;
    await checkReferences(tx, ctx, input, ownerId);
    const row = await tx.insertInto('economy_projects').values({ ...columns(input, ownerId), stage: stage.code, stage_entered_at: ctx.now })
      .returning('id').executeTakeFirstOrThrow();
    await enterStage(tx, ctx, row.id, null, stage.code, [], '');
    await recordAudit(tx, ctx, { action: 'economy.project.create', entityType: 'economy_project', entityId: row.id, after: { ...input, ownerId, stage: stage.code } });
    return row.id;
  });
  return getProject(ctx, id);
}

/** Records a stage event and creates the stage's milestones (those not already there by name). */
export async function enterStage(tx: Tx, ctx: Ctx, projectId: string, from: string | null, to: string, skipped: string[], reason: string) {
  await tx.insertInto('economy_project_stage_events').values({
    project_id: projectId, from_stage: from, to_stage: to, at: ctx.now, by_user: ctx.actor.userId, by_name: ctx.actor.displayName,
    skipped: JSON.stringify(skipped), reason,
  }).execute();
  const stage = (await loadStages(tx)).find((s) => s.code === to)!;
  const existing = new Set((await tx.selectFrom('economy_project_milestones').select('name').where('project_id', '=', projectId).where('stage', '=', to).execute()).map((m) => m.name));
  const fresh = milestonesOnEntry(stage, today(ctx)).filter((m) => !existing.has(m.name));
  if (fresh.length) {
    await tx.insertInto('economy_project_milestones').values(fresh.map((m) => ({ project_id: projectId, stage: m.stage, name: m.name, required: m.required, due_date: m.dueDate }))).execute();
  }
}

export async function updateProject(ctx: Ctx, id: string, input: z.infer<typeof ProjectUpdate>): Promise<View> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await loadProject(tx, ctx, id, true);
    if (input.version !== cur.version) throw new AppError('CONFLICT');
    const ownerId = input.ownerId ?? cur.owner_id;
    await checkReferences(tx, ctx, input, ownerId);
    const next = columns(input, ownerId);
    const before = Object.fromEntries(Object.keys(next).map((k) => [k, cur[k as keyof typeof cur]])) as Record<string, unknown>;
    const diff = changedFields(before, next as Record<string, unknown>);
    if (!diff) return;
    await tx.updateTable('economy_projects').set({ ...next, updated_at: ctx.now, version: cur.version + 1 }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'economy.project.update', entityType: 'economy_project', entityId: id, before: diff.before, after: diff.after });
  });
  return getProject(ctx, id);
}
