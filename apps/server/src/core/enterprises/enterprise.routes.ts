import { z } from 'zod';
import {
  ContactInput, ContactUpdateInput, Contact, EnterpriseFile, EnterpriseInput, EnterpriseListQuery, EnterprisePage,
  EnterpriseUpdateInput, HistoryEntry,
} from '@zhizhi/contracts';
import { ctxOf, type Routes } from '../../http/deps';
import { attachment, XLSX_MIME } from '../excel/write-xlsx';
import { listEnterprises } from './enterprise.repo';
import { createEnterprise, enterpriseHistory, enterpriseTags, getEnterpriseFile, updateEnterprise } from './enterprise.service';
import { addContact, deleteContact, revealContact, updateContact } from './contact.service';
import { exportEnterprises } from './export-enterprises';

const IdParams = z.object({ id: z.uuid() });
const ContactParams = IdParams.extend({ contactId: z.uuid() });
const TAG = ['enterprises'];

export const enterpriseRoutes: Routes = (app, deps) => {
  app.get('/enterprises', {
    config: { access: 'enterprise.read' },
    schema: { tags: TAG, summary: '企业列表（分页、筛选、排序）', querystring: EnterpriseListQuery, response: { 200: EnterprisePage } },
  }, (req) => listEnterprises(deps.db, ctxOf(req, deps).actor, req.query));

  app.get('/enterprises/export.xlsx', {
    config: { access: 'enterprise.export' },
    schema: { tags: TAG, summary: '导出当前筛选的企业（Excel）', querystring: EnterpriseListQuery },
  }, async (req, reply) => {
    const file = await exportEnterprises(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/enterprises/tags', {
    config: { access: 'enterprise.read' },
    schema: { tags: TAG, summary: '在用的企业标签', response: { 200: z.array(z.string()) } },
  }, (req) => enterpriseTags(ctxOf(req, deps)));

  app.get('/enterprises/:id', {
    config: { access: 'enterprise.read' },
    schema: { tags: TAG, summary: '一企一档', params: IdParams, response: { 200: EnterpriseFile } },
  }, (req) => getEnterpriseFile(ctxOf(req, deps), req.params.id));

  app.post('/enterprises', {
    config: { access: 'enterprise.create' },
    schema: { tags: TAG, summary: '新增企业', body: EnterpriseInput, response: { 201: EnterpriseFile } },
  }, async (req, reply) => reply.status(201).send(await createEnterprise(ctxOf(req, deps), req.body)));

  app.put('/enterprises/:id', {
    config: { access: 'enterprise.update' },
    schema: { tags: TAG, summary: '编辑企业档案', params: IdParams, body: EnterpriseUpdateInput, response: { 200: EnterpriseFile } },
  }, (req) => updateEnterprise(ctxOf(req, deps), req.params.id, req.body));

  app.get('/enterprises/:id/history', {
    config: { access: 'enterprise.read' },
    schema: { tags: TAG, summary: '企业档案变更记录', params: IdParams, response: { 200: z.array(HistoryEntry) } },
  }, (req) => enterpriseHistory(ctxOf(req, deps), req.params.id));

  app.post('/enterprises/:id/contacts', {
    config: { access: 'enterprise.update' },
    schema: { tags: TAG, summary: '新增联系人', params: IdParams, body: ContactInput, response: { 201: Contact } },
  }, async (req, reply) => reply.status(201).send(await addContact(ctxOf(req, deps), req.params.id, req.body)));

  app.put('/enterprises/:id/contacts/:contactId', {
    config: { access: 'enterprise.update' },
    schema: { tags: TAG, summary: '编辑联系人（未提交的电话、邮箱保持不变）', params: ContactParams, body: ContactUpdateInput, response: { 200: Contact } },
  }, (req) => updateContact(ctxOf(req, deps), req.params.id, req.params.contactId, req.body));

  app.delete('/enterprises/:id/contacts/:contactId', {
    config: { access: 'enterprise.update' },
    schema: { tags: TAG, summary: '删除联系人', params: ContactParams },
  }, async (req, reply) => {
    await deleteContact(ctxOf(req, deps), req.params.id, req.params.contactId);
    return reply.status(204).send();
  });

  app.post('/enterprises/:id/contacts/:contactId/reveal', {
    config: { access: 'personal.reveal' },
    schema: {
      tags: TAG,
      summary: '查看联系人完整电话和邮箱（留痕）',
      params: ContactParams,
      response: { 200: z.object({ phone: z.string(), email: z.string() }) },
    },
  }, (req) => revealContact(ctxOf(req, deps), req.params.id, req.params.contactId));
};
