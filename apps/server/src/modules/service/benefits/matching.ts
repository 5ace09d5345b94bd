import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { readEligibilityFacts } from '../../../core/enterprises/eligibility-facts';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Notifier } from '../../../core/notifications/notifier';
import { compileCriteria, type CompiledCriteria, type Criteria, type EligibilityFacts, type Outcome } from './domain';

/**
 * Runs the pure matcher over the database and stores its outcomes (benefit_matches: eligible and
 * nearly rows with their per-criterion codes; not eligible = no row). Three shapes of work:
 * one policy against every enterprise (a policy was saved or published), the changed enterprises
 * against every policy (re-matching), everything (the demo's first start, the benchmark).
 * Expired policies have no matches.
 */
export interface MatchRow {
  policy_id: string;
  enterprise_id: string;
  outcome: Exclude<Outcome, 'not_eligible'>;
  codes: string;
}

export interface MatchablePolicy {
  id: string;
  criteria: Criteria;
  status: 'draft' | 'published';
}

const CHUNK = 5_000;

export async function loadMatchablePolicies(db: Tx, ids?: string[]): Promise<MatchablePolicy[]> {
  let q = db.selectFrom('benefit_policies').select(['id', 'criteria', 'status']).where('status', '!=', 'expired');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, criteria: r.criteria as Criteria, status: r.status as 'draft' | 'published' }));
}

/** Every (policy, enterprise) pair that is eligible or nearly, from facts already loaded. */
export function matchRows(policies: readonly MatchablePolicy[], facts: readonly EligibilityFacts[], today: string): MatchRow[] {
  const compiled: [string, CompiledCriteria][] = policies.map((p) => [p.id, compileCriteria(p.criteria, today)]);
  const out: MatchRow[] = [];
  for (const [policyId, c] of compiled) {
    for (const f of facts) {
      const m = c.match(f);
      if (m.outcome !== 'not_eligible') out.push({ policy_id: policyId, enterprise_id: f.enterpriseId, outcome: m.outcome, codes: m.codes });
    }
  }
  return out;
}

export async function insertMatches(tx: Tx, rows: readonly MatchRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    await sql`INSERT INTO benefit_matches (policy_id, enterprise_id, outcome, codes)
              SELECT policy_id, enterprise_id, outcome, codes FROM json_populate_recordset(NULL::benefit_matches, ${json}::json)`.execute(tx);
  }
}

export interface MatchSummary {
  policies: number;
  enterprises: number;
  eligible: number;
  nearly: number;
}

function summary(policies: number, enterprises: number, rows: readonly MatchRow[]): MatchSummary {
  let eligible = 0;
  for (const r of rows) if (r.outcome === 'eligible') eligible++;
  return { policies, enterprises, eligible, nearly: rows.length - eligible };
}

/** One policy against every active enterprise (its old outcomes replaced). */
export async function matchPolicy(tx: Tx, policyId: string, now: Date): Promise<MatchSummary> {
  const policies = await loadMatchablePolicies(tx, [policyId]);
  await tx.deleteFrom('benefit_matches').where('policy_id', '=', policyId).execute();
  if (policies.length === 0) return { policies: 0, enterprises: 0, eligible: 0, nearly: 0 };
  const facts = await readEligibilityFacts(tx);
  const rows = matchRows(policies, facts, localDateOf(now));
  await insertMatches(tx, rows);
  await tx.updateTable('benefit_policies').set({ matched_at: now }).where('id', '=', policyId).execute();
  return summary(1, facts.length, rows);
}

/** The given enterprises against every policy (their old outcomes replaced; inactive ones keep none). */
export async function rematchEnterprises(tx: Tx, enterpriseIds: readonly string[], now: Date): Promise<MatchSummary> {
  if (enterpriseIds.length === 0) return { policies: 0, enterprises: 0, eligible: 0, nearly: 0 };
  const ids = [...enterpriseIds];
  await sql`DELETE FROM benefit_matches WHERE enterprise_id = ANY(${ids}::uuid[])`.execute(tx);
  const [policies, facts] = await Promise.all([loadMatchablePolicies(tx), readEligibilityFacts(tx, ids)]);
  const rows = matchRows(policies, facts, localDateOf(now));
  await insertMatches(tx, rows);
  return summary(policies.length, facts.length, rows);
}

/** Every policy against every enterprise, from scratch. */
export async function matchEverything(tx: Tx, now: Date): Promise<MatchSummary & { ms: { read: number; match: number; write: number } }> {
  const t0 = performance.now();
  const [policies, facts] = [await loadMatchablePolicies(tx), await readEligibilityFacts(tx)];
  const t1 = performance.now();
  const rows = matchRows(policies, facts, localDateOf(now));
  const t2 = performance.now();
  await sql`DELETE FROM benefit_matches`.execute(tx);
  await insertMatches(tx, rows);
  if (policies.length) await tx.updateTable('benefit_policies').set({ matched_at: now }).where('status', '!=', 'expired').execute();
  const t3 = performance.now();
  return { ...summary(policies.length, facts.length, rows), ms: { read: t1 - t0, match: t2 - t1, write: t3 - t2 } };
}

/**
 * Tells the users of each enterprise that a published policy now finds eligible, once per policy
 * and enterprise (benefit_deliveries). Limited to some policies or enterprises when given.
 */
export async function deliverEligible(
  tx: Tx,
  notifier: Notifier,
  now: Date,
  only: { policyIds?: string[]; enterpriseIds?: string[] } = {},
): Promise<number> {
  let q = tx
    .selectFrom('benefit_matches as m')
    .innerJoin('benefit_policies as p', 'p.id', 'm.policy_id')
    .leftJoin('benefit_deliveries as d', (j) => j.onRef('d.policy_id', '=', 'm.policy_id').onRef('d.enterprise_id', '=', 'm.enterprise_id'))
    .select(['m.policy_id', 'm.enterprise_id', 'p.title', 'p.auto_grant'])
    .where('p.status', '=', 'published')
    .where('m.outcome', '=', 'eligible')
    .where('d.policy_id', 'is', null);
  if (only.policyIds) q = q.where('m.policy_id', 'in', only.policyIds.length ? only.policyIds : ['00000000-0000-0000-0000-000000000000']);
  if (only.enterpriseIds) q = q.where('m.enterprise_id', 'in', only.enterpriseIds.length ? only.enterpriseIds : ['00000000-0000-0000-0000-000000000000']);
  const pairs = await q.execute();
  if (pairs.length === 0) return 0;
  await tx.insertInto('benefit_deliveries')
    .values(pairs.map((p) => ({ policy_id: p.policy_id, enterprise_id: p.enterprise_id, outcome: 'eligible' as const, notified_at: now })))
    .execute();
  const users = await tx.selectFrom('users').select(['id', 'enterprise_id']).where('status', '=', 'active')
    .where('enterprise_id', 'in', [...new Set(pairs.map((p) => p.enterprise_id))]).execute();
  const byEnterprise = new Map<string, string[]>();
  for (const u of users) byEnterprise.set(u.enterprise_id!, [...(byEnterprise.get(u.enterprise_id!) ?? []), u.id]);
  for (const p of pairs) {
    for (const userId of byEnterprise.get(p.enterprise_id) ?? []) {
      await notifier.notify(tx, userId, {
        title: `惠企政策：贵企业符合“${p.title}”`,
        body: p.auto_grant
          ? '该政策为免申即享：无需申报，区里确认兑现名单后请在平台确认领取意向。'
          : '请在“惠企政策”中查看政策解读和申报条件。',
        link: `/service/benefits/policies/${p.policy_id}`,
      });
    }
  }
  return pairs.length;
}
