import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { deleteFile, findOwnedFile, storeFile, type StoredFile } from '../../../core/files/file-store';
import type { UploadLimits } from '../../../core/files/domain/upload-limits';
import { refuseClaimStep } from '../domain';
import { loadVisibleClaim } from './claim.service';
import { factLabel } from './fact-labels';

/** The owner kind of evidence files in core/files. */
export const CLAIM_FILE_OWNER = 'talent.claim';

/**
 * Adds a file of evidence to an open claim, for one of its facts or for the claim as a whole. The
 * file store refuses a forbidden type (by content) or size with a message naming the file and the
 * limit. The claim's timeline and the audit log record it.
 */
export async function addEvidence(ctx: Ctx, claimId: string, upload: { name: string; content: Buffer }, fact: string | undefined, limits: UploadLimits): Promise<StoredFile> {
  return ctx.db.transaction().execute((tx) => addEvidenceIn(tx, ctx, claimId, upload, fact, limits));
}

/** addEvidence in the caller's transaction (the demo seed). */
export async function addEvidenceIn(tx: Tx, ctx: Ctx, claimId: string, upload: { name: string; content: Buffer }, fact: string | undefined, limits: UploadLimits): Promise<StoredFile> {
  const c = await loadVisibleClaim(ctx, claimId, tx);
  const refusal = refuseClaimStep('evidence', c.status);
  if (refusal) throw new AppError('TALENT_CLAIM_STATE', undefined, refusal);
  if (fact && !c.changes.some((ch) => ch.fact === fact)) {
    const l = factLabel(fact);
    throw new AppError('VALIDATION_FAILED', { fact: `该申报没有申报“${l.zh}”，不能为它上传证明材料` }, {
      zh: `该申报没有申报“${l.zh}”，不能为它上传证明材料`, en: `The claim does not claim ${l.en}; evidence cannot be attached to it`,
    });
  }
  const file = await storeFile(tx, ctx, { ownerKind: CLAIM_FILE_OWNER, ownerId: c.id, name: upload.name, content: upload.content }, limits);
  await tx.insertInto('talent_claim_evidence').values({ file_id: file.id, claim_id: c.id, fact: fact ?? null }).execute();
  await tx.insertInto('talent_claim_events').values({
    claim_id: c.id, action: 'evidence_add', note: fact ? `${file.name}（${factLabel(fact).zh}）` : file.name,
    detail: JSON.stringify({ fileId: file.id, fact: fact ?? null }), actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now,
  }).execute();
  await recordAudit(tx, ctx, {
    action: 'talent.claim.evidence_add', entityType: 'talent_claim', entityId: c.id, enterpriseId: c.enterprise_id,
    after: { fileId: file.id, name: file.name, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, fact: fact ?? null },
  });
  await tx.updateTable('talent_claims').set({ updated_at: ctx.now }).where('id', '=', c.id).execute();
  return file;
}

/** Removes a file of evidence from an open claim: the enterprise's files by the enterprise, one's own upload by its uploader. */
export async function removeEvidence(ctx: Ctx, claimId: string, fileId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const c = await loadVisibleClaim(ctx, claimId, tx);
    const file = await findOwnedFile(tx, CLAIM_FILE_OWNER, c.id, fileId);
    if (!file) throw new AppError('TALENT_CLAIM_EVIDENCE_NOT_FOUND');
    const refusal = refuseClaimStep('evidence', c.status);
    if (refusal) throw new AppError('TALENT_CLAIM_STATE', undefined, refusal);
    if (ctx.actor.scope.enterpriseId !== c.enterprise_id && file.uploadedBy !== ctx.actor.userId) throw new AppError('FORBIDDEN');
    await deleteFile(tx, file.id);
    await tx.insertInto('talent_claim_events').values({
      claim_id: c.id, action: 'evidence_remove', note: file.name, detail: JSON.stringify({ fileId: file.id }),
      actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now,
    }).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.claim.evidence_remove', entityType: 'talent_claim', entityId: c.id, enterpriseId: c.enterprise_id,
      before: { fileId: file.id, name: file.name, sha256: file.sha256 },
    });
  });
}

/** A file of a claim the actor may see (404 otherwise: another enterprise's claim, or no such file). */
export async function evidenceFile(ctx: Ctx, claimId: string, fileId: string): Promise<{ file: StoredFile; enterpriseId: string }> {
  const c = await loadVisibleClaim(ctx, claimId);
  const file = await findOwnedFile(ctx.db, CLAIM_FILE_OWNER, c.id, fileId);
  if (!file) throw new AppError('TALENT_CLAIM_EVIDENCE_NOT_FOUND');
  return { file, enterpriseId: c.enterprise_id };
}
