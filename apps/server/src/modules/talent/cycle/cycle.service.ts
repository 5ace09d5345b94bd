
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { TalentCycleStatus, TalentSchemeKind } from '../../../db/schema';
import {
  allowedActions, CYCLE_ACTION_LABEL, CYCLE_STATUS_LABEL, nextStatus, noticePeriod, noticePhase, workdaysLeft, type CycleAction,
} from '../domain/cycle';
import { schemeRef, versionInEffect, findVersion, type SchemeVersionRow } from '../scoring/scheme.repo';
import { inTx } from './in-tx';
import { pendingEvidenceReviews } from './evidence-reviews';
import { snapshotEntries } from './snapshot';
import { enterpriseUsers, listedTalentUsers, notifyAll } from './recipients';

export type CycleDeps = { notifier: Notifier; calendar: () => WorkdayCalendar };

export type CycleInput = {
  year: number; noticeWorkdays: number; objectionChannel: string;
  personalVersionId?: string; enterpriseVersionId?: string; bonusVersionId?: string | null;
};

export const stateError = (status: TalentCycleStatus, action: CycleAction, why?: { zh: string; en: string }) => {
  const a = CYCLE_ACTION_LABEL[action];
  const s = CYCLE_STATUS_LABEL[status];
  return new AppError('TALENT_CYCLE_STATE', undefined, {
    zh: `年度周期当前为“${s.zh}”，不能${a.zh}${why ? `：${why.zh}` : ''}`,
    en: `The cycle is ${s.en}: it cannot ${a.en}${why ? `: ${why.en}` : ''}`,
  });
};

/** The last moment of the notice (23:59:59.999 of its last day, Asia/Shanghai). */
export const noticeEndsAt = (endsOn: string) => new Date(Date.parse(`${endsOn}T23:59:59.999+08:00`));

type CycleRow = Awaited<ReturnType<typeof loadCycle>>;

async function loadCycle(db: Tx, id: string, lock = false) {
  let q = db.selectFrom('talent_cycles').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) throw new AppError('TALENT_CYCLE_NOT_FOUND');
  return c;
}

async function versionsOf(db: Tx, c: Pick<CycleRow, 'personal_version_id' | 'enterprise_version_id' | 'bonus_version_id'>) {
  const ids = [c.personal_version_id, c.enterprise_version_id, c.bonus_version_id].filter((x): x is string => !!x);
  const rows = await db.selectFrom('talent_scheme_versions').selectAll().where('id', 'in', ids).execute();
  const by = new Map(rows.map((r) => [r.id, r]));
  return {
    personal: by.get(c.personal_version_id)!,
    enterprise: by.get(c.enterprise_version_id)!,
    bonus: c.bonus_version_id ? (by.get(c.bonus_version_id) ?? null) : null,
  };
}

async function countsOf(db: Tx, c: CycleRow) {
  const [talents, enterprises, objections, evidencePending] = await Promise.all([
    db.selectFrom('talent_cycle_talent_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', c.id).executeTakeFirstOrThrow(),
    db.selectFrom('talent_cycle_enterprise_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', c.id).executeTakeFirstOrThrow(),
    db.selectFrom('talent_cycle_objections').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('cycle_id', '=', c.id).groupBy('status').execute(),
    pendingEvidenceReviews(db, c.year),
  ]);
  const by = Object.fromEntries(objections.map((o) => [o.status, Number(o.n)]));
  // before publication: how many the points day holds (what publishing would list)
  const day = async (versionId: string, asOf: string | null) =>
    asOf ? Number((await db.selectFrom('talent_score_days').select('row_count').where('scheme_version_id', '=', versionId).where('as_of', '=', asOf).executeTakeFirst())?.row_count ?? 0) : null;
  return {
    listedTalents: Number(talents.n), listedEnterprises: Number(enterprises.n),
    scoredTalents: await day(c.personal_version_id, c.points_as_of), scoredEnterprises: await day(c.enterprise_version_id, c.enterprise_as_of),
    objections: { pending: by.pending ?? 0, upheld: by.upheld ?? 0, dismissed: by.dismissed ?? 0 },
    evidencePending,
  };
}

