import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx, Tx } from '../../../core/context';
import { can } from '../../../core/identity/actor';
import { enterpriseInScope, enterpriseVisibleTo } from '../../../core/identity/scope';
import { changedFields, recordAudit } from '../../../core/audit/audit';
import { readEnterpriseFacts } from '../../../core/enterprises/enterprise-facts';
import { localDateOf } from '../../../core/reference/domain/workday';
import { AppError, forbidden } from '../../../http/app-error';
import { CRITERION_FIELDS, explainMatch, failedFields, missingFields, validateCriteria, type Criteria, type CriterionProblem } from './domain';
import { benefitView } from './access';
import { queuePolicyMatch } from './benefit-jobs';
import { codesFor, hasPolicy } from './match-store';
import { unmatchPolicy } from './matching';
import { grantListSummary } from './grant-summary';
import type { MatchQuery, PolicyInput, PolicyListQuery, PolicyUpdate } from './schemas';

export const POLICY_FILE_OWNER = 'benefit_policy';

type PolicyRow = Awaited<ReturnType<typeof loadPolicyRow>>;

async function loadPolicyRow(db: Tx, id: string) {
  return db.selectFrom('benefit_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The policy, or 404; enterprises see published (and expired) policies only, never drafts. */
export async function policyOr404(ctx: Ctx, db: Tx, id: string): Promise<NonNullable<PolicyRow>> {
  const view = benefitView(ctx.actor);
  if (!view) throw forbidden();
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('BENEFIT_POLICY_NOT_FOUND');
  const row = await loadPolicyRow(db, id);
  if (!row || (view === 'enterprise' && row.status === 'draft')) throw new AppError('BENEFIT_POLICY_NOT_FOUND');
  return row;
}

/** The criteria checked: by the domain (fields, operators, values), then streets and parks against the database. */
async function checkedCriteria(db: Tx, input: unknown): Promise<Criteria> {
  const r = validateCriteria(input);
  const problems: CriterionProblem[] = r.ok ? [] : r.problems;
  if (r.ok) {
    for (const [i, c] of r.criteria.items.entries()) {
      if (c.field !== 'street' && c.field !== 'park') continue;
      const found = c.field === 'street'
        ? (await db.selectFrom('divisions').select('code as id').where('code', 'in', c.values).where('level', '=', 4).execute()).map((x) => x.id)
        : (await db.selectFrom('parks').select('id').where(sql<boolean>`id::text = ANY(${c.values}::text[])`).execute()).map((x) => x.id);
      const unknown = c.values.filter((v) => !found.includes(v));
      if (unknown.length) {
        const spec = CRITERION_FIELDS[c.field];
        problems.push({
          path: `criteria.items.${i}.values`,
          zh: `第 ${i + 1} 条条件（${spec.zh}）：${c.field === 'street' ? '街道' : '园区'}“${unknown.join('、')}”不存在`,
          en: `Criterion ${i + 1} (${spec.en}): ${c.field} "${unknown.join(', ')}" does not exist`,
        });
      }
    }
  }
  if (problems.length) {
    throw new AppError('BENEFIT_CRITERIA_INVALID', Object.fromEntries(problems.map((p) => [p.path, p.zh])), {
      zh: `申报条件有误：${problems.map((p) => p.zh).join('；')}`,
      en: `Eligibility criteria not valid: ${problems.map((p) => p.en).join('; ')}`,
    });
  }
  return (r as { ok: true; criteria: Criteria }).criteria;
}

function checkDates(input: z.infer<typeof PolicyInput>): void {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw new AppError('VALIDATION_FAILED', { validTo: '有效期截止日不能早于起始日' }, {
      zh: `政策有效期截止日 ${input.validTo} 早于起始日 ${input.validFrom}`, en: `The validity ends (${input.validTo}) before it starts (${input.validFrom})`,
    });
  }
}

function toRow(input: z.infer<typeof PolicyInput>, criteria: Criteria) {
  return {
    title: input.title, issuer: input.issuer, document_number: input.documentNumber, published_on: input.publishedOn,
    valid_from: input.validFrom, valid_to: input.validTo, interpretation: input.interpretation,
    benefit_amount_fen: input.benefitAmountFen, benefit_description: input.benefitDescription, auto_grant: input.autoGrant,
    criteria: JSON.stringify(criteria),
  };
}

export async function createPolicy(ctx: Ctx, input: z.infer<typeof PolicyInput>) {
  checkDates(input);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const criteria = await checkedCriteria(tx, input.criteria);
    const row = await tx.insertInto('benefit_policies')
      .values({ ...toRow(input, criteria), created_by: ctx.actor.userId, updated_at: ctx.now })
      .returning(['id']).executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'benefit_policy.create', entityType: 'benefit_policy', entityId: row.id, after: { ...input, criteria } });
    await queuePolicyMatch(tx, row.id, ctx.actor.userId);
    return row.id;
  });
  return getPolicy(ctx, id);
}

