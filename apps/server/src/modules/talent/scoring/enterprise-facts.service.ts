import { AppError } from '../../../http/app-error';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx } from '../../../core/context';
import { checkFacts } from '../domain';
import { talentScopeKind } from '../registry/talent-scope';
import { compiledOfRow } from './recompute';
import { currentVersion } from './scheme.repo';
import { SchemeRejected, issue } from './scheme-issues';
import { STAFF_POINTS_FACT } from './population';
import { appliesFactsDirectly, claimFacts } from '../claims/claim-writes';
import { pendingClaimOf } from '../claims/pending-claim';

/** The enterprise scheme that applies to a year: the one in effect at its end, else the current one. */
async function schemeForYear(ctx: Ctx, year: number) {
  return currentVersion(ctx.db, 'enterprise', `${year}-12-31`);
}

async function visibleEnterprise(ctx: Ctx, enterpriseId: string) {
  if (talentScopeKind(ctx.actor) === 'self') throw new AppError('ENTERPRISE_NOT_FOUND');
  const e = await ctx.db.selectFrom('enterprises as e').select(['e.id', 'e.name']).where('e.id', '=', enterpriseId).where(enterpriseInScope(ctx.actor, 'e')).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  return e;
}

export async function getEnterpriseFacts(ctx: Ctx, enterpriseId: string, year?: number) {
  await visibleEnterprise(ctx, enterpriseId);
  const y = year ?? Number(localDateOf(ctx.now).slice(0, 4));
  const row = await ctx.db.selectFrom('talent_enterprise_facts').selectAll().where('enterprise_id', '=', enterpriseId).where('year', '=', y).executeTakeFirst();
  const v = await schemeForYear(ctx, y);
  const declared = v ? compiledOfRow(v).doc.facts.map((f) => ({ ...f, computed: f.key === STAFF_POINTS_FACT })) : [];
  return {
    enterpriseId, year: y, facts: row?.facts ?? {}, declared, updatedAt: row?.updated_at ?? null,
    factsApplyDirectly: appliesFactsDirectly(ctx.actor),
    pendingClaim: await pendingClaimOf(ctx.db, { kind: 'enterprise', enterpriseId, year: y }),
  };
}

/**
 * Stores an enterprise's facts for a year (the office), or claims them for review (an enterprise), checked against the enterprise scheme of that year:
 * a fact the scheme does not declare, a wrong type or a value out of range is rejected with its
 * path; staffPointsTotal is the platform's to compute. The next recompute uses them.
 */
export async function putEnterpriseFacts(ctx: Ctx, enterpriseId: string, input: { year: number; facts: Record<string, unknown> }) {
  await visibleEnterprise(ctx, enterpriseId);
  const v = await schemeForYear(ctx, input.year);
  if (!v) throw new SchemeRejected([issue('year', 'no-scheme', `${input.year} 年没有已发布的企业积分办法`, `no published enterprise scheme for ${input.year}`)]);
  const problems = checkFacts(compiledOfRow(v), input.facts)
    .filter((p) => p.severity === 'error')
    .map((p) => ({ path: `facts.${p.path}`, code: p.code, zh: p.zh, en: p.en }));
  if (STAFF_POINTS_FACT in input.facts)
    problems.push(issue(`facts.${STAFF_POINTS_FACT}`, 'computed-fact', '本企业人才个人积分合计由平台计算，不能填写', 'staffPointsTotal is computed by the platform and cannot be entered'));
  if (problems.length) throw new SchemeRejected(problems);
  if (!appliesFactsDirectly(ctx.actor)) {
    // an enterprise's facts are claimed for the talent office to review; the approved ones stay
    await ctx.db.transaction().execute(async (tx) => {
      const approved = await tx.selectFrom('talent_enterprise_facts').select('facts').where('enterprise_id', '=', enterpriseId).where('year', '=', input.year).executeTakeFirst();
      await claimFacts(tx, ctx, { kind: 'enterprise', enterpriseId, year: input.year }, approved?.facts ?? {}, () => input.facts);
    });
    return getEnterpriseFacts(ctx, enterpriseId, input.year);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('talent_enterprise_facts').select('facts').where('enterprise_id', '=', enterpriseId).where('year', '=', input.year).forUpdate().executeTakeFirst();
    await tx
      .insertInto('talent_enterprise_facts')
      .values({ enterprise_id: enterpriseId, year: input.year, facts: JSON.stringify(input.facts), updated_by: ctx.actor.userId, updated_at: ctx.now })
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet({ facts: JSON.stringify(input.facts), updated_by: ctx.actor.userId, updated_at: ctx.now }))
      .execute();
    const diff = changedFields(before?.facts ?? {}, input.facts);
    if (diff || !before)
      await recordAudit(tx, ctx, {
        action: 'talent.enterprise_facts.update', entityType: 'talent_enterprise_facts', entityId: `${enterpriseId}:${input.year}`, enterpriseId,
        before: diff?.before ?? {}, after: diff?.after ?? input.facts,
      });
  });
  return getEnterpriseFacts(ctx, enterpriseId, input.year);
}
