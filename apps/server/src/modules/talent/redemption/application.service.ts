import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { Label } from '../domain';
import { pointsBasis, talentPoints, type PointsBasis } from './points';
import type { Notifier } from '../../../core/notifications/notifier';
import { optionsOf, roundBase, roundSummary, type RoundRow } from './round.service';
import { notifyApplicationReceived, shanghaiMinute } from './round-notices';

const PG_UNIQUE = '23505';

/**
 * A talent applies for themselves (the person chooses and orders the preferences, as a family
 * fills in its 志愿); enterprise HR's part is the quota handover, not the application.
 */
async function myTalent(ctx: Ctx, db: Tx = ctx.db) {
  const t = await db.selectFrom('talents').select(['id', 'name', 'status']).where('user_id', '=', ctx.actor.userId).executeTakeFirst();
  if (!t) throw new AppError('TALENT_NOT_FOUND');
  return t;
}

type RoundRules = Pick<RoundRow, 'id' | 'resource_id' | 'period' | 'min_points' | 'quota_holders'>;

/**
 * The talent's live unit of the round's resource and period. `lock` (inside apply's transaction)
 * takes it FOR UPDATE: a concurrent revoke (which locks it too) either waits for the application to
 * commit and then sees it, or commits first, and PostgreSQL re-checks `status = 'assigned'` on the
 * revoked row, which no longer matches; two applications with the same unit to two rounds are
 * serialised, so the second sees the first.
 */
async function liveHandover(db: Tx, talentId: string, r: Pick<RoundRules, 'resource_id' | 'period'>, lock = false) {
  const qb = db.selectFrom('talent_quota_handovers').select(['id']).where('talent_id', '=', talentId)
    .where('resource_id', '=', r.resource_id).where('period', '=', r.period).where('status', '=', 'assigned');
  return (lock ? qb.forUpdate() : qb).executeTakeFirst();
}

/** Eligible: complete personal points at or above the threshold, or (when the round says so) a live unit of its resource and period. */
async function eligibility(db: Tx, basis: PointsBasis, talentId: string, r: RoundRules, lock = false) {
  const handover = await liveHandover(db, talentId, r, lock);
  const p = (await talentPoints(db, basis, [talentId])).get(talentId);
  const points = p?.points ?? null;
  const min = r.min_points === null ? null : Number(r.min_points);
  const byPoints = min !== null && points !== null && points >= min;
  const byQuota = r.quota_holders && !!handover;
  const eligible = byPoints || byQuota;
  const pts = points === null ? '尚无完整积分' : `个人积分 ${points} 分`;
  const ptsEn = points === null ? 'no complete points yet' : `personal points ${points}`;
  let reason: Label;
  if (byQuota) reason = { zh: '持有本企业调剂的配额', en: 'holds a unit handed over by the enterprise' };
  else if (byPoints) reason = { zh: `${pts}，达到门槛 ${min} 分`, en: `${ptsEn}, at or above the threshold ${min}` };
  else {
    const parts = [
      min !== null ? { zh: `${pts}，未达到门槛 ${min} 分`, en: `${ptsEn}, below the threshold ${min}` } : null,
      r.quota_holders ? { zh: `未持有 ${r.period} 的该资源配额`, en: `holds no unit of this resource for ${r.period}` } : null,
    ].filter((x): x is Label => x !== null);
    reason = { zh: parts.map((x) => x.zh).join('；'), en: parts.map((x) => x.en).join('; ') };
  }
  return { eligible, points, pointsAsOf: basis.asOf, holdsQuota: !!handover, byQuota, handoverId: byQuota ? handover!.id : null, reason };
}

const isOpenAt = (r: Pick<RoundRow, 'status' | 'opens_at' | 'closes_at'>, now: Date) => r.status === 'open' && r.opens_at <= now && now < r.closes_at;

/** The rounds open now, each with whether the talent may apply and why, and their application if any. */
export async function myRounds(ctx: Ctx) {
  const t = await myTalent(ctx);
  const basis = await pointsBasis(ctx);
  const rows = await roundBase(ctx.db).where('ro.status', '=', 'open').where('ro.opens_at', '<=', ctx.now).where('ro.closes_at', '>', ctx.now)
    .orderBy('ro.closes_at').limit(200).execute();
  const mine = await ctx.db.selectFrom('talent_round_applications').select(['id', 'round_id']).where('talent_id', '=', t.id).execute();
  const appOf = new Map(mine.map((a) => [a.round_id, a.id]));
  const items = [];
  for (const r of rows) {
    const e = await eligibility(ctx.db, basis, t.id, r);
    items.push({
      round: { ...roundSummary(r, basis), options: await optionsOf(ctx.db, r.id) },
      eligibility: { eligible: e.eligible, points: e.points, pointsAsOf: e.pointsAsOf, holdsQuota: e.holdsQuota, reason: e.reason },
      applicationId: appOf.get(r.id) ?? null,
    });
  }
  return { items };
}

