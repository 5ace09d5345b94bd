import type { PendingClaim } from '@zhizhi/contracts';
import type { Tx } from '../../../core/context';
import { openClaimOf } from './claim-writes';

type Subject = { kind: 'talent'; talentId: string } | { kind: 'enterprise'; enterpriseId: string; year: number };

/** The subject's open claim as its file shows it (待审核 per fact, with its evidence count), or null. */
export async function pendingClaimOf(db: Tx, subject: Subject): Promise<PendingClaim | null> {
  const open = await openClaimOf(db, subject.kind === 'talent' ? { ...subject, enterpriseId: '' } : subject);
  if (!open) return null;
  const evidence = await db.selectFrom('talent_claim_evidence').select('fact').where('claim_id', '=', open.id).execute();
  return {
    id: open.id,
    status: open.status,
    reason: open.status === 'more_info_requested' ? open.reason : '',
    changes: open.changes.map((c) => ({ ...c, evidenceCount: evidence.filter((e) => e.fact === c.fact).length })),
    evidenceCount: evidence.length,
    waitingSince: open.waiting_since,
    version: open.version,
  };
}
