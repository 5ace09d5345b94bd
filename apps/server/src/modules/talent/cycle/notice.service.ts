import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { containing } from '../../../db/like';
import type { Ctx, Tx } from '../../../core/context';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { localDateOf } from '../../../core/reference/domain/workday';
import { noticePhase, workdaysLeft } from '../domain/cycle';
import { noticeEndsAt } from './cycle.service';

export type NoticeQuery = { year?: number; list: 'talents' | 'enterprises'; page: number; pageSize: number; enterprise?: string };

/**
 * What a public notice may show, and nothing else: the year, the period and how to object, the
 * talents by masked name with enterprise, points and rank, the enterprises with points, rank, tier
 * and evaluation bonus. No id of a person, no ID number, no phone, no full name. Only cycles in
 * notice or final are readable; the search is by enterprise name only (a search by a person's
 * name would confirm who is behind a masked one).
 */
export async function publicNotice(db: Tx, now: Date, calendar: () => WorkdayCalendar, q: NoticeQuery) {
  const cycles = await db.selectFrom('talent_cycles').select(['id', 'year', 'status']).where('status', 'in', ['notice', 'final']).orderBy('year', 'desc').execute();
  const years = cycles.map((c) => ({ year: c.year, status: c.status as 'notice' | 'final' }));
  const pick = q.year === undefined ? cycles[0] : cycles.find((c) => c.year === q.year);
  if (!pick) {
    if (q.year !== undefined) throw new AppError('TALENT_CYCLE_NOT_FOUND', undefined, { zh: `${q.year} 年度的人才积分尚未公示`, en: `The ${q.year} talent points have not been published` });
    return { years, notice: null, list: q.list, items: [], total: 0 };
  }
  const c = await db.selectFrom('talent_cycles as c')
    .innerJoin('talent_scheme_versions as p', 'p.id', 'c.personal_version_id')
    .innerJoin('talent_scheme_versions as e', 'e.id', 'c.enterprise_version_id')
    .select(['c.year', 'c.status', 'c.notice_starts_on', 'c.notice_ends_on', 'c.notice_workdays', 'c.objection_channel', 'c.published_at', 'c.finalized_at', 'c.points_as_of', 'c.enterprise_as_of',
      'p.name as personal_name', 'p.version as personal_version', 'e.name as enterprise_name', 'e.version as enterprise_version'])
    .where('c.id', '=', pick.id).executeTakeFirstOrThrow();
  const today = localDateOf(now);
  const period = { startsOn: c.notice_starts_on!, endsOn: c.notice_ends_on! };
  const [talents, enterprises, objections] = await Promise.all([
    db.selectFrom('talent_cycle_talent_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', pick.id).executeTakeFirstOrThrow(),
    db.selectFrom('talent_cycle_enterprise_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', pick.id).executeTakeFirstOrThrow(),
    db.selectFrom('talent_cycle_objections').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('cycle_id', '=', pick.id).groupBy('status').execute(),
  ]);
  const answered = objections.filter((o) => o.status !== 'pending').reduce((s, o) => s + Number(o.n), 0);
  const notice = {
    year: c.year, status: c.status as 'notice' | 'final',
    startsOn: period.startsOn, endsOn: period.endsOn, endsAt: noticeEndsAt(period.endsOn), workdays: c.notice_workdays,
    phase: noticePhase(period, today), workdaysLeft: workdaysLeft(calendar(), period, today),
    objectionChannel: c.objection_channel, publishedAt: c.published_at, finalizedAt: c.finalized_at,
    pointsAsOf: c.points_as_of, enterpriseAsOf: c.enterprise_as_of,
    schemes: { personal: { name: c.personal_name, version: c.personal_version }, enterprise: { name: c.enterprise_name, version: c.enterprise_version } },
    counts: { talents: Number(talents.n), enterprises: Number(enterprises.n), objectionsAnswered: answered, objectionsUpheld: objections.filter((o) => o.status === 'upheld').reduce((s, o) => s + Number(o.n), 0) },
  };
  const offset = (q.page - 1) * q.pageSize;
  if (q.list === 'talents') {
    let base = db.selectFrom('talent_cycle_talent_entries').where('cycle_id', '=', pick.id);
    if (q.enterprise) base = base.where('enterprise_name', 'ilike', containing(q.enterprise));
    const [rows, total] = await Promise.all([
      base.select(['masked_name', 'enterprise_name', 'points', 'rank', 'corrected']).orderBy('rank').orderBy('id').limit(q.pageSize).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      years, notice, list: q.list, total: Number(total.n),
      items: rows.map((r) => ({ rank: r.rank, name: r.masked_name, enterpriseName: r.enterprise_name, points: Number(r.points), corrected: r.corrected })),
    };
  }
  let base = db.selectFrom('talent_cycle_enterprise_entries').where('cycle_id', '=', pick.id);
  if (q.enterprise) base = base.where('enterprise_name', 'ilike', containing(q.enterprise));
  const [rows, total] = await Promise.all([
    base.select(['enterprise_name', 'points', 'rank', 'tier_label', 'evaluation_bonus', 'corrected']).orderBy(sql`rank ASC NULLS LAST`).orderBy('id').limit(q.pageSize).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    years, notice, list: q.list, total: Number(total.n),
    items: rows.map((r) => ({
      rank: r.rank, name: r.enterprise_name, points: Number(r.points), tier: r.tier_label ?? null,
      evaluationBonus: r.evaluation_bonus === null ? null : Number(r.evaluation_bonus), corrected: r.corrected,
    })),
  };
}

/**
 * The same lists for signed-in users, with each entry's id (an objection names it). The office
 * sees full names; everyone else the notice's masked names.
 */
export async function cycleEntries(ctx: Ctx, cycleId: string, q: { list: 'talents' | 'enterprises'; page: number; pageSize: number; q?: string }) {
  const c = await ctx.db.selectFrom('talent_cycles').select(['id', 'status']).where('id', '=', cycleId).executeTakeFirst();
  if (!c || (c.status !== 'notice' && c.status !== 'final')) throw new AppError('TALENT_CYCLE_NOT_FOUND');
  const full = ctx.actor.permissions.has('talent.cycle.manage');
  const offset = (q.page - 1) * q.pageSize;
  if (q.list === 'talents') {
    let base = ctx.db.selectFrom('talent_cycle_talent_entries').where('cycle_id', '=', cycleId);
    if (q.q) base = full ? base.where((eb) => eb.or([eb('name', 'ilike', containing(q.q!)), eb('enterprise_name', 'ilike', containing(q.q!))])) : base.where('enterprise_name', 'ilike', containing(q.q));
    const [rows, total] = await Promise.all([
      base.select(['id', 'name', 'masked_name', 'talent_id', 'enterprise_name', 'points', 'rank', 'corrected']).orderBy('rank').orderBy('id').limit(q.pageSize).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      total: Number(total.n),
      items: rows.map((r) => ({ id: r.id, rank: r.rank, name: full ? r.name : r.masked_name, talentId: full ? r.talent_id : null, enterpriseName: r.enterprise_name, points: Number(r.points), tier: null, evaluationBonus: null, corrected: r.corrected })),
    };
  }
  let base = ctx.db.selectFrom('talent_cycle_enterprise_entries').where('cycle_id', '=', cycleId);
  if (q.q) base = base.where('enterprise_name', 'ilike', containing(q.q));
  const [rows, total] = await Promise.all([
    base.select(['id', 'enterprise_name', 'points', 'rank', 'tier_label', 'evaluation_bonus', 'corrected']).orderBy(sql`rank ASC NULLS LAST`).orderBy('id').limit(q.pageSize).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ id: r.id, rank: r.rank, name: r.enterprise_name, talentId: null, enterpriseName: r.enterprise_name, points: Number(r.points), tier: r.tier_label ?? null, evaluationBonus: r.evaluation_bonus === null ? null : Number(r.evaluation_bonus), corrected: r.corrected })),
  };
}
