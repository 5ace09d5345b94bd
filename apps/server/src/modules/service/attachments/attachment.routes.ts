import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { readUpload } from '../../../core/files/read-upload';
import { sendStoredFile, uploadLimitsOf } from '../../../core/files/file-store';
import { AttachmentDownloadQuery, AttachmentParams, AttachmentView } from '../schemas';
import { addAttachment, attachmentFile, removeAttachment, requestAttachments } from './attachment.service';

const TAG = ['service'];
const IdParams = z.object({ id: z.uuid() });

/**
 * A request's attachments (附件): /api/service/requests/:id/attachments. Whoever may read the
 * request may read its files (scope as the request's: an enterprise its own requests; not the files
 * of internal steps); the request's enterprise, the office and the handling units may add them.
 */
export const attachmentRoutes: Routes = (app, deps) => {
  const limits = uploadLimitsOf(deps.config);

  app.get('/service/requests/:id/attachments', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '诉求的附件（照片、PDF）', params: IdParams, response: { 200: z.array(AttachmentView) } },
  }, (req) => requestAttachments(ctxOf(req, deps), req.params.id));

  app.post('/service/requests/:id/attachments', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG, summary: '为诉求上传附件（照片、PDF；按内容判断类型，大小有上限）', params: IdParams,
      consumes: ['multipart/form-data'], response: { 201: AttachmentView },
      description: 'multipart/form-data with one file in the field `file`. The request\'s enterprise, the office (operator, dispatcher) and the handling units it is dispatched to; leaders read only (403). To put it on a step (the unit\'s answer, a return), name it in the action\'s attachmentIds. 400 FILE_TYPE_NOT_ALLOWED / FILE_EMPTY, 413 FILE_TOO_LARGE, 409 SERVICE_REQUEST_FINISHED on a closed or merged request, 404 outside the scope.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const upload = await readUpload(req, limits);
    return reply.status(201).send(await addAttachment(ctx, req.params.id, upload, limits));
  });

  app.get('/service/requests/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG, summary: '下载或预览诉求附件（留痕）', params: AttachmentParams, querystring: AttachmentDownloadQuery,
      description: 'The content with its detected type, nosniff, as an attachment (inline=true: for preview). 404 outside the scope or for a file the reader may not see. Audited file.download.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const { file, enterpriseId } = await attachmentFile(ctx, req.params.id, req.params.fileId);
    return sendStoredFile(reply, ctx, file, { inline: req.query.inline === 'true', enterpriseId });
  });

  app.delete('/service/requests/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '删除自己上传、尚未附在办理环节上的附件', params: AttachmentParams, description: '204. 403 for another\'s file, 409 SERVICE_ATTACHMENT_ON_STEP once a step carries it.' },
  }, async (req, reply) => {
    await removeAttachment(ctxOf(req, deps), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });
};
