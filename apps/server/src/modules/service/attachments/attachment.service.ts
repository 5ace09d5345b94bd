import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { deleteFile, findOwnedFile, storeFile, type StoredFile } from '../../../core/files/file-store';
import type { UploadLimits } from '../../../core/files/domain/upload-limits';
import { isOtherEnterprisesRequest, lifecycleRoles, requestInScope, serviceView } from '../service-actor';
import type { AttachmentView } from '../schemas';

/** The owner kind of request attachments in core/files (owner id: the request). */
export const REQUEST_FILE_OWNER = 'service.request';

/** Timeline events an enterprise does not see (the office's and the units' internal steps): nor their files. */
export const INTERNAL_EVENTS = new Set(['returned', 'supervised', 'step_warning', 'step_overdue', 'follow_up_to_hotline']);

const FINISHED = new Set(['closed', 'merged']);

interface VisibleRequest { id: string; enterprise_id: string | null; status: string }

async function loadRequest(ctx: Ctx, id: string, tx: Tx): Promise<VisibleRequest> {
  if (!serviceView(ctx.actor)) throw new AppError('FORBIDDEN');
  const row = await tx.selectFrom('service_requests as r').select(['r.id', 'r.enterprise_id', 'r.status'])
    .where('r.id', '=', id).where(requestInScope(ctx.actor)).executeTakeFirst();
  if (!row) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
  return row;
}

/** The uploader's part in the request: the enterprise, the office or a handling unit; leaders only read. */
function uploaderRole(ctx: Ctx): 'enterprise' | 'office' | 'unit' {
  const view = serviceView(ctx.actor);
  if (view === 'enterprise') return 'enterprise';
  const roles = lifecycleRoles(ctx.actor);
  if (view === 'all' && (roles.includes('office_dispatcher') || roles.includes('office_operator'))) return 'office';
  if (view === 'unit' && roles.length > 0) return 'unit';
  throw new AppError('FORBIDDEN', undefined, { zh: '您只能查看诉求，不能为它上传附件', en: 'You can read this request but not attach files to it' });
}

type Row = {
  file_id: string; name: string; media_type: string; size_bytes: number; created_at: Date; event_id: number | null;
  uploader_role: string; uploader_name: string; unit_id: string | null; uploaded_by: string | null; event_type: string | null;
};

/**
 * The request's attachments the actor may see. An enterprise: not the files of internal steps (a
 * return's, a 督办's), and on a request raised by another enterprise (followed through a merge) not
 * the other enterprise's files. Everyone else who sees the request sees all of them.
 */
export async function listAttachments(db: Tx, ctx: Ctx, request: VisibleRequest): Promise<AttachmentView[]> {
  const rows: Row[] = await db.selectFrom('service_request_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .leftJoin('service_request_events as e', 'e.id', 'a.event_id')
    .select(['a.file_id', 'f.name', 'f.media_type', 'f.size_bytes', 'a.created_at', 'a.event_id', 'a.uploader_role', 'a.uploader_name', 'a.unit_id', 'f.uploaded_by', 'e.type as event_type'])
    .where('a.request_id', '=', request.id)
    .orderBy('a.created_at').orderBy('a.file_id')
    .execute();
  return rows.filter((r) => mayRead(ctx, request, r)).map((r) => ({
    id: r.file_id, name: r.name, mediaType: r.media_type as AttachmentView['mediaType'], sizeBytes: r.size_bytes, createdAt: r.created_at,
    eventId: r.event_id, uploaderRole: r.uploader_role as AttachmentView['uploaderRole'], uploaderName: r.uploader_name, unitId: r.unit_id,
    mine: r.uploaded_by === ctx.actor.userId,
  }));
}

function mayRead(ctx: Ctx, request: VisibleRequest, r: Pick<Row, 'event_type' | 'uploader_role'>): boolean {
  if (serviceView(ctx.actor) !== 'enterprise') return true;
  if (r.event_type && INTERNAL_EVENTS.has(r.event_type)) return false;
  return !(isOtherEnterprisesRequest(ctx.actor, request.enterprise_id) && r.uploader_role === 'enterprise');
}

export async function requestAttachments(ctx: Ctx, requestId: string): Promise<AttachmentView[]> {
  return listAttachments(ctx.db, ctx, await loadRequest(ctx, requestId, ctx.db));
}

/**
 * Attaches an uploaded file to a request (to a step of it later, through an action's
 * attachmentIds). The enterprise of the request, the office and the handling units may; not on a
 * closed or merged request, and an enterprise not on another enterprise's. Audited with the file's
 * name, type, size and SHA-256.
 */
export async function addAttachment(ctx: Ctx, requestId: string, upload: { name: string; content: Buffer }, limits: UploadLimits): Promise<AttachmentView> {
  const role = uploaderRole(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await loadRequest(ctx, requestId, tx);
    if (role === 'enterprise' && isOtherEnterprisesRequest(ctx.actor, r.enterprise_id)) throw new AppError('SERVICE_NOT_REQUEST_ENTERPRISE');
    if (FINISHED.has(r.status)) throw new AppError('SERVICE_REQUEST_FINISHED');
    const file = await storeFile(tx, ctx, { ownerKind: REQUEST_FILE_OWNER, ownerId: r.id, name: upload.name, content: upload.content }, limits);
    const unitId = role === 'unit' ? ctx.actor.scope.departmentId : null;
    await tx.insertInto('service_request_attachments').values({
      file_id: file.id, request_id: r.id, uploader_role: role, uploader_name: ctx.actor.displayName, unit_id: unitId, created_at: ctx.now,
    }).execute();
    await recordAudit(tx, ctx, {
      action: 'service.request.attach', entityType: 'service_request', entityId: r.id, enterpriseId: r.enterprise_id,
      after: { fileId: file.id, name: file.name, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256 },
    });
    return {
      id: file.id, name: file.name, mediaType: file.mediaType, sizeBytes: file.sizeBytes, createdAt: ctx.now, eventId: null,
      uploaderRole: role, uploaderName: ctx.actor.displayName, unitId, mine: true,
    };
  });
}

