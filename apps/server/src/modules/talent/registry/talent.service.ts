import { type TalentFacts, type TalentFile, type TalentInput, type TalentUpdateInput } from '@zhizhi/contracts';
import type { Talent } from '../../../db/schema';
import { AppError, invalid } from '../../../http/app-error';
import { can } from '../../../core/identity/actor';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import { loadVisibleEnterprise } from '../../../core/enterprises/enterprise.service';
import { maskIdNumber, maskPhone } from '../../../core/privacy/mask';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import { talentInScope, talentScopeKind } from './talent-scope';
import { accountOf, filteredTalents, toSummary, withSummaryColumns } from './talent.repo';
import { parseIdNumber } from './id-number';
import { fileConflict } from './conflict.service';
import { checkFacts } from './facts';
import { moveWithin } from './employment';
import { appliesFactsDirectly, claimFacts } from '../claims/claim-writes';
import { pendingClaimOf } from '../claims/pending-claim';

/** Loads a talent the actor may see; anything outside the scope is "not found". */
export async function loadVisibleTalent(ctx: Ctx, id: string, tx: Tx = ctx.db, forUpdate = false): Promise<Talent> {
  let qb = tx.selectFrom('talents as t').selectAll('t').where('t.id', '=', id).where(talentInScope(ctx.actor));
  if (forUpdate) qb = qb.forUpdate();
  const t = await qb.executeTakeFirst();
  if (!t) throw new AppError('TALENT_NOT_FOUND');
  return t;
}

/** Only county officers and enterprise HR edit; a talent reads their own file. */
function canEdit(ctx: Ctx): boolean {
  return can(ctx.actor, 'talent.write') && talentScopeKind(ctx.actor) !== 'self';
}

export async function getTalentFile(ctx: Ctx, id: string): Promise<TalentFile> {
  const t = await loadVisibleTalent(ctx, id);
  const row = await withSummaryColumns(filteredTalents(ctx.db, ctx.actor, {}).where('t.id', '=', id))
    .select(['t.user_id', 't.created_at', 't.version'])
    .executeTakeFirstOrThrow();
  const employments = await ctx.db
    .selectFrom('talent_employments as m')
    .innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .select(['m.id', 'm.enterprise_id', 'e.name', 'm.started_on', 'm.ended_on'])
    .where('m.talent_id', '=', id)
    .orderBy('m.started_on', 'desc')
    .orderBy('m.created_at', 'desc')
    .execute();
  return {
    ...toSummary(row, localDateOf(ctx.now)),
    birthDate: t.birth_date,
    facts: row.facts as TalentFacts,
    employments: employments.map((m) => ({ id: m.id, enterpriseId: m.enterprise_id, enterpriseName: m.name, startedOn: m.started_on, endedOn: m.ended_on })),
    hasUser: row.user_id !== null,
    account: row.user_id && can(ctx.actor, 'talent.manage') ? await accountOf(ctx.db, row.user_id) : null,
    createdAt: row.created_at,
    version: row.version,
    canEdit: canEdit(ctx),
    canMove: can(ctx.actor, 'talent.manage'),
    factsApplyDirectly: appliesFactsDirectly(ctx.actor),
    pendingClaim: await pendingClaimOf(ctx.db, { kind: 'talent', talentId: id }),
  };
}

/** What the audit log keeps of a talent: personal data masked (the log has more readers). */
export function forAudit(v: { idNumber?: string; phone?: string } & Record<string, unknown>) {
  return {
    ...v,
    ...(v.idNumber !== undefined ? { idNumber: maskIdNumber(v.idNumber) } : {}),
    ...(v.phone !== undefined ? { phone: maskPhone(v.phone) } : {}),
  };
}

/** The employer of a new talent: an enterprise user's own; for the county, the one chosen. */
async function resolveEmployer(ctx: Ctx, requested: string | null, fields: Record<string, string>, tx: Tx): Promise<string | null> {
  const own = ctx.actor.scope.enterpriseId;
  if (own) {
    if (requested && requested !== own) fields.enterpriseId = '只能登记本企业的人才';
    return own;
  }
  if (!requested) {
    fields.enterpriseId = '请选择所属企业';
    return null;
  }
  try {
    await loadVisibleEnterprise(ctx, requested, tx);
  } catch {
    fields.enterpriseId = '企业不存在';
    return null;
  }
  return requested;
}

