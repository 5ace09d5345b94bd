import { z } from 'zod';
import { ctxOf, type AppDeps, type Routes } from '../../../../http/deps';
import { attachment, XLSX_MIME, writeXlsx } from '../../../../core/excel/write-xlsx';
import { recordAudit } from '../../../../core/audit/audit';
import type { ServiceDeps } from '../../requests/request.service';
import { coverage, createPlan, getPlan, listPlans, updatePlan } from './plans.service';
import { createVisit, getVisit, listVisits, problemToRequest, updateVisit, visitAgents, visitsForExport } from './visits.service';
import {
  AgentOption, Coverage, CoverageQuery, PlanInput, PlanListQuery, PlanUpdate, PlanView, ProblemToRequestInput, VisitInput, VisitListQuery,
  VisitPage, VisitUpdate, VisitView,
} from './schemas';

const TAG = ['service-visits'];
const IdParams = z.object({ id: z.uuid() });
const serviceDeps = (deps: AppDeps): ServiceDeps => ({ calendar: () => deps.calendar.get(), notifier: deps.notifier });
const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 走访: /api/service/visits..., /api/service/visit-plans... (docs/service/VISITS.md). */
export const visitRoutes: Routes = (app, deps) => {
  app.get('/service/visits', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '走访记录（分页；按企业、街道、园区、走访人、计划、日期筛选；按数据范围）', querystring: VisitListQuery, response: { 200: VisitPage } },
  }, (req) => listVisits(deps.db, ctxOf(req, deps), req.query));

  app.get('/service/visits/export.xlsx', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '导出走访记录（筛选同列表，至多 50,000 条）', querystring: VisitListQuery.omit({ page: true, pageSize: true }) },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const rows = await visitsForExport(deps.db, ctx, req.query);
    const buffer = await writeXlsx('走访记录', [
      { header: '走访时间', width: 18, value: (v) => fmt(v.visitedAt) },
      { header: '企业', width: 30, value: (v) => v.enterpriseName },
      { header: '街道', width: 12, value: (v) => v.divisionName },
      { header: '走访人', width: 16, value: (v) => v.visitorName },
      { header: '同行及接待人员', width: 20, value: (v) => v.companions },
      { header: '交流内容', width: 50, value: (v) => v.discussed },
      { header: '发现的问题', width: 50, value: (v) => v.problems.map((p) => `${p.position}. ${p.text}${p.requestNumber ? `（诉求 ${p.requestNumber}）` : ''}`).join('\n') },
      { header: '后续跟进', width: 40, value: (v) => v.followUps },
    ], rows);
    await recordAudit(deps.db, ctx, { action: 'service.visit.export', entityType: 'service_visit', after: { count: rows.length, filters: req.query } });
    return reply.type(XLSX_MIME).header('content-disposition', attachment('走访记录.xlsx')).send(buffer);
  });

  app.get('/service/visits/coverage', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '走访覆盖率：各街道（或园区）在期间内被走访过的企业占比', querystring: CoverageQuery, response: { 200: Coverage } },
  }, (req) => coverage(ctxOf(req, deps), req.query));

  app.get('/service/visits/agents', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '可安排走访的人员（持有走访权限的在岗用户）', response: { 200: z.array(AgentOption) } },
  }, () => visitAgents(deps.db));

  app.post('/service/visits', {
    config: { access: 'service.visit' },
    schema: { tags: TAG, summary: '登记走访（走访人为本人；发现的问题逐条填写，可随后一键转为诉求）', body: VisitInput, response: { 201: VisitView } },
  }, async (req, reply) => reply.status(201).send(await createVisit(ctxOf(req, deps), req.body)));

  app.get('/service/visits/:id', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '走访记录详情', params: IdParams, response: { 200: VisitView } },
  }, (req) => getVisit(ctxOf(req, deps), req.params.id));

  app.put('/service/visits/:id', {
    config: { access: 'service.visit' },
    schema: { tags: TAG, summary: '修改走访记录（走访人本人，或制定计划的亲企办；已转诉求的问题保留）', params: IdParams, body: VisitUpdate, response: { 200: VisitView } },
  }, (req) => updateVisit(ctxOf(req, deps), req.params.id, req.body));

  app.post('/service/visits/:id/problems/:problemId/request', {
    config: { access: 'service.visit' },
    schema: {
      tags: TAG, summary: '把走访发现的问题一键转为诉求（走访渠道，企业的主要联系人）',
      params: z.object({ id: z.uuid(), problemId: z.uuid() }), body: ProblemToRequestInput, response: { 200: VisitView },
    },
  }, (req) => problemToRequest(ctxOf(req, deps), serviceDeps(deps), req.params.id, req.params.problemId, req.body));

  app.get('/service/visit-plans', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '走访计划（按服务员、街道、某日在期内），含完成情况', querystring: PlanListQuery, response: { 200: z.array(PlanView) } },
  }, (req) => listPlans(ctxOf(req, deps), req.query));

  app.post('/service/visit-plans', {
    config: { access: 'service.visit.plan' },
    schema: { tags: TAG, summary: '制定走访计划：服务员、街道、期间、要走访的企业', body: PlanInput, response: { 201: PlanView } },
  }, async (req, reply) => reply.status(201).send(await createPlan(ctxOf(req, deps), req.body)));

  app.get('/service/visit-plans/:id', {
    config: { access: 'service.visit.read' },
    schema: { tags: TAG, summary: '走访计划详情与完成情况', params: IdParams, response: { 200: PlanView } },
  }, (req) => getPlan(ctxOf(req, deps), req.params.id));

  app.put('/service/visit-plans/:id', {
    config: { access: 'service.visit.plan' },
    schema: { tags: TAG, summary: '修改走访计划：服务员、街道、期间、企业（version 乐观锁；留痕并通知服务员）', params: IdParams, body: PlanUpdate, response: { 200: PlanView } },
  }, (req) => updatePlan(ctxOf(req, deps), deps.notifier, req.params.id, req.body));
};
