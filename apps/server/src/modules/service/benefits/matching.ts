import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { readEnterpriseFacts } from '../../../core/enterprises/enterprise-facts';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Notifier } from '../../../core/notifications/notifier';
import { matchCompiled, matchEnterprises, matchPolicyOutcomes, type Criteria, type EnterpriseMatches } from './domain';
import { compiledPolicies } from './compiled-policies';
import { replaceAllMatches, replacePolicyOutcomes, storeEnterpriseMatches } from './match-store';

/**
 * Runs the pure matcher over the database and stores its outcomes (benefit_enterprise_matches,
 * one row per enterprise: the keys of its eligible and nearly policies with their per-criterion
 * codes; not eligible = absent). Three shapes of work: one policy against every enterprise (a
 * policy was saved or published), the changed enterprises against every policy (re-matching),
 * everything (the demo's first start, the benchmark). Expired policies have no matches.
 */
export interface MatchablePolicy {
  id: string;
  key: number;
  criteria: Criteria;
  status: 'draft' | 'published';
}

export async function loadMatchablePolicies(db: Tx, ids?: string[]): Promise<MatchablePolicy[]> {
  let q = db.selectFrom('benefit_policies').select(['id', 'match_key', 'criteria', 'status']).where('status', '!=', 'expired');
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const rows = await q.orderBy('match_key').execute();
  return rows.map((r) => ({ id: r.id, key: r.match_key, criteria: r.criteria as Criteria, status: r.status as 'draft' | 'published' }));
}

export interface MatchSummary {
  policies: number;
  enterprises: number;
  eligible: number;
  nearly: number;
}

function summary(policies: number, enterprises: number, rows: readonly EnterpriseMatches[]): MatchSummary {
  let eligible = 0;
  let nearly = 0;
  for (const r of rows) { eligible += r.eligible.length; nearly += r.nearly.length; }
  return { policies, enterprises, eligible, nearly };
}

/** One policy against every active enterprise (its old outcomes replaced). */
export async function matchPolicy(tx: Tx, policyId: string, now: Date): Promise<MatchSummary> {
  const [policy] = await loadMatchablePolicies(tx, [policyId]);
  if (!policy) {
    const expired = await tx.selectFrom('benefit_policies').select('match_key').where('id', '=', policyId).executeTakeFirst();
    if (expired) await replacePolicyOutcomes(tx, expired.match_key, new Map());
    return { policies: 0, enterprises: 0, eligible: 0, nearly: 0 };
  }
  const facts = await readEnterpriseFacts(tx);
  const outcomes = matchPolicyOutcomes(policy.criteria, facts, localDateOf(now));
  await replacePolicyOutcomes(tx, policy.key, outcomes);
  await tx.updateTable('benefit_policies').set({ matched_at: now }).where('id', '=', policyId).execute();
  let eligible = 0;
  for (const o of outcomes.values()) if (o.outcome === 'eligible') eligible++;
  return { policies: 1, enterprises: facts.length, eligible, nearly: outcomes.size - eligible };
}

/** Removes a policy's outcomes (retired or expired). */
export async function unmatchPolicy(tx: Tx, policyId: string): Promise<void> {
  const p = await tx.selectFrom('benefit_policies').select('match_key').where('id', '=', policyId).executeTakeFirst();
  if (p) await replacePolicyOutcomes(tx, p.match_key, new Map());
}

/**
 * The given enterprises against every policy (their old outcomes replaced; inactive ones keep
 * none). The policies' compiled criteria come from the process's cache (compiled-policies.ts:
 * one small query checks them), the facts are read for these enterprises only, and only rows
 * whose outcomes changed are written. `ms` says where the time went.
 */
export async function rematchEnterprises(tx: Tx, enterpriseIds: readonly string[], now: Date): Promise<MatchSummary & { changed: number; ms: { policies: number; facts: number; match: number; write: number } }> {
  if (enterpriseIds.length === 0) return { policies: 0, enterprises: 0, eligible: 0, nearly: 0, changed: 0, ms: { policies: 0, facts: 0, match: 0, write: 0 } };
  const ids = [...enterpriseIds];
  const t0 = performance.now();
  const policies = await compiledPolicies(tx, localDateOf(now));
  const t1 = performance.now();
  const facts = await readEnterpriseFacts(tx, ids);
  const t2 = performance.now();
  const rows = matchCompiled(policies, facts);
  const t3 = performance.now();
  const changed = await storeEnterpriseMatches(tx, ids, rows);
  const t4 = performance.now();
  return { ...summary(policies.length, facts.length, rows), changed, ms: { policies: t1 - t0, facts: t2 - t1, match: t3 - t2, write: t4 - t3 } };
}

/** Every policy against every enterprise, from scratch. */
export async function matchEverything(tx: Tx, now: Date): Promise<MatchSummary & { ms: { read: number; match: number; write: number } }> {
  const t0 = performance.now();
  const [policies, facts] = [await loadMatchablePolicies(tx), await readEnterpriseFacts(tx)];
  const t1 = performance.now();
  const rows = matchEnterprises(policies, facts, localDateOf(now));
  const t2 = performance.now();
  await replaceAllMatches(tx, rows);
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
  const none = ['00000000-0000-0000-0000-000000000000'];
  const policyIds = only.policyIds && (only.policyIds.length ? only.policyIds : none);
  const enterpriseIds = only.enterpriseIds && (only.enterpriseIds.length ? only.enterpriseIds : none);
  // by policy: the GIN index on `eligible` finds its enterprises; by enterprise: the primary key
  const r = await sql<{ policy_id: string; enterprise_id: string; title: string; auto_grant: boolean }>`
    SELECT p.id AS policy_id, m.enterprise_id, p.title, p.auto_grant
    FROM benefit_enterprise_matches m
    JOIN benefit_policies p ON p.match_key = ANY(m.eligible)
    LEFT JOIN benefit_deliveries d ON d.policy_id = p.id AND d.enterprise_id = m.enterprise_id
    WHERE p.status = 'published' AND d.policy_id IS NULL
      ${policyIds ? sql`AND p.id = ANY(${policyIds}::uuid[])
        AND m.eligible && ARRAY(SELECT match_key FROM benefit_policies WHERE id = ANY(${policyIds}::uuid[]))` : sql``}
      ${enterpriseIds ? sql`AND m.enterprise_id = ANY(${enterpriseIds}::uuid[])` : sql``}
    ORDER BY p.id, m.enterprise_id`.execute(tx);
  const pairs = r.rows;
  if (pairs.length === 0) return 0;
  for (let i = 0; i < pairs.length; i += 5_000) {
    await tx.insertInto('benefit_deliveries')
      .values(pairs.slice(i, i + 5_000).map((p) => ({ policy_id: p.policy_id, enterprise_id: p.enterprise_id, outcome: 'eligible' as const, notified_at: now })))
      .execute();
  }
  const users = await tx.selectFrom('users').select(['id', 'enterprise_id']).where('status', '=', 'active')
    .where(sql<boolean>`enterprise_id = ANY(${[...new Set(pairs.map((p) => p.enterprise_id))]}::uuid[])`).execute();
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
