import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { maskIdNumber } from '../../../core/privacy/mask';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { TalentRoundStatus } from '../../../db/schema';
import { allocateRound, RoundInputError, seedCommitment, type Applicant } from '../domain';
import { pointsBasis, qualifiedSince, subScoresOf, talentPoints, type PointsBasis } from './points';
import { canPublishFor, roundVisible } from './scope';
import { notifyRoundFinal, notifyRoundOpened, shanghaiMinute } from './round-notices';

export type RoundInput = {
  name: string; resourceId: string; period: string; minPoints: number | null; quotaHolders: boolean; quotaFirst: boolean;
  tieBreakItems: string[]; opensAt: Date; closesAt: Date; noticeDays: number;
};

const STATUS_ZH: Record<TalentRoundStatus, string> = { draft: '草稿', open: '申报中', closed: '已截止', allocated: '已分配（公示中）', final: '已确定' };
const STATUS_EN: Record<TalentRoundStatus, string> = { draft: 'draft', open: 'open', closed: 'closed', allocated: 'allocated (in public notice)', final: 'final' };

export const stateError = (status: TalentRoundStatus, zh: string, en: string) =>
  new AppError('TALENT_ROUND_STATE', undefined, { zh: `兑现轮次当前为“${STATUS_ZH[status]}”，${zh}`, en: `The round is ${STATUS_EN[status]}: ${en}` });

export function roundBase(db: Tx) {
  return db
    .selectFrom('talent_rounds as ro')
    .innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
    .selectAll('ro')
    .select(['r.name as resource_name', 'r.unit', 'r.department_id'])
    .select((eb) => [
      eb.selectFrom('talent_round_applications as a').whereRef('a.round_id', '=', 'ro.id').select((e) => e.fn.countAll<number>().as('n')).as('applications'),
      eb.selectFrom('talent_round_options as o').whereRef('o.round_id', '=', 'ro.id').select(sql<number>`coalesce(sum(o.capacity), 0)`.as('c')).as('capacity'),
      eb.selectFrom('talent_round_results as x').whereRef('x.round_id', '=', 'ro.id').where('x.option_id', 'is not', null).select((e) => e.fn.countAll<number>().as('n')).as('placed'),
    ]);
}
export type RoundRow = Awaited<ReturnType<ReturnType<typeof roundBase>['executeTakeFirstOrThrow']>>;

const revealed = (s: TalentRoundStatus) => s === 'allocated' || s === 'final';

