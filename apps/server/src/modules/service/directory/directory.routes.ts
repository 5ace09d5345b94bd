import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { AppError } from '../../../http/app-error';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { recordAudit } from '../../../core/audit/audit';
import { registerImportRoutes } from '../../../core/imports/register-import-routes';
import { createCapability, listCapabilities, updateCapability } from './capabilities';
import { createProvider, getProvider, listProviders, revealProviderPhone, updateProvider } from './providers.service';
import { nearestProviders } from './nearest.service';
import { listRecommendations, parkRecommendationFigures, recommend, recordOutcome, setEnterpriseLocation } from './recommendations.service';
import { visibleEnterprise } from './origin';
import { gcj02Location } from './location-input';
import { exportProviders, providerImportTemplate, validateProviderImport } from './import/import-providers';
import {
  Capability, CapabilityInput, CapabilityUpdate, EnterpriseLocation, ExportQuery, LocationInput, NearestQuery, NearestResult, OutcomeInput,
  ParkRecommendationFigures, ProviderDetail, ProviderInput, ProviderListQuery, ProviderPage, ProviderReveal, ProviderUpdate, RecommendationInput,
  RecommendationListQuery, RecommendationView,
} from './schemas';

const TAG = ['service-directory'];
const IdParams = z.object({ id: z.uuid() });