export async function updatePolicy(ctx: Ctx, id: string, input: z.infer<typeof PolicyUpdate>) {
  checkDates(input);
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await policyOr404(ctx, tx, id);
    if (cur.status === 'expired') throw new AppError('BENEFIT_POLICY_EXPIRED');
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    const criteria = await checkedCriteria(tx, input.criteria);
    const list = await tx.selectFrom('benefit_grant_lists').select('status').where('policy_id', '=', id).executeTakeFirst();
    if (list?.status === 'confirmed' && JSON.stringify(criteria) !== JSON.stringify(cur.criteria)) throw new AppError('BENEFIT_CRITERIA_LOCKED');
    const next = toRow(input, criteria);
    const updated = await tx.updateTable('benefit_policies').set({ ...next, updated_at: ctx.now, version: cur.version + 1 })
      .where('id', '=', id).where('version', '=', input.version).returning('id').executeTakeFirst();
    if (!updated) throw new AppError('CONFLICT');
    const before = { ...toRow(input, cur.criteria as Criteria), ...pick(cur, Object.keys(next) as (keyof typeof next)[]), criteria: JSON.stringify(cur.criteria) };
    const diff = changedFields(before as Record<string, unknown>, next);
    await recordAudit(tx, ctx, { action: 'benefit_policy.update', entityType: 'benefit_policy', entityId: id, before: diff?.before ?? {}, after: diff?.after ?? {} });
    await queuePolicyMatch(tx, id, ctx.actor.userId);
  });
  return getPolicy(ctx, id);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

/** draft → published: matched and the eligible enterprises told by the match job it queues. */
export async function publishPolicy(ctx: Ctx, id: string, version: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await policyOr404(ctx, tx, id);
    if (cur.status === 'expired') throw new AppError('BENEFIT_POLICY_EXPIRED');
    if (cur.status !== 'draft') throw new AppError('BENEFIT_POLICY_NOT_DRAFT');
    if (cur.version !== version) throw new AppError('CONFLICT');
    const today = localDateOf(ctx.now);
    if (cur.valid_to && cur.valid_to < today) {
      throw new AppError('BENEFIT_VALIDITY_ENDED', undefined, {
        zh: `政策“${cur.title}”的有效期已于 ${cur.valid_to} 结束，不能发布`, en: `The validity of "${cur.title}" ended on ${cur.valid_to}; it cannot be published`,
      });
    }
    await tx.updateTable('benefit_policies').set({ status: 'published', published_at: ctx.now, published_by: ctx.actor.userId, updated_at: ctx.now, version: version + 1 })
      .where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'benefit_policy.publish', entityType: 'benefit_policy', entityId: id, before: { status: 'draft' }, after: { status: 'published' } });
    await queuePolicyMatch(tx, id, ctx.actor.userId);
  });
  return getPolicy(ctx, id);
}

