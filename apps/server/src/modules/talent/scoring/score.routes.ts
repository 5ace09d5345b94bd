import { ctxOf, type Routes } from '../../../http/deps';
import { localeOf } from '../../../http/error-handler';
import {
  Distribution, DistributionQuery, EnterpriseFactsInput, EnterpriseFactsQuery, EnterpriseFactsView, EnterpriseIdParams, EnterpriseScorePage,
  EnterpriseScoreQuery, EnterpriseScoreView, ExplainQuery, ScoreExportQuery, ScoreListPage, ScoreListQuery, TalentIdParams, TalentScoreHistory, TalentScoreView,
} from './schemas';
import { distribution, enterpriseScore, exportScores, listEnterpriseScores, listScores, talentScore, talentScoreHistory } from './score.service';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { getEnterpriseFacts, putEnterpriseFacts } from './enterprise-facts.service';
import { orReject } from './scheme.routes';

const TAG = ['talent-scoring'];
const SCOPE = 'Scope: a talent sees only themselves, enterprise HR only its enterprise, the talent office the county; anything else is 404.';

/** Scores: a talent's explained points, lists, enterprise points and tiers, the office's distribution. */
export const scoreRoutes: Routes = (app, deps) => {
  app.get('/talent/scores', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '人才积分列表（当前版本；按数据范围）', querystring: ScoreListQuery, response: { 200: ScoreListPage }, description: SCOPE },
  }, (req) => listScores(ctxOf(req, deps), req.query));

  app.get('/talent/scores/export.xlsx', {
    config: { access: 'talent.export' },
    schema: {
      tags: TAG, summary: '导出人才积分（当前筛选；每个积分项一列）', querystring: ScoreExportQuery,
      description: `The same filters as the list; one row per talent, the total and every item's points. Audited. ${SCOPE}`,
    },
  }, async (req, reply) => {
    const file = await exportScores(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/talent/scores/distribution', {
    config: { access: 'talent.county' },
    schema: {
      tags: TAG, summary: '积分分布（人才积分直方图、达标人数，企业各档数量）', querystring: DistributionQuery, response: { 200: Distribution },
      description: 'For the office charts, under the versions in effect today (latest computed day).',
    },
  }, (req) => distribution(ctxOf(req, deps), req.query));

  app.get('/talent/scores/:talentId', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '人才积分及每项积分的说明', params: TalentIdParams, querystring: ExplainQuery, response: { 200: TalentScoreView },
      description: `The latest score under the version in effect (or ?version=), with the version and the asOf day. Explanations in the user's locale, or ?locale=both. ${SCOPE}`,
    },
  }, (req) => talentScore(ctxOf(req, deps), req.params.talentId, { locale: req.query.locale ?? localeOf(req), version: req.query.version, full: req.query.full }));

  app.get('/talent/scores/:talentId/history', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '人才的历次积分（各版本、各计算日）', params: TalentIdParams, response: { 200: TalentScoreHistory }, description: SCOPE },
  }, (req) => talentScoreHistory(ctxOf(req, deps), req.params.talentId));

  app.get('/talent/enterprise-scores', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '企业积分排名与分档', querystring: EnterpriseScoreQuery, response: { 200: EnterpriseScorePage },
      description: 'Ranked list (rank 1 = highest). Enterprise HR sees its own enterprise only; a talent sees none.',
    },
  }, (req) => listEnterpriseScores(ctxOf(req, deps), req.query));

  app.get('/talent/enterprise-scores/:enterpriseId', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '企业积分：总分、档次、各项说明及构成人才积分合计的人才', params: EnterpriseIdParams, querystring: ExplainQuery,
      response: { 200: EnterpriseScoreView },
      description: 'Enterprise HR: own enterprise only (another is 404); the office: the county; a talent: none.',
    },
  }, (req) => enterpriseScore(ctxOf(req, deps), req.params.enterpriseId, { locale: req.query.locale ?? localeOf(req), version: req.query.version, full: req.query.full }));

  app.get('/talent/enterprise-facts/:enterpriseId', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '企业积分事实（引进人才、人才平台、培训投入；按年度）', params: EnterpriseIdParams, querystring: EnterpriseFactsQuery,
      response: { 200: EnterpriseFactsView },
    },
  }, (req) => getEnterpriseFacts(ctxOf(req, deps), req.params.enterpriseId, req.query.year));

  app.put('/talent/enterprise-facts/:enterpriseId', {
    config: { access: 'talent.write' },
    schema: {
      tags: TAG, summary: '填报企业积分事实（按当年企业积分办法校验）', params: EnterpriseIdParams, body: EnterpriseFactsInput,
      response: { 200: EnterpriseFactsView },
      description: '400 with error.issues [{ path: "facts.<key>", code, zh, en }] for a fact the scheme does not declare (unknown-fact), a wrong type or range, or staffPointsTotal (computed by the platform). Used by the next recompute.',
    },
  }, async (req, reply) => orReject(req, reply, () => putEnterpriseFacts(ctxOf(req, deps), req.params.enterpriseId, req.body)));
};
