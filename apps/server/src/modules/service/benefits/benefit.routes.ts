import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { forbidden } from '../../../http/app-error';
import { readUpload } from '../../../core/files/read-upload';
import { sendStoredFile, uploadLimitsOf } from '../../../core/files/file-store';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { addAttachment, attachmentOf, removeAttachment } from './attachments';
import { enterpriseBenefits, parkBenefits } from './benefit-files';
import { confirmGrantList, exportGrantList, generateGrantList, giveIntent, listGrants, updateGrantItem } from './grant.service';
import { createPolicy, expirePolicy, explainPolicy, fieldCatalog, getPolicy, listPolicies, policyMatches, publishPolicy, updatePolicy } from './policy.service';
import {
  EnterpriseBenefits, Explanation, FieldCatalog, Grant, GrantItemUpdate, GrantList, GrantListQuery, IntentBody, MatchList, MatchQuery,
  ParkBenefits, Policy, PolicyInput, PolicyList, PolicyListQuery, PolicyUpdate, VersionBody,
} from './schemas';

const TAG = ['service-benefits'];
const Id = z.object({ id: z.string() });
const GrantSummary = GrantList.shape.summary;

/** 惠企政策直达 / 免申即享: /api/service/benefits… (docs/service/BENEFITS.md). */
export const benefitRoutes: Routes = (app, deps) => {
  const limits = uploadLimitsOf(deps.config);

  app.get('/service/benefits/criteria-fields', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '申报条件可用的企业字段、比较方式和取值', response: { 200: FieldCatalog } },
  }, () => fieldCatalog());

  app.get('/service/benefits/policies', {
    config: { access: 'benefit.read' },
    schema: { tags: TAG, summary: '惠企政策库：按状态、关键词查找；每项带符合、接近符合、已通知的企业数（按数据范围）', querystring: PolicyListQuery, response: { 200: PolicyList } },
  }, (req) => listPolicies(ctxOf(req, deps), req.query));

  app.post('/service/benefits/policies', {
    config: { access: 'benefit.manage' },
    schema: {
      tags: TAG, summary: '录入惠企政策（草稿），含结构化申报条件；保存后自动匹配', body: PolicyInput, response: { 201: Policy },
      description: '400 BENEFIT_CRITERIA_INVALID names each refused criterion (unknown field, operator, impossible value, unknown street or park) in `fields` (criteria.items.N.field/op/value/values).',
    },
  }, async (req, reply) => reply.status(201).send(await createPolicy(ctxOf(req, deps), req.body)));

  app.get('/service/benefits/policies/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '政策详情：解读、附件、申报条件、匹配数、兑现名单概况（企业用户只见已发布政策）', params: Id, response: { 200: Policy } },
  }, (req) => getPolicy(ctxOf(req, deps), req.params.id));

  app.put('/service/benefits/policies/:id', {
    config: { access: 'benefit.manage' },
    schema: { tags: TAG, summary: '修改政策（带版本号）；修改后重新匹配', params: Id, body: PolicyUpdate, response: { 200: Policy } },
  }, (req) => updatePolicy(ctxOf(req, deps), req.params.id, req.body));

  app.post('/service/benefits/policies/:id/publish', {
    config: { access: 'benefit.manage' },
    schema: { tags: TAG, summary: '发布政策：匹配全部企业并通知符合条件的企业（后台任务）', params: Id, body: VersionBody, response: { 200: Policy } },
  }, (req) => publishPolicy(ctxOf(req, deps), req.params.id, req.body.version));

  app.post('/service/benefits/policies/:id/expire', {
    config: { access: 'benefit.manage' },
    schema: { tags: TAG, summary: '废止政策：不再匹配和展示为可享受；兑现记录保留', params: Id, body: VersionBody, response: { 200: Policy } },
  }, (req) => expirePolicy(ctxOf(req, deps), req.params.id, req.body.version));

  app.get('/service/benefits/policies/:id/matches', {
    config: { access: 'benefit.read' },
    schema: { tags: TAG, summary: '符合（或接近符合）条件的企业，附缺失的数据和未满足的条件', params: Id, querystring: MatchQuery, response: { 200: MatchList } },
  }, (req) => policyMatches(ctxOf(req, deps), req.params.id, req.query));

  app.get('/service/benefits/policies/:id/enterprises/:enterpriseId', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG, summary: '逐条说明某企业是否符合该政策：每条条件的结果（满足、不满足、数据缺失）和所用的企业数据',
      params: z.object({ id: z.string(), enterpriseId: z.string() }), response: { 200: Explanation },
    },
  }, (req) => explainPolicy(ctxOf(req, deps), req.params.id, req.params.enterpriseId));

  app.post('/service/benefits/policies/:id/attachments', {
    config: { access: 'benefit.manage' },
    schema: { tags: TAG, summary: '上传政策附件（PDF、JPEG、PNG）', params: Id, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const f = await addAttachment(ctx, req.params.id, await readUpload(req, limits), limits);
    return reply.status(201).send({ id: f.id, name: f.name, mediaType: f.mediaType, sizeBytes: f.sizeBytes });
  });

  app.get('/service/benefits/policies/:id/attachments/:fileId', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '下载政策附件（留痕）', params: z.object({ id: z.string(), fileId: z.string() }), querystring: z.object({ inline: z.enum(['true', 'false']).optional() }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const file = await attachmentOf(ctx, req.params.id, req.params.fileId);
    return sendStoredFile(reply, ctx, file, { inline: req.query.inline === 'true' });
  });

  app.delete('/service/benefits/policies/:id/attachments/:fileId', {
    config: { access: 'benefit.manage' },
    schema: { tags: TAG, summary: '删除政策附件', params: z.object({ id: z.string(), fileId: z.string() }) },
  }, async (req, reply) => {
    await removeAttachment(ctxOf(req, deps), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });

  // 免申即享 grant lists
  app.post('/service/benefits/policies/:id/grant-list', {
    config: { access: 'benefit.grant' },
    schema: { tags: TAG, summary: '生成（或在审核中刷新）免申即享兑现名单：当前符合条件的企业', params: Id, response: { 200: GrantSummary } },
  }, (req) => generateGrantList(ctxOf(req, deps), req.params.id));

  app.get('/service/benefits/policies/:id/grant-list', {
    config: { access: 'benefit.read' },
    schema: { tags: TAG, summary: '兑现名单（账号、电话脱敏）', params: Id, querystring: GrantListQuery, response: { 200: GrantList } },
  }, (req) => listGrants(ctxOf(req, deps), req.params.id, req.query));

  app.put('/service/benefits/policies/:id/grant-list/:enterpriseId', {
    config: { access: 'benefit.grant' },
    schema: { tags: TAG, summary: '审核兑现名单：移出（须说明原因）或重新列入某企业', params: z.object({ id: z.string(), enterpriseId: z.string() }), body: GrantItemUpdate, response: { 200: GrantSummary } },
  }, (req) => updateGrantItem(ctxOf(req, deps), req.params.id, req.params.enterpriseId, req.body));

  app.post('/service/benefits/policies/:id/grant-list/confirm', {
    config: { access: 'benefit.grant' },
    schema: {
      tags: TAG, summary: '确认兑现名单（只能确认一次，重复确认 409）并通知名单内企业', params: Id, body: VersionBody, response: { 200: GrantSummary },
      description: '409 BENEFIT_GRANT_LIST_CONFIRMED names who confirmed it and when.',
    },
  }, (req) => confirmGrantList(ctxOf(req, deps), deps.notifier, req.params.id, req.body.version));

  app.get('/service/benefits/policies/:id/grant-list/export.xlsx', {
    config: { access: 'benefit.grant' },
    schema: { tags: TAG, summary: '导出兑现名单（Excel，含完整收款账户，留痕）', params: Id },
  }, async (req, reply) => {
    const f = await exportGrantList(ctxOf(req, deps), req.params.id);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(f.fileName)).send(f.buffer);
  });

  app.post('/service/benefits/grants/:id/intent', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '企业确认领取意向（并填写收款账户和联系人）或放弃；只能一次', params: Id, body: IntentBody, response: { 200: Grant } },
  }, (req) => giveIntent(ctxOf(req, deps), req.params.id, req.body));

  // the files
  app.get('/service/benefits/mine', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '本企业可享受和接近可享受的政策（附缺少的数据）、兑现记录', response: { 200: EnterpriseBenefits } },
  }, (req) => {
    const ctx = ctxOf(req, deps);
    if (!ctx.actor.scope.enterpriseId) throw forbidden();
    return enterpriseBenefits(ctx, ctx.actor.scope.enterpriseId);
  });

  app.get('/service/benefits/enterprises/:id', {
    config: { access: 'benefit.read' },
    schema: { tags: TAG, summary: '一企一档·惠企政策：符合、接近符合的政策和已兑现的', params: Id, response: { 200: EnterpriseBenefits } },
  }, (req) => enterpriseBenefits(ctxOf(req, deps), req.params.id));

  app.get('/service/benefits/parks/:id', {
    config: { access: 'benefit.read' },
    schema: { tags: TAG, summary: '一园一档·惠企政策：园区企业按政策汇总的符合、接近符合、已兑现数和金额', params: Id, response: { 200: ParkBenefits } },
  }, (req) => parkBenefits(ctxOf(req, deps), req.params.id));
};