export function roundSummary(r: RoundRow, basis: PointsBasis) {
  return {
    id: r.id, name: r.name, resourceId: r.resource_id, resourceName: r.resource_name, unit: r.unit, period: r.period, status: r.status,
    minPoints: r.min_points === null ? null : Number(r.min_points), quotaHolders: r.quota_holders, quotaFirst: r.quota_first,
    tieBreakItems: r.tie_break_items.map((itemId) => ({ itemId, label: basis.items.get(itemId)?.label ?? null })),
    opensAt: r.opens_at, closesAt: r.closes_at, noticeDays: r.notice_days,
    seedCommitment: r.seed_commitment, seed: revealed(r.status) ? r.seed : null,
    pointsAsOf: r.points_as_of, allocatedAt: r.allocated_at, noticeEndsAt: r.notice_ends_at, finalizedAt: r.finalized_at,
    capacity: Number(r.capacity ?? 0), applications: Number(r.applications ?? 0), placed: revealed(r.status) ? Number(r.placed ?? 0) : null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function optionsOf(db: Tx, roundId: string) {
  const rows = await db.selectFrom('talent_round_options').selectAll().where('round_id', '=', roundId).orderBy('position').orderBy('id').execute();
  return rows.map((o) => ({
    id: o.id, name: o.name, capacity: o.capacity, publishedAt: o.published_at, filled: o.filled,
    cutoff: o.cutoff_rank === null || o.cutoff_points === null ? null : { points: Number(o.cutoff_points), rank: o.cutoff_rank },
  }));
}

export async function listRounds(ctx: Ctx, q: { status?: TalentRoundStatus; resourceId?: string; period?: string }) {
  let qb = roundBase(ctx.db).where(roundVisible(ctx.actor));
  if (q.status) qb = qb.where('ro.status', '=', q.status);
  if (q.resourceId) qb = qb.where('ro.resource_id', '=', q.resourceId);
  if (q.period) qb = qb.where('ro.period', '=', q.period);
  const [rows, basis] = await Promise.all([qb.orderBy('ro.opens_at', 'desc').orderBy('ro.id').limit(500).execute(), pointsBasis(ctx)]);
  return { items: rows.map((r) => roundSummary(r, basis)) };
}

export async function getRound(ctx: Ctx, id: string) {
  const r = await roundBase(ctx.db).where('ro.id', '=', id).where(roundVisible(ctx.actor)).executeTakeFirst();
  if (!r) throw new AppError('TALENT_ROUND_NOT_FOUND');
  const [options, basis] = await Promise.all([optionsOf(ctx.db, id), pointsBasis(ctx)]);
  return { ...roundSummary(r, basis), options };
}

async function checkRoundInput(ctx: Ctx, db: Tx, input: RoundInput, basis: PointsBasis) {
  const fields: Record<string, string> = {};
  if (input.closesAt <= input.opensAt) fields.closesAt = '截止时间须晚于开始时间';
  if (input.minPoints === null && !input.quotaHolders) fields.minPoints = '须设积分门槛，或允许持有配额的人才申请';
  if (input.quotaFirst && !input.quotaHolders) fields.quotaFirst = '“配额持有人优先”须同时允许持有配额的人才申请';
  const seen = new Set<string>();
  input.tieBreakItems.forEach((id, i) => {
    if (!basis.items.has(id)) fields[`tieBreakItems.${i}`] = `现行个人积分办法没有积分项 ${id}`;
    else if (seen.has(id)) fields[`tieBreakItems.${i}`] = `积分项 ${id} 重复`;
    seen.add(id);
  });
  const r = await db.selectFrom('talent_resources').select('active').where('id', '=', input.resourceId).executeTakeFirst();
  if (!r || !r.active) fields.resourceId = '资源不存在或已停用';
  if (Object.keys(fields).length) throw invalid(fields);
}

const roundColumns = (input: RoundInput) => ({
  name: input.name, resource_id: input.resourceId, period: input.period, min_points: input.minPoints, quota_holders: input.quotaHolders,
  quota_first: input.quotaFirst, tie_break_items: input.tieBreakItems, opens_at: input.opensAt, closes_at: input.closesAt, notice_days: input.noticeDays,
});

export async function createRound(ctx: Ctx, input: RoundInput) {
  const basis = await pointsBasis(ctx);
  const id = await ctx.db.transaction().execute(async (tx) => {
    await checkRoundInput(ctx, tx, input, basis);
    const row = await tx.insertInto('talent_rounds').values({ ...roundColumns(input), created_by: ctx.actor.userId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'talent.round.create', entityType: 'talent_round', entityId: row.id, after: input });
    return row.id;
  });
  return getRound(ctx, id);
}

async function lockRound(tx: Tx, ctx: Ctx, id: string) {
  const r = await tx.selectFrom('talent_rounds as ro').innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
    .selectAll('ro').select(['r.name as resource_name', 'r.department_id'])
    .where('ro.id', '=', id).where(roundVisible(ctx.actor)).forUpdate('ro').executeTakeFirst();
  if (!r) throw new AppError('TALENT_ROUND_NOT_FOUND');
  return r;
}

export async function updateRound(ctx: Ctx, id: string, input: RoundInput) {
  const basis = await pointsBasis(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await lockRound(tx, ctx, id);
    if (before.status !== 'draft') throw stateError(before.status, '只有草稿可以修改规则（规则须在申报前公布）', 'only a draft can change its rules (rules are published before the round)');
    await checkRoundInput(ctx, tx, input, basis);
    await tx.updateTable('talent_rounds').set({ ...roundColumns(input), updated_at: ctx.now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'talent.round.update', entityType: 'talent_round', entityId: id, after: input });
  });
  return getRound(ctx, id);
}

/**
 * The resource owner publishes the places of each option. In a draft the options may be added,
 * renamed and removed; once the round is open only names and capacities change (applicants'
 * preferences point at the options); after the allocation nothing changes.
 */
export async function setOptions(ctx: Ctx, id: string, input: { options: { id?: string; name: string; capacity: number }[] }) {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.selectFrom('talent_rounds as ro').innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
      .select(['ro.id', 'ro.status']).where('ro.id', '=', id).where(roundVisible(ctx.actor)).where(canPublishFor(ctx.actor))
      .forUpdate('ro').executeTakeFirst();
    if (!r) throw new AppError('TALENT_ROUND_NOT_FOUND');
    if (revealed(r.status)) throw stateError(r.status, '名额不能再修改', 'its places can no longer change');
    const existing = await tx.selectFrom('talent_round_options').select(['id', 'name', 'capacity']).where('round_id', '=', id).execute();
    const byId = new Map(existing.map((o) => [o.id, o]));
    const fields: Record<string, string> = {};
    const names = new Set<string>();
    input.options.forEach((o, i) => {
      if (o.id && !byId.has(o.id)) fields[`options.${i}.id`] = '不是本轮的选项';
      if (names.has(o.name)) fields[`options.${i}.name`] = `选项名称“${o.name}”重复`;
      names.add(o.name);
    });
    if (Object.keys(fields).length) throw invalid(fields);
    const kept = new Set(input.options.flatMap((o) => (o.id ? [o.id] : [])));
    if (r.status !== 'draft' && (kept.size !== existing.length || input.options.some((o) => !o.id))) {
      throw stateError(r.status, '申报开始后只能调整名额和名称，不能增删选项', 'once open, options can change their places and names but cannot be added or removed');
    }
    const removed = existing.filter((o) => !kept.has(o.id)).map((o) => o.id);
    if (removed.length) await tx.deleteFrom('talent_round_options').where('id', 'in', removed).execute();
    // two steps so that renames that swap names do not trip the unique (round, name)
    for (const o of input.options) if (o.id) await tx.updateTable('talent_round_options').set({ name: `~${o.id}` }).where('id', '=', o.id).execute();
    for (const [position, o] of input.options.entries()) {
      if (o.id) {
        const b = byId.get(o.id)!;
        await tx.updateTable('talent_round_options').set({
          name: o.name, capacity: o.capacity, position,
          ...(b.capacity !== o.capacity || b.name !== o.name ? { published_by: ctx.actor.userId, published_at: ctx.now } : {}),
        }).where('id', '=', o.id).execute();
      } else {
        await tx.insertInto('talent_round_options').values({ round_id: id, position, name: o.name, capacity: o.capacity, published_by: ctx.actor.userId, published_at: ctx.now }).execute();
      }
    }
    await recordAudit(tx, ctx, {
      action: 'talent.round.options', entityType: 'talent_round', entityId: id,
      before: existing.map((o) => ({ id: o.id, name: o.name, capacity: o.capacity })), after: input.options,
    });
  });
  return getRound(ctx, id);
}

