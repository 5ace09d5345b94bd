import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { TalentObjectionStatus } from '../../../db/schema';
import { inTx } from './in-tx';
import { officeUsers, notifyAll } from './recipients';
import { rerank, tiersOf } from './snapshot';

export type ObjectionInput = { entryType: 'talent' | 'enterprise'; entryId: string; text: string };
export type AnswerInput = { decision: 'upheld' | 'dismissed'; answer: string; correction?: { points?: number; tier?: string } };

const office = (ctx: Ctx) => ctx.actor.permissions.has('talent.cycle.manage');

/** The entry an objection is about, as the objector may see it (masked unless the office asks). */
async function entryOf(db: Tx, cycleId: string, type: 'talent' | 'enterprise', entryId: string) {
  if (type === 'talent') {
    const e = await db.selectFrom('talent_cycle_talent_entries').selectAll().where('cycle_id', '=', cycleId).where('id', '=', entryId).executeTakeFirst();
    return e && { id: e.id, name: e.name, maskedName: e.masked_name, enterpriseName: e.enterprise_name, points: Number(e.points), rank: e.rank, tier: null as string | null, tierLabel: null, corrected: e.corrected };
  }
  const e = await db.selectFrom('talent_cycle_enterprise_entries').selectAll().where('cycle_id', '=', cycleId).where('id', '=', entryId).executeTakeFirst();
  return e && { id: e.id, name: e.enterprise_name, maskedName: e.enterprise_name, enterpriseName: e.enterprise_name, points: Number(e.points), rank: e.rank, tier: e.tier, tierLabel: e.tier_label, corrected: e.corrected };
}

/**
 * A logged-in talent or enterprise user objects to one entry of a published list, from its
 * publication to the end of the notice's last day (Asia/Shanghai); after it 409 with the end date;
 * a list not yet published is not there (404).
 */
export async function raiseObjection(ctx: Ctx, notifier: Notifier, cycleId: string, input: ObjectionInput) {
  const id = await inTx(ctx, async (tx) => {
    const c = await tx.selectFrom('talent_cycles').selectAll().where('id', '=', cycleId).forShare().executeTakeFirst();
    if (!c || (c.status !== 'notice' && c.status !== 'final')) throw new AppError('TALENT_CYCLE_NOT_FOUND');
    const today = localDateOf(ctx.now);
    if (c.status === 'final' || (c.notice_ends_on && today > c.notice_ends_on)) {
      throw new AppError('TALENT_OBJECTION_CLOSED', undefined, {
        zh: `${c.year} 年度人才积分公示期已于 ${c.notice_ends_on}（含）结束，不能再提出异议`,
        en: `The public notice of the ${c.year} talent points ended on ${c.notice_ends_on} (inclusive): objections can no longer be raised`,
      });
    }
    // published on a non-working day, the notice counts from the next working day, but the list is
    // out: an objection raised before that first day is accepted, not turned away
    const entry = await entryOf(tx, cycleId, input.entryType, input.entryId);
    if (!entry) throw new AppError('TALENT_ENTRY_NOT_FOUND');
    const row = await tx.insertInto('talent_cycle_objections').values({
      cycle_id: cycleId, entry_type: input.entryType, entry_id: input.entryId, text: input.text, raised_by: ctx.actor.userId,
      raised_by_enterprise_id: ctx.actor.scope.enterpriseId, raised_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'talent.cycle.objection.raise', entityType: 'talent_cycle_objection', entityId: row.id, enterpriseId: ctx.actor.scope.enterpriseId,
      after: { cycleId, year: c.year, entryType: input.entryType, entryId: input.entryId, text: input.text },
    });
    await notifyAll(tx, notifier, await officeUsers(tx, 'talent.cycle.manage'), {
      title: `${c.year} 年度公示收到一条异议`,
      body: `关于${input.entryType === 'talent' ? '人才' : '企业'}“${entry.name}”（第 ${entry.rank ?? '-'} 名），请在公示期内答复。`,
      link: '/talent/objections',
    });
    return row.id;
  });
  return getObjection(ctx, id);
}

async function objectionView(ctx: Ctx, o: { id: string; cycle_id: string; year: number; entry_type: 'talent' | 'enterprise'; entry_id: string; text: string; raised_by: string; raiser_name: string; raised_at: Date; status: TalentObjectionStatus; answer: string | null; correction: unknown; answered_at: Date | null; answerer_name: string | null }) {
  const e = await entryOf(ctx.db, o.cycle_id, o.entry_type, o.entry_id);
  const full = office(ctx);
  return {
    id: o.id, cycleId: o.cycle_id, year: o.year, entryType: o.entry_type,
    entry: e ? { id: e.id, name: full || o.entry_type === 'enterprise' ? e.name : e.maskedName, enterpriseName: e.enterpriseName, points: e.points, rank: e.rank, tier: e.tier, tierLabel: e.tierLabel, corrected: e.corrected } : null,
    text: o.text, raisedBy: full || o.raised_by === ctx.actor.userId ? o.raiser_name : null, raisedAt: o.raised_at, mine: o.raised_by === ctx.actor.userId,
    status: o.status, answer: o.answer, correction: (o.correction as Record<string, unknown> | null) ?? null, answeredAt: o.answered_at, answeredBy: full ? o.answerer_name : null,
  };
}

function objectionBase(db: Tx) {
  return db
    .selectFrom('talent_cycle_objections as o')
    .innerJoin('talent_cycles as c', 'c.id', 'o.cycle_id')
    .innerJoin('users as u', 'u.id', 'o.raised_by')
    .leftJoin('users as a', 'a.id', 'o.answered_by')
    .select(['o.id', 'o.cycle_id', 'c.year', 'o.entry_type', 'o.entry_id', 'o.text', 'o.raised_by', 'u.display_name as raiser_name', 'o.raised_at', 'o.status', 'o.answer', 'o.correction', 'o.answered_at', 'a.display_name as answerer_name']);
}

