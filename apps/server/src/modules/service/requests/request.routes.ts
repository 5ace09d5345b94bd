import { z } from 'zod';
import { ctxOf, type AppDeps, type Routes } from '../../../http/deps';
import { AppError } from '../../../http/app-error';
import {
  CategorySuggestion, CategorySuggestionQuery, RequestActionInput, RequestDetail, RequestInput, RequestListQuery, RequestPage,
  RequestReveal, RoutingRuleEdit, RoutingRulesInput, RoutingRuleView, ServiceCategory, ServiceUnit, ServiceUnitUpdate,
} from '../schemas';
import { serviceView } from '../service-actor';
import { categoryView, listRoutingRules, listUnits, loadCategories, replaceRoutingRules, suggestCategoryFor, updateUnit } from '../settings/catalog';
import { listRequests } from './request.repo';
import { createRoutingRule, updateRoutingRule } from '../settings/routing-rule-writes';
import { actOnRequest, createRequest, getRequest, revealRequestContact, type ServiceDeps } from './request.service';

const IdParams = z.object({ id: z.uuid() });
const TAG = ['service'];

const serviceDeps = (deps: AppDeps): ServiceDeps => ({ calendar: () => deps.calendar.get(), notifier: deps.notifier });

/**
 * 亲企办 requests: /api/service/... Enterprise users (bound to an enterprise) use the routes that
 * declare 'authenticated' for their own enterprise's requests; everyone else needs the service
 * permissions (access.ts). Scope: service-actor.ts.
 */
export const serviceRoutes: Routes = (app, deps) => {
  app.get('/service/categories', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '诉求类别（表单用；含停用的，active 标明）', response: { 200: z.array(ServiceCategory) } },
  }, async (req) => {
    if (!serviceView(ctxOf(req, deps).actor)) throw new AppError('FORBIDDEN');
    return (await loadCategories(deps.db)).map(categoryView);
  });

  app.get('/service/category-suggestion', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '按诉求内容的关键词建议类别', querystring: CategorySuggestionQuery, response: { 200: CategorySuggestion } },
  }, async (req) => {
    if (!serviceView(ctxOf(req, deps).actor)) throw new AppError('FORBIDDEN');
    return suggestCategoryFor(deps.db, req.query.text);
  });

  app.get('/service/requests', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '诉求列表（分页、筛选；按数据范围：企业本企业、承办单位交办给本单位的、亲企办和领导全部）', querystring: RequestListQuery, response: { 200: RequestPage } },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    if (!serviceView(ctx.actor)) throw new AppError('FORBIDDEN');
    return listRequests(deps.db, ctx.actor, req.query, ctx.now);
  });

  app.post('/service/requests', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '提出诉求（企业在线提出本企业的；热线接线员登记来电、来访）',
      description: 'An enterprise user submits for its own enterprise (channel web); an operator (service.operate) for any enterprise, or an unregistered contact with organizationName. The category is optional; suggestedCategoryId comes from the keywords. 201 with the request file.',
      body: RequestInput,
      response: { 201: RequestDetail },
    },
  }, async (req, reply) => reply.status(201).send(await createRequest(ctxOf(req, deps), serviceDeps(deps), req.body)));

  app.get('/service/requests/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '诉求详情：办理时间线、各环节时限与是否按时、可进行的操作', params: IdParams, response: { 200: RequestDetail } },
  }, (req) => getRequest(ctxOf(req, deps), req.params.id));

  app.post('/service/requests/:id/actions', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '办理诉求：受理、交办、签收、退单、回应、办结、回访、关闭、合并、等待企业、恢复、督办',
      description: 'Runs one lifecycle step (docs/service/LIFECYCLE.md) with optimistic concurrency (version; 409 CONFLICT when it moved). Refusals: 409 SERVICE_TRANSITION_NOT_ALLOWED / SERVICE_FOLLOW_UP_BEFORE_RESOLUTION / SERVICE_REQUEST_FINISHED / SERVICE_RETURN_LIMIT_REACHED, 403 SERVICE_ROLE_NOT_ALLOWED / SERVICE_NOT_LEAD_UNIT, 400 SERVICE_REASON_REQUIRED / SERVICE_UNIT_INVALID …, each with the lifecycle\'s own message.',
      params: IdParams,
      body: RequestActionInput,
      response: { 200: RequestDetail },
    },
  }, (req) => actOnRequest(ctxOf(req, deps), serviceDeps(deps), req.params.id, req.body));

  app.post('/service/requests/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看诉求联系人的完整电话（留痕）', params: IdParams, response: { 200: RequestReveal } },
  }, (req) => revealRequestContact(ctxOf(req, deps), req.params.id));

  app.get('/service/units', {
    config: { access: 'service.dispatch' },
    schema: { tags: TAG, summary: '承办单位（部门、科室；交办时选择）', response: { 200: z.array(ServiceUnit) } },
  }, () => listUnits(deps.db));

  app.put('/service/units/:id', {
    config: { access: 'service.configure' },
    schema: { tags: TAG, summary: '启用或停用承办单位；设置助企服务员的分派方式（轮流 / 负荷最少 / 不自动分派）', params: IdParams, body: ServiceUnitUpdate, response: { 200: ServiceUnit } },
  }, (req) => updateUnit(ctxOf(req, deps), req.params.id, req.body));

  app.get('/service/routing-rules', {
    config: { access: 'service.dispatch' },
    schema: { tags: TAG, summary: '分办规则（按顺序，先匹配者生效）', response: { 200: z.array(RoutingRuleView) } },
  }, () => listRoutingRules(deps.db));

  app.put('/service/routing-rules', {
    config: { access: 'service.configure' },
    schema: { tags: TAG, summary: '保存分办规则（整表替换，顺序即优先级）', body: RoutingRulesInput, response: { 200: z.array(RoutingRuleView) } },
  }, (req) => replaceRoutingRules(ctxOf(req, deps), req.body.rules));

  app.post('/service/routing-rules', {
    config: { access: 'service.configure' },
    schema: {
      tags: TAG, summary: '新增一条分办规则（默认排在最后；position 指定位置）', body: RoutingRuleEdit, response: { 201: RoutingRuleView },
      description: '400 VALIDATION_FAILED naming a category or park that does not exist; 400 SERVICE_UNIT_INVALID for a unit that does not exist or is inactive (an active rule). Audited service.routing.create.',
    },
  }, async (req, reply) => reply.status(201).send(await createRoutingRule(ctxOf(req, deps), req.body)));

  app.put('/service/routing-rules/:id', {
    config: { access: 'service.configure' },
    schema: {
      tags: TAG, summary: '修改一条分办规则：条件、承办单位、分派方式、启用或停用、顺序', params: IdParams, body: RoutingRuleEdit, response: { 200: RoutingRuleView },
      description: '404 SERVICE_ROUTING_RULE_NOT_FOUND; the same 400s as creating. Audited service.routing.update (changed fields only).',
    },
  }, (req) => updateRoutingRule(ctxOf(req, deps), req.params.id, req.body));
};