/** Retires a policy (废止 / 到期): no longer matched or shown as open; its grants stay recorded. */
export async function expirePolicy(ctx: Ctx, id: string, version: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await policyOr404(ctx, tx, id);
    if (cur.status === 'expired') throw new AppError('BENEFIT_POLICY_EXPIRED');
    if (cur.version !== version) throw new AppError('CONFLICT');
    await tx.updateTable('benefit_policies').set({ status: 'expired', updated_at: ctx.now, version: version + 1 }).where('id', '=', id).execute();
    await unmatchPolicy(tx, id);
    await recordAudit(tx, ctx, { action: 'benefit_policy.expire', entityType: 'benefit_policy', entityId: id, before: { status: cur.status }, after: { status: 'expired' } });
  });
  return getPolicy(ctx, id);
}

/** Counts of eligible / nearly / notified enterprises per policy, within the actor's scope (an enterprise: its own). */
async function countsOf(ctx: Ctx, db: Tx, ids: string[]) {
  const out = new Map<string, { eligible: number; nearly: number; notified: number }>();
  if (ids.length === 0) return out;
  // per policy, its enterprises through the GIN index on each array
  const rows = (await sql<{ policy_id: string; eligible: number; nearly: number }>`
    SELECT p.id AS policy_id,
      (SELECT count(*) FROM benefit_enterprise_matches m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.eligible @> ARRAY[p.match_key] AND ${enterpriseInScope(ctx.actor, 'e')}) AS eligible,
      (SELECT count(*) FROM benefit_enterprise_matches m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.nearly @> ARRAY[p.match_key] AND ${enterpriseInScope(ctx.actor, 'e')}) AS nearly
    FROM benefit_policies p WHERE p.id = ANY(${ids}::uuid[])`.execute(db)).rows;
  const notified = await db.selectFrom('benefit_deliveries as d').innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
    .select(['d.policy_id', sql<number>`count(*)`.as('n')]).where('d.policy_id', 'in', ids).where(enterpriseInScope(ctx.actor, 'e')).groupBy('d.policy_id').execute();
  for (const id of ids) out.set(id, { eligible: 0, nearly: 0, notified: 0 });
  for (const r of rows) Object.assign(out.get(r.policy_id)!, { eligible: Number(r.eligible), nearly: Number(r.nearly) });
  for (const r of notified) out.get(r.policy_id)!.notified = Number(r.n);
  return out;
}

function summaryOf(r: NonNullable<PolicyRow>, counts: { eligible: number; nearly: number; notified: number }) {
  return {
    id: r.id, title: r.title, issuer: r.issuer, documentNumber: r.document_number, publishedOn: r.published_on,
    validFrom: r.valid_from, validTo: r.valid_to, benefitAmountFen: r.benefit_amount_fen, benefitDescription: r.benefit_description,
    autoGrant: r.auto_grant, status: r.status, publishedAt: r.published_at, matchedAt: r.matched_at,
    matching: r.status !== 'expired' && (r.matched_at === null || r.matched_at < r.updated_at),
    counts, updatedAt: r.updated_at, version: r.version,
  };
}

export async function getPolicy(ctx: Ctx, id: string) {
  const r = await policyOr404(ctx, ctx.db, id);
  const counts = (await countsOf(ctx, ctx.db, [id])).get(id)!;
  const files = await ctx.db.selectFrom('files').select(['id', 'name', 'media_type', 'size_bytes'])
    .where('owner_kind', '=', POLICY_FILE_OWNER).where('owner_id', '=', id).orderBy('created_at').execute();
  const grantList = r.auto_grant ? await grantListSummary(ctx.db, id) : null;
  return {
    ...summaryOf(r, counts), interpretation: r.interpretation, criteria: r.criteria as Criteria,
    attachments: files.map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, sizeBytes: f.size_bytes })),
    grantList: benefitView(ctx.actor) === 'office' ? grantList : null,
  };
}