/**
 * draft → open: the rules are fixed and the seed's commitment is published; the seed stays here.
 * Every talent with a login who may apply is told (round-notices.ts).
 */
export async function openRound(ctx: Ctx, notifier: Notifier, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await lockRound(tx, ctx, id);
    if (r.status !== 'draft') throw stateError(r.status, '不能再开始申报', 'it cannot be opened again');
    const n = await tx.selectFrom('talent_round_options').select((eb) => eb.fn.countAll<number>().as('n')).where('round_id', '=', id).executeTakeFirstOrThrow();
    if (Number(n.n) === 0) throw stateError(r.status, '资源单位尚未发布名额，不能开始申报', 'the resource owner has not published any places yet');
    if (r.closes_at <= ctx.now) throw invalid({ closesAt: '申报截止时间已过，请先修改' });
    const seed = randomBytes(32).toString('hex');
    const commitment = seedCommitment(seed);
    await tx.updateTable('talent_rounds').set({ status: 'open', seed, seed_commitment: commitment, updated_at: ctx.now }).where('id', '=', id).execute();
    const told = await notifyRoundOpened(tx, ctx, notifier, r);
    await recordAudit(tx, ctx, { action: 'talent.round.open', entityType: 'talent_round', entityId: id, before: { status: 'draft' }, after: { status: 'open', seedCommitment: commitment, notified: told } });
  });
  return getRound(ctx, id);
}

