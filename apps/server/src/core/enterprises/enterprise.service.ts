import type { EnterpriseFile, EnterpriseInput } from '@zhizhi/contracts';
import type { Enterprise } from '../../db/schema';
import { AppError, invalid } from '../../http/app-error';
import { can } from '../identity/actor';
import { divisionCovers, enterpriseInScope, enterpriseVisibleTo } from '../identity/scope';
import { recordAudit, changedFields } from '../audit/audit';
import { validateCreditCode } from '../reference/domain/credit-code';
import { maskEmail, maskPhone } from '../privacy/mask';
import type { Ctx, Tx } from '../context';
import { withSummaryColumns, toSummary } from './enterprise.repo';
import { ALL_FIELDS, SELF_EDITABLE_FIELDS, forbiddenChanges, type EnterpriseField } from './domain/editable-fields';
import { deriveSizeClass } from './domain/size';
import { nameBigrams } from './domain/name-bigrams';

const CREDIT_CODE_MESSAGES = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  checkChar: '统一社会信用代码校验位不正确，请核对',
} as const;

/** Loads an enterprise the actor may see; anything outside the scope is "not found". */
export async function loadVisibleEnterprise(ctx: Ctx, id: string, tx: Tx = ctx.db): Promise<Enterprise> {
  const e = await tx.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e || !enterpriseVisibleTo(ctx.actor, e)) throw new AppError('ENTERPRISE_NOT_FOUND');
  return e;
}

/** Which fields this actor may change on this enterprise (none when it may not edit at all). */
export function editableFieldsFor(ctx: Ctx): readonly EnterpriseField[] {
  if (!can(ctx.actor, 'enterprise.update')) return [];
  return ctx.actor.scope.enterpriseId ? SELF_EDITABLE_FIELDS : ALL_FIELDS;
}

export async function getEnterpriseFile(ctx: Ctx, id: string): Promise<EnterpriseFile> {
  await loadVisibleEnterprise(ctx, id);
  const row = await withSummaryColumns(ctx.db.selectFrom('enterprises as e').where('e.id', '=', id))
    .select([
      'e.legal_representative',
      'e.established_on',
      'e.registered_capital_fen',
      'e.address',
      'e.assets_fen',
      'e.business_scope',
      'e.created_at',
      'e.version',
    ])
    .executeTakeFirstOrThrow();
  const contacts = await ctx.db
    .selectFrom('enterprise_contacts')
    .selectAll()
    .where('enterprise_id', '=', id)
    .orderBy('is_primary', 'desc')
    .orderBy('created_at')
    .execute();
  const editable = editableFieldsFor(ctx);
  return {
    ...toSummary(row),
    legalRepresentative: row.legal_representative,
    establishedOn: row.established_on,
    registeredCapitalFen: row.registered_capital_fen,
    address: row.address,
    assetsFen: row.assets_fen,
    businessScope: row.business_scope,
    createdAt: row.created_at,
    version: row.version,
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      title: c.title,
      phone: maskPhone(c.phone),
      email: maskEmail(c.email),
      isPrimary: c.is_primary,
    })),
    canEdit: editable.length > 0,
    editableFields: [...editable],
  };
}

/** Checks what the database must confirm: credit code check character, codes that exist, scope. */
export async function validateReferences(ctx: Ctx, input: EnterpriseInput, tx: Tx): Promise<void> {
  const fields: Record<string, string> = {};
  const cc = validateCreditCode(input.creditCode);
  if (!cc.ok) fields.creditCode = CREDIT_CODE_MESSAGES[cc.reason];
  const [industry, division, park] = await Promise.all([
    tx.selectFrom('industries').select(['code', 'level']).where('code', '=', input.industryCode).executeTakeFirst(),
    tx.selectFrom('divisions').select(['code']).where('code', '=', input.divisionCode).executeTakeFirst(),
    input.parkId ? tx.selectFrom('parks').select('id').where('id', '=', input.parkId).executeTakeFirst() : null,
  ]);
  if (!industry || industry.level !== 4) fields.industryCode = '行业代码不是 GB/T 4754-2017 的小类代码';
  if (!division) fields.divisionCode = '行政区划代码不存在';
  else if (!divisionCovers(ctx.actor.scope.divisionCode ?? ctx.countyCode, input.divisionCode)) {
    fields.divisionCode = '只能登记本辖区的企业';
  }
  if (input.parkId && !park) fields.parkId = '园区不存在';
  if (Object.keys(fields).length) throw invalid(fields);
}

