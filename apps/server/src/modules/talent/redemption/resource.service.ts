import { sql } from 'kysely';
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { Label, TieringDoc } from '../domain';
import { enterpriseScope, latestAsOf, tierLabel, versionFor } from '../scoring/score-reads';
import { resourceVisible } from './scope';

const PG_UNIQUE = '23505';

type ResourceInput = { code: string; name: string; unit: string; departmentId: string; description: string; active: boolean };

function resourceQuery(db: Tx) {
  return db
    .selectFrom('talent_resources as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .select(['r.id', 'r.code', 'r.name', 'r.unit', 'r.department_id', 'd.name as department_name', 'r.description', 'r.active', 'r.created_at', 'r.updated_at']);
}
type ResourceRow = Awaited<ReturnType<ReturnType<typeof resourceQuery>['executeTakeFirstOrThrow']>>;
const resourceView = (r: ResourceRow) => ({
  id: r.id, code: r.code, name: r.name, unit: r.unit, departmentId: r.department_id, departmentName: r.department_name,
  description: r.description, active: r.active, createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function listResources(ctx: Ctx) {
  const rows = await resourceQuery(ctx.db).where(resourceVisible(ctx.actor, 'r')).orderBy('r.name').orderBy('r.id').execute();
  return { items: rows.map(resourceView) };
}

export async function getResource(ctx: Ctx, id: string, db: Tx = ctx.db) {
  const r = await resourceQuery(db).where('r.id', '=', id).where(resourceVisible(ctx.actor, 'r')).executeTakeFirst();
  if (!r) throw new AppError('TALENT_RESOURCE_NOT_FOUND');
  return resourceView(r);
}

async function checkDepartment(db: Tx, id: string) {
  const d = await db.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
  if (!d) throw invalid({ departmentId: '部门不存在' });
}

export async function createResource(ctx: Ctx, input: ResourceInput) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    await checkDepartment(tx, input.departmentId);
    const row = await tx.insertInto('talent_resources').values({
      code: input.code, name: input.name, unit: input.unit, department_id: input.departmentId, description: input.description, active: input.active,
    }).returning('id').executeTakeFirstOrThrow().catch((err: { code?: string }) => {
      throw err.code === PG_UNIQUE ? new AppError('TALENT_RESOURCE_CODE_TAKEN', { code: `资源代码 ${input.code} 已存在` }) : err;
    });
    await recordAudit(tx, ctx, { action: 'talent.resource.create', entityType: 'talent_resource', entityId: row.id, after: input });
    return row.id;
  });
  return getResource(ctx, id);
}

export async function updateResource(ctx: Ctx, id: string, input: Omit<ResourceInput, 'code'>) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('talent_resources').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('TALENT_RESOURCE_NOT_FOUND');
    await checkDepartment(tx, input.departmentId);
    await tx.updateTable('talent_resources').set({
      name: input.name, unit: input.unit, department_id: input.departmentId, description: input.description, active: input.active, updated_at: ctx.now,
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.resource.update', entityType: 'talent_resource', entityId: id,
      before: { name: before.name, unit: before.unit, departmentId: before.department_id, description: before.description, active: before.active }, after: input,
    });
  });
  return getResource(ctx, id);
}

// ---- tier quotas -------------------------------------------------------------------------------

/** The tiers of the enterprise scheme in effect (quotas are set per tier id). */
async function tiersInEffect(ctx: Ctx): Promise<{ id: string; label: Label }[]> {
  const v = await versionFor(ctx, 'enterprise');
  const tiering = (v?.document as { tiering?: TieringDoc } | undefined)?.tiering;
  return (tiering?.tiers ?? []).map((t) => ({ id: t.id, label: t.label }));
}

export async function listQuotas(ctx: Ctx, q: { period?: string; resourceId?: string }) {
  let qb = ctx.db
    .selectFrom('talent_tier_quotas as q')
    .innerJoin('talent_resources as r', 'r.id', 'q.resource_id')
    .select(['q.tier', 'q.resource_id', 'r.name as resource_name', 'r.unit', 'q.period', 'q.units', 'q.updated_at']);
  if (q.period) qb = qb.where('q.period', '=', q.period);
  if (q.resourceId) qb = qb.where('q.resource_id', '=', q.resourceId);
  const [rows, tiers] = await Promise.all([qb.orderBy('q.period', 'desc').orderBy('r.name').orderBy('q.tier').execute(), tiersInEffect(ctx)]);
  const labels = new Map(tiers.map((t) => [t.id, t.label]));
  return {
    items: rows.map((r) => ({
      tier: r.tier, tierLabel: labels.get(r.tier) ?? null, resourceId: r.resource_id, resourceName: r.resource_name, unit: r.unit,
      period: r.period, units: r.units, updatedAt: r.updated_at,
    })),
    tiers,
  };
}