/** The office sees every objection; anyone else the ones they raised. */
export async function listObjections(ctx: Ctx, q: { cycleId?: string; status?: TalentObjectionStatus }) {
  let qb = objectionBase(ctx.db);
  if (!office(ctx)) qb = qb.where('o.raised_by', '=', ctx.actor.userId);
  if (q.cycleId) qb = qb.where('o.cycle_id', '=', q.cycleId);
  if (q.status) qb = qb.where('o.status', '=', q.status);
  const rows = await qb.orderBy('o.raised_at', 'desc').orderBy('o.id').limit(500).execute();
  return { items: await Promise.all(rows.map((r) => objectionView(ctx, r))) };
}

export async function getObjection(ctx: Ctx, id: string) {
  let qb = objectionBase(ctx.db).where('o.id', '=', id);
  if (!office(ctx)) qb = qb.where('o.raised_by', '=', ctx.actor.userId);
  const r = await qb.executeTakeFirst();
  if (!r) throw new AppError('TALENT_OBJECTION_NOT_FOUND');
  return objectionView(ctx, r);
}

/**
 * The office answers: dismissed with the reason, or upheld — with a correction of the entry's
 * points (and, for an enterprise, its tier), which re-ranks the list, marks the entry corrected and
 * is kept in the objection and the audit log. The objector is notified. Allowed until the results
 * are final (the office may answer after the last notice day; finalizing waits for every answer).
 */
export async function answerObjection(ctx: Ctx, notifier: Notifier, id: string, input: AnswerInput) {
  await inTx(ctx, async (tx) => {
    const o = await tx.selectFrom('talent_cycle_objections').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!o) throw new AppError('TALENT_OBJECTION_NOT_FOUND');
    if (o.status !== 'pending') throw new AppError('TALENT_OBJECTION_ANSWERED');
    const c = await tx.selectFrom('talent_cycles').selectAll().where('id', '=', o.cycle_id).forUpdate().executeTakeFirstOrThrow();
    if (c.status !== 'notice') throw new AppError('TALENT_CYCLE_STATE', undefined, { zh: `${c.year} 年度结果已确定，异议不能再答复`, en: `The ${c.year} results are final: objections can no longer be answered` });
    const entry = await entryOf(tx, o.cycle_id, o.entry_type, o.entry_id);
    if (!entry) throw new AppError('TALENT_ENTRY_NOT_FOUND');
    let correction: { before: Record<string, unknown>; after: Record<string, unknown> } | null = null;
    const fix = input.correction;
    if (input.decision === 'dismissed' && fix && (fix.points !== undefined || fix.tier !== undefined)) throw invalid({ correction: '驳回的异议不能更正条目' });
    if (input.decision === 'upheld' && fix && (fix.points !== undefined || fix.tier !== undefined)) {
      if (o.entry_type === 'talent') {
        if (fix.tier !== undefined) throw invalid({ 'correction.tier': '人才名单没有档次' });
        await tx.updateTable('talent_cycle_talent_entries').set({ points: fix.points!, corrected: true }).where('id', '=', entry.id).execute();
        correction = { before: { points: entry.points }, after: { points: fix.points } };
      } else {
        const set: Record<string, unknown> = { corrected: true };
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        if (fix.points !== undefined) Object.assign(set, { points: fix.points }), (before.points = entry.points), (after.points = fix.points);
        if (fix.tier !== undefined) {
          const tiers = await tiersOf(tx, c.enterprise_version_id);
          const t = tiers.get(fix.tier);
          if (!t) throw invalid({ 'correction.tier': `企业积分办法没有档次 ${fix.tier}（可选：${[...tiers.keys()].join('、')}）` });
          Object.assign(set, { tier: fix.tier, tier_order: t.order, tier_label: JSON.stringify(t.label) });
          before.tier = entry.tier;
          after.tier = fix.tier;
        }
        await tx.updateTable('talent_cycle_enterprise_entries').set(set).where('id', '=', entry.id).execute();
        correction = { before, after };
      }
      if (fix.points !== undefined) await rerank(tx, o.cycle_id, o.entry_type);
      await recordAudit(tx, ctx, {
        action: 'talent.cycle.entry.correct', entityType: `talent_cycle_${o.entry_type}_entry`, entityId: entry.id,
        before: correction.before, after: { ...correction.after, objectionId: id },
      });
    }
    await tx.updateTable('talent_cycle_objections').set({
      status: input.decision, answer: input.answer, correction: correction ? JSON.stringify(correction) : null, answered_by: ctx.actor.userId, answered_at: ctx.now,
    }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.cycle.objection.answer', entityType: 'talent_cycle_objection', entityId: id,
      before: { status: 'pending' }, after: { status: input.decision, answer: input.answer, correction },
    });
    await notifier.notify(tx, o.raised_by, {
      title: `您对 ${c.year} 年度公示的异议已${input.decision === 'upheld' ? '采纳' : '答复（未采纳）'}`,
      body: `${input.answer}${correction ? `（已更正：${[
        correction.after.points !== undefined && `积分 ${String(correction.before.points)} → ${String(correction.after.points)} 分`,
        correction.after.tier !== undefined && `档次 ${String(correction.before.tier ?? '无')} → ${String(correction.after.tier)}`,
      ].filter(Boolean).join('，')}）` : ''}`,
      link: '/talent/objections',
    });
  });
  return getObjection(ctx, id);
}
