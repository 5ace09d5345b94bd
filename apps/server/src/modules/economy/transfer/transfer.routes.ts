import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import {
  ContactInput, DealView, EventInput, FailInput, LandInput, Lab, MatchesView, ResultInput, ResultListQuery, ResultSummary, ResultUpdate, ResultView, StatsQuery, StatsView,
} from './transfer.schemas';
import { createResult, getResult, listLabs, listResults, updateResult, withdrawResult } from './results.service';
import { matchesFor } from './matches.service';
import { failDeal, landDeal, listDeals, recordContact, recordEvent } from './deals.service';
import { exportTransferStats, transferStats } from './stats.service';

const TAG = ['economy-transfer'];
const Id = z.object({ id: z.uuid() });
const DealId = z.object({ id: z.uuid(), dealId: z.uuid() });
const Created = z.object({ id: z.uuid() });

/** 科技成果转化: results offered by labs, matching to enterprises, contacts to landing, counts and values (docs/economy/TRANSFER.md). */
export const transferRoutes: Routes = (app, deps) => {
  app.get('/economy/transfer/labs', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '成果来源单位（实验室）及其成果数、落地数', response: { 200: z.array(Lab) } },
  }, (req) => listLabs(ctxOf(req, deps)));

  app.get('/economy/transfer/results', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '科技成果清单（按实验室、领域、状态筛选；最多 500 条，新发布在前）', querystring: ResultListQuery, response: { 200: z.array(ResultSummary) } },
  }, (req) => listResults(ctxOf(req, deps), req.query));

  app.post('/economy/transfer/results', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '登记待转化的科技成果（留痕）', body: ResultInput, response: { 201: Created } },
  }, async (req, reply) => reply.status(201).send(await createResult(ctxOf(req, deps), req.body)));

  app.get('/economy/transfer/results/:id', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '科技成果详情', params: Id, response: { 200: ResultView } },
  }, (req) => getResult(ctxOf(req, deps), req.params.id));

  app.put('/economy/transfer/results/:id', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '修改科技成果（带版本号；留痕）', params: Id, body: ResultUpdate, response: { 200: Created } },
  }, (req) => updateResult(ctxOf(req, deps), req.params.id, req.body));

  app.post('/economy/transfer/results/:id/withdraw', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '撤回科技成果（不再对接；留痕）', params: Id, body: z.object({ version: z.number().int().positive() }), response: { 200: Created } },
  }, (req) => withdrawResult(ctxOf(req, deps), req.params.id, req.body.version));

  app.get('/economy/transfer/results/:id/matches', {
    config: { access: 'economy.transfer.read' },
    schema: {
      tags: TAG, summary: '匹配企业：按行业、关键词、研发投入强度、高新技术企业逐项打分（可解释）',
      description: 'Weights and bands: docs/economy/TRANSFER.md "Matching" (modules/economy/domain/transfer-match.ts). Only enterprises in the actor\'s scope.',
      params: Id, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: MatchesView },
    },
  }, (req) => matchesFor(ctxOf(req, deps), req.params.id, req.query.limit));

  app.get('/economy/transfer/results/:id/deals', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '成果的对接记录（对接、洽谈、结果）', params: Id, response: { 200: z.array(DealView) } },
  }, (req) => listDeals(ctxOf(req, deps), req.params.id));

  app.post('/economy/transfer/results/:id/deals', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '登记与企业的首次对接（记下当时的匹配得分；留痕）', params: Id, body: ContactInput, response: { 201: Created } },
  }, async (req, reply) => reply.status(201).send(await recordContact(ctxOf(req, deps), req.params.id, req.body)));

  app.post('/economy/transfer/results/:id/deals/:dealId/events', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '登记再次对接或洽谈（洽谈使对接进入“洽谈中”；留痕）', params: DealId, body: EventInput, response: { 200: Created } },
  }, (req) => recordEvent(ctxOf(req, deps), req.params.id, req.params.dealId, req.body));

  app.post('/economy/transfer/results/:id/deals/:dealId/land', {
    config: { access: 'economy.transfer.write' },
    schema: {
      tags: TAG, summary: '转化落地：方式、金额、日期，关联或新登记落地企业（新登记需 enterprise.create；留痕）', params: DealId, body: LandInput,
      response: { 200: z.object({ id: z.uuid(), landedEnterpriseId: z.uuid(), newEnterprise: z.boolean() }) },
    },
  }, (req) => landDeal(ctxOf(req, deps), req.params.id, req.params.dealId, req.body));

  app.post('/economy/transfer/results/:id/deals/:dealId/fail', {
    config: { access: 'economy.transfer.write' },
    schema: { tags: TAG, summary: '对接未成（写明原因；留痕）', params: DealId, body: FailInput, response: { 200: Created } },
  }, (req) => failDeal(ctxOf(req, deps), req.params.id, req.params.dealId, req.body));

  app.get('/economy/transfer/stats', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '成果转化统计：按实验室、领域、年度的成果数、对接数、落地数、成交金额、新设企业', querystring: StatsQuery, response: { 200: StatsView } },
  }, (req) => transferStats(ctxOf(req, deps), req.query));

  app.get('/economy/transfer/stats/export.xlsx', {
    config: { access: 'economy.transfer.read' },
    schema: { tags: TAG, summary: '导出成果转化统计和成果清单（Excel，留痕）', querystring: StatsQuery },
  }, async (req, reply) => {
    const file = await exportTransferStats(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
};
