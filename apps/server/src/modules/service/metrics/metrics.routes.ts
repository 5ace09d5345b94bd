import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { exportMetrics, metricsReport, overdueList } from './metrics.service';
import { MetricsQuery, MetricsReport, OverdueList, OverdueQuery } from './schemas';

const TAG = ['service'];

/**
 * 三率 dashboard: /api/service/metrics… The office and leaders see every request (their street if
 * bound), a handling unit the requests it leads; enterprises 403. Definitions: docs/service/METRICS.md.
 */
export const metricsRoutes: Routes = (app, deps) => {
  app.get('/service/metrics', {
    config: { access: 'service.read' },
    schema: {
      tags: TAG,
      summary: '诉求统计：响应率、解决率、满意率、回访率、各环节按时率与平均用时、数量；可按单位、服务员、类别、街道、渠道、月、周分组并排名',
      description: 'Computed with the domain\'s serviceRates / serviceRatesBy over the requests submitted in [from, to] (local dates). Each figure\'s definition (numerator, denominator; zh and en) is in `definitions`.',
      querystring: MetricsQuery,
      response: { 200: MetricsReport },
    },
  }, (req) => metricsReport(ctxOf(req, deps), req.query));

  app.get('/service/metrics/overdue', {
    config: { access: 'service.read' },
    schema: { tags: TAG, summary: '超时清单：已过时限仍未完成的环节（超时最久的在前）', querystring: OverdueQuery, response: { 200: OverdueList } },
  }, (req) => overdueList(ctxOf(req, deps), req.query));

  app.get('/service/metrics/export.xlsx', {
    config: { access: 'service.read' },
    schema: { tags: TAG, summary: '导出统计表（Excel，留痕）', querystring: MetricsQuery },
  }, async (req, reply) => {
    const file = await exportMetrics(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
};
