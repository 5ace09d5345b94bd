import { ctxOf, type Routes } from '../../../http/deps';
import { TEMPLATES } from './domain/templates';
import { changeRule, getRule, listRules, setRuleEnabled, type RuleView as StoredRule } from './rule-store';
import { getRun, listRuns, startRun } from './screening/run.service';
import { findingSummary, getFinding, listFindings, providerRisk, revealFinding } from './findings/finding.service';
import { claimsStoreFor } from './claims-access';
import { claimsDataVersion } from './screening/screen-claims';
import { AppError } from '../../../http/app-error';
import {
  FindingDetail, FindingListQuery, FindingPage, FindingReveal, FindingSummary, IdParams, RiskPage, RiskQuery, RuleChangeInput, RuleCodeParams,
  RuleDetail, RuleEnableInput, RuleList, RunList, RunView, StartRunInput,
} from './schemas';

const TAG = ['medfund screening'];

function withSpecs<T extends StoredRule>(r: T) {
  const t = TEMPLATES[r.template];
  // the specs are readonly constants; the response schema describes them as plain arrays
  const tableSpecs = t.tables as unknown as Record<string, { zh: string; en: string; maxRows: number; columns: { name: string; kind: string; zh: string; en: string; values?: string[] }[] }>;
  return { ...r, templateName: t.zh, templateNameEn: t.en, paramSpecs: t.params, tableSpecs };
}

/** Screening rules, runs, findings and provider risk: /api/medfund/… (docs/medfund/API.md). */
export const medfundRulesRoutes: Routes = (app, deps) => {
  const claims = () => claimsStoreFor(deps.db, deps.config);

  app.get('/medfund/rules', {
    config: { access: 'medfund.rules.read' },
    schema: { tags: TAG, summary: '筛查规则列表（当前版本、参数及其取值范围）', response: { 200: RuleList } },
  }, async () => ({ items: (await listRules(deps.db)).map(withSpecs) }));

  app.get('/medfund/rules/:code', {
    config: { access: 'medfund.rules.read' },
    schema: { tags: TAG, summary: '筛查规则详情及全部版本', params: RuleCodeParams, response: { 200: RuleDetail } },
  }, async (req) => withSpecs(await getRule(deps.db, req.params.code)));

  app.put('/medfund/rules/:code', {
    config: { access: 'medfund.rules.manage' },
    schema: {
      tags: TAG, summary: '调整规则（生成新版本，留痕）', params: RuleCodeParams, body: RuleChangeInput, response: { 200: RuleDetail },
      description: 'Writes version baseVersion + 1; earlier runs and findings keep pointing at theirs. 400 MEDFUND_RULE_INVALID names each parameter out of range (fields: params.<name>, tables.<table>[row].<column>); 409 CONFLICT when baseVersion is not the current one.',
    },
  }, async (req) => {
    await changeRule(ctxOf(req, deps), req.params.code, req.body);
    return withSpecs(await getRule(deps.db, req.params.code));
  });

  app.post('/medfund/rules/:code/enabled', {
    config: { access: 'medfund.rules.manage' },
    schema: { tags: TAG, summary: '启用或停用规则（留痕）', params: RuleCodeParams, body: RuleEnableInput, response: { 200: RuleDetail } },
  }, async (req) => {
    await setRuleEnabled(ctxOf(req, deps), req.params.code, req.body.enabled);
    return withSpecs(await getRule(deps.db, req.params.code));
  });

  app.get('/medfund/screening-runs', {
    config: { access: 'medfund.rules.read' },
    schema: { tags: TAG, summary: '筛查批次（最近 50 次，含进度）', response: { 200: RunList } },
  }, async () => ({ items: await listRuns(deps.db) }));

  app.get('/medfund/screening-runs/:id', {
    config: { access: 'medfund.rules.read' },
    schema: { tags: TAG, summary: '筛查批次详情与进度', params: IdParams, response: { 200: RunView } },
  }, (req) => getRun(deps.db, req.params.id));

  app.post('/medfund/screening-runs', {
    config: { access: 'medfund.screening.run' },
    schema: {
      tags: TAG, summary: '发起筛查（全量或增量，后台任务）', body: StartRunInput, response: { 202: RunView },
      description: 'full: every settlement (or periodFrom–periodTo); incremental: the days after the last finished run, against the whole history. 409 MEDFUND_RUN_ACTIVE while another run over the same claims data is queued or running; 409 MEDFUND_NO_CLAIMS when the store holds no settlement.',
    },
  }, async (req, reply) => {
    const c = claims();
    const store = await c.store;
    if ((await claimsDataVersion(store)).settlements === 0) throw new AppError('MEDFUND_NO_CLAIMS');
    const run = await startRun(ctxOf(req, deps), { key: c.key, engine: store.engine }, req.body);
    deps.jobs.poke();
    return reply.status(202).send(run);
  });

  app.get('/medfund/findings', {
    config: { access: 'medfund.findings.read' },
    schema: { tags: TAG, summary: '疑点列表（按规则、等级、机构、人员、期间、金额筛选；姓名和证件号脱敏）', querystring: FindingListQuery, response: { 200: FindingPage } },
  }, (req) => listFindings(ctxOf(req, deps), req.query));

  app.get('/medfund/findings/summary', {
    config: { access: 'medfund.findings.read' },
    schema: { tags: TAG, summary: '疑点按规则和等级汇总', response: { 200: FindingSummary } },
  }, async (req) => ({ items: await findingSummary(ctxOf(req, deps)) }));

  app.get('/medfund/findings/:id', {
    config: { access: 'medfund.findings.read' },
    schema: {
      tags: TAG, summary: '疑点详情与证据（结算、费用明细、规则版本；查阅留痕）', params: IdParams, response: { 200: FindingDetail },
      description: 'Reading a finding reads a person\'s records: audited medfund.finding.read. Name and ID number masked.',
    },
  }, async (req) => getFinding(ctxOf(req, deps), await claims().store, req.params.id));

  app.post('/medfund/findings/:id/reveal', {
    config: { access: 'personal.reveal' },
    schema: { tags: TAG, summary: '查看疑点人员完整姓名和证件号码（留痕）', params: IdParams, response: { 200: FindingReveal } },
  }, (req) => revealFinding(ctxOf(req, deps), req.params.id));

  app.get('/medfund/provider-risk', {
    config: { access: 'medfund.rules.read' },
    schema: { tags: TAG, summary: '定点医药机构风险排名（同类型同等级比较，稳健 Z 分数）', querystring: RiskQuery, response: { 200: RiskPage } },
  }, (req) => providerRisk(ctxOf(req, deps), req.query.run));
};
