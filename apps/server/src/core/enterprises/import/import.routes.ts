import '@fastify/multipart';
import { ctxOf, type Routes } from '../../../http/deps';
import { AppError } from '../../../http/app-error';
import { attachment, XLSX_MIME } from '../../excel/write-xlsx';
import { ImportBatchView } from '../../imports/import.routes';
import { importTemplate } from '../export-enterprises';
import { validateEnterpriseImport } from './import-enterprises';

const TAG = ['enterprises'];

export const enterpriseImportRoutes: Routes = (app, deps) => {
  app.get('/enterprises/import-template.xlsx', {
    config: { access: 'enterprise.import' },
    schema: { tags: TAG, summary: '企业导入模板' },
  }, async (_req, reply) =>
    reply.type(XLSX_MIME).header('content-disposition', attachment('企业导入模板.xlsx')).send(await importTemplate()));

  app.post('/enterprises/imports', {
    config: { access: 'enterprise.import' },
    schema: {
      tags: TAG,
      summary: '上传企业导入文件（.xlsx / .csv），校验每一行',
      consumes: ['multipart/form-data'],
      response: { 200: ImportBatchView },
    },
  }, async (req) => {
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE_UNREADABLE');
    const buffer = await file.toBuffer();
    return validateEnterpriseImport(ctxOf(req, deps), file.filename, buffer);
  });
};

