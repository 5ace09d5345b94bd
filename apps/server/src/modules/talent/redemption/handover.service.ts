import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { maskIdNumber } from '../../../core/privacy/mask';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { TalentHandoverStatus } from '../../../db/schema';
import { enterpriseTier, visibleEnterprise } from './resource.service';

const PG_UNIQUE = '23505';

function handoverQuery(db: Tx) {
  return db
    .selectFrom('talent_quota_handovers as h')
    .innerJoin('talent_resources as r', 'r.id', 'h.resource_id')
    .innerJoin('talents as t', 't.id', 'h.talent_id')
    .leftJoin('users as u', 'u.id', 'h.assigned_by')
    .select([
      'h.id', 'h.enterprise_id', 'h.resource_id', 'r.name as resource_name', 'h.period', 'h.talent_id', 't.name as talent_name', 't.id_number',
      'h.tier', 'h.status', 'h.note', 'u.display_name as assigned_by', 'h.assigned_at', 'h.revoked_at', 'h.used_round_id',
    ]);
}
type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;
const view = (h: HandoverRow) => ({
  id: h.id, enterpriseId: h.enterprise_id, resourceId: h.resource_id, resourceName: h.resource_name, period: h.period,
  talentId: h.talent_id, talentName: h.talent_name, idNumber: maskIdNumber(h.id_number), tier: h.tier, status: h.status, note: h.note,
  assignedBy: h.assigned_by ?? null, assignedAt: h.assigned_at, revokedAt: h.revoked_at, usedRoundId: h.used_round_id,
});

/** The ledger of an enterprise's handovers, newest first (HR: its own enterprise; the office: any in scope). */
export async function listHandovers(ctx: Ctx, enterpriseId: string, q: { period?: string; resourceId?: string; status?: TalentHandoverStatus }) {
  await visibleEnterprise(ctx, enterpriseId);
  let qb = handoverQuery(ctx.db).where('h.enterprise_id', '=', enterpriseId);
  if (q.period) qb = qb.where('h.period', '=', q.period);
  if (q.resourceId) qb = qb.where('h.resource_id', '=', q.resourceId);
  if (q.status) qb = qb.where('h.status', '=', q.status);
  const rows = await qb.orderBy('h.assigned_at', 'desc').orderBy('h.id').limit(1000).execute();
  return { items: rows.map(view) };
}

/** Only a user bound to the enterprise hands out its quota: another enterprise's is 404, the office's 403. */
async function ownEnterprise(ctx: Ctx, enterpriseId: string, db: Tx) {
  const e = await visibleEnterprise(ctx, enterpriseId, db);
  if (ctx.actor.scope.enterpriseId !== enterpriseId) throw new AppError('FORBIDDEN');
  return e;
}

/**
 * Hands one unit of the enterprise's quota of a resource in a period to one of its current
 * talents (调剂). The count of units handed out lives in talent_quota_usage, one row per
 * enterprise × resource × period; the unit is taken by a conditional increment
 * (`used = used + 1 WHERE used < units`) on that row, which PostgreSQL runs under the row lock:
 * a concurrent handover waits for this transaction and re-checks the condition against the
 * committed count, so the quota can never be exceeded, however many requests arrive at once.
 */