/** open → closed (also before the closing time: the office may stop applications early). */
export async function closeRound(ctx: Ctx, _notifier: Notifier, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await lockRound(tx, ctx, id);
    if (r.status !== 'open') throw stateError(r.status, '只有申报中的轮次可以截止', 'only an open round can be closed');
    await tx.updateTable('talent_rounds').set({ status: 'closed', updated_at: ctx.now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'talent.round.close', entityType: 'talent_round', entityId: id, before: { status: 'open' }, after: { status: 'closed' } });
  });
  return getRound(ctx, id);
}

const DAY_MS = 86_400_000;

/**
 * The points basis of an allocation, read inside its transaction with the day's completion marker
 * (talent_score_days) locked FOR SHARE: a recompute of that day deletes the marker first, so it
 * waits for the allocation; if it got there first, the marker is gone and the basis falls back to
 * the previous complete day (read again). A day with no marker at all (no points yet) is taken as is.
 */
async function lockedPointsBasis(ctx: Ctx, tx: Tx): Promise<PointsBasis> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const basis = await pointsBasis({ ...ctx, db: tx }); // on tx: PGlite is one session
    if (!basis.versionId || !basis.asOf) return basis;
    const day = await tx.selectFrom('talent_score_days').select('as_of')
      .where('scheme_version_id', '=', basis.versionId).where('as_of', '=', basis.asOf).forShare().executeTakeFirst();
    if (day) return basis;
  }
  throw new AppError('TALENT_ROUND_POINTS_MISSING', undefined, {
    zh: '积分正在重新计算，暂不能分配；请稍后再试', en: 'The points are being recomputed; allocate again in a moment',
  });
}

/**
 * Runs the allocation once (allocateRound: serial dictatorship by priority class, points, the
 * published sub-scores, qualifying date, seeded lottery), stores every placement and the options'
 * cut-offs, reveals the seed, marks the units of placed quota holders used, starts the public
 * notice and tells every applicant. A second run is refused: a new round is needed.
 */
