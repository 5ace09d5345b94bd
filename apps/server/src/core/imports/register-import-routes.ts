import '@fastify/multipart';
import type { Permission } from '@zhizhi/contracts';
import { ctxOf, type AppDeps, type ZodApp } from '../../http/deps';
import { AppError } from '../../http/app-error';
import type { Ctx } from '../context';
import { attachment, XLSX_MIME } from '../excel/write-xlsx';
import type { getBatch } from './import-batch';
import { ImportBatchView } from './import.routes';

export interface ImportRoutesOptions {
  /** The collection's path: GET `${path}/import-template.xlsx`, POST `${path}/imports`. */
  path: string;
  /** The permission both routes need. */
  permission: Permission;
  /** The OpenAPI tag of both routes. */
  tag: string;
  /** The name the template is downloaded as. */
  templateFileName: string;
  /** Builds the template workbook. */
  template: () => Promise<Buffer>;
  /** Step 1: reads and validates the uploaded file, saving the batch (core/imports/import-batch.ts). */
  validate: (ctx: Ctx, fileName: string, buffer: Buffer) => ReturnType<typeof getBatch>;
  /** The OpenAPI summaries of the template download and of the upload. */
  summary: { template: string; upload: string };
}

/**
 * Step 1 of an import — the template and the upload that validates every row into a batch; step 2
 * (commit, progress, error report) is the core's /api/imports/:id (./import.routes.ts).
 */
export function registerImportRoutes(app: ZodApp, deps: AppDeps, opts: ImportRoutesOptions): void {
  const tags = [opts.tag];
  app.get(`${opts.path}/import-template.xlsx`, {
    config: { access: opts.permission },
    schema: { tags, summary: opts.summary.template },
  }, async (_req, reply) =>
    reply.type(XLSX_MIME).header('content-disposition', attachment(opts.templateFileName)).send(await opts.template()));

  app.post(`${opts.path}/imports`, {
    config: { access: opts.permission },
    schema: {
      tags,
      summary: opts.summary.upload,
      consumes: ['multipart/form-data'],
      response: { 200: ImportBatchView },
    },
  }, async (req) => {
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE_UNREADABLE');
    const buffer = await file.toBuffer();
    return opts.validate(ctxOf(req, deps), file.filename, buffer);
  });
}
