import { ctxOf, type Routes } from '../../../http/deps';
import {
  ApplicationInput, ApplicationList, ApplicationView, EnterpriseParams, EnterpriseQuotaQuery, EnterpriseQuotas, HandoverInput, HandoverList, HandoverQuery,
  HandoverView, IdParams, MyRounds, OptionsInput, QuotaInput, QuotaList, QuotaQuery, QuotaView, ResourceInput, ResourceList, ResourceUpdateInput, ResourceView,
  ResultList, RoundInput, RoundList, RoundListQuery, RoundView,
} from './schemas';
import { createResource, enterpriseQuotas, listQuotas, listResources, setQuota, updateResource } from './resource.service';
import { handOver, listHandovers, revokeHandover } from './handover.service';
import { allocate, closeRound, createRound, finalizeRound, getRound, listRounds, openRound, roundResults, setOptions, updateRound } from './round.service';
import { apply, changePreferences, myApplication, myApplications, myRounds, withdraw } from './application.service';
import { exportRoundResults } from './results-export';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';

const TAG = ['talent-redemption'];

/** 兑现: resources, tier quotas and handovers (调剂), redemption rounds and applications (docs/talent/REDEMPTION.md). */
export const redemptionRoutes: Routes = (app, deps) => {
  // ---- resources -------------------------------------------------------------------------------
  app.get('/talent/resources', {
    config: { access: 'talent.rounds.read' },
    schema: { tags: TAG, summary: '兑现资源（人才公寓、入学名额、体检、疗休养…）', response: { 200: ResourceList }, description: 'The office: all; a resource owner: its department\'s; others: the active ones.' },
  }, (req) => listResources(ctxOf(req, deps)));
  app.post('/talent/resources', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '新增兑现资源（指定资源单位）', body: ResourceInput, response: { 201: ResourceView } },
  }, async (req, reply) => reply.status(201).send(await createResource(ctxOf(req, deps), req.body)));
  app.put('/talent/resources/:id', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '修改兑现资源', params: IdParams, body: ResourceUpdateInput, response: { 200: ResourceView } },
  }, (req) => updateResource(ctxOf(req, deps), req.params.id, req.body));

  // ---- tier quotas and handovers ---------------------------------------------------------------
  app.get('/talent/quotas', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '档次配额（档次 × 资源 × 期间）', querystring: QuotaQuery, response: { 200: QuotaList } },
  }, (req) => listQuotas(ctxOf(req, deps), req.query));
  app.put('/talent/quotas', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '设定一个档次在一个期间可调剂的资源数量', body: QuotaInput, response: { 200: QuotaView }, description: '400 at tier: not a tier of the enterprise scheme in effect. Lowering a quota revokes nothing already handed out.' },
  }, (req) => setQuota(ctxOf(req, deps), req.body));
  app.get('/talent/enterprises/:enterpriseId/quotas', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '企业的档次、可调剂配额和已调剂数量', params: EnterpriseParams, querystring: EnterpriseQuotaQuery, response: { 200: EnterpriseQuotas }, description: 'HR: its own enterprise; the office: the county; anything else 404.' },
  }, (req) => enterpriseQuotas(ctxOf(req, deps), req.params.enterpriseId, req.query));
  app.get('/talent/enterprises/:enterpriseId/handovers', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '企业的配额调剂记录（谁、何时、给谁）', params: EnterpriseParams, querystring: HandoverQuery, response: { 200: HandoverList } },
  }, (req) => listHandovers(ctxOf(req, deps), req.params.enterpriseId, req.query));
  app.post('/talent/enterprises/:enterpriseId/handovers', {
    config: { access: 'talent.quota.handover' },
    schema: {
      tags: TAG, summary: '把本企业的一个配额调剂给本企业人才', params: EnterpriseParams, body: HandoverInput, response: { 201: HandoverView },
      description: 'Only a user bound to the enterprise (another enterprise: 404; the office: 403); the talent must be employed there now (404). 409 TALENT_QUOTA_NOT_GRANTED / TALENT_QUOTA_EXHAUSTED / TALENT_QUOTA_ALREADY_HELD. Never exceeds the quota, also under concurrent requests. Notifies the talent.',
    },
  }, async (req, reply) => reply.status(201).send(await handOver(ctxOf(req, deps), deps.notifier, req.params.enterpriseId, req.body)));
  app.post('/talent/handovers/:id/revoke', {
    config: { access: 'talent.quota.handover' },
    schema: { tags: TAG, summary: '撤回未使用的配额', params: IdParams, response: { 200: HandoverView }, description: '409 TALENT_HANDOVER_IN_USE while it backs an application to a round not yet allocated, or once used.' },
  }, (req) => revokeHandover(ctxOf(req, deps), deps.notifier, req.params.id));

  // ---- rounds ----------------------------------------------------------------------------------
  app.get('/talent/rounds', {
    config: { access: 'talent.rounds.read' },
    schema: { tags: TAG, summary: '兑现轮次', querystring: RoundListQuery, response: { 200: RoundList }, description: 'The office: all; a resource owner: its resources\' (drafts too); others: past draft. The seed only after the allocation.' },
  }, (req) => listRounds(ctxOf(req, deps), req.query));
  app.post('/talent/rounds', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '新建兑现轮次（草稿）', body: RoundInput, response: { 201: RoundView } },
  }, async (req, reply) => reply.status(201).send(await createRound(ctxOf(req, deps), req.body)));
  app.get('/talent/rounds/:id', {
    config: { access: 'talent.rounds.read' },
    schema: { tags: TAG, summary: '兑现轮次详情（规则、选项与名额、种子承诺；分配后含分数线和种子）', params: IdParams, response: { 200: RoundView } },
  }, (req) => getRound(ctxOf(req, deps), req.params.id));
  app.put('/talent/rounds/:id', {
    config: { access: 'talent.rounds.manage' },
    schema: { tags: TAG, summary: '修改兑现轮次规则（仅草稿）', params: IdParams, body: RoundInput, response: { 200: RoundView } },
  }, (req) => updateRound(ctxOf(req, deps), req.params.id, req.body));
  app.put('/talent/rounds/:id/options', {
    config: { access: 'talent.resource.publish' },
    schema: { tags: TAG, summary: '发布选项和名额（资源单位）', params: IdParams, body: OptionsInput, response: { 200: RoundView }, description: 'A draft: add, rename, remove; open or closed: only names and capacities; allocated: 409.' },
  }, (req) => setOptions(ctxOf(req, deps), req.params.id, req.body));
  for (const [action, run, summary] of [
    ['open', openRound, '开始申报（公布种子承诺）'],
    ['close', closeRound, '截止申报'],
    ['finalize', finalizeRound, '公示期满，确认结果'],
  ] as const) {
    app.post(`/talent/rounds/:id/${action}`, {
      config: { access: 'talent.rounds.manage' },
      schema: { tags: TAG, summary, params: IdParams, response: { 200: RoundView } },
    }, (req) => run(ctxOf(req, deps), deps.notifier, req.params.id));
  }
  app.post('/talent/rounds/:id/allocate', {
    config: { access: 'talent.rounds.manage' },
    schema: {
      tags: TAG, summary: '执行分配（只能一次；公布种子；开始公示；通知申请人）', params: IdParams, response: { 200: RoundView },
      description: '409 TALENT_ROUND_ALREADY_ALLOCATED on a second run (a new round is needed); 409 TALENT_ROUND_STATE for a draft or a round still open.',
    },
  }, (req) => allocate(ctxOf(req, deps), deps.notifier, req.params.id));
  app.get('/talent/rounds/:id/results', {
    config: { access: 'talent.resource.publish' },
    schema: { tags: TAG, summary: '分配结果（按排名；身份证号码脱敏）', params: IdParams, response: { 200: ResultList }, description: 'The office, or the owner of the round\'s resource (else 404); 409 before the allocation.' },
  }, (req) => roundResults(ctxOf(req, deps), req.params.id));

  app.get('/talent/rounds/:id/results/export.xlsx', {
    config: { access: 'talent.resource.publish' },
    schema: {
      tags: TAG, summary: '导出分配结果（Excel；身份证号码脱敏；含种子和承诺）', params: IdParams,
      description: 'The result table in rank order, as GET /results, with each applicant\'s ticket and the seed. The office, or the owner of the round\'s resource (else 404); 409 before the allocation. Audited.',
    },
  }, async (req, reply) => {
    const file = await exportRoundResults(ctxOf(req, deps), req.params.id);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  // ---- a talent's own applications -------------------------------------------------------------
  app.get('/talent/my/rounds', {
    config: { access: 'talent.apply' },
    schema: { tags: TAG, summary: '可申请的兑现轮次（本人，含是否符合条件及原因）', response: { 200: MyRounds } },
  }, (req) => myRounds(ctxOf(req, deps)));
  app.post('/talent/rounds/:id/applications', {
    config: { access: 'talent.apply' },
    schema: {
      tags: TAG, summary: '本人申请兑现（按顺序填报志愿）', params: IdParams, body: ApplicationInput, response: { 201: ApplicationView },
      description: '409 TALENT_ROUND_NOT_OPEN (before or after the application period), TALENT_ROUND_NOT_ELIGIBLE (with the reason), TALENT_ROUND_ALREADY_APPLIED; 400 at preferences.i.',
    },
  }, async (req, reply) => reply.status(201).send(await apply(ctxOf(req, deps), deps.notifier, req.params.id, req.body)));
  app.put('/talent/rounds/:id/applications/mine', {
    config: { access: 'talent.apply' },
    schema: {
      tags: TAG, summary: '修改本人的志愿（申报期内）', params: IdParams, body: ApplicationInput, response: { 200: ApplicationView },
      description: 'Replaces the ordered preferences of the talent\'s own application while the round is open. 404 without one; 409 TALENT_ROUND_NOT_OPEN after the close; 400 at preferences.i.',
    },
  }, (req) => changePreferences(ctxOf(req, deps), req.params.id, req.body));
  app.delete('/talent/rounds/:id/applications/mine', {
    config: { access: 'talent.apply' },
    schema: { tags: TAG, summary: '撤回本人的申请（申报期内）', params: IdParams },
  }, async (req, reply) => {
    await withdraw(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  });
  app.get('/talent/my/applications', {
    config: { access: 'talent.apply' },
    schema: { tags: TAG, summary: '本人的兑现申请和结果（排名、决定因素、分数线）', response: { 200: ApplicationList } },
  }, (req) => myApplications(ctxOf(req, deps)));
  app.get('/talent/my/applications/:id', {
    config: { access: 'talent.apply' },
    schema: { tags: TAG, summary: '本人的一份兑现申请（他人的为 404）', params: IdParams, response: { 200: ApplicationView } },
  }, (req) => myApplication(ctxOf(req, deps), req.params.id));
};
