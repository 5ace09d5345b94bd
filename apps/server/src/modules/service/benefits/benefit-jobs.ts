import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Tx } from '../../../core/context';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { recurring, type JobHandler } from '../../../core/jobs/job-runner';
import { Notifier } from '../../../core/notifications/notifier';
import { localDateOf } from '../../../core/reference/domain/workday';
import { recordSystemAudit } from '../sweep/system-audit';
import { deliverEligible, matchPolicy, rematchEnterprises, unmatchPolicy } from './matching';

export const MATCH_POLICY_JOB = 'service.benefits.match_policy';
export const REMATCH_CHANGED_JOB = 'service.benefits.rematch_changed';
/** How often changed enterprise data is re-matched (after the previous run ends). */
export const REMATCH_EVERY_MS = 30_000;

/** A notifier that only writes in-app rows, when the runner has none. */
const IN_APP_ONLY = new Notifier({ send: async () => {} });

/** Queues re-matching one policy (after it was created, edited, published or expired), in the caller's transaction. */
export async function queuePolicyMatch(tx: Tx, policyId: string, createdBy: string | null): Promise<number> {
  return enqueueJob(tx, { kind: MATCH_POLICY_JOB, payload: { policyId }, createdBy });
}

/** One policy against every enterprise; a published one then notifies the newly eligible. */
export const matchPolicyJob: JobHandler = async (job, ctx) => {
  const policyId = String(job.payload.policyId);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    // one lock for every matching write: a policy job and the re-matching job must not insert the same pair at once
    await sql`SELECT pg_advisory_xact_lock(4225, 0)`.execute(tx);
    const s = await matchPolicy(tx, policyId, now);
    const notified = await deliverEligible(tx, ctx.notifier ?? IN_APP_ONLY, now, { policyIds: [policyId] });
    return { ...s, notified };
  });
};

/**
 * Re-matching after enterprise data changed (registry edits and imports bump enterprises.updated_at;
 * periodic facts bump enterprise_eligibility_facts.updated_at): every enterprise changed since the
 * last run against every policy, then the newly eligible are told. Also expires published
 * policies whose validity ended (valid_to before today, Asia/Shanghai), audited as the system.
 * The watermark is the newest updated_at seen, so a run that fails is simply done again.
 */
export async function rematchChanged(db: Kysely<DB>, now: Date, notifier: Notifier = IN_APP_ONLY) {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(4225, 0)`.execute(tx);
    const expired = await tx.updateTable('benefit_policies').set({ status: 'expired', updated_at: now, version: sql`version + 1` })
      .where('status', '=', 'published').where('valid_to', '<', localDateOf(now)).returning(['id', 'title']).execute();
    for (const p of expired) {
      await unmatchPolicy(tx, p.id);
      await recordSystemAudit(tx, now, { action: 'benefit_policy.expire', entityType: 'benefit_policy', entityId: p.id, after: { status: 'expired', title: p.title } });
    }
    const state = await tx.selectFrom('benefit_match_state').selectAll().where('id', '=', 1).executeTakeFirst();
    if (!state) {
      await tx.insertInto('benefit_match_state').values({ id: 1, enterprises_to: now, facts_to: now }).execute();
      return { expired: expired.length, enterprises: 0, eligible: 0, nearly: 0, notified: 0 };
    }
    const changed = await sql<{ id: string; at: Date; kind: 'e' | 'f' }>`
      SELECT id, updated_at AS at, 'e' AS kind FROM enterprises WHERE updated_at > ${state.enterprises_to}
      UNION ALL
      SELECT enterprise_id, updated_at, 'f' FROM enterprise_eligibility_facts WHERE updated_at > ${state.facts_to}`.execute(tx);
    if (changed.rows.length === 0) return { expired: expired.length, enterprises: 0, eligible: 0, nearly: 0, notified: 0 };
    const ids = [...new Set(changed.rows.map((r) => r.id))];
    const s = await rematchEnterprises(tx, ids, now);
    const notified = await deliverEligible(tx, notifier, now, { enterpriseIds: ids });
    const maxOf = (kind: 'e' | 'f', prev: Date) => changed.rows.filter((r) => r.kind === kind).reduce((m, r) => (new Date(r.at) > m ? new Date(r.at) : m), prev);
    await tx.updateTable('benefit_match_state').set({ enterprises_to: maxOf('e', state.enterprises_to), facts_to: maxOf('f', state.facts_to) }).where('id', '=', 1).execute();
    return { expired: expired.length, enterprises: ids.length, eligible: s.eligible, nearly: s.nearly, notified };
  });
}

export const rematchChangedJob = recurring(REMATCH_EVERY_MS, (_job, ctx) => rematchChanged(ctx.db, ctx.now(), ctx.notifier));