export async function handOver(ctx: Ctx, notifier: Notifier, enterpriseId: string, input: { resourceId: string; period: string; talentId: string; note: string }) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const e = await ownEnterprise(ctx, enterpriseId, tx);
    const talent = await tx.selectFrom('talents').select(['id', 'name', 'user_id', 'status'])
      .where('id', '=', input.talentId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
    if (!talent) throw new AppError('TALENT_NOT_FOUND', { talentId: '本企业没有该人才' });
    if (talent.status !== 'active') throw invalid({ talentId: `${talent.name} 不是在职人才` });
    const resource = await tx.selectFrom('talent_resources').select(['id', 'name', 'unit', 'active']).where('id', '=', input.resourceId).executeTakeFirst();
    if (!resource || !resource.active) throw invalid({ resourceId: '资源不存在或已停用' });
    const { tier } = await enterpriseTier({ ...ctx, db: tx }, enterpriseId); // on tx: PGlite is one session
    const quota = tier
      ? await tx.selectFrom('talent_tier_quotas').select('units').where('tier', '=', tier.id).where('resource_id', '=', input.resourceId).where('period', '=', input.period).executeTakeFirst()
      : undefined;
    if (!tier || !quota || quota.units === 0) {
      throw new AppError('TALENT_QUOTA_NOT_GRANTED', undefined, {
        zh: tier ? `本企业为${tier.label.zh}，该档次在 ${input.period} 没有“${resource.name}”的配额` : '本企业尚无企业积分档次，没有配额',
        en: tier ? `The enterprise is ${tier.label.en}; that tier grants no "${resource.name}" in ${input.period}` : 'The enterprise has no tier yet, so no quota',
      });
    }
    await tx.insertInto('talent_quota_usage').values({ enterprise_id: enterpriseId, resource_id: input.resourceId, period: input.period })
      .onConflict((oc) => oc.columns(['enterprise_id', 'resource_id', 'period']).doNothing()).execute();
    const taken = await tx.updateTable('talent_quota_usage')
      .set((eb) => ({ used: eb('used', '+', 1) }))
      .where('enterprise_id', '=', enterpriseId).where('resource_id', '=', input.resourceId).where('period', '=', input.period)
      .where('used', '<', quota.units)
      .returning('used')
      .executeTakeFirst();
    if (!taken) {
      throw new AppError('TALENT_QUOTA_EXHAUSTED', undefined, {
        zh: `本企业（${tier.label.zh}）${input.period} 年度“${resource.name}”配额 ${quota.units} ${resource.unit}已全部调剂`,
        en: `The enterprise (${tier.label.en}) has handed out all ${quota.units} units of "${resource.name}" for ${input.period}`,
      });
    }
    const row = await tx.insertInto('talent_quota_handovers').values({
      enterprise_id: enterpriseId, resource_id: input.resourceId, period: input.period, talent_id: input.talentId, tier: tier.id,
      note: input.note, assigned_by: ctx.actor.userId, assigned_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow().catch((err: { code?: string }) => {
      throw err.code === PG_UNIQUE
        ? new AppError('TALENT_QUOTA_ALREADY_HELD', undefined, {
          zh: `${talent.name} 已持有 ${input.period} 的“${resource.name}”配额`, en: `${talent.name} already holds a unit of "${resource.name}" for ${input.period}`,
        })
        : err;
    });
    await recordAudit(tx, ctx, {
      action: 'talent.quota.handover', entityType: 'talent_quota_handover', entityId: row.id, enterpriseId,
      after: { resourceId: input.resourceId, period: input.period, talentId: input.talentId, tier: tier.id, used: taken.used, units: quota.units, note: input.note },
    });
    if (talent.user_id) {
      await notifier.notify(tx, talent.user_id, {
        title: `您获得一个“${resource.name}”配额`,
        body: `${e.name} 将 ${input.period} 的“${resource.name}”配额调剂给您，可在兑现轮次中凭配额申请。`,
        link: '/talent/redemption',
      });
    }
    return row.id;
  });
  return view(await handoverQuery(ctx.db).where('h.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * Takes a unit back while it is unused: not used in an allocation and backing no application in
 * a round that has not been allocated yet. The count goes down in the same transaction.
 */
export async function revokeHandover(ctx: Ctx, notifier: Notifier, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const h = await tx.selectFrom('talent_quota_handovers as h').innerJoin('enterprises as e', 'e.id', 'h.enterprise_id')
      .innerJoin('talent_resources as r', 'r.id', 'h.resource_id').innerJoin('talents as t', 't.id', 'h.talent_id')
      .select(['h.id', 'h.enterprise_id', 'h.resource_id', 'h.period', 'h.talent_id', 'h.status', 'e.name as enterprise_name', 'r.name as resource_name', 't.user_id'])
      .where('h.id', '=', id).forUpdate('h').executeTakeFirst();
    if (!h || ctx.actor.scope.enterpriseId !== h.enterprise_id) throw new AppError('TALENT_HANDOVER_NOT_FOUND');
    if (h.status !== 'assigned') {
      throw new AppError('TALENT_HANDOVER_IN_USE', undefined, h.status === 'revoked'
        ? { zh: '该配额已撤回', en: 'This unit has already been revoked' }
        : { zh: '该配额已兑现，不能撤回', en: 'This unit has been used in a round; it cannot be revoked' });
    }
    const pending = await tx.selectFrom('talent_round_applications as a').innerJoin('talent_rounds as ro', 'ro.id', 'a.round_id')
      .select(['ro.name']).where('a.handover_id', '=', id).where('ro.status', 'in', ['draft', 'open', 'closed']).executeTakeFirst();
    if (pending) {
      throw new AppError('TALENT_HANDOVER_IN_USE', undefined, {
        zh: `该配额正用于“${pending.name}”的申请，轮次分配前不能撤回`, en: `This unit backs an application to "${pending.name}"; it cannot be revoked before the allocation`,
      });
    }
    await tx.updateTable('talent_quota_handovers').set({ status: 'revoked', revoked_by: ctx.actor.userId, revoked_at: ctx.now }).where('id', '=', id).execute();
    await tx.updateTable('talent_quota_usage').set((eb) => ({ used: eb('used', '-', 1) }))
      .where('enterprise_id', '=', h.enterprise_id).where('resource_id', '=', h.resource_id).where('period', '=', h.period).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.quota.revoke', entityType: 'talent_quota_handover', entityId: id, enterpriseId: h.enterprise_id,
      before: { status: 'assigned' }, after: { status: 'revoked', talentId: h.talent_id, resourceId: h.resource_id, period: h.period },
    });
    if (h.user_id) {
      await notifier.notify(tx, h.user_id, { title: `“${h.resource_name}”配额已撤回`, body: `${h.enterprise_name} 撤回了调剂给您的 ${h.period} “${h.resource_name}”配额。`, link: '/talent/redemption' });
    }
  });
  return view(await handoverQuery(ctx.db).where('h.id', '=', id).executeTakeFirstOrThrow());
}
