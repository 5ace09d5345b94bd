import type { Ctx } from '../../../core/context';
import { can } from '../../../core/identity/actor';
import { recordAudit } from '../../../core/audit/audit';
import { deleteFile, findOwnedFile, storeFile } from '../../../core/files/file-store';
import type { UploadLimits } from '../../../core/files/domain/upload-limits';
import { AppError, forbidden } from '../../../http/app-error';
import { policyOr404, POLICY_FILE_OWNER } from './policy.service';

/** A policy's attachments (the document, its annex): the office adds them; whoever may see the policy reads them. */
export async function addAttachment(ctx: Ctx, policyId: string, upload: { name: string; content: Buffer }, limits: UploadLimits) {
  if (!can(ctx.actor, 'benefit.manage')) throw forbidden();
  return ctx.db.transaction().execute(async (tx) => {
    const p = await policyOr404(ctx, tx, policyId);
    if (p.status === 'expired') throw new AppError('BENEFIT_POLICY_EXPIRED');
    const file = await storeFile(tx, ctx, { ownerKind: POLICY_FILE_OWNER, ownerId: p.id, name: upload.name, content: upload.content }, limits);
    await recordAudit(tx, ctx, { action: 'benefit_policy.attachment_add', entityType: 'benefit_policy', entityId: p.id, after: { fileId: file.id, name: file.name } });
    return file;
  });
}

export async function attachmentOf(ctx: Ctx, policyId: string, fileId: string) {
  const p = await policyOr404(ctx, ctx.db, policyId);
  const file = /^[0-9a-f-]{36}$/i.test(fileId) ? await findOwnedFile(ctx.db, POLICY_FILE_OWNER, p.id, fileId) : null;
  if (!file) throw new AppError('NOT_FOUND');
  return file;
}

export async function removeAttachment(ctx: Ctx, policyId: string, fileId: string) {
  if (!can(ctx.actor, 'benefit.manage')) throw forbidden();
  await ctx.db.transaction().execute(async (tx) => {
    const p = await policyOr404(ctx, tx, policyId);
    const file = /^[0-9a-f-]{36}$/i.test(fileId) ? await findOwnedFile(tx, POLICY_FILE_OWNER, p.id, fileId) : null;
    if (!file) throw new AppError('NOT_FOUND');
    await deleteFile(tx, file.id);
    await recordAudit(tx, ctx, { action: 'benefit_policy.attachment_remove', entityType: 'benefit_policy', entityId: p.id, before: { fileId: file.id, name: file.name } });
  });
}