export async function cycleView(ctx: Ctx, deps: Pick<CycleDeps, 'calendar'>, c: CycleRow) {
  const [v, counts] = await Promise.all([versionsOf(ctx.db, c), countsOf(ctx.db, c)]);
  const today = localDateOf(ctx.now);
  const notice = c.notice_starts_on && c.notice_ends_on
    ? {
        startsOn: c.notice_starts_on, endsOn: c.notice_ends_on, workdays: c.notice_workdays, endsAt: noticeEndsAt(c.notice_ends_on),
        phase: noticePhase({ startsOn: c.notice_starts_on, endsOn: c.notice_ends_on }, today),
        workdaysLeft: workdaysLeft(deps.calendar(), { startsOn: c.notice_starts_on, endsOn: c.notice_ends_on }, today),
      }
    : null;
  return {
    id: c.id, year: c.year, status: c.status,
    schemes: { personal: schemeRef(v.personal), enterprise: schemeRef(v.enterprise), bonus: v.bonus ? schemeRef(v.bonus) : null },
    noticeWorkdays: c.notice_workdays, objectionChannel: c.objection_channel,
    pointsAsOf: c.points_as_of, enterpriseAsOf: c.enterprise_as_of, bonusAsOf: c.bonus_as_of,
    notice,
    openedAt: c.opened_at, reviewingAt: c.reviewing_at, computedAt: c.computed_at, publishedAt: c.published_at, finalizedAt: c.finalized_at,
    allowedActions: allowedActions(c.status),
    counts,
  };
}

export async function listCycles(ctx: Ctx, deps: Pick<CycleDeps, 'calendar'>) {
  const rows = await ctx.db.selectFrom('talent_cycles').selectAll().orderBy('year', 'desc').execute();
  // the office sees every cycle; others only those published (the rest is the office's work in progress)
  const visible = ctx.actor.permissions.has('talent.cycle.manage') ? rows : rows.filter((r) => r.status === 'notice' || r.status === 'final');
  return { items: await Promise.all(visible.map((r) => cycleView(ctx, deps, r))) };
}

export async function getCycle(ctx: Ctx, deps: Pick<CycleDeps, 'calendar'>, id: string) {
  const c = await loadCycle(ctx.db, id);
  if (!ctx.actor.permissions.has('talent.cycle.manage') && c.status !== 'notice' && c.status !== 'final') throw new AppError('TALENT_CYCLE_NOT_FOUND');
  return cycleView(ctx, deps, c);
}

async function pickVersion(db: Tx, kind: TalentSchemeKind, year: number, id: string | undefined, field: string): Promise<SchemeVersionRow | undefined> {
  if (id) {
    const v = await findVersion(db, id);
    if (!v || v.kind !== kind) throw invalid({ [field]: `不是${kind === 'personal' ? '个人' : kind === 'enterprise' ? '企业' : '综合评价加分'}积分办法的版本` });
    if (v.status === 'draft') throw invalid({ [field]: `版本 ${v.version} 是草稿，须先发布` });
    return v;
  }
  return (await versionInEffect(db, kind, `${year}-12-31`)) ?? (await versionInEffect(db, kind, `${year}-01-01`));
}

/** A scheme year opens: enterprises submit (their facts of the year, evidence). */
export async function createCycle(ctx: Ctx, deps: CycleDeps, input: CycleInput) {
  const id = await inTx(ctx, async (tx) => {
    const exists = await tx.selectFrom('talent_cycles').select('id').where('year', '=', input.year).executeTakeFirst();
    if (exists) throw new AppError('TALENT_CYCLE_EXISTS', { year: `${input.year} 年度的积分周期已存在` });
    const personal = await pickVersion(tx, 'personal', input.year, input.personalVersionId, 'personalVersionId');
    const enterprise = await pickVersion(tx, 'enterprise', input.year, input.enterpriseVersionId, 'enterpriseVersionId');
    const bonus = input.bonusVersionId === null ? undefined : await pickVersion(tx, 'evaluation_bonus', input.year, input.bonusVersionId, 'bonusVersionId');
    if (!personal || !enterprise) {
      const missing = [!personal && '个人积分', !enterprise && '企业积分'].filter(Boolean).join('、');
      const missingEn = [!personal && 'personal', !enterprise && 'enterprise'].filter(Boolean).join(' and ');
      throw new AppError('TALENT_CYCLE_NO_SCHEME', undefined, {
        zh: `${input.year} 年没有已发布的${missing}办法，请先在“积分办法”中发布覆盖该年度的版本`,
        en: `No published ${missingEn} scheme covers ${input.year}: publish one under Points schemes first`,
      });
    }
    const row = await tx.insertInto('talent_cycles').values({
      year: input.year, personal_version_id: personal.id, enterprise_version_id: enterprise.id, bonus_version_id: bonus?.id ?? null,
      notice_workdays: input.noticeWorkdays, objection_channel: input.objectionChannel, opened_by: ctx.actor.userId, opened_at: ctx.now, updated_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'talent.cycle.open', entityType: 'talent_cycle', entityId: row.id,
      after: { year: input.year, status: 'open', personalVersionId: personal.id, enterpriseVersionId: enterprise.id, bonusVersionId: bonus?.id ?? null, noticeWorkdays: input.noticeWorkdays },
    });
    const hr = await enterpriseUsers(tx, 'talent.cycle.read');
    await notifyAll(tx, deps.notifier, hr.map((u) => u.id), {
      title: `${input.year} 年度人才积分申报已开始`,
      body: `请在本年度内填报企业积分事实（引进人才、平台、培训投入等），人才科审核后计算积分并公示 ${input.noticeWorkdays} 个工作日。`,
      link: '/talent/enterprise-points',
    });
    return row.id;
  });
  return getCycle(ctx, deps, id);
}

