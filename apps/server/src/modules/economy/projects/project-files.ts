import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { deleteFile, findOwnedFile, storeFile, type StoredFile } from '../../../core/files/file-store';
import type { UploadLimits } from '../../../core/files/domain/upload-limits';
import { AppError } from '../../../http/app-error';
import { getProject, loadProject } from './projects.service';

/** A project's documents (协议、批复、证照…) in the core file store, owner kind economy_project. */
export const PROJECT_FILE_OWNER = 'economy_project';

export async function addProjectFile(ctx: Ctx, projectId: string, upload: { name: string; content: Buffer }, limits: UploadLimits) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, projectId, true);
    const file = await storeFile(tx, ctx, { ownerKind: PROJECT_FILE_OWNER, ownerId: projectId, name: upload.name, content: upload.content }, limits);
    await recordAudit(tx, ctx, { action: 'economy.project.file_add', entityType: 'economy_project', entityId: projectId, enterpriseId: p.enterprise_id, after: { fileId: file.id, name: file.name, stage: p.stage } });
  });
  return getProject(ctx, projectId);
}

export async function projectFile(ctx: Ctx, projectId: string, fileId: string): Promise<StoredFile> {
  await loadProject(ctx.db, ctx, projectId);
  const file = await findOwnedFile(ctx.db, PROJECT_FILE_OWNER, projectId, fileId);
  if (!file) throw new AppError('NOT_FOUND', undefined, { zh: '该项目没有这个文件', en: 'The project has no such file' });
  return file;
}

export async function removeProjectFile(ctx: Ctx, projectId: string, fileId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    await loadProject(tx, ctx, projectId, true);
    const file = await findOwnedFile(tx, PROJECT_FILE_OWNER, projectId, fileId);
    if (!file) throw new AppError('NOT_FOUND', undefined, { zh: '该项目没有这个文件', en: 'The project has no such file' });
    await deleteFile(tx, fileId);
    await recordAudit(tx, ctx, { action: 'economy.project.file_delete', entityType: 'economy_project', entityId: projectId, before: { fileId, name: file.name } });
  });
  return getProject(ctx, projectId);
}
