import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { ParkFiguresView, PeriodText, DashboardQuery, DashboardView, DashboardHeadline, DashboardHeadlineQuery, GrowthQuery, GrowthReport, OfficialRateInput, OfficialRateView } from '../schemas';
import { dashboard, dashboardHeadline, exportDashboard } from './dashboard.service';
import { growthReport } from './growth.service';
import { enterOfficialRate, listOfficialRates } from './official-rates';
import { parkFigures } from './park-figures';

const TAG = ['economy'];

/** 经济运行: the leaders' screen, comparable-basis growth by any grouping, published rates. */
export const dashboardRoutes: Routes = (app, deps) => {
  app.get('/economy/dashboard', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '经济运行大屏：企业总数、规上、上市、高新、独角兽/准独角兽，规上营收和税收及同口径增速，从业人员；逐月走势；按产业生态圈、街道、园区',
      querystring: DashboardQuery, response: { 200: DashboardView },
    },
  }, (req) => dashboard(ctxOf(req, deps), req.query));

  app.get('/economy/dashboard/headline', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '经济运行大屏首屏：企业数量与规上营收、税收、从业人员及同口径增速（按期间汇总表读取，逐月走势与分组见 /economy/dashboard）',
      description: 'Read from the per-period sums (economy_period_sums, kept by the import job; a period marked changed is summed again first). docs/economy/GROWTH.md "Period sums".',
      querystring: DashboardHeadlineQuery, response: { 200: DashboardHeadline },
    },
  }, (req) => dashboardHeadline(ctxOf(req, deps), req.query));

  app.get('/economy/dashboard/export.xlsx', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '导出经济运行报表（Excel，留痕）', querystring: DashboardQuery },
  }, async (req, reply) => {
    const file = await exportDashboard(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.get('/economy/growth', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '同口径增速：任一指标、期间、口径，按全区/产业生态圈/街道/园区/行业大类分组；占比变化以百分点计；附公布增速',
      description: 'Growth = Σ this period / Σ the same enterprises a year earlier − 1, over the cohort (this year\'s above-scale list, or all that reported). docs/economy/GROWTH.md.',
      querystring: GrowthQuery, response: { 200: GrowthReport },
    },
  }, (req) => growthReport(ctxOf(req, deps), req.query));

  app.get('/economy/parks/:id/figures', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '一园一档·经济指标：园区规上营收、税收及同口径增速，从业人员，亩均税收，本年逐月',
      params: z.object({ id: z.uuid() }), querystring: z.object({ period: PeriodText.optional() }), response: { 200: ParkFiguresView },
    },
  }, (req) => parkFigures(ctxOf(req, deps), req.params.id, req.query.period));

  app.get('/economy/official-rates', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '统计部门公布的增速（单独标注，不替代同口径计算值）', response: { 200: z.array(OfficialRateView) } },
  }, (req) => listOfficialRates(ctxOf(req, deps)));

  app.post('/economy/official-rates', {
    config: { access: 'economy.write' },
    schema: { tags: TAG, summary: '录入（或替换）公布增速，须注明来源；留痕', body: OfficialRateInput, response: { 201: OfficialRateView } },
  }, async (req, reply) => reply.status(201).send(await enterOfficialRate(ctxOf(req, deps), req.body)));
};
