import { sql } from 'kysely';
import type { TalentClaimChange, TalentClaimStatus } from '../../../db/schema';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { applyChanges, diffFacts, sameChanges } from '../domain';
import { talentScopeKind } from '../registry/talent-scope';
import type { Actor } from '../../../core/identity/actor';

/** What a claim is about: a talent's facts, or an enterprise's facts of a year. */
export type ClaimSubject =
  | { kind: 'talent'; talentId: string; enterpriseId: string }
  | { kind: 'enterprise'; enterpriseId: string; year: number };

const OPEN: TalentClaimStatus[] = ['submitted', 'more_info_requested', 'resubmitted'];

/**
 * Whose changes of scored facts apply at once: the talent office's (it is the reviewer; audited as
 * its own edit). Everyone else's — enterprise HR — become a claim for the office to review.
 */
export const appliesFactsDirectly = (actor: Actor) => talentScopeKind(actor) === 'county';

/** The subject's open claim, locked for the rest of the transaction, or undefined. */
export async function openClaimOf(tx: Tx, subject: ClaimSubject, lock = false) {
  let qb = tx.selectFrom('talent_claims').selectAll().where('status', 'in', OPEN);
  qb = subject.kind === 'talent'
    ? qb.where('subject_kind', '=', 'talent').where('talent_id', '=', subject.talentId)
    : qb.where('subject_kind', '=', 'enterprise').where('enterprise_id', '=', subject.enterpriseId).where('year', '=', subject.year);
  if (lock) qb = qb.forUpdate();
  return qb.executeTakeFirst();
}

/** The approved facts with the open claim laid over them: what the enterprise sees as its own. */
export async function claimedView(tx: Tx, subject: ClaimSubject, approved: Record<string, unknown>) {
  const open = await openClaimOf(tx, subject);
  return open ? applyChanges(approved, open.changes) : approved;
}

export type ClaimOutcome = { claimId: string; changed: boolean; status: TalentClaimStatus } | null;

/**
 * An enterprise's change of scored facts: opens a claim, amends the subject's one open claim, or
 * withdraws it when nothing is claimed any more. `build` gets the facts as the enterprise sees them
 * (approved + its open claim) and returns the facts it wants. The approved facts are not touched.
 * Runs in the caller's transaction, with the audit entry of each change.
 */
export async function claimFacts(
  tx: Tx,
  ctx: Omit<Ctx, 'db'>,
  subject: ClaimSubject,
  approved: Record<string, unknown>,
  build: (current: Record<string, unknown>) => Record<string, unknown>,
): Promise<ClaimOutcome> {
  // one open claim per subject: concurrent writers of the same subject queue here
  const key = subject.kind === 'talent' ? `talent:${subject.talentId}` : `enterprise:${subject.enterpriseId}:${subject.year}`;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`talent_claim:${key}`}))`.execute(tx);
  const open = await openClaimOf(tx, subject, true);
  const next = build(open ? applyChanges(approved, open.changes) : approved);
  const changes: TalentClaimChange[] = diffFacts(approved, next);
  const actor = { actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now };
  const audit = (action: string, claimId: string, before: unknown, after: unknown) => recordAudit(tx, ctx, {
    action, entityType: 'talent_claim', entityId: claimId, enterpriseId: subject.enterpriseId, before, after,
  });

  if (open) {
    if (sameChanges(open.changes, changes)) return { claimId: open.id, changed: false, status: open.status };
    if (changes.length === 0) {
      await tx.updateTable('talent_claims').set({ status: 'withdrawn', changes: '[]', updated_at: ctx.now, version: open.version + 1 }).where('id', '=', open.id).execute();
      await tx.insertInto('talent_claim_events').values({ claim_id: open.id, action: 'withdraw', note: '企业改回已审核的积分事实，申报撤回', detail: null, ...actor }).execute();
      await audit('talent.claim.withdraw', open.id, { changes: open.changes }, { status: 'withdrawn' });
      return { claimId: open.id, changed: true, status: 'withdrawn' };
    }
    await tx.updateTable('talent_claims').set({ changes: JSON.stringify(changes), updated_at: ctx.now, version: open.version + 1 }).where('id', '=', open.id).execute();
    await tx.insertInto('talent_claim_events').values({ claim_id: open.id, action: 'amend', note: '', detail: JSON.stringify({ changes }), ...actor }).execute();
    await audit('talent.claim.amend', open.id, { changes: open.changes }, { changes });
    return { claimId: open.id, changed: true, status: open.status };
  }
  if (changes.length === 0) return null;
  const row = await tx
    .insertInto('talent_claims')
    .values({
      subject_kind: subject.kind,
      talent_id: subject.kind === 'talent' ? subject.talentId : null,
      year: subject.kind === 'enterprise' ? subject.year : null,
      enterprise_id: subject.enterpriseId,
      changes: JSON.stringify(changes),
      submitted_by: ctx.actor.userId,
      created_at: ctx.now,
      waiting_since: ctx.now,
      updated_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('talent_claim_events').values({ claim_id: row.id, action: 'submit', note: '', detail: JSON.stringify({ changes }), ...actor }).execute();
  await audit('talent.claim.submit', row.id, undefined, { subject: key, changes });
  return { claimId: row.id, changed: true, status: 'submitted' };
}