export async function createTalent(ctx: Ctx, input: TalentInput): Promise<TalentFile> {
  if (!canEdit(ctx)) throw new AppError('FORBIDDEN');
  const today = localDateOf(ctx.now);
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const fields: Record<string, string> = {};
    const id = parseIdNumber(input.idNumber, today);
    if (!id.ok) fields.idNumber = id.message;
    const facts = checkFacts(input.facts);
    if (!facts.ok) Object.assign(fields, facts.errors);
    const enterpriseId = await resolveEmployer(ctx, input.enterpriseId, fields, tx);
    if (Object.keys(fields).length || !id.ok || !facts.ok || !enterpriseId) throw invalid(fields);

    const existing = await tx.selectFrom('talents').selectAll().where('id_number', '=', id.idNumber).forUpdate().executeTakeFirst();
    if (existing) {
      if (existing.enterprise_id === enterpriseId || talentScopeKind(ctx.actor) === 'county') {
        throw new AppError('TALENT_ALREADY_REGISTERED', { idNumber: '该身份证号码的人才已登记' });
      }
      // Employed elsewhere (or nowhere): one person stays one talent. The office decides.
      await fileConflict(tx, ctx, { talent: existing, claimantEnterpriseId: enterpriseId, name: input.name, submitted: { ...input, facts: facts.facts } });
      return { conflict: true as const };
    }
    // The office's facts are approved as it enters them; an enterprise's are claimed for review.
    const direct = appliesFactsDirectly(ctx.actor);
    const approved = direct ? facts.facts : {};
    const row = await tx
      .insertInto('talents')
      .values({
        id_number: id.idNumber, name: input.name, gender: id.gender, birth_date: id.birthDate, phone: input.phone,
        enterprise_id: enterpriseId, status: input.status, facts: JSON.stringify(approved),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('talent_employments').values({ talent_id: row.id, enterprise_id: enterpriseId, started_on: today }).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.create', entityType: 'talent', entityId: row.id, enterpriseId,
      after: forAudit({ idNumber: id.idNumber, name: input.name, phone: input.phone, enterpriseId, status: input.status, facts: approved }),
    });
    if (!direct) await claimFacts(tx, ctx, { kind: 'talent', talentId: row.id, enterpriseId }, {}, () => facts.facts);
    return { conflict: false as const, id: row.id };
  });
  // The conflict is committed above; the enterprise is told, without learning who holds the person.
  if (outcome.conflict) throw new AppError('TALENT_REGISTERED_ELSEWHERE', { idNumber: '该人员已由其他企业登记，已提交人才科核实处理' });
  return getTalentFile(ctx, outcome.id);
}

const editable = (t: Talent) => ({ name: t.name, phone: t.phone, status: t.status, facts: t.facts as TalentFacts });

/**
 * Edits a talent. Name, phone and status are written at once. The facts are written at once when
 * the talent office edits (audited as its own edit); an enterprise's change of them opens or amends
 * the talent's claim instead (claims/claim-writes.ts), and the approved facts stay until the office
 * approves it. The version guards the whole form: a claim's change bumps it too.
 */
export async function updateTalent(ctx: Ctx, id: string, input: TalentUpdateInput): Promise<TalentFile> {
  if (!canEdit(ctx)) throw new AppError('FORBIDDEN');
  await ctx.db.transaction().execute(async (tx) => {
    const current = await loadVisibleTalent(ctx, id, tx, true);
    if (current.version !== input.version) throw new AppError('CONFLICT');
    const facts = checkFacts(input.facts);
    if (!facts.ok) throw invalid(facts.errors);
    const direct = appliesFactsDirectly(ctx.actor);
    const next = { name: input.name, phone: input.phone ?? current.phone, status: input.status, facts: direct ? facts.facts : (current.facts as TalentFacts) };
    const diff = changedFields(editable(current), next);
    const claim = direct || !current.enterprise_id
      ? null
      : await claimFacts(tx, ctx, { kind: 'talent', talentId: id, enterpriseId: current.enterprise_id }, current.facts, () => facts.facts);
    if (!diff && !claim?.changed) return;
    await tx
      .updateTable('talents')
      .set({ name: next.name, phone: next.phone, status: next.status, facts: JSON.stringify(next.facts), ...(diff ? { updated_at: ctx.now } : {}), version: current.version + 1 })
      .where('id', '=', id)
      .execute();
    if (diff)
      await recordAudit(tx, ctx, {
        action: 'talent.update', entityType: 'talent', entityId: id, enterpriseId: current.enterprise_id,
        before: forAudit(diff.before), after: forAudit({ ...diff.after, ...(diff.after.facts ? { factsApplied: 'directly by the talent office' } : {}) }),
      });
  });
  return getTalentFile(ctx, id);
}

export async function moveTalent(
  ctx: Ctx,
  id: string,
  input: { enterpriseId: string; startedOn?: string; note: string; version: number },
): Promise<TalentFile> {
  await ctx.db.transaction().execute(async (tx) => {
    const talent = await loadVisibleTalent(ctx, id, tx, true);
    if (talent.version !== input.version) throw new AppError('CONFLICT');
    try {
      await loadVisibleEnterprise(ctx, input.enterpriseId, tx);
    } catch {
      throw invalid({ enterpriseId: '企业不存在' });
    }
    await moveWithin(tx, ctx, talent, { enterpriseId: input.enterpriseId, startedOn: input.startedOn ?? localDateOf(ctx.now), note: input.note, action: 'talent.move' });
  });
  return getTalentFile(ctx, id);
}

/** The full ID number and phone of a talent. Every reveal is written to the audit log. */
export async function revealTalent(ctx: Ctx, id: string): Promise<{ idNumber: string; phone: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const t = await loadVisibleTalent(ctx, id, tx);
    await recordAudit(tx, ctx, { action: 'talent.reveal', entityType: 'talent', entityId: id, enterpriseId: t.enterprise_id, after: { fields: ['idNumber', 'phone'] } });
    return { idNumber: t.id_number, phone: t.phone };
  });
}