/** Notice length and the objection channel may change until the results are published. */
export async function updateCycle(ctx: Ctx, deps: CycleDeps, id: string, input: { noticeWorkdays: number; objectionChannel: string }) {
  await inTx(ctx, async (tx) => {
    const c = await loadCycle(tx, id, true);
    if (c.status === 'notice' || c.status === 'final') {
      throw new AppError('TALENT_CYCLE_STATE', undefined, {
        zh: `${c.year} 年度结果已发布公示，公示天数和异议渠道不能再修改`, en: `The ${c.year} results are published: the notice length and objection channel can no longer change`,
      });
    }
    await tx.updateTable('talent_cycles').set({ notice_workdays: input.noticeWorkdays, objection_channel: input.objectionChannel, updated_at: ctx.now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.cycle.update', entityType: 'talent_cycle', entityId: id,
      before: { noticeWorkdays: c.notice_workdays, objectionChannel: c.objection_channel }, after: input,
    });
  });
  return getCycle(ctx, deps, id);
}

/** The latest complete day of a version, on or before `upTo` when given. */
async function completeDay(db: Tx, versionId: string, upTo?: string): Promise<string | null> {
  let q = db.selectFrom('talent_score_days').select((eb) => eb.fn.max('as_of').as('d')).where('scheme_version_id', '=', versionId);
  if (upTo) q = q.where('as_of', '<=', upTo);
  const r = await q.executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}

export type TransitionInput = { asOf?: string; startsOn?: string };