export async function allocate(ctx: Ctx, notifier: Notifier, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await lockRound(tx, ctx, id);
    if (revealed(r.status)) throw new AppError('TALENT_ROUND_ALREADY_ALLOCATED');
    if (r.status === 'draft') throw stateError(r.status, '尚未开始申报，不能分配', 'it has not been opened yet');
    if (r.status === 'open' && ctx.now < r.closes_at) throw stateError(r.status, '申报尚未截止，请先截止申报再分配', 'applications are still open: close the round first');
    const basis = await lockedPointsBasis(ctx, tx);
    const options = await tx.selectFrom('talent_round_options').select(['id', 'name', 'capacity']).where('round_id', '=', id).orderBy('position').execute();
    // a unit counts only while it is still assigned: a revoked one, or one used by another round's
    // allocation, gives no priority here (the applicant is ranked by points) and is not marked used
    const apps = await tx.selectFrom('talent_round_applications as a')
      .leftJoin('talent_quota_handovers as h', (j) => j.onRef('h.id', '=', 'a.handover_id').on('h.status', '=', 'assigned'))
      .innerJoin('talents as t', 't.id', 'a.talent_id')
      .select(['a.id', 'a.talent_id', 'a.preferences', 'a.by_quota', 'h.id as handover_id', 'h.assigned_at', 't.user_id'])
      .where('a.round_id', '=', id).execute();
    const ids = apps.map((a) => a.talent_id);
    const [points, since] = await Promise.all([
      talentPoints(tx, basis, ids),
      r.min_points === null ? Promise.resolve(new Map<string, string>()) : qualifiedSince(tx, Number(r.min_points), ids),
    ]);
    const unscored = apps.filter((a) => !points.has(a.talent_id)).length;
    if (unscored) {
      // never rank someone at 0 for want of a row: the day is incomplete for them (or they left the register)
      throw new AppError('TALENT_ROUND_POINTS_MISSING', undefined, {
        zh: `${unscored} 名申请人在积分日 ${basis.asOf ?? '（尚无）'} 没有积分记录，暂不能分配；请待积分计算完成后再分配`,
        en: `${unscored} applicant(s) have no points on the points day ${basis.asOf ?? '(none yet)'}; allocate once the points have been computed`,
      });
    }
    const inputs = new Map(apps.map((a) => {
      const p = points.get(a.talent_id);
      const byQuota = a.by_quota && a.handover_id !== null;
      const quotaDay = byQuota && a.assigned_at ? localDateOf(a.assigned_at) : undefined;
      const qualifiedAt = r.quota_first && byQuota ? quotaDay : (since.get(a.talent_id) ?? quotaDay);
      const subScores = subScoresOf(basis, r.tie_break_items, p);
      return [a.id, { a, byQuota, subScores, applicant: {
        id: a.id,
        priorityClass: r.quota_first ? (byQuota ? 0 : 1) : 0,
        points: p?.points ?? 0,
        subScores: subScores.map((s) => s ?? -Infinity), // a missing sub-score loses to any value
        qualifiedAt,
        preferences: a.preferences,
      } satisfies Applicant }];
    }));
    let result;
    try {
      result = allocateRound({ options: options.map((o) => ({ id: o.id, capacity: o.capacity })), applicants: [...inputs.values()].map((x) => x.applicant), seed: r.seed! });
    } catch (err) {
      if (err instanceof RoundInputError) throw stateError(r.status, `数据有误，不能分配：${err.issues.map((i) => i.zh).join('；')}`, `its data cannot be allocated: ${err.issues.map((i) => i.en).join('; ')}`);
      throw err;
    }
    const rows = result.placements.map((p) => {
      const x = inputs.get(p.applicantId)!;
      return {
        round_id: id, application_id: p.applicantId, talent_id: x.a.talent_id, rank: p.rank, option_id: p.optionId, preference_index: p.preferenceIndex,
        priority_class: x.applicant.priorityClass, points: x.applicant.points, sub_scores: JSON.stringify(x.subScores),
        qualified_at: x.applicant.qualifiedAt ?? null, ticket: p.ticket, decided_by: p.decidedBy ? JSON.stringify(p.decidedBy) : null,
      };
    });
    for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('talent_round_results').values(rows.slice(i, i + 1000)).execute();
    for (const o of result.options) {
      await tx.updateTable('talent_round_options').set({ filled: o.filled, cutoff_points: o.cutoff?.points ?? null, cutoff_rank: o.cutoff?.rank ?? null }).where('id', '=', o.optionId).execute();
    }
    const usedHandovers = result.placements.flatMap((p) => {
      const x = inputs.get(p.applicantId)!;
      return p.optionId && x.byQuota && x.a.handover_id ? [x.a.handover_id] : [];
    });
    if (usedHandovers.length) {
      await tx.updateTable('talent_quota_handovers').set({ status: 'used', used_round_id: id }).where('id', 'in', usedHandovers).where('status', '=', 'assigned').execute();
    }
    const noticeEndsAt = new Date(ctx.now.getTime() + r.notice_days * DAY_MS);
    await tx.updateTable('talent_rounds').set({
      status: 'allocated', allocated_at: ctx.now, allocated_by: ctx.actor.userId, notice_ends_at: noticeEndsAt,
      personal_version_id: basis.versionId, points_as_of: basis.asOf, updated_at: ctx.now,
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.round.allocate', entityType: 'talent_round', entityId: id, before: { status: r.status },
      after: {
        status: 'allocated', applicants: result.placements.length, placed: result.placed, unplaced: result.unplaced, seed: result.seed,
        seedCommitment: result.seedCommitment, personalVersionId: basis.versionId, pointsAsOf: basis.asOf, noticeEndsAt,
        options: result.options, quotaUnitsUsed: usedHandovers.length,
      },
    });
    const optionName = new Map(options.map((o) => [o.id, o.name]));
    for (const p of result.placements) {
      const userId = inputs.get(p.applicantId)!.a.user_id;
      if (!userId) continue;
      await notifier.notify(tx, userId, p.optionId
        ? { title: `“${r.name}”分配结果：已获得${optionName.get(p.optionId)}`, body: `您排名第 ${p.rank} 位，获得第 ${p.preferenceIndex! + 1} 志愿“${optionName.get(p.optionId)}”。结果公示 ${r.notice_days} 天。`, link: `/talent/applications/${p.applicantId}` }
        : { title: `“${r.name}”分配结果：未获分配`, body: `您排名第 ${p.rank} 位，轮到您时所填志愿均已满额。结果公示 ${r.notice_days} 天。`, link: `/talent/applications/${p.applicantId}` });
    }
  });
  return getRound(ctx, id);
}

