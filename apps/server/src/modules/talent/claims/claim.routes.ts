import type { FastifyRequest } from 'fastify';
import { ctxOf, type Routes } from '../../../http/deps';
import { localeOf } from '../../../http/error-handler';
import { readUpload } from '../../../core/files/read-upload';
import { sendStoredFile, uploadLimitsOf } from '../../../core/files/file-store';
import { approveClaims, getClaim, listClaims, stepClaim, type Step } from './claim.service';
import { addEvidence, evidenceFile, removeEvidence } from './evidence.service';
import {
  ApproveInput, BatchApproveInput, BatchApproveResult, ClaimDetail, ClaimIdParams, ClaimListQuery, ClaimPage, EvidenceDownloadQuery,
  EvidenceParams, EvidenceUploadQuery, EvidenceView, RejectInput, RequestInfoInput, ResubmitInput,
} from './schemas';

const TAG = ['talent claims'];
const REVIEW = 'talent.claims.review';

/** Claims of facts, their evidence and their review: /api/talent/claims (docs/talent/EVIDENCE.md). */
export const claimRoutes: Routes = (app, deps) => {
  const limits = uploadLimitsOf(deps.config);
  /** One review step (resubmit, approve, reject, ask for more), answered with the claim as it now is. */
  const step = async (req: FastifyRequest, id: string, version: number | null, s: Step) => {
    const ctx = ctxOf(req, deps);
    await stepClaim(ctx, deps.notifier, id, version, s);
    return getClaim(ctx, id, limits);
  };

  app.get('/talent/claims', {
    config: { access: 'talent.write' },
    schema: {
      tags: TAG, summary: '积分事实申报列表：人才科的审核队列（全县），企业的本企业申报', querystring: ClaimListQuery, response: { 200: ClaimPage },
      description: 'Oldest waiting first by default; counts per status under the same filters. Scope: an enterprise user sees its own enterprise\'s claims, the talent office the county\'s.',
    },
  }, (req) => listClaims(ctxOf(req, deps), req.query));

  app.get('/talent/claims/:id', {
    config: { access: 'talent.write' },
    schema: { tags: TAG, summary: '申报详情：每项事实的原值与申报值、证明材料、办理经过', params: ClaimIdParams, response: { 200: ClaimDetail } },
  }, (req) => getClaim(ctxOf(req, deps), req.params.id, limits));

  app.post('/talent/claims/:id/evidence', {
    config: { access: 'talent.write' },
    schema: {
      tags: TAG, summary: '上传证明材料（PDF、JPEG、PNG，按内容判断类型；大小有上限）', params: ClaimIdParams, querystring: EvidenceUploadQuery,
      consumes: ['multipart/form-data'], response: { 201: EvidenceView },
      description: 'multipart/form-data with one file in the field `file`; `?fact=` attaches it to one claimed fact. 400 FILE_TYPE_NOT_ALLOWED / FILE_EMPTY, 413 FILE_TOO_LARGE, each naming the file and the limit (FILE_TYPES, FILE_MAX_MB). 409 TALENT_CLAIM_STATE when the claim is closed.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const upload = await readUpload(req, limits);
    const f = await addEvidence(ctx, req.params.id, upload, req.query.fact, limits);
    return reply.status(201).send({ id: f.id, name: f.name, mediaType: f.mediaType, sizeBytes: f.sizeBytes, fact: req.query.fact ?? null, uploadedByName: ctx.actor.displayName, createdAt: f.createdAt });
  });

  app.get('/talent/claims/:id/evidence/:fileId', {
    config: { access: 'talent.write' },
    schema: {
      tags: TAG, summary: '下载或预览证明材料（留痕）', params: EvidenceParams, querystring: EvidenceDownloadQuery,
      description: 'The content with its detected type, nosniff, as an attachment (inline=true: for preview). 404 outside the scope. Audited file.download.',
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const { file, enterpriseId } = await evidenceFile(ctx, req.params.id, req.params.fileId);
    return sendStoredFile(reply, ctx, file, { inline: req.query.inline === 'true', enterpriseId });
  });

  app.delete('/talent/claims/:id/evidence/:fileId', {
    config: { access: 'talent.write' },
    schema: { tags: TAG, summary: '删除证明材料（申报办理中）', params: EvidenceParams },
  }, async (req, reply) => {
    await removeEvidence(ctxOf(req, deps), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });

  app.post('/talent/claims/:id/resubmit', {
    config: { access: 'talent.write' },
    schema: { tags: TAG, summary: '补充材料后重新提交（企业）', params: ClaimIdParams, body: ResubmitInput, response: { 200: ClaimDetail } },
  }, (req) => step(req, req.params.id, req.body.version, { step: 'resubmit', note: req.body.note }));

  app.post('/talent/claims/:id/approve', {
    config: { access: REVIEW },
    schema: {
      tags: TAG, summary: '通过申报：申报值写入积分事实（下次计算积分时计入）', params: ClaimIdParams, body: ApproveInput, response: { 200: ClaimDetail },
      description: '409 TALENT_CLAIM_STALE naming the fact when an approved value changed since the claim was made; 409 TALENT_CLAIM_STATE when waiting for more information or closed; 409 CONFLICT on a stale version.',
    },
  }, (req) => step(req, req.params.id, req.body.version, { step: 'approve', note: req.body.note }));

  app.post('/talent/claims/:id/reject', {
    config: { access: REVIEW },
    schema: { tags: TAG, summary: '驳回申报（须填写理由）', params: ClaimIdParams, body: RejectInput, response: { 200: ClaimDetail } },
  }, (req) => step(req, req.params.id, req.body.version, { step: 'reject', reason: req.body.reason }));

  app.post('/talent/claims/:id/request-info', {
    config: { access: REVIEW },
    schema: { tags: TAG, summary: '要求企业补充材料（写明缺什么）', params: ClaimIdParams, body: RequestInfoInput, response: { 200: ClaimDetail } },
  }, (req) => step(req, req.params.id, req.body.version, { step: 'request_info', note: req.body.note }));

  app.post('/talent/claims/approve-batch', {
    config: { access: REVIEW },
    schema: { tags: TAG, summary: '批量通过所选申报（逐条办理，逐条报告结果）', body: BatchApproveInput, response: { 200: BatchApproveResult } },
  }, (req) => approveClaims(ctxOf(req, deps), deps.notifier, req.body.ids, localeOf(req)));
};
