import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { can } from '../../../core/identity/actor';
import { enterpriseInScope, enterpriseVisibleTo } from '../../../core/identity/scope';
import { AppError, forbidden } from '../../../http/app-error';
import { failedFields, missingFields, type Criteria } from './domain';
import { benefitView } from './access';
import { toGrant } from './grant.service';

/**
 * The enterprise's file (一企一档, 惠企政策 tab) and the park's file (一园一档): published policies
 * it is eligible for and nearly eligible for (with what is missing or failing), and the grants it
 * received. The enterprise's own users see the same through /service/benefits/mine.
 */
export async function enterpriseBenefits(ctx: Ctx, enterpriseId: string) {
  const view = benefitView(ctx.actor);
  if (!view) throw forbidden();
  const e = /^[0-9a-f-]{36}$/i.test(enterpriseId)
    ? await ctx.db.selectFrom('enterprises').select(['id', 'division_code']).where('id', '=', enterpriseId).executeTakeFirst()
    : undefined;
  if (!e || !enterpriseVisibleTo(ctx.actor, e)) throw new AppError('ENTERPRISE_NOT_FOUND');
  const matches = await ctx.db.selectFrom('benefit_matches as m').innerJoin('benefit_policies as p', 'p.id', 'm.policy_id')
    .leftJoin('benefit_deliveries as d', (j) => j.onRef('d.policy_id', '=', 'm.policy_id').onRef('d.enterprise_id', '=', 'm.enterprise_id'))
    .select(['p.id', 'p.title', 'p.issuer', 'p.auto_grant', 'p.benefit_amount_fen', 'p.benefit_description', 'p.valid_to', 'p.criteria', 'm.outcome', 'm.codes', 'd.notified_at'])
    .where('m.enterprise_id', '=', enterpriseId).where('p.status', '=', 'published').orderBy('p.published_at', 'desc').orderBy('p.id').execute();
  const items = matches.map((m) => ({
    id: m.id, title: m.title, issuer: m.issuer, autoGrant: m.auto_grant, benefitAmountFen: m.benefit_amount_fen, benefitDescription: m.benefit_description,
    validTo: m.valid_to, outcome: m.outcome, missing: missingFields(m.criteria as Criteria, m.codes), failed: failedFields(m.criteria as Criteria, m.codes),
    notifiedAt: m.notified_at,
  }));
  // An enterprise sees its grants once the list is confirmed; the office also while it is in review.
  let grantsQ = ctx.db.selectFrom('benefit_grants as g')
    .innerJoin('benefit_grant_lists as l', 'l.policy_id', 'g.policy_id')
    .innerJoin('benefit_policies as p', 'p.id', 'g.policy_id')
    .innerJoin('enterprises as e', 'e.id', 'g.enterprise_id')
    .select(['g.id', 'g.policy_id', 'p.title', 'g.enterprise_id', 'e.name', 'g.amount_fen', 'g.included', 'g.exclude_reason', 'l.status as list_status',
      'g.intent', 'g.intent_at', 'g.bank_name', 'g.bank_account_name', 'g.bank_account_no', 'g.contact_name', 'g.contact_phone'])
    .where('g.enterprise_id', '=', enterpriseId);
  if (view === 'enterprise') grantsQ = grantsQ.where('l.status', '=', 'confirmed').where('g.included', '=', true);
  const grants = (await grantsQ.orderBy('l.generated_at', 'desc').execute()).map((r) => toGrant(r));
  const receivedFen = grants.filter((g) => g.listStatus === 'confirmed' && g.included && g.intent === 'confirmed').reduce((s, g) => s + (g.amountFen ?? 0), 0);
  return { enterpriseId, eligible: items.filter((i) => i.outcome === 'eligible'), nearly: items.filter((i) => i.outcome === 'nearly'), grants, receivedFen };
}