/** The office's policy library (enterprise users have their own list: benefits of the enterprise). */
export async function listPolicies(ctx: Ctx, q: z.infer<typeof PolicyListQuery>) {
  let base = ctx.db.selectFrom('benefit_policies');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.q) base = base.where((eb) => eb.or([eb('title', 'ilike', `%${q.q}%`), eb('issuer', 'ilike', `%${q.q}%`), eb('document_number', 'ilike', `%${q.q}%`)]));
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy(sql`CASE status WHEN 'published' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`).orderBy('updated_at', 'desc').orderBy('id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const counts = await countsOf(ctx, ctx.db, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({ ...summaryOf(r, counts.get(r.id)!), criteriaCount: (r.criteria as Criteria).items.length })),
    total: Number(total.n), totalEstimated: false,
  };
}

/** The enterprises a policy finds eligible (or nearly), within the officer's scope, with what is missing. */
export async function policyMatches(ctx: Ctx, id: string, q: z.infer<typeof MatchQuery>) {
  if (benefitView(ctx.actor) !== 'office') throw forbidden();
  const p = await policyOr404(ctx, ctx.db, id);
  const criteria = p.criteria as Criteria;
  const base = ctx.db.selectFrom('benefit_enterprise_matches as m').innerJoin('enterprises as e', 'e.id', 'm.enterprise_id')
    .where(hasPolicy('m', p.match_key, q.outcome)).where(enterpriseInScope(ctx.actor, 'e'));
  const [rows, total] = await Promise.all([
    base.leftJoin('parks as pk', 'pk.id', 'e.park_id').select(['e.id', 'e.name', 'e.credit_code', 'pk.name as park_name', codesFor('m', p.match_key).as('codes')])
      .orderBy('e.name').orderBy('e.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      enterpriseId: r.id, enterpriseName: r.name, creditCode: r.credit_code, parkName: r.park_name, outcome: q.outcome, codes: r.codes,
      missing: missingFields(criteria, r.codes), failed: failedFields(criteria, r.codes),
    })),
    total: Number(total.n), totalEstimated: false,
  };
}

/** Why an enterprise is (not) eligible: every criterion with the fact it read, recomputed now. */
export async function explainPolicy(ctx: Ctx, id: string, enterpriseId: string) {
  const p = await policyOr404(ctx, ctx.db, id);
  const e = /^[0-9a-f-]{36}$/i.test(enterpriseId)
    ? await ctx.db.selectFrom('enterprises').select(['id', 'name', 'division_code']).where('id', '=', enterpriseId).executeTakeFirst()
    : undefined;
  if (!e || !enterpriseVisibleTo(ctx.actor, e)) throw new AppError('ENTERPRISE_NOT_FOUND');
  const [facts] = await readEnterpriseFacts(ctx.db, [enterpriseId]);
  const today = localDateOf(ctx.now);
  const criteria = p.criteria as Criteria;
  if (!facts) {
    // not active (suspended, closed): no policy applies
    return { policyId: id, enterpriseId, enterpriseName: e.name, asOf: today, outcome: 'not_eligible' as const, codes: '', combine: criteria.combine, criteria: [] };
  }
  const x = explainMatch(criteria, facts, today);
  return { policyId: id, enterpriseId, enterpriseName: e.name, asOf: today, combine: criteria.combine, ...x, criteria: x.criteria.map((c) => ({ ...c, fact: c.fact === null ? null : (Array.isArray(c.fact) ? [...c.fact] : c.fact) as string | number | boolean | string[] })) };
}

export function fieldCatalog() {
  return Object.entries(CRITERION_FIELDS).map(([field, s]) => ({
    field, kind: s.kind, ops: [...s.ops], zh: s.zh, en: s.en, attainable: s.attainable, source: s.source, ...(s.values ? { values: [...s.values] } : {}),
  }));
}

export function canManage(ctx: Ctx): boolean {
  return can(ctx.actor, 'benefit.manage');
}
