import '@fastify/multipart';
import { ctxOf, type Routes } from '../../../../http/deps';
import { AppError } from '../../../../http/app-error';
import { attachment, XLSX_MIME } from '../../../../core/excel/write-xlsx';
import { ImportBatchView } from '../../../../core/imports/import.routes';
import { talentImportTemplate } from '../export-talents';
import { validateTalentImport } from './import-talents';

const TAG = ['talent'];

/** Step 1 of the talent import; step 2 (commit, progress, error report) is the core's /api/imports/:id. */
export const talentImportRoutes: Routes = (app, deps) => {
  app.get('/talent/talents/import-template.xlsx', {
    config: { access: 'talent.import' },
    schema: { tags: TAG, summary: '人才导入模板' },
  }, async (_req, reply) =>
    reply.type(XLSX_MIME).header('content-disposition', attachment('人才导入模板.xlsx')).send(await talentImportTemplate()));

  app.post('/talent/talents/imports', {
    config: { access: 'talent.import' },
    schema: {
      tags: TAG,
      summary: '上传人才导入文件（.xlsx / .csv），校验每一行',
      consumes: ['multipart/form-data'],
      response: { 200: ImportBatchView },
    },
  }, async (req) => {
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE_UNREADABLE');
    const buffer = await file.toBuffer();
    return validateTalentImport(ctxOf(req, deps), file.filename, buffer);
  });
};