/** allocated → final, once the public notice period has ended (objections: not built yet); every applicant is told. */
export async function finalizeRound(ctx: Ctx, notifier: Notifier, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await lockRound(tx, ctx, id);
    if (r.status !== 'allocated') throw stateError(r.status, '只有已分配的轮次可以确认结果', 'only an allocated round can be made final');
    if (r.notice_ends_at && ctx.now < r.notice_ends_at) {
      throw new AppError('TALENT_ROUND_NOTICE_RUNNING', undefined, {
        zh: `公示期至 ${shanghaiMinute(r.notice_ends_at)} 结束，之后才能确认结果`, en: `The public notice runs until ${shanghaiMinute(r.notice_ends_at)} (Beijing time); the result can be made final after that`,
      });
    }
    await tx.updateTable('talent_rounds').set({ status: 'final', finalized_at: ctx.now, updated_at: ctx.now }).where('id', '=', id).execute();
    const told = await notifyRoundFinal(tx, notifier, id, r.name);
    await recordAudit(tx, ctx, { action: 'talent.round.finalize', entityType: 'talent_round', entityId: id, before: { status: 'allocated' }, after: { status: 'final', notified: told } });
  });
  return getRound(ctx, id);
}

/** Who got what, in rank order (the office; a resource owner for its own resources). Personal data masked. */
export async function roundResults(ctx: Ctx, id: string) {
  const visible = await ctx.db.selectFrom('talent_rounds as ro').innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
    .select(['ro.status']).where('ro.id', '=', id).where(roundVisible(ctx.actor)).where(canPublishFor(ctx.actor)).executeTakeFirst();
  if (!visible) throw new AppError('TALENT_ROUND_NOT_FOUND');
  if (!revealed(visible.status)) throw stateError(visible.status, '尚未分配，没有结果', 'it has not been allocated yet');
  const [round, rows] = await Promise.all([
    getRound(ctx, id),
    ctx.db.selectFrom('talent_round_results as x').innerJoin('talents as t', 't.id', 'x.talent_id')
      .leftJoin('enterprises as e', 'e.id', 't.enterprise_id').leftJoin('talent_round_options as o', 'o.id', 'x.option_id')
      .select(['x.rank', 'x.application_id', 'x.talent_id', 't.name', 't.id_number', 'e.name as enterprise_name', 'x.option_id', 'o.name as option_name',
        'x.preference_index', 'x.priority_class', 'x.points', 'x.sub_scores', 'x.qualified_at', 'x.ticket', 'x.decided_by'])
      .where('x.round_id', '=', id).orderBy('x.rank').execute(),
  ]);
  return {
    round,
    items: rows.map((x) => ({
      rank: x.rank, applicationId: x.application_id, talentId: x.talent_id, name: x.name, idNumber: maskIdNumber(x.id_number),
      enterpriseName: x.enterprise_name ?? null, optionId: x.option_id, optionName: x.option_name ?? null, preferenceIndex: x.preference_index,
      priorityClass: x.priority_class, points: Number(x.points), subScores: x.sub_scores, qualifiedAt: x.qualified_at, ticket: x.ticket,
      decidedBy: x.decided_by as { key: 'points' } | null,
    })),
  };
}
