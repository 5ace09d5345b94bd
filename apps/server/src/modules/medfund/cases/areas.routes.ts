import { ctxOf, type Routes } from '../../../http/deps';
import { areaProviders, listAreas, setArea } from './areas.service';
import { Area, AreaInput, AreaList, AreaProviderList, UserParams } from './schemas';

const TAG = ['medfund partners'];

/** Inspection areas (稽核片区): who handles which providers' cases (docs/medfund/CASES.md, docs/medfund/API.md). */
export const medfundAreaRoutes: Routes = (app, deps) => {
  app.get('/medfund/inspector-areas', {
    config: { access: 'medfund.cases.read' },
    schema: { tags: TAG, summary: '稽核员及其片区（负责的定点医药机构、办理中的案件数）', response: { 200: AreaList } },
  }, async (req) => ({ items: await listAreas(ctxOf(req, deps)) }));

  app.get('/medfund/inspector-areas/providers', {
    config: { access: 'medfund.cases.manage' },
    schema: { tags: TAG, summary: '可分配的定点医药机构（医保数据机构名录）及其所属片区', response: { 200: AreaProviderList } },
  }, async (req) => ({ items: await areaProviders(ctxOf(req, deps)) }));

  app.put('/medfund/inspector-areas/:userId', {
    config: { access: 'medfund.cases.manage' },
    schema: {
      tags: TAG, summary: '设置稽核员片区：名称和负责的机构（整表替换，留痕）', params: UserParams, body: AreaInput, response: { 200: Area },
      description: '400 MEDFUND_AREA_INVALID: not an active inspector (fields.userId) or a provider the claims data does not know (fields.providerCodes); 404 USER_NOT_FOUND; 409 MEDFUND_AREA_PROVIDER_TAKEN: a provider already in another inspector\'s area, named with that inspector and area.',
    },
  }, (req) => setArea(ctxOf(req, deps), req.params.userId, req.body));
};