/**
 * Links the actor's own attachments not yet on a step to the step an action just recorded (its
 * last timeline event), in the action's transaction. Anything else named is a 400 at attachmentIds.
 */
export async function linkAttachments(tx: Tx, ctx: Ctx, requestId: string, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const ids = [...new Set(fileIds)];
  const event = await tx.selectFrom('service_request_events').select('id').where('request_id', '=', requestId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const linked = await tx.updateTable('service_request_attachments').set({ event_id: event.id })
    .where('request_id', '=', requestId).where('file_id', 'in', ids).where('event_id', 'is', null)
    .where('file_id', 'in', (eb) => eb.selectFrom('files').select('id').where('uploaded_by', '=', ctx.actor.userId))
    .returning('file_id').execute();
  if (linked.length !== ids.length) {
    const ok = new Set(linked.map((l) => l.file_id));
    const fields = Object.fromEntries(ids.map((id, i) => [id, i] as const).filter(([id]) => !ok.has(id)).map(([, i]) => [`attachmentIds.${i}`, '附件不存在、不是您上传的或已属于其他环节']));
    throw new AppError('VALIDATION_FAILED', fields, {
      zh: '所附文件须是您为本诉求上传、尚未附在其他环节的附件', en: 'Attached files must be ones you uploaded to this request and not yet attached to another step',
    });
  }
}

/** A file of a request the actor may read (404 otherwise), with the request's enterprise for the audit. */
export async function attachmentFile(ctx: Ctx, requestId: string, fileId: string): Promise<{ file: StoredFile; enterpriseId: string | null }> {
  const r = await loadRequest(ctx, requestId, ctx.db);
  const a = await ctx.db.selectFrom('service_request_attachments as a').leftJoin('service_request_events as e', 'e.id', 'a.event_id')
    .select(['a.uploader_role', 'e.type as event_type']).where('a.request_id', '=', r.id).where('a.file_id', '=', fileId).executeTakeFirst();
  const file = a && mayRead(ctx, r, a) ? await findOwnedFile(ctx.db, REQUEST_FILE_OWNER, r.id, fileId) : null;
  if (!file) throw new AppError('SERVICE_ATTACHMENT_NOT_FOUND');
  return { file, enterpriseId: r.enterprise_id };
}

/** Removes one's own attachment that is not on a step yet (a wrong file), while the request is open. */
export async function removeAttachment(ctx: Ctx, requestId: string, fileId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const r = await loadRequest(ctx, requestId, tx);
    const a = await tx.selectFrom('service_request_attachments').select(['event_id']).where('request_id', '=', r.id).where('file_id', '=', fileId).executeTakeFirst();
    const file = a ? await findOwnedFile(tx, REQUEST_FILE_OWNER, r.id, fileId) : null;
    if (!a || !file) throw new AppError('SERVICE_ATTACHMENT_NOT_FOUND');
    if (file.uploadedBy !== ctx.actor.userId) {
      throw new AppError('FORBIDDEN', undefined, { zh: '只能删除自己上传的附件', en: 'You can only remove files you uploaded' });
    }
    if (a.event_id !== null) {
      throw new AppError('SERVICE_ATTACHMENT_ON_STEP', undefined, {
        zh: `附件“${file.name}”已附在办理环节上，不能删除`, en: `"${file.name}" is part of a step of the timeline and cannot be removed`,
      });
    }
    if (FINISHED.has(r.status)) throw new AppError('SERVICE_REQUEST_FINISHED');
    await deleteFile(tx, file.id);
    await recordAudit(tx, ctx, {
      action: 'service.request.detach', entityType: 'service_request', entityId: r.id, enterpriseId: r.enterprise_id,
      before: { fileId: file.id, name: file.name, sha256: file.sha256 },
    });
  });
}
