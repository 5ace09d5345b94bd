import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { listUnitAgents } from './agents/unit-agents';
import { findEnterprisesByPhone } from './hotline/phone-lookup';
import { parkRequestFigures } from './parks/park-requests';
import { currentPolicy, replacePolicy } from './settings/service-level-policy-store';
import {
  ParkRequestFigures, PhoneLookupQuery, PhoneMatch, ServiceLevelPolicyInput, ServiceLevelPolicyView, UnitAgent,
} from './schemas';
import type { ServiceLevelPolicy } from './domain';

const IdParams = z.object({ id: z.uuid() });
const TAG = ['service'];

/**
 * The routes that close the workflow's gaps (docs/service/API.md): a unit's agents for the
 * dispatch modal, the hotline's lookup by the caller's phone, the park file's figures and the
 * stored service-level policy.
 */
export const workflowRoutes: Routes = (app, deps) => {
  app.get('/service/units/:id/agents', {
    config: { access: 'service.dispatch' },
    schema: { tags: TAG, summary: '承办单位的助企服务员（在岗、持助企服务员权限）及其在办诉求数，交办时选择', params: IdParams, response: { 200: z.array(UnitAgent) } },
  }, (req) => listUnitAgents(deps.db, req.params.id));

  app.get('/service/enterprise-by-phone', {
    config: { access: 'personal.reveal' },
    schema: {
      tags: TAG,
      summary: '来电识别：按来电号码（与企业联系人电话完全一致）查找企业；号码脱敏显示，每次查找留痕',
      description: 'For the hotline operator (service.operate and personal.reveal). Within the operator\'s scope; every lookup is audited (service.hotline.phone_lookup, the number masked).',
      querystring: PhoneLookupQuery,
      response: { 200: z.array(PhoneMatch) },
    },
  }, (req) => findEnterprisesByPhone(ctxOf(req, deps), req.query.phone));

  app.get('/service/parks/:id/figures', {
    config: { access: 'service.read' },
    schema: { tags: TAG, summary: '一园一档 › 诉求：园区企业诉求的状态分布与三率（按数据范围）', params: IdParams, response: { 200: ParkRequestFigures } },
  }, (req) => parkRequestFigures(ctxOf(req, deps), req.params.id));

  app.get('/service/service-level-policy', {
    config: { access: 'service.configure' },
    schema: { tags: TAG, summary: '时限规则（当前生效的版本；未设置时为内置默认规则）', response: { 200: ServiceLevelPolicyView } },
  }, async () => (await currentPolicy(deps.db)) as z.infer<typeof ServiceLevelPolicyView>);

  app.put('/service/service-level-policy', {
    config: { access: 'service.configure' },
    schema: {
      tags: TAG,
      summary: '保存时限规则（新版本，对保存后开始的办理环节生效）',
      description: 'Appends a version, in force for steps opened from now on; steps already open keep their deadlines. 400 SERVICE_POLICY_INVALID lists what is wrong. Audited (service.policy.replace).',
      body: ServiceLevelPolicyInput,
      response: { 200: ServiceLevelPolicyView },
    },
  }, async (req) => (await replacePolicy(ctxOf(req, deps), req.body.policy as ServiceLevelPolicy)) as z.infer<typeof ServiceLevelPolicyView>);
};