/** One step of the cycle, by the office, audited; refused with 409 and the reason when not allowed. */
export async function transition(ctx: Ctx, deps: CycleDeps, id: string, action: CycleAction, input: TransitionInput = {}) {
  await inTx(ctx, async (tx) => {
    const c = await loadCycle(tx, id, true);
    const to = nextStatus(c.status, action);
    if (!to) throw stateError(c.status, action);
    const set: Record<string, unknown> = { status: to, updated_at: ctx.now };
    let after: Record<string, unknown> = { status: to };
    if (action === 'review') set.reviewing_at = ctx.now;
    if (action === 'reopen') Object.assign(set, { points_as_of: null, enterprise_as_of: null, bonus_as_of: null, computed_at: null });
    if (action === 'compute') {
      const v = await versionsOf(tx, c);
      const personalDay = await completeDay(tx, v.personal.id, input.asOf);
      const enterpriseDay = await completeDay(tx, v.enterprise.id, input.asOf);
      const bonusDay = v.bonus ? await completeDay(tx, v.bonus.id, input.asOf) : null;
      const missing = [!personalDay && v.personal, !enterpriseDay && v.enterprise].filter((x): x is SchemeVersionRow => !!x);
      if (missing.length) {
        const names = missing.map((m) => `${m.name.zh}（${m.version}）`).join('、');
        throw new AppError('TALENT_CYCLE_POINTS_MISSING', undefined, {
          zh: `${names}${input.asOf ? `在 ${input.asOf} 及以前` : ''}没有计算完成的积分日，请先在“积分办法”中重新计算积分`,
          en: `${missing.map((m) => `${m.name.en} (${m.version})`).join(' and ')} has no complete points day${input.asOf ? ` on or before ${input.asOf}` : ''}: recompute the points first`,
        });
      }
      Object.assign(set, { points_as_of: personalDay, enterprise_as_of: enterpriseDay, bonus_as_of: bonusDay, computed_at: ctx.now });
      after = { ...after, pointsAsOf: personalDay, enterpriseAsOf: enterpriseDay, bonusAsOf: bonusDay };
    }
    if (action === 'publish') {
      const from = input.startsOn ?? localDateOf(ctx.now);
      if (from < localDateOf(ctx.now)) throw invalid({ startsOn: `公示开始日期 ${from} 早于今天` });
      let period;
      try {
        period = noticePeriod(deps.calendar(), from, c.notice_workdays);
      } catch {
        throw invalid({ startsOn: `工作日历没有覆盖 ${from.slice(0, 4)} 年，请管理员先录入该年的节假日安排` });
      }
      const counts = await snapshotEntries(tx, c);
      Object.assign(set, { notice_starts_on: period.startsOn, notice_ends_on: period.endsOn, published_at: ctx.now });
      after = { ...after, noticeStartsOn: period.startsOn, noticeEndsOn: period.endsOn, noticeWorkdays: c.notice_workdays, ...counts };
      await notifyPublished(tx, deps.notifier, { ...c, notice_starts_on: period.startsOn, notice_ends_on: period.endsOn });
    }
    if (action === 'finalize') {
      const today = localDateOf(ctx.now);
      if (c.notice_ends_on && today <= c.notice_ends_on) {
        throw new AppError('TALENT_CYCLE_NOTICE_RUNNING', undefined, {
          zh: `${c.year} 年度公示期至 ${c.notice_ends_on}（含）结束，之后才能确定结果`,
          en: `The ${c.year} notice runs until ${c.notice_ends_on} (inclusive): the results can be made final after it`,
        });
      }
      const pending = await tx.selectFrom('talent_cycle_objections').select((eb) => eb.fn.countAll<number>().as('n')).where('cycle_id', '=', id).where('status', '=', 'pending').executeTakeFirstOrThrow();
      if (Number(pending.n) > 0) {
        throw new AppError('TALENT_CYCLE_OBJECTIONS_PENDING', undefined, {
          zh: `${c.year} 年度还有 ${pending.n} 条异议未答复，请在“异议处理”中逐条答复后再确定结果`,
          en: `${pending.n} objection(s) to ${c.year} are not answered yet: answer each under Objections first`,
        });
      }
      set.finalized_at = ctx.now;
      await notifyFinal(tx, deps.notifier, c);
    }
    await tx.updateTable('talent_cycles').set(set).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: `talent.cycle.${action}`, entityType: 'talent_cycle', entityId: id, before: { status: c.status }, after });
  });
  return getCycle(ctx, deps, id);
}

async function notifyPublished(tx: Tx, notifier: Notifier, c: CycleRow) {
  const period = `${c.notice_starts_on} 至 ${c.notice_ends_on}（${c.notice_workdays} 个工作日）`;
  for (const t of await listedTalentUsers(tx, c.id)) {
    await notifier.notify(tx, t.userId, {
      title: `${c.year} 年度人才积分已公示`,
      body: `您的积分 ${t.points} 分，全县第 ${t.rank} 名。公示期 ${period}，如有异议请在公示期内提出。`,
      link: `/talent-notice?year=${c.year}`,
    });
  }
  const entries = await tx.selectFrom('talent_cycle_enterprise_entries').select(['enterprise_id', 'points', 'rank', 'tier_label']).where('cycle_id', '=', c.id).execute();
  const byEnterprise = new Map(entries.map((e) => [e.enterprise_id, e]));
  for (const u of await enterpriseUsers(tx, 'talent.cycle.read', [...byEnterprise.keys()])) {
    const e = byEnterprise.get(u.enterprise_id)!;
    await notifier.notify(tx, u.id, {
      title: `${c.year} 年度企业人才积分和档次已公示`,
      body: `本企业积分 ${Number(e.points)} 分${e.rank ? `，第 ${e.rank} 名` : ''}${e.tier_label ? `，${e.tier_label.zh}` : ''}。公示期 ${period}，如有异议请在公示期内提出。`,
      link: `/talent/tiers?year=${c.year}`,
    });
  }
}

async function notifyFinal(tx: Tx, notifier: Notifier, c: CycleRow) {
  const talents = await listedTalentUsers(tx, c.id);
  const ents = await tx.selectFrom('talent_cycle_enterprise_entries').select('enterprise_id').where('cycle_id', '=', c.id).execute();
  const hr = await enterpriseUsers(tx, 'talent.cycle.read', ents.map((e) => e.enterprise_id));
  await notifyAll(tx, notifier, [...talents.map((t) => t.userId), ...hr.map((u) => u.id)], {
    title: `${c.year} 年度人才积分结果已确定`,
    body: '公示期满，异议均已答复，结果已确定，可据此兑现人才服务和档次配额。',
    link: `/talent-notice?year=${c.year}`,
  });
}


