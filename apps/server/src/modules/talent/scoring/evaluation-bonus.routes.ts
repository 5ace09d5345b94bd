import { ctxOf, type Routes } from '../../../http/deps';
import { localeOf } from '../../../http/error-handler';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { EnterpriseIdParams, EvaluationBonusExportQuery, EvaluationBonusPage, EvaluationBonusQuery, EvaluationBonusView, ExplainQuery } from './schemas';
import { evaluationBonusOf, exportEvaluationBonuses, listEvaluationBonuses } from './evaluation-bonus.service';

const TAG = ['talent-scoring'];
const SCOPE = 'Enterprise HR: its own enterprise; the talent office: the county; a talent: none. Only industrial enterprises (GB/T 4754 B, C, D) are evaluated.';

/** 工业企业综合评价人才加分: the bonus records, one enterprise's explained bonus, the Excel record. */
export const evaluationBonusRoutes: Routes = (app, deps) => {
  app.get('/talent/evaluation-bonuses', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '工业企业综合评价人才加分（按加分办法版本和计算日；高分在前）', querystring: EvaluationBonusQuery, response: { 200: EvaluationBonusPage },
      description: `Under the evaluation-bonus version in effect (or ?version=), latest complete day, with the enterprise score it was computed from (source). ${SCOPE}`,
    },
  }, (req) => listEvaluationBonuses(ctxOf(req, deps), req.query));

  app.get('/talent/evaluation-bonuses/export.xlsx', {
    config: { access: 'talent.export' },
    schema: {
      tags: TAG, summary: '导出综合评价人才加分（含说明、加分办法与企业积分的版本和计算日）', querystring: EvaluationBonusExportQuery,
      description: `The versioned record the comprehensive evaluation takes. Audited. ${SCOPE}`,
    },
  }, async (req, reply) => {
    const file = await exportEvaluationBonuses(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/talent/evaluation-bonuses/:enterpriseId', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '一家企业的综合评价人才加分及说明', params: EnterpriseIdParams, querystring: ExplainQuery, response: { 200: EvaluationBonusView },
      description: `404 when the enterprise is outside the scope, or has no bonus (not industrial, or not scored). ${SCOPE}`,
    },
  }, (req) => evaluationBonusOf(ctxOf(req, deps), req.params.enterpriseId, { locale: req.query.locale ?? localeOf(req), version: req.query.version }));
};