export function toRow(input: EnterpriseInput) {
  return {
    credit_code: input.creditCode,
    name: input.name,
    name_bigrams: nameBigrams(input.name),
    legal_representative: input.legalRepresentative,
    established_on: input.establishedOn,
    registered_capital_fen: input.registeredCapitalFen,
    industry_code: input.industryCode,
    division_code: input.divisionCode,
    park_id: input.parkId,
    address: input.address,
    employees: input.employees,
    revenue_fen: input.revenueFen,
    assets_fen: input.assetsFen,
    size_class: deriveSizeClass(input),
    above_scale: input.aboveScale,
    high_tech: input.highTech,
    listed: input.listed,
    tags: [...new Set(input.tags)],
    status: input.status,
    business_scope: input.businessScope,
  };
}

export function toInput(e: Enterprise): EnterpriseInput {
  return {
    creditCode: e.credit_code,
    name: e.name,
    legalRepresentative: e.legal_representative,
    establishedOn: e.established_on,
    registeredCapitalFen: e.registered_capital_fen,
    industryCode: e.industry_code,
    divisionCode: e.division_code,
    parkId: e.park_id,
    address: e.address,
    employees: e.employees,
    revenueFen: e.revenue_fen,
    assetsFen: e.assets_fen,
    aboveScale: e.above_scale,
    highTech: e.high_tech,
    listed: e.listed,
    tags: e.tags,
    status: e.status,
    businessScope: e.business_scope,
  };
}

export async function createEnterprise(ctx: Ctx, input: EnterpriseInput): Promise<EnterpriseFile> {
  const id = await ctx.db.transaction().execute((tx) => registerEnterprise(tx, ctx, input));
  return getEnterpriseFile(ctx, id);
}

/**
 * Registers an enterprise in the caller's transaction, with its audit entry (the same checks as
 * the registry's own form): for a module that creates one as part of its own write — a landed
 * investment project becomes an enterprise (modules/economy/projects/landing.service.ts).
 */
export async function registerEnterprise(tx: Tx, ctx: Ctx, input: EnterpriseInput): Promise<string> {
  if (ctx.actor.scope.enterpriseId) throw new AppError('FORBIDDEN');
  await validateReferences(ctx, input, tx);
  const taken = await tx.selectFrom('enterprises').select('id').where('credit_code', '=', input.creditCode).executeTakeFirst();
  if (taken) throw new AppError('CREDIT_CODE_TAKEN', { creditCode: '该统一社会信用代码已登记' });
  const row = toRow(input);
  const { id } = await tx.insertInto('enterprises').values(row).returning('id').executeTakeFirstOrThrow();
  await recordAudit(tx, ctx, { action: 'enterprise.create', entityType: 'enterprise', entityId: id, enterpriseId: id, after: input });
  return id;
}

export async function updateEnterprise(
  ctx: Ctx,
  id: string,
  input: EnterpriseInput & { version: number },
): Promise<EnterpriseFile> {
  await ctx.db.transaction().execute(async (tx) => {
    const current = await loadVisibleEnterprise(ctx, id, tx);
    if (current.version !== input.version) throw new AppError('CONFLICT');
    const { version: _v, ...next } = input;
    const before = toInput(current);
    const blocked = forbiddenChanges(before, next, editableFieldsFor(ctx));
    if (blocked.length) throw new AppError('FORBIDDEN', Object.fromEntries(blocked.map((f) => [f, '无权修改此字段'])));
    await validateReferences(ctx, next, tx);
    if (next.creditCode !== current.credit_code) {
      const taken = await tx.selectFrom('enterprises').select('id').where('credit_code', '=', next.creditCode).executeTakeFirst();
      if (taken) throw new AppError('CREDIT_CODE_TAKEN', { creditCode: '该统一社会信用代码已登记' });
    }
    const diff = changedFields(before, next);
    if (!diff) return;
    const r = await tx
      .updateTable('enterprises')
      .set({ ...toRow(next), updated_at: ctx.now, version: current.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    await recordAudit(tx, ctx, { action: 'enterprise.update', entityType: 'enterprise', entityId: id, enterpriseId: id, ...diff });
  });
  return getEnterpriseFile(ctx, id);
}

export async function enterpriseHistory(ctx: Ctx, id: string) {
  await loadVisibleEnterprise(ctx, id);
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'before', 'after'])
    .where('enterprise_id', '=', id)
    .where('action', 'not like', '%.reveal') // reads are audited, but they are not changes of the file
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actorName: r.actor_name, action: r.action, before: r.before, after: r.after }));
}

export async function enterpriseTags(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom((eb) =>
      eb.selectFrom('enterprises as e').where(enterpriseInScope(ctx.actor)).select((e) => e.fn<string>('unnest', ['e.tags']).as('tag')).as('t'),
    )
    .select('t.tag')
    .distinct()
    .orderBy('t.tag')
    .execute();
  return rows.map((r) => r.tag);
}