/** The park file's aggregate: per published policy, how many of the park's enterprises are eligible, nearly, granted. */
export async function parkBenefits(ctx: Ctx, parkId: string) {
  if (benefitView(ctx.actor) !== 'office' || !can(ctx.actor, 'park.read')) throw forbidden();
  const park = /^[0-9a-f-]{36}$/i.test(parkId) ? await ctx.db.selectFrom('parks').select('id').where('id', '=', parkId).executeTakeFirst() : undefined;
  if (!park) throw new AppError('PARK_NOT_FOUND');
  const inPark = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.park_id`)} = ${parkId} AND ${enterpriseInScope(ctx.actor, alias)})`;
  const enterprises = await ctx.db.selectFrom('enterprises as e').select(sql<number>`count(*)`.as('n')).where(inPark('e')).where('e.status', '=', 'active').executeTakeFirstOrThrow();
  const policies = await sql<{
    id: string; title: string; issuer: string; auto_grant: boolean; benefit_amount_fen: number | null; benefit_description: string; valid_to: string | null;
    eligible: number; nearly: number; granted: number; granted_fen: number;
  }>`
    WITH pm AS (SELECT m.eligible, m.nearly FROM benefit_enterprise_matches m JOIN enterprises e ON e.id = m.enterprise_id WHERE ${inPark('e')}),
      el AS (SELECT k, count(*) AS n FROM pm CROSS JOIN LATERAL unnest(pm.eligible) AS k GROUP BY k),
      ne AS (SELECT k, count(*) AS n FROM pm CROSS JOIN LATERAL unnest(pm.nearly) AS k GROUP BY k)
    SELECT p.id, p.title, p.issuer, p.auto_grant, p.benefit_amount_fen, p.benefit_description, p.valid_to,
      coalesce((SELECT n FROM el WHERE el.k = p.match_key), 0) AS eligible,
      coalesce((SELECT n FROM ne WHERE ne.k = p.match_key), 0) AS nearly,
      (SELECT count(*) FROM benefit_grants g JOIN benefit_grant_lists l ON l.policy_id = g.policy_id JOIN enterprises e ON e.id = g.enterprise_id
        WHERE g.policy_id = p.id AND l.status = 'confirmed' AND g.included AND g.intent = 'confirmed' AND ${inPark('e')}) AS granted,
      (SELECT coalesce(sum(g.amount_fen), 0) FROM benefit_grants g JOIN benefit_grant_lists l ON l.policy_id = g.policy_id JOIN enterprises e ON e.id = g.enterprise_id
        WHERE g.policy_id = p.id AND l.status = 'confirmed' AND g.included AND g.intent = 'confirmed' AND ${inPark('e')}) AS granted_fen
    FROM benefit_policies p WHERE p.status = 'published' ORDER BY p.published_at DESC, p.id`.execute(ctx.db);
  const distinct = await sql<{ eligible: number; nearly: number; granted: number; granted_fen: number }>`
    SELECT
      (SELECT count(*) FROM benefit_enterprise_matches m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.eligible && ARRAY(SELECT match_key FROM benefit_policies WHERE status = 'published') AND ${inPark('e')}) AS eligible,
      (SELECT count(*) FROM benefit_enterprise_matches m JOIN enterprises e ON e.id = m.enterprise_id
        WHERE m.nearly && ARRAY(SELECT match_key FROM benefit_policies WHERE status = 'published') AND ${inPark('e')}) AS nearly,
      (SELECT count(DISTINCT g.enterprise_id) FROM benefit_grants g JOIN benefit_grant_lists l ON l.policy_id = g.policy_id JOIN enterprises e ON e.id = g.enterprise_id
        WHERE l.status = 'confirmed' AND g.included AND g.intent = 'confirmed' AND ${inPark('e')}) AS granted,
      (SELECT coalesce(sum(g.amount_fen), 0) FROM benefit_grants g JOIN benefit_grant_lists l ON l.policy_id = g.policy_id JOIN enterprises e ON e.id = g.enterprise_id
        WHERE l.status = 'confirmed' AND g.included AND g.intent = 'confirmed' AND ${inPark('e')}) AS granted_fen`.execute(ctx.db);
  const d = distinct.rows[0]!;
  return {
    parkId,
    enterprises: Number(enterprises.n),
    policies: policies.rows.map((p) => ({
      id: p.id, title: p.title, issuer: p.issuer, autoGrant: p.auto_grant, benefitAmountFen: p.benefit_amount_fen, benefitDescription: p.benefit_description,
      validTo: p.valid_to, eligible: Number(p.eligible), nearly: Number(p.nearly), granted: Number(p.granted), grantedFen: Number(p.granted_fen),
    })),
    totals: { eligibleEnterprises: Number(d.eligible), nearlyEnterprises: Number(d.nearly), grantedEnterprises: Number(d.granted), grantedFen: Number(d.granted_fen) },
  };
}
