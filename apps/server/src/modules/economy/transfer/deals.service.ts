import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { toRow, validateReferences } from '../../../core/enterprises/enterprise.service';
import type { Ctx, Tx } from '../../../core/context';
import { scoreOf } from './matches.service';
import { fenToWan, loadResult, wanToFen } from './results.service';
import type { ContactInput, DealView, EventInput, FailInput, LandInput } from './transfer.schemas';

type DealRow = { id: string; result_id: string; enterprise_id: string | null; stage: 'contacted' | 'negotiating' | 'landed' | 'failed'; version: number };

/** A deal whose enterprise lies outside the actor's scope is not found (404), like the enterprise itself. */
async function loadDeal(tx: Tx, ctx: Ctx, resultId: string, dealId: string, lock = true): Promise<DealRow> {
  let q = tx.selectFrom('economy_transfer_deals as d').leftJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .select(['d.id', 'd.result_id', 'd.enterprise_id', 'd.stage', 'd.version'])
    .where('d.id', '=', dealId).where('d.result_id', '=', resultId)
    .where((eb) => eb.or([eb('d.enterprise_id', 'is', null), enterpriseInScope(ctx.actor)]));
  if (lock) q = q.forUpdate('d') as typeof q;
  const d = await q.executeTakeFirst();
  if (!d) throw new AppError('ECONOMY_TRANSFER_DEAL_NOT_FOUND');
  return d;
}

function checkOpen(d: DealRow, version: number) {
  if (d.stage === 'landed' || d.stage === 'failed') throw new AppError('ECONOMY_TRANSFER_DEAL_CLOSED');
  if (d.version !== version) throw new AppError('CONFLICT');
}

async function addEvent(tx: Tx, ctx: Ctx, dealId: string, kind: 'contact' | 'negotiation' | 'landed' | 'failed', happenedOn: string, note: string) {
  if (happenedOn > ctx.now.toISOString().slice(0, 10)) throw new AppError('VALIDATION_FAILED', { happenedOn: '日期不能晚于今天' });
  await tx.insertInto('economy_transfer_events').values({ deal_id: dealId, kind, happened_on: happenedOn, note, recorded_by: ctx.actor.userId, recorded_by_name: ctx.actor.displayName }).execute();
}

export async function listDeals(ctx: Ctx, resultId: string): Promise<z.infer<typeof DealView>[]> {
  await loadResult(ctx.db, resultId);
  const deals = await ctx.db.selectFrom('economy_transfer_deals as d')
    .leftJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .leftJoin('enterprises as le', 'le.id', 'd.landed_enterprise_id')
    .selectAll('d').select(['e.name as enterprise_name', 'le.name as landed_name'])
    .where('d.result_id', '=', resultId)
    .where((eb) => eb.or([eb('d.enterprise_id', 'is', null), enterpriseInScope(ctx.actor)]))
    .orderBy('d.created_at').orderBy('d.id').execute();
  const events = deals.length ? await ctx.db.selectFrom('economy_transfer_events').selectAll().where('deal_id', 'in', deals.map((d) => d.id)).orderBy('happened_on').orderBy('id').execute() : [];
  return deals.map((d) => ({
    id: d.id, resultId: d.result_id, enterpriseId: d.enterprise_id, enterpriseName: d.enterprise_name ?? d.prospect_name, stage: d.stage,
    landedEnterpriseId: d.landed_enterprise_id, landedEnterpriseName: d.landed_name ?? null,
    mode: d.mode, valueWan: fenToWan(d.value_fen), landedOn: d.landed_on, newEnterprise: d.new_enterprise,
    scoreAtContact: d.score_at_contact === null ? null : Number(d.score_at_contact), version: d.version,
    events: events.filter((v) => v.deal_id === d.id).map((v) => ({ id: Number(v.id), kind: v.kind, happenedOn: v.happened_on, note: v.note, recordedBy: v.recorded_by_name, recordedAt: v.recorded_at })),
  }));
}