export async function apply(ctx: Ctx, notifier: Notifier, roundId: string, input: { preferences: string[] }) {
  const basis = await pointsBasis(ctx);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const t = await myTalent(ctx, tx);
    // FOR SHARE: close and allocate lock the round FOR UPDATE, so they wait for this application
    // (and see it), or this waits for them and sees the new status
    const r = await tx.selectFrom('talent_rounds').selectAll().where('id', '=', roundId).where('status', '<>', 'draft').forShare().executeTakeFirst();
    if (!r) throw new AppError('TALENT_ROUND_NOT_FOUND');
    if (!isOpenAt(r, ctx.now)) {
      const when = shanghaiMinute;
      throw new AppError('TALENT_ROUND_NOT_OPEN', undefined, ctx.now < r.opens_at
        ? { zh: `“${r.name}”的申报期自 ${when(r.opens_at)} 开始，尚未开始`, en: `Applications to "${r.name}" open at ${when(r.opens_at)}` }
        : { zh: `“${r.name}”的申报已于 ${when(r.status === 'open' ? r.closes_at : r.updated_at)} 截止，不能再申请`, en: `Applications to "${r.name}" closed at ${when(r.status === 'open' ? r.closes_at : r.updated_at)}` });
    }
    if (t.status !== 'active') throw new AppError('TALENT_ROUND_NOT_ELIGIBLE', undefined, { zh: '人才档案不是在职状态，不能申请', en: 'Your talent record is not active' });
    const optionNames = await checkPreferences(tx, roundId, input.preferences);
    const already = await tx.selectFrom('talent_round_applications').select('id').where('round_id', '=', roundId).where('talent_id', '=', t.id).executeTakeFirst();
    if (already) throw new AppError('TALENT_ROUND_ALREADY_APPLIED');
    const e = await eligibility(tx, basis, t.id, r, true);
    if (!e.eligible) {
      throw new AppError('TALENT_ROUND_NOT_ELIGIBLE', undefined, { zh: `不符合“${r.name}”的申请条件：${e.reason.zh}`, en: `You are not eligible for "${r.name}": ${e.reason.en}` });
    }
    if (e.byQuota) {
      // one unit backs one pending application at a time: else it would give priority and a place in two rounds
      const other = await tx.selectFrom('talent_round_applications as a').innerJoin('talent_rounds as ro', 'ro.id', 'a.round_id')
        .select(['ro.name']).where('a.handover_id', '=', e.handoverId!).where('a.round_id', '<>', roundId)
        .where('ro.status', 'in', ['draft', 'open', 'closed']).executeTakeFirst();
      if (other) {
        throw new AppError('TALENT_QUOTA_IN_OTHER_ROUND', undefined, {
          zh: `您的配额正用于“${other.name}”的申请，该轮分配前不能再用于“${r.name}”`,
          en: `Your unit backs your application to "${other.name}"; it cannot back "${r.name}" until that round is allocated`,
        });
      }
    }
    const row = await tx.insertInto('talent_round_applications').values({
      round_id: roundId, talent_id: t.id, preferences: input.preferences, points: e.points, by_quota: e.byQuota, handover_id: e.handoverId,
      submitted_by: ctx.actor.userId, submitted_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow().catch((err: { code?: string }) => {
      throw err.code === PG_UNIQUE ? new AppError('TALENT_ROUND_ALREADY_APPLIED') : err;
    });
    await recordAudit(tx, ctx, {
      action: 'talent.round.apply', entityType: 'talent_round_application', entityId: row.id,
      after: { roundId, talentId: t.id, preferences: input.preferences, points: e.points, byQuota: e.byQuota },
    });
    if (ctx.actor.userId) {
      await notifyApplicationReceived(tx, notifier, {
        userId: ctx.actor.userId, applicationId: row.id, roundName: r.name, closesAt: r.closes_at,
        preferences: input.preferences.map((p) => optionNames.get(p)!),
      });
    }
    return row.id;
  });
  return myApplication(ctx, id);
}