/**
 * Sets what a tier grants. Lowering it below what an enterprise has already handed out revokes
 * nothing: that enterprise simply cannot hand out more until it is under the new figure.
 */
export async function setQuota(ctx: Ctx, input: { tier: string; resourceId: string; period: string; units: number }) {
  const tiers = await tiersInEffect(ctx);
  if (!tiers.some((t) => t.id === input.tier)) {
    throw invalid({ tier: `档次 ${input.tier} 不在现行企业积分办法的分档中（${tiers.map((t) => t.id).join('、') || '无'}）` });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.selectFrom('talent_resources').select('id').where('id', '=', input.resourceId).executeTakeFirst();
    if (!r) throw invalid({ resourceId: '资源不存在' });
    const before = await tx.selectFrom('talent_tier_quotas').select('units')
      .where('tier', '=', input.tier).where('resource_id', '=', input.resourceId).where('period', '=', input.period).forUpdate().executeTakeFirst();
    await tx.insertInto('talent_tier_quotas')
      .values({ tier: input.tier, resource_id: input.resourceId, period: input.period, units: input.units, updated_by: ctx.actor.userId, updated_at: ctx.now })
      .onConflict((oc) => oc.columns(['tier', 'resource_id', 'period']).doUpdateSet({ units: input.units, updated_by: ctx.actor.userId, updated_at: ctx.now }))
      .execute();
    await recordAudit(tx, ctx, {
      action: 'talent.quota.set', entityType: 'talent_tier_quota', entityId: input.resourceId,
      before: before ? { units: before.units } : undefined, after: input,
    });
  });
  const list = await listQuotas(ctx, { period: input.period, resourceId: input.resourceId });
  return list.items.find((q) => q.tier === input.tier)!;
}

/** An enterprise's tier today: enterprise points of the scheme in effect, latest complete day. */
export async function enterpriseTier(ctx: Ctx, enterpriseId: string) {
  const db = ctx.db;
  const v = await versionFor(ctx, 'enterprise');
  const asOf = v ? await latestAsOf(ctx, v.id) : null;
  if (!v || !asOf) return { tier: null, asOf: null };
  const s = await db.selectFrom('talent_enterprise_scores').select('tier')
    .where('enterprise_id', '=', enterpriseId).where('scheme_version_id', '=', v.id).where('as_of', '=', asOf).executeTakeFirst();
  return { tier: tierLabel(v, s?.tier ?? null), asOf };
}

/** The enterprise in the actor's scope (HR: its own; the office: the county; a talent: none), else 404. */
export async function visibleEnterprise(ctx: Ctx, enterpriseId: string, db: Tx = ctx.db) {
  const e = await db.selectFrom('enterprises as e').select(['e.id', 'e.name']).where('e.id', '=', enterpriseId).where(enterpriseScope(ctx)).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  return e;
}

/** What the enterprise's tier grants per resource and period, what it has handed out and what is left. */
export async function enterpriseQuotas(ctx: Ctx, enterpriseId: string, q: { period?: string }) {
  const e = await visibleEnterprise(ctx, enterpriseId);
  const { tier, asOf } = await enterpriseTier(ctx, enterpriseId);
  let quotas: { resourceId: string; resourceName: string; unit: string; period: string; units: number; used: number; left: number }[] = [];
  if (tier) {
    let qb = ctx.db
      .selectFrom('talent_tier_quotas as q')
      .innerJoin('talent_resources as r', 'r.id', 'q.resource_id')
      .leftJoin('talent_quota_usage as u', (j) => j.onRef('u.resource_id', '=', 'q.resource_id').onRef('u.period', '=', 'q.period').on('u.enterprise_id', '=', enterpriseId))
      .select(['q.resource_id', 'r.name', 'r.unit', 'q.period', 'q.units', sql<number>`coalesce(u.used, 0)`.as('used')])
      .where('q.tier', '=', tier.id);
    if (q.period) qb = qb.where('q.period', '=', q.period);
    const rows = await qb.orderBy('q.period', 'desc').orderBy('r.name').execute();
    quotas = rows.map((r) => ({
      resourceId: r.resource_id, resourceName: r.name, unit: r.unit, period: r.period, units: r.units, used: Number(r.used), left: Math.max(0, r.units - Number(r.used)),
    }));
  }
  return { enterpriseId: e.id, enterpriseName: e.name, tier, asOf, quotas };
}