/** The first contact with an enterprise (or a founding team) about a result opens a deal; its score then is kept. */
export async function recordContact(ctx: Ctx, resultId: string, input: z.infer<typeof ContactInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await tx.selectFrom('economy_transfer_results').selectAll().where('id', '=', resultId).forUpdate().executeTakeFirst();
    if (!result) throw new AppError('ECONOMY_TRANSFER_RESULT_NOT_FOUND');
    if (result.status === 'withdrawn') throw new AppError('ECONOMY_TRANSFER_RESULT_CLOSED');
    let score: number | null = null;
    if (input.enterpriseId) {
      const s = await scoreOf(tx, ctx.actor, result, input.enterpriseId);
      if (!s) throw new AppError('ENTERPRISE_NOT_FOUND', { enterpriseId: '企业不存在或不在您的数据范围内' });
      score = s.score;
      const dup = await tx.selectFrom('economy_transfer_deals').select('id').where('result_id', '=', resultId).where('enterprise_id', '=', input.enterpriseId).executeTakeFirst();
      if (dup) throw new AppError('ECONOMY_TRANSFER_DEAL_EXISTS', { enterpriseId: '已与该企业建立对接' });
    }
    const deal = await tx.insertInto('economy_transfer_deals').values({
      result_id: resultId, enterprise_id: input.enterpriseId ?? null, prospect_name: input.prospectName ?? '', score_at_contact: score, created_by: ctx.actor.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await addEvent(tx, ctx, deal.id, 'contact', input.happenedOn, input.note);
    await recordAudit(tx, ctx, {
      action: 'economy.transfer.contact', entityType: 'economy_transfer_deal', entityId: deal.id, enterpriseId: input.enterpriseId ?? null,
      after: { resultId, enterpriseId: input.enterpriseId ?? null, prospectName: input.prospectName ?? null, score, happenedOn: input.happenedOn, note: input.note },
    });
    return { id: deal.id };
  });
}

/** A further contact or a negotiation round; a negotiation moves the deal to 洽谈中. */
export async function recordEvent(ctx: Ctx, resultId: string, dealId: string, input: z.infer<typeof EventInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const d = await loadDeal(tx, ctx, resultId, dealId);
    checkOpen(d, input.version);
    const stage = input.kind === 'negotiation' ? 'negotiating' : d.stage;
    await tx.updateTable('economy_transfer_deals').set({ stage, updated_at: ctx.now, version: d.version + 1 }).where('id', '=', dealId).execute();
    await addEvent(tx, ctx, dealId, input.kind, input.happenedOn, input.note);
    await recordAudit(tx, ctx, {
      action: `economy.transfer.${input.kind}`, entityType: 'economy_transfer_deal', entityId: dealId, enterpriseId: d.enterprise_id,
      before: { stage: d.stage }, after: { stage, happenedOn: input.happenedOn, note: input.note },
    });
    return { id: dealId };
  });
}

/**
 * The transfer landed: the mode (one the result offers), the contract value, the date, and the
 * enterprise in the registry it landed in — the contacted one, another one linked, or a company
 * registered now (needs `enterprise.create`, same checks as the registry's own form). The result
 * becomes 已落地.
 */