/** Each preference is an option of the round, listed once (400 at preferences.i); returns the options' names. */
async function checkPreferences(tx: Tx, roundId: string, preferences: string[]) {
  const options = new Map((await tx.selectFrom('talent_round_options').select(['id', 'name']).where('round_id', '=', roundId).execute()).map((o) => [o.id, o.name]));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  preferences.forEach((p, i) => {
    if (!options.has(p)) fields[`preferences.${i}`] = '不是本轮的选项';
    else if (seen.has(p)) fields[`preferences.${i}`] = '志愿重复填报';
    seen.add(p);
  });
  if (Object.keys(fields).length) throw invalid(fields);
  return options;
}

/**
 * Replaces the ordered preferences of the talent's own application while the round is open (the
 * round read FOR SHARE, as apply and withdraw, so a close waits or is waited for). Eligibility and
 * the unit backing it stay as they were when applying; the submission time stays too.
 */
export async function changePreferences(ctx: Ctx, roundId: string, input: { preferences: string[] }) {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const t = await myTalent(ctx, tx);
    const r = await tx.selectFrom('talent_rounds').select(['status', 'opens_at', 'closes_at', 'name']).where('id', '=', roundId).forShare().executeTakeFirst();
    const a = r && await tx.selectFrom('talent_round_applications').select(['id', 'preferences'])
      .where('round_id', '=', roundId).where('talent_id', '=', t.id).executeTakeFirst();
    if (!r || !a) throw new AppError('TALENT_APPLICATION_NOT_FOUND');
    if (!isOpenAt(r, ctx.now)) throw new AppError('TALENT_ROUND_NOT_OPEN', undefined, { zh: `“${r.name}”的申报已截止，不能再修改志愿`, en: `Applications to "${r.name}" are closed; your preferences can no longer change` });
    await checkPreferences(tx, roundId, input.preferences);
    await tx.updateTable('talent_round_applications').set({ preferences: input.preferences }).where('id', '=', a.id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.round.change', entityType: 'talent_round_application', entityId: a.id,
      before: { preferences: a.preferences }, after: { roundId, talentId: t.id, preferences: input.preferences },
    });
    return a.id;
  });
  return myApplication(ctx, id);
}

/** Withdraws the talent's own application while the round is open. */
export async function withdraw(ctx: Ctx, roundId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const t = await myTalent(ctx, tx);
    // the round FOR SHARE first (as apply): a close or allocation in progress is waited for, then seen
    const r = await tx.selectFrom('talent_rounds').select(['status', 'opens_at', 'closes_at', 'name']).where('id', '=', roundId).forShare().executeTakeFirst();
    const a = r && await tx.selectFrom('talent_round_applications').select(['id', 'preferences'])
      .where('round_id', '=', roundId).where('talent_id', '=', t.id).executeTakeFirst();
    if (!r || !a) throw new AppError('TALENT_APPLICATION_NOT_FOUND');
    if (!isOpenAt(r, ctx.now)) throw new AppError('TALENT_ROUND_NOT_OPEN', undefined, { zh: `“${r.name}”的申报已截止，不能撤回申请`, en: `Applications to "${r.name}" are closed; yours cannot be withdrawn` });
    await tx.deleteFrom('talent_round_applications').where('id', '=', a.id).execute();
    await recordAudit(tx, ctx, { action: 'talent.round.withdraw', entityType: 'talent_round_application', entityId: a.id, before: { roundId, talentId: t.id, preferences: a.preferences } });
  });
}

const WHY_ZH: Record<string, (i?: number, label?: string) => string> = {
  priorityClass: () => '持有配额者优先', points: () => '积分高低', subScore: (i, l) => `同分时第 ${i! + 1} 项比较（${l ?? '单项积分'}）`,
  qualifiedAt: () => '同分时达到条件的先后', lottery: () => '同分时摇号（种子已公布，可复核）',
};
const WHY_EN: Record<string, (i?: number, label?: string) => string> = {
  priorityClass: () => 'quota holders first', points: () => 'points', subScore: (i, l) => `tie-break ${i! + 1} (${l ?? 'item points'})`,
  qualifiedAt: () => 'the date of qualifying, on equal points', lottery: () => 'the lottery on a full tie (the seed is published)',
};

