import { sql } from 'kysely';
import type { Tx } from '../../../core/context';

/** A 免申即享 policy's grant list in figures (null: not generated yet). */
export async function grantListSummary(db: Tx, policyId: string) {
  const l = await db.selectFrom('benefit_grant_lists').selectAll().where('policy_id', '=', policyId).executeTakeFirst();
  if (!l) return null;
  const c = await db.selectFrom('benefit_grants').where('policy_id', '=', policyId).select([
    sql<number>`count(*)`.as('total'),
    sql<number>`count(*) FILTER (WHERE included)`.as('included'),
    sql<number>`count(*) FILTER (WHERE included AND intent = 'confirmed')`.as('confirmed'),
    sql<number>`count(*) FILTER (WHERE included AND intent = 'declined')`.as('declined'),
  ]).executeTakeFirstOrThrow();
  return {
    status: l.status, generatedAt: l.generated_at, confirmedAt: l.confirmed_at, confirmedByName: l.confirmed_by_name,
    total: Number(c.total), included: Number(c.included), intentConfirmed: Number(c.confirmed), intentDeclined: Number(c.declined), version: l.version,
  };
}

