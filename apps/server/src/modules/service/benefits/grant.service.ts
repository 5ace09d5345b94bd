import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Tx } from '../../../core/context';
import { can } from '../../../core/identity/actor';
import { enterpriseInScope } from '../../../core/identity/scope';
import { recordAudit } from '../../../core/audit/audit';
import { maskPhone } from '../../../core/privacy/mask';
import type { Notifier } from '../../../core/notifications/notifier';
import { writeXlsx } from '../../../core/excel/write-xlsx';
import { AppError, forbidden } from '../../../http/app-error';
import { benefitView } from './access';
import { policyOr404 } from './policy.service';
import { grantListSummary } from './grant-summary';
import { hasPolicy } from './match-store';
import type { GrantItemUpdate, GrantListQuery, IntentBody } from './schemas';

/**
 * 免申即享 grant lists: the office generates the list from the enterprises the policy finds
 * eligible (no application), reviews it (takes an enterprise off with a reason, or back on),
 * confirms it once — a second confirmation is a 409 naming who confirmed it and when — and the
 * listed enterprises are told. Each then only confirms its intent to receive the benefit, with
 * its bank and contact details (or declines). Every step is audited.
 */
async function autoGrantPolicy(ctx: Ctx, tx: Tx, policyId: string) {
  if (!can(ctx.actor, 'benefit.grant') || benefitView(ctx.actor) !== 'office') throw forbidden();
  const p = await policyOr404(ctx, tx, policyId);
  if (!p.auto_grant) throw new AppError('BENEFIT_NOT_AUTO_GRANT');
  return p;
}