async function applicationViews(ctx: Ctx, talentId: string, onlyId?: string) {
  let qb = ctx.db.selectFrom('talent_round_applications as a').innerJoin('talent_rounds as ro', 'ro.id', 'a.round_id')
    .innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
    .leftJoin('talent_round_results as x', (j) => j.onRef('x.round_id', '=', 'a.round_id').onRef('x.application_id', '=', 'a.id'))
    .select(['a.id', 'a.round_id', 'ro.name as round_name', 'ro.status', 'r.name as resource_name', 'ro.period', 'a.preferences', 'a.points', 'a.by_quota', 'a.submitted_at',
      'ro.seed', 'ro.seed_commitment', 'ro.tie_break_items',
      'x.rank', 'x.option_id', 'x.preference_index', 'x.priority_class', 'x.points as result_points', 'x.sub_scores', 'x.qualified_at', 'x.ticket', 'x.decided_by',
      (eb) => eb.selectFrom('talent_round_results as n').whereRef('n.round_id', '=', 'a.round_id').select((e) => e.fn.countAll<number>().as('n')).as('applicants')])
    .where('a.talent_id', '=', talentId);
  if (onlyId) qb = qb.where('a.id', '=', onlyId);
  const rows = await qb.orderBy('a.submitted_at', 'desc').execute();
  const roundIds = [...new Set(rows.map((r) => r.round_id))];
  const options = roundIds.length
    ? await ctx.db.selectFrom('talent_round_options').select(['id', 'name', 'capacity', 'filled', 'cutoff_points', 'cutoff_rank']).where('round_id', 'in', roundIds).execute()
    : [];
  const opt = new Map(options.map((o) => [o.id, o]));
  const basis = rows.some((r) => r.rank !== null) ? await pointsBasis(ctx) : null;
  return rows.map((a) => {
    const revealed = a.status === 'allocated' || a.status === 'final';
    let result = null;
    if (revealed && a.rank !== null) {
      const decided = a.decided_by as { key: string; index?: number } | null;
      const label = decided?.key === 'subScore' ? basis?.items.get(a.tie_break_items[decided.index!] ?? '')?.label : undefined;
      const won = a.option_id ? opt.get(a.option_id) : undefined;
      const head = won
        ? { zh: `排名第 ${a.rank}/${a.applicants} 位，获得第 ${a.preference_index! + 1} 志愿“${won.name}”`, en: `Ranked ${a.rank} of ${a.applicants}; placed at preference ${a.preference_index! + 1}, "${won.name}"` }
        : { zh: `排名第 ${a.rank}/${a.applicants} 位，轮到您时所填志愿均已满额`, en: `Ranked ${a.rank} of ${a.applicants}; every option you listed was full when your turn came` };
      const behind = decided
        ? { zh: `；与前一位的先后由${WHY_ZH[decided.key]!(decided.index, label?.zh)}决定`, en: `; placed after the previous applicant by ${WHY_EN[decided.key]!(decided.index, label?.en)}` }
        : { zh: '；排名第一', en: '; ranked first' };
      result = {
        rank: a.rank, applicants: Number(a.applicants), optionId: a.option_id, optionName: won?.name ?? null, preferenceIndex: a.preference_index,
        priorityClass: a.priority_class!, points: Number(a.result_points), subScores: a.sub_scores as (number | null)[], qualifiedAt: a.qualified_at, ticket: a.ticket!,
        decidedBy: decided as { key: 'points' } | null,
        cutoffs: a.preferences.flatMap((id) => {
          const o = opt.get(id);
          return o ? [{ optionId: id, name: o.name, capacity: o.capacity, filled: o.filled ?? 0, cutoff: o.cutoff_rank === null || o.cutoff_points === null ? null : { points: Number(o.cutoff_points), rank: o.cutoff_rank } }] : [];
        }),
        why: { zh: head.zh + behind.zh, en: head.en + behind.en },
      };
    }
    return {
      id: a.id, roundId: a.round_id, roundName: a.round_name, roundStatus: a.status, resourceName: a.resource_name, period: a.period,
      preferences: a.preferences.map((id) => ({ optionId: id, name: opt.get(id)?.name ?? id })),
      points: a.points === null ? null : Number(a.points), byQuota: a.by_quota, submittedAt: a.submitted_at,
      result, seed: revealed ? a.seed : null, seedCommitment: a.seed_commitment,
    };
  });
}

export async function myApplications(ctx: Ctx) {
  const t = await myTalent(ctx);
  return { items: await applicationViews(ctx, t.id) };
}

/** One application: the talent's own only (anyone else's is 404). */
export async function myApplication(ctx: Ctx, id: string) {
  const t = await myTalent(ctx);
  const [a] = await applicationViews(ctx, t.id, id);
  if (!a) throw new AppError('TALENT_APPLICATION_NOT_FOUND');
  return a;
}
