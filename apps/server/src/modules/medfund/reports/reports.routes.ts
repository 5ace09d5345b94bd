import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { claimsStoreOf } from '../claims/open-claims-store';
import { periodicReport } from './periodic-report.service';
import { exportPeriodicReport } from './periodic-report.export';
import { ReportQuerySchema, ReportViewSchema, RuleEffectivenessSchema } from './schemas';
import { ruleEffectivenessView } from './rule-effectiveness.service';
import { exportRuleEffectiveness } from './rule-effectiveness.export';

const TAG = ['medfund reports'];

/** The periodic fund risk report and rule effectiveness: /api/medfund/reports/… (docs/medfund/REPORT.md). */
export const medfundReportsRoutes: Routes = (app, deps) => {
  app.get('/medfund/reports/periodic', {
    config: { access: 'medfund.reports.read' },
    schema: {
      tags: TAG, summary: '医保基金运行风险报告（月报、季报）：基金支付、疑点（按等级、规则、机构）、重点规则和机构、趋势',
      description: 'period = YYYY-MM or YYYY-Qn (default: the latest month, or quarter with kind=quarter, with settlements); trend = how many periods the trend shows (default 12 months or 4 quarters). Counts and amounts only, no personal data.',
      querystring: ReportQuerySchema, response: { 200: ReportViewSchema },
    },
  }, async (req) => periodicReport(ctxOf(req, deps), await claimsStoreOf(deps.db), req.query));

  app.get('/medfund/reports/periodic/export.xlsx', {
    config: { access: 'medfund.reports.read' },
    schema: { tags: TAG, summary: '导出医保基金运行风险报告（Excel；标注导出人和时间，留痕）', querystring: ReportQuerySchema },
  }, async (req, reply) => {
    const file = await exportPeriodicReport(ctxOf(req, deps), await claimsStoreOf(deps.db), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/medfund/reports/rule-effectiveness', {
    config: { access: 'medfund.reports.read' },
    schema: {
      tags: TAG, summary: '规则成效：每条规则（及版本）的疑点、确认、排除、数据问题、准确率、追回金额',
      description: 'Over every finding to date, with the outcome of its latest case. precision = confirmed / (confirmed + dismissed + data_quality); a case\'s recovery is shared over its confirmed findings by amount, to the fen (largest remainder). lowPrecision / mostlyDataQuality flag rules with at least 5 decisions.',
      response: { 200: RuleEffectivenessSchema },
    },
  }, (req) => ruleEffectivenessView(ctxOf(req, deps)));

  app.get('/medfund/reports/rule-effectiveness/export.xlsx', {
    config: { access: 'medfund.reports.read' },
    schema: { tags: TAG, summary: '导出规则成效（Excel；标注导出人和时间，留痕）' },
  }, async (req, reply) => {
    const file = await exportRuleEffectiveness(ctxOf(req, deps));
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
};