/** 服务资源库: /api/service/directory/... (docs/service/DIRECTORY.md). */
export const directoryRoutes: Routes = (app, deps) => {
  app.get('/service/directory/capabilities', {
    config: { access: 'service.directory.read' },
    schema: { tags: TAG, summary: '能力分类（树，按上级代码；含停用的，active 标明；每类下在用的服务机构数）', response: { 200: z.array(Capability) } },
  }, () => listCapabilities(deps.db));

  app.post('/service/directory/capabilities', {
    config: { access: 'service.directory.manage' },
    schema: { tags: TAG, summary: '新增能力分类（下级代码以上级代码加“.”开头）', body: CapabilityInput, response: { 201: Capability } },
  }, async (req, reply) => reply.status(201).send(await createCapability(ctxOf(req, deps), req.body)));

  app.put('/service/directory/capabilities/:code', {
    config: { access: 'service.directory.manage' },
    schema: { tags: TAG, summary: '修改能力分类的名称、顺序，或停用', params: z.object({ code: z.string().max(64) }), body: CapabilityUpdate, response: { 200: Capability } },
  }, (req) => updateCapability(ctxOf(req, deps), req.params.code, req.body));

  app.get('/service/directory/providers', {
    config: { access: 'service.directory.read' },
    schema: { tags: TAG, summary: '服务机构列表（分页、筛选：名称或地址、类型、能力分类含下级、街道、状态）', querystring: ProviderListQuery, response: { 200: ProviderPage } },
  }, (req) => listProviders(deps.db, req.query));

  app.post('/service/directory/providers', {
    config: { access: 'service.directory.manage' },
    schema: {
      tags: TAG, summary: '登记服务机构（位置按所给坐标系换算为 GCJ-02 保存）',
      description: 'location.system: gcj02 (AMap, Tencent; default), wgs84 (GPS) or bd09 (Baidu). A location outside the county\'s plausible box is 400 DIRECTORY_LOCATION_INVALID; an unknown capability 400 DIRECTORY_CAPABILITY_UNKNOWN.',
      body: ProviderInput, response: { 201: ProviderDetail },
    },
  }, async (req, reply) => reply.status(201).send(await createProvider(ctxOf(req, deps), req.body)));

  app.get('/service/directory/providers/export.xlsx', {
    config: { access: 'service.directory.manage' },
    schema: { tags: TAG, summary: '导出服务机构（与导入模板同列，可改后导回；含完整电话，留痕）', querystring: ExportQuery },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const { count, buffer } = await exportProviders(deps.db, req.query);
    await recordAudit(deps.db, ctx, { action: 'service.provider.export', entityType: 'service_provider', after: { count, filters: req.query } });
    return reply.type(XLSX_MIME).header('content-disposition', attachment('服务机构.xlsx')).send(buffer);
  });

  app.get('/service/directory/providers/:id', {
    config: { access: 'service.directory.read' },
    schema: { tags: TAG, summary: '服务机构详情：服务项目、联系方式（电话脱敏）、被推荐次数与成效', params: IdParams, response: { 200: ProviderDetail } },
  }, (req) => getProvider(ctxOf(req, deps), req.params.id));

  app.put('/service/directory/providers/:id', {
    config: { access: 'service.directory.manage' },
    schema: { tags: TAG, summary: '修改服务机构（含服务项目整表替换、停用；version 乐观锁）', params: IdParams, body: ProviderUpdate, response: { 200: ProviderDetail } },
  }, (req) => updateProvider(ctxOf(req, deps), req.params.id, req.body));

  app.post('/service/directory/providers/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看服务机构联系人的完整电话（留痕）', params: IdParams, response: { 200: ProviderReveal } },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    if (!ctx.actor.permissions.has('service.directory.read')) throw new AppError('FORBIDDEN');
    return revealProviderPhone(ctx, req.params.id);
  });

  registerImportRoutes(app, deps, {
    path: '/service/directory/providers',
    permission: 'service.directory.manage',
    tag: TAG[0]!,
    templateFileName: '服务机构导入模板.xlsx',
    template: providerImportTemplate,
    validate: validateProviderImport,
    summary: { template: '服务机构导入模板', upload: '上传服务机构导入文件（.xlsx / .csv），校验每一行（坐标、能力分类、类型、街道）' },
  });

  app.get('/service/directory/nearest', {
    config: { access: 'service.directory.read' },
    schema: {
      tags: TAG, summary: '就近匹配：离诉求的企业、某企业或某点最近的服务机构（按能力分类，含下级），附距离（米，大圆距离）',
      description: 'Exactly one of requestId, enterpriseId or lat+lng (GCJ-02). 409 DIRECTORY_ORIGIN_WITHOUT_LOCATION when the enterprise has no location. Served from the process\'s in-memory kd-tree index, rebuilt when the directory version changes.',
      querystring: NearestQuery, response: { 200: NearestResult },
    },
  }, (req) => nearestProviders(ctxOf(req, deps), req.query));

  app.get('/service/directory/recommendations', {
    config: { access: 'service.directory.read' },
    schema: { tags: TAG, summary: '推荐记录：某诉求、某企业或某园区企业的（按数据范围）', querystring: RecommendationListQuery, response: { 200: z.array(RecommendationView) } },
  }, (req) => listRecommendations(ctxOf(req, deps), req.query));

  app.post('/service/directory/recommendations', {
    config: { access: 'service.recommend' },
    schema: { tags: TAG, summary: '记录为诉求（或企业）推荐的服务机构；记入诉求的办理时间线', body: RecommendationInput, response: { 201: RecommendationView } },
  }, async (req, reply) => reply.status(201).send(await recommend(ctxOf(req, deps), req.body)));

  app.put('/service/directory/recommendations/:id/outcome', {
    config: { access: 'service.recommend' },
    schema: { tags: TAG, summary: '记录推荐的成效（是否解决问题）；记入诉求的办理时间线', params: IdParams, body: OutcomeInput, response: { 200: RecommendationView } },
  }, (req) => recordOutcome(ctxOf(req, deps), req.params.id, req.body));

  app.get('/service/directory/parks/:id/recommendations', {
    config: { access: 'park.read' },
    schema: { tags: TAG, summary: '园区档案的服务资源：园区企业获得的推荐，按能力分类和机构汇总', params: IdParams, response: { 200: ParkRecommendationFigures } },
  }, (req) => parkRecommendationFigures(ctxOf(req, deps), req.params.id));

  app.get('/service/directory/enterprises/:id/location', {
    config: { access: 'service.directory.read' },
    schema: { tags: TAG, summary: '企业的位置（GCJ-02；未登记为 null）', params: IdParams, response: { 200: EnterpriseLocation } },
  }, async (req) => {
    const e = await visibleEnterprise(ctxOf(req, deps), req.params.id);
    return { enterpriseId: e.id, lat: e.lat, lng: e.lng };
  });

  app.put('/service/directory/enterprises/:id/location', {
    config: { access: 'service.recommend' },
    schema: {
      tags: TAG, summary: '登记企业的位置（按所给坐标系换算为 GCJ-02；null 清除）',
      params: IdParams, body: z.object({ location: LocationInput.nullable() }), response: { 200: EnterpriseLocation },
    },
  }, (req) => {
    const ctx = ctxOf(req, deps);
    const p = req.body.location ? gcj02Location(req.body.location, ctx.countyCode) : null;
    return setEnterpriseLocation(ctx, req.params.id, p);
  });
};
