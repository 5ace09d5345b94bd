import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { registerImportRoutes } from '../../../core/imports/register-import-routes';
import { CorrectionBody, EnterpriseFiguresView, ExportQuery, FigureHistoryView, FigureKeyParams } from '../schemas';
import { correctFigure, enterpriseFigures, exportFigures, figureHistory } from './figures.service';
import { figuresImportTemplate, validateFiguresImport } from './import-figures';

const TAG = ['economy'];

/** Enterprise figures: import (core two-step import), the enterprise's series, corrections, export. */
export const figureRoutes: Routes = (app, deps) => {
  registerImportRoutes(app, deps, {
    path: '/economy/figures',
    permission: 'economy.write',
    tag: 'economy',
    templateFileName: '经济指标导入模板.xlsx',
    template: figuresImportTemplate,
    validate: validateFiguresImport,
    summary: {
      template: '经济指标导入模板',
      upload: '上传经济指标（.xlsx / .csv）：按企业、期间、口径校验每一行（未知企业、未来期间、负数从业人员等逐行报错）；提交后同一企业+期间+口径重复导入为更新并保留历史',
    },
  });

  app.get('/economy/enterprises/:id/figures', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '一企一档·经济指标：各期数值（累计/当期）、规上认定及理由、亩均效益',
      params: z.object({ id: z.uuid() }), response: { 200: EnterpriseFiguresView },
    },
  }, (req) => enterpriseFigures(ctxOf(req, deps), req.params.id));

  app.get('/economy/enterprises/:id/figures/:period/:basis/history', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '某期指标的更正与重复导入历史（更正前后数值、原因、操作人）', params: FigureKeyParams, response: { 200: FigureHistoryView } },
  }, (req) => figureHistory(ctxOf(req, deps), req.params.id, req.params.period, req.params.basis));

  app.put('/economy/enterprises/:id/figures/:period/:basis', {
    config: { access: 'economy.write' },
    schema: {
      tags: TAG, summary: '更正（或补录）某企业某期指标，须填写原因；原值进入历史并留痕',
      params: FigureKeyParams, body: CorrectionBody,
      response: { 200: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), period: z.string(), basis: z.string() }) },
    },
  }, (req) => correctFigure(ctxOf(req, deps), req.params.id, req.params.period, req.params.basis, req.body));

  app.get('/economy/figures/export.xlsx', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '导出经济指标（Excel，列同导入模板，可改后导回；留痕）', querystring: ExportQuery },
  }, async (req, reply) => {
    const file = await exportFigures(ctxOf(req, deps), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });
};
