import { ctxOf, type Routes } from '../../../http/deps';
import { inbox, inboxItem, receiveTransfer, recordTransferAction, reportBack } from './transfer.service';
import { addPartner, getStageLimits, listPartners, setStageLimits, updatePartner } from './partners.service';
import {
  DepartmentParams, InboxItem, InboxPage, InboxQuery, Ok, PartnerAddInput, PartnerList, PartnerUpdateInput, ReceiveResult, ReportInput,
  StageLimitInput, StageLimitList, TransferActionInput, TransferIdParams,
} from './schemas';
import { z } from 'zod';

const TAG = ['medfund partners'];

/** Partner departments and their inbox of transferred clues; stage limits (docs/medfund/API.md). Inspection areas: areas.routes.ts. */
export const medfundPartnerRoutes: Routes = (app, deps) => {
  app.get('/medfund/partners', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '联合监管共同体成员单位（协作部门）', response: { 200: PartnerList } },
  }, async () => ({ items: await listPartners(deps.db) }));

  app.post('/medfund/partners', {
    config: { access: 'medfund.cases.manage' },
    schema: { tags: TAG, summary: '按名称加入协作部门（无此部门时新建，留痕）', body: PartnerAddInput, response: { 201: z.object({ departmentId: z.string() }) } },
  }, async (req, reply) => reply.status(201).send(await addPartner(ctxOf(req, deps), req.body)));

  app.put('/medfund/partners/:departmentId', {
    config: { access: 'medfund.cases.manage' },
    schema: { tags: TAG, summary: '启用或停用协作部门、修改职责（留痕）', params: DepartmentParams, body: PartnerUpdateInput, response: { 200: Ok } },
  }, async (req) => {
    await updatePartner(ctxOf(req, deps), req.params.departmentId, req.body);
    return { ok: true as const };
  });

  app.get('/medfund/stage-limits', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '各审核阶段时限（工作日）', response: { 200: StageLimitList } },
  }, async () => ({ items: await getStageLimits(deps.db) }));

  app.put('/medfund/stage-limits', {
    config: { access: 'medfund.cases.manage' },
    schema: { tags: TAG, summary: '设置审核阶段时限（对之后进入的阶段生效，留痕）', body: StageLimitInput, response: { 200: StageLimitList } },
  }, async (req) => ({ items: await setStageLimits(ctxOf(req, deps), req.body.items) }));

  app.get('/medfund/inbox', {
    config: { access: 'medfund.transfers.handle' },
    schema: { tags: TAG, summary: '协作部门收件箱：移交给本部门的线索和联合检查', querystring: InboxQuery, response: { 200: InboxPage } },
  }, (req) => inbox(ctxOf(req, deps), req.query));

  app.get('/medfund/inbox/:id', {
    config: { access: 'medfund.transfers.handle' },
    schema: {
      tags: TAG, summary: '移交线索详情（本部门可见部分；查阅留痕）', params: TransferIdParams, response: { 200: InboxItem },
      description: 'A transfer made to another department is a 404 MEDFUND_TRANSFER_NOT_FOUND.',
    },
  }, (req) => inboxItem(ctxOf(req, deps), req.params.id));

  app.post('/medfund/inbox/:id/receive', {
    config: { access: 'medfund.transfers.handle' },
    schema: { tags: TAG, summary: '签收移交线索（记录签收人和时间）', params: TransferIdParams, response: { 200: ReceiveResult } },
  }, (req) => receiveTransfer(ctxOf(req, deps), req.params.id));

  app.post('/medfund/inbox/:id/actions', {
    config: { access: 'medfund.transfers.handle' },
    schema: { tags: TAG, summary: '记录本部门处理情况', params: TransferIdParams, body: TransferActionInput, response: { 201: z.object({ id: z.number() }) } },
  }, async (req, reply) => reply.status(201).send(await recordTransferAction(ctxOf(req, deps), req.params.id, req.body)));

  app.post('/medfund/inbox/:id/report', {
    config: { access: 'medfund.transfers.handle' },
    schema: { tags: TAG, summary: '反馈处理结果（联合检查须填写本部门检查结论）', params: TransferIdParams, body: ReportInput, response: { 200: z.object({ reportedAt: z.date() }) } },
  }, (req) => reportBack(ctxOf(req, deps), deps.notifier, req.params.id, req.body));
};