function alreadyConfirmed(l: { confirmed_at: Date | null; confirmed_by_name: string }): AppError {
  const at = l.confirmed_at ? new Date(l.confirmed_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
  return new AppError('BENEFIT_GRANT_LIST_CONFIRMED', undefined, {
    zh: `兑现名单已于 ${at} 由${l.confirmed_by_name}确认，不能重复确认或修改`,
    en: `The grant list was confirmed by ${l.confirmed_by_name} at ${at} (Beijing time); it cannot be confirmed again or changed`,
  });
}

/**
 * Generates (or, while in review, refreshes) the list from the policy's eligible enterprises now.
 * A refresh keeps the office's exclusions and drops enterprises no longer eligible.
 */
export async function generateGrantList(ctx: Ctx, policyId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(4226, hashtext(${policyId}))`.execute(tx);
    const p = await autoGrantPolicy(ctx, tx, policyId);
    if (p.status !== 'published') throw new AppError('BENEFIT_POLICY_NOT_PUBLISHED');
    const l = await tx.selectFrom('benefit_grant_lists').selectAll().where('policy_id', '=', policyId).executeTakeFirst();
    if (l?.status === 'confirmed') throw alreadyConfirmed(l);
    if (l) await tx.updateTable('benefit_grant_lists').set({ generated_at: ctx.now, generated_by: ctx.actor.userId, version: l.version + 1 }).where('policy_id', '=', policyId).execute();
    else await tx.insertInto('benefit_grant_lists').values({ policy_id: policyId, generated_at: ctx.now, generated_by: ctx.actor.userId }).execute();
    const eligible = (await tx.selectFrom('benefit_enterprise_matches as m').select('m.enterprise_id').where(hasPolicy('m', p.match_key, 'eligible')).execute()).map((r) => r.enterprise_id);
    await tx.deleteFrom('benefit_grants').where('policy_id', '=', policyId)
      .where('enterprise_id', 'not in', eligible.length ? eligible : ['00000000-0000-0000-0000-000000000000']).execute();
    if (eligible.length) {
      await tx.insertInto('benefit_grants').values(eligible.map((e) => ({ policy_id: policyId, enterprise_id: e, amount_fen: p.benefit_amount_fen })))
        .onConflict((oc) => oc.columns(['policy_id', 'enterprise_id']).doUpdateSet({ amount_fen: p.benefit_amount_fen })).execute();
    }
    await recordAudit(tx, ctx, { action: 'benefit_grant_list.generate', entityType: 'benefit_policy', entityId: policyId, after: { enterprises: eligible.length } });
  });
  return grantListOr404(ctx.db, policyId);
}

async function grantListOr404(db: Tx, policyId: string) {
  const s = await grantListSummary(db, policyId);
  if (!s) throw new AppError('BENEFIT_GRANT_LIST_NOT_FOUND');
  return s;
}

type GrantRow = {
  id: string; policy_id: string; title: string; enterprise_id: string; name: string; amount_fen: number | null; included: boolean;
  exclude_reason: string; list_status: 'review' | 'confirmed'; intent: 'pending' | 'confirmed' | 'declined'; intent_at: Date | null;
  bank_name: string; bank_account_name: string; bank_account_no: string; contact_name: string; contact_phone: string;
};

function grantQuery(db: Tx) {
  return db.selectFrom('benefit_grants as g')
    .innerJoin('benefit_grant_lists as l', 'l.policy_id', 'g.policy_id')
    .innerJoin('benefit_policies as p', 'p.id', 'g.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .select(['g.id', 'g.policy_id', 'p.title', 'g.enterprise_id', 'e.name', 'g.amount_fen', 'g.included', 'g.exclude_reason', 'l.status as list_status',
      'g.intent', 'g.intent_at', 'g.bank_name', 'g.bank_account_name', 'g.bank_account_no', 'g.contact_name', 'g.contact_phone']);
}

/** Bank account and phone are shown masked in lists; the full ones go out only in the audited Excel export. */
export function toGrant(r: GrantRow, reveal = false) {
  const account = r.bank_account_no;
  return {
    id: r.id, policyId: r.policy_id, policyTitle: r.title, enterpriseId: r.enterprise_id, enterpriseName: r.name, amountFen: r.amount_fen,
    included: r.included, excludeReason: r.exclude_reason, listStatus: r.list_status, intent: r.intent, intentAt: r.intent_at,
    bankName: r.bank_name, bankAccountName: r.bank_account_name,
    bankAccountNo: reveal || account.length <= 4 ? account : `${'*'.repeat(Math.min(account.length - 4, 12))}${account.slice(-4)}`,
    contactName: r.contact_name, contactPhone: reveal ? r.contact_phone : maskPhone(r.contact_phone),
  };
}

export async function listGrants(ctx: Ctx, policyId: string, q: z.infer<typeof GrantListQuery>) {
  if (benefitView(ctx.actor) !== 'office') throw forbidden();
  const p = await policyOr404(ctx, ctx.db, policyId);
  if (!p.auto_grant) throw new AppError('BENEFIT_NOT_AUTO_GRANT');
  const summary = await grantListOr404(ctx.db, policyId);
  let base = grantQuery(ctx.db).where('g.policy_id', '=', policyId).where(enterpriseInScope(ctx.actor, 'e'));
  if (q.included) base = base.where('g.included', '=', q.included === 'true');
  const [rows, total] = await Promise.all([
    base.orderBy('e.name').orderBy('g.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.clearSelect().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toGrant(r)), total: Number(total.n), totalEstimated: false, summary };
}

/** Review: take an enterprise off the list (with a reason) or put it back, while the list is in review. */
export async function updateGrantItem(ctx: Ctx, policyId: string, enterpriseId: string, body: z.infer<typeof GrantItemUpdate>) {
  await ctx.db.transaction().execute(async (tx) => {
    await autoGrantPolicy(ctx, tx, policyId);
    const l = await tx.selectFrom('benefit_grant_lists').selectAll().where('policy_id', '=', policyId).forUpdate().executeTakeFirst();
    if (!l) throw new AppError('BENEFIT_GRANT_LIST_NOT_FOUND');
    if (l.status === 'confirmed') throw alreadyConfirmed(l);
    if (l.version !== body.version) throw new AppError('CONFLICT');
    if (!body.included && !body.reason) throw new AppError('VALIDATION_FAILED', { reason: '移出名单须说明原因' }, { zh: '将企业移出兑现名单须填写原因', en: 'Taking an enterprise off the grant list needs a reason' });
    const g = await tx.selectFrom('benefit_grants as g').innerJoin('enterprises as e', 'e.id', 'g.enterprise_id').select(['g.id', 'g.included', 'g.exclude_reason', 'e.name'])
      .where('g.policy_id', '=', policyId).where('g.enterprise_id', '=', /^[0-9a-f-]{36}$/i.test(enterpriseId) ? enterpriseId : '00000000-0000-0000-0000-000000000000')
      .where(enterpriseInScope(ctx.actor, 'e')).executeTakeFirst();
    if (!g) throw new AppError('BENEFIT_GRANT_NOT_FOUND');
    await tx.updateTable('benefit_grants').set({ included: body.included, exclude_reason: body.included ? '' : body.reason }).where('id', '=', g.id).execute();
    await tx.updateTable('benefit_grant_lists').set({ version: l.version + 1 }).where('policy_id', '=', policyId).execute();
    await recordAudit(tx, ctx, {
      action: body.included ? 'benefit_grant.include' : 'benefit_grant.exclude', entityType: 'benefit_grant', entityId: g.id, enterpriseId,
      before: { included: g.included, reason: g.exclude_reason }, after: { included: body.included, reason: body.included ? '' : body.reason },
    });
  });
  return grantListOr404(ctx.db, policyId);
}

/** Confirms the reviewed list once (a second time: 409); the included enterprises' users are told. */
export async function confirmGrantList(ctx: Ctx, notifier: Notifier, policyId: string, version: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await autoGrantPolicy(ctx, tx, policyId);
    const l = await tx.selectFrom('benefit_grant_lists').selectAll().where('policy_id', '=', policyId).forUpdate().executeTakeFirst();
    if (!l) throw new AppError('BENEFIT_GRANT_LIST_NOT_FOUND');
    if (l.status === 'confirmed') throw alreadyConfirmed(l);
    if (l.version !== version) throw new AppError('CONFLICT');
    await tx.updateTable('benefit_grant_lists').set({
      status: 'confirmed', confirmed_at: ctx.now, confirmed_by: ctx.actor.userId, confirmed_by_name: ctx.actor.displayName, version: version + 1,
    }).where('policy_id', '=', policyId).execute();
    const included = await tx.selectFrom('benefit_grants').select(['id', 'enterprise_id']).where('policy_id', '=', policyId).where('included', '=', true).execute();
    await recordAudit(tx, ctx, { action: 'benefit_grant_list.confirm', entityType: 'benefit_policy', entityId: policyId, before: { status: 'review' }, after: { status: 'confirmed', enterprises: included.length } });
    if (included.length) {
      const users = await tx.selectFrom('users').select(['id', 'enterprise_id']).where('status', '=', 'active')
        .where('enterprise_id', 'in', included.map((g) => g.enterprise_id)).execute();
      for (const u of users) {
        await notifier.notify(tx, u.id, {
          title: `免申即享：“${p.title}”兑现名单已确认`,
          body: '贵企业在兑现名单中，无需申报。请在“惠企政策”中确认领取意向并核对收款账户。',
          link: '/service/benefits/mine',
        });
      }
    }
  });
  return grantListOr404(ctx.db, policyId);
}

/** The enterprise confirms (with bank and contact details) or declines its grant, once. */
export async function giveIntent(ctx: Ctx, grantId: string, body: z.infer<typeof IntentBody>) {
  const enterpriseId = ctx.actor.scope.enterpriseId;
  if (!enterpriseId) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const g = /^[0-9a-f-]{36}$/i.test(grantId)
      ? await tx.selectFrom('benefit_grants as g').innerJoin('benefit_grant_lists as l', 'l.policy_id', 'g.policy_id')
        .select(['g.id', 'g.intent', 'g.included', 'l.status', 'g.policy_id']).where('g.id', '=', grantId).where('g.enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst()
      : undefined;
    if (!g || !g.included) throw new AppError('BENEFIT_GRANT_NOT_FOUND');
    if (g.status !== 'confirmed') throw new AppError('BENEFIT_GRANT_NOT_OPEN');
    if (g.intent !== 'pending') throw new AppError('BENEFIT_INTENT_ALREADY_GIVEN', undefined, g.intent === 'confirmed'
      ? { zh: '贵企业已确认过领取意向，无需重复确认', en: 'Your enterprise has already confirmed its intent' }
      : { zh: '贵企业已放弃该笔兑现，不能再确认', en: 'Your enterprise has declined this grant' });
    if (body.accept) {
      const missing: Record<string, string> = {};
      if (!body.bankName) missing.bankName = '须填写开户银行';
      if (!body.bankAccountName) missing.bankAccountName = '须填写账户名称';
      if (!/^[0-9]{8,30}$/.test(body.bankAccountNo)) missing.bankAccountNo = '银行账号须为 8 至 30 位数字';
      if (!body.contactName) missing.contactName = '须填写联系人';
      if (!/^[0-9+\- ]{7,20}$/.test(body.contactPhone)) missing.contactPhone = '须填写有效的联系电话';
      if (Object.keys(missing).length) {
        throw new AppError('VALIDATION_FAILED', missing, { zh: `确认领取须填写收款和联系信息：${Object.values(missing).join('；')}`, en: `Confirming needs the bank and contact details: ${Object.keys(missing).join(', ')}` });
      }
    }
    const values = body.accept
      ? { intent: 'confirmed' as const, bank_name: body.bankName, bank_account_name: body.bankAccountName, bank_account_no: body.bankAccountNo, contact_name: body.contactName, contact_phone: body.contactPhone }
      : { intent: 'declined' as const };
    await tx.updateTable('benefit_grants').set({ ...values, intent_at: ctx.now, intent_by: ctx.actor.userId }).where('id', '=', g.id).execute();
    await recordAudit(tx, ctx, {
      action: body.accept ? 'benefit_grant.intent_confirm' : 'benefit_grant.intent_decline', entityType: 'benefit_grant', entityId: g.id, enterpriseId,
      before: { intent: 'pending' }, after: { intent: values.intent, ...(body.accept ? { bankName: body.bankName, bankAccountNo: `****${body.bankAccountNo.slice(-4)}` } : {}) },
    });
    const row = await grantQuery(tx).where('g.id', '=', g.id).executeTakeFirstOrThrow();
    return toGrant(row);
  });
}

/** The grant list as Excel with full bank details, for payment (audited: it holds unmasked data). */
export async function exportGrantList(ctx: Ctx, policyId: string) {
  if (benefitView(ctx.actor) !== 'office' || !can(ctx.actor, 'benefit.grant')) throw forbidden();
  const p = await policyOr404(ctx, ctx.db, policyId);
  if (!p.auto_grant) throw new AppError('BENEFIT_NOT_AUTO_GRANT');
  await grantListOr404(ctx.db, policyId);
  const rows = (await grantQuery(ctx.db).where('g.policy_id', '=', policyId).where(enterpriseInScope(ctx.actor, 'e')).orderBy('e.name').execute()).map((r) => toGrant(r, true));
  const INTENT = { pending: '待确认', confirmed: '已确认领取', declined: '已放弃' } as const;
  const buffer = await writeXlsx('兑现名单', [
    { header: '企业名称', width: 36, value: (g) => g.enterpriseName },
    { header: '金额（元）', width: 14, value: (g) => (g.amountFen === null ? '' : g.amountFen / 100) },
    { header: '是否列入', width: 10, value: (g) => (g.included ? '是' : '否') },
    { header: '移出原因', width: 24, value: (g) => g.excludeReason },
    { header: '领取意向', width: 12, value: (g) => INTENT[g.intent] },
    { header: '开户银行', width: 24, value: (g) => g.bankName },
    { header: '账户名称', width: 30, value: (g) => g.bankAccountName },
    { header: '银行账号', width: 26, value: (g) => g.bankAccountNo },
    { header: '联系人', width: 12, value: (g) => g.contactName },
    { header: '联系电话', width: 16, value: (g) => g.contactPhone },
  ], rows);
  await ctx.db.transaction().execute((tx) => recordAudit(tx, ctx, { action: 'benefit_grant_list.export', entityType: 'benefit_policy', entityId: policyId, after: { rows: rows.length } }));
  return { buffer, fileName: `兑现名单-${p.title}.xlsx` };
}
