import { z } from 'zod';
import { ctxOf, type Routes } from '../../http/deps';
import { attachment, writeXlsx, XLSX_MIME } from '../excel/write-xlsx';
import { batchErrors, commitBatch, discardBatch, getBatch } from './import-batch';

export const ImportBatchView = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  status: z.enum(['validated', 'importing', 'imported', 'failed', 'discarded']),
  totalRows: z.number(),
  validRows: z.number(),
  errorCount: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string(), message: z.string() })),
  jobId: z.number().nullable(),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string().optional() }).nullable(),
  summary: z.record(z.string(), z.number()).nullable(),
});

const IdParams = z.object({ id: z.uuid() });
const TAG = ['imports'];

/** Import batches belong to the user who uploaded them; any signed-in user may read their own. */
export const importRoutes: Routes = (app, deps) => {
  app.get('/imports/:id', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '导入批次（校验结果与进度）', params: IdParams, response: { 200: ImportBatchView } },
  }, (req) => getBatch(ctxOf(req, deps), req.params.id));

  app.get('/imports/:id/errors.xlsx', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '下载错误报告（每一个错误行）', params: IdParams },
  }, async (req, reply) => {
    const { fileName, errors } = await batchErrors(ctxOf(req, deps), req.params.id);
    const buffer = await writeXlsx('错误报告', [
      { header: '行号', width: 8, value: (e) => e.line },
      { header: '列', width: 20, value: (e) => e.column },
      { header: '问题', width: 60, value: (e) => e.message },
    ], errors);
    const name = `错误报告-${fileName.replace(/\.[^.]+$/, '')}.xlsx`;
    return reply.type(XLSX_MIME).header('content-disposition', attachment(name)).send(buffer);
  });

  app.post('/imports/:id/commit', {
    config: { access: 'authenticated' },
    schema: {
      tags: TAG,
      summary: '确认导入（有错误行时须选择仅导入有效行）',
      params: IdParams,
      body: z.object({ onlyValid: z.boolean().default(false) }),
      response: { 202: z.object({ jobId: z.number() }) },
    },
  }, async (req, reply) => {
    const jobId = await commitBatch(ctxOf(req, deps), req.params.id, req.body.onlyValid);
    deps.jobs.poke();
    return reply.status(202).send({ jobId });
  });

  app.post('/imports/:id/discard', {
    config: { access: 'authenticated' },
    schema: { tags: TAG, summary: '放弃导入', params: IdParams },
  }, async (req, reply) => {
    await discardBatch(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  });
};