export async function landDeal(ctx: Ctx, resultId: string, dealId: string, input: z.infer<typeof LandInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const d = await loadDeal(tx, ctx, resultId, dealId);
    checkOpen(d, input.version);
    const result = await tx.selectFrom('economy_transfer_results').select(['status', 'modes', 'title']).where('id', '=', resultId).forUpdate().executeTakeFirstOrThrow();
    if (!result.modes.includes(input.mode)) throw new AppError('ECONOMY_TRANSFER_MODE_NOT_OFFERED', { mode: '该成果不提供此转化方式' });
    let landedId: string;
    let created = false;
    if (input.newEnterprise) {
      if (!ctx.actor.permissions.has('enterprise.create')) throw new AppError('FORBIDDEN');
      const enterprise = {
        creditCode: input.newEnterprise.creditCode, name: input.newEnterprise.name, industryCode: input.newEnterprise.industryCode, divisionCode: input.newEnterprise.divisionCode,
        parkId: input.newEnterprise.parkId, legalRepresentative: '', establishedOn: input.landedOn, registeredCapitalFen: null, address: '', employees: null,
        revenueFen: null, assetsFen: null, aboveScale: false, highTech: false, listed: false, tags: ['科技成果转化'], status: 'active' as const, businessScope: '',
      };
      await validateReferences(ctx, enterprise, tx);
      const taken = await tx.selectFrom('enterprises').select('id').where('credit_code', '=', enterprise.creditCode).executeTakeFirst();
      if (taken) throw new AppError('CREDIT_CODE_TAKEN', { 'newEnterprise.creditCode': '该统一社会信用代码已登记，请改为关联已登记企业' });
      landedId = (await tx.insertInto('enterprises').values(toRow(enterprise)).returning('id').executeTakeFirstOrThrow()).id;
      created = true;
      await recordAudit(tx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: landedId, enterpriseId: landedId, after: { ...enterprise, source: `科技成果转化：${result.title}` } });
    } else if (input.landedEnterpriseId) {
      const e = await tx.selectFrom('enterprises as e').select('e.id').where('e.id', '=', input.landedEnterpriseId).where(enterpriseInScope(ctx.actor)).executeTakeFirst();
      if (!e) throw new AppError('ENTERPRISE_NOT_FOUND', { landedEnterpriseId: '企业不存在或不在您的数据范围内' });
      landedId = e.id;
    } else {
      if (!d.enterprise_id) throw new AppError('VALIDATION_FAILED', { landedEnterpriseId: '对接对象尚未注册：请登记新企业或关联已登记企业' });
      landedId = d.enterprise_id;
    }
    await tx.updateTable('economy_transfer_deals').set({
      stage: 'landed', mode: input.mode, value_fen: wanToFen(input.valueWan), landed_on: input.landedOn, landed_enterprise_id: landedId, new_enterprise: created,
      updated_at: ctx.now, version: d.version + 1,
    }).where('id', '=', dealId).execute();
    await addEvent(tx, ctx, dealId, 'landed', input.landedOn, input.note);
    if (result.status === 'open') await tx.updateTable('economy_transfer_results').set({ status: 'landed', updated_at: ctx.now, version: sql`version + 1` }).where('id', '=', resultId).execute();
    await recordAudit(tx, ctx, {
      action: 'economy.transfer.land', entityType: 'economy_transfer_deal', entityId: dealId, enterpriseId: landedId,
      before: { stage: d.stage }, after: { stage: 'landed', mode: input.mode, valueWan: input.valueWan, landedOn: input.landedOn, landedEnterpriseId: landedId, newEnterprise: created },
    });
    return { id: dealId, landedEnterpriseId: landedId, newEnterprise: created };
  });
}

export async function failDeal(ctx: Ctx, resultId: string, dealId: string, input: z.infer<typeof FailInput>) {
  return ctx.db.transaction().execute(async (tx) => {
    const d = await loadDeal(tx, ctx, resultId, dealId);
    checkOpen(d, input.version);
    await tx.updateTable('economy_transfer_deals').set({ stage: 'failed', updated_at: ctx.now, version: d.version + 1 }).where('id', '=', dealId).execute();
    await addEvent(tx, ctx, dealId, 'failed', input.happenedOn, input.note);
    await recordAudit(tx, ctx, { action: 'economy.transfer.fail', entityType: 'economy_transfer_deal', entityId: dealId, enterpriseId: d.enterprise_id, before: { stage: d.stage }, after: { stage: 'failed', note: input.note } });
    return { id: dealId };
  });
}
