import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import '@fastify/multipart';
import { z } from 'zod';
import { PageQuery, pageOf } from '@zhizhi/contracts';
import { AppError } from '../../../http/app-error';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, writeXlsx, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { CLAIMS_TABLES, CLAIMS_TABLE_NAMES, LOAD_ORDER } from '../claims/tables';
import { bindClaimsStore, claimsStoreLocation, claimsStoreOf, closeClaimsStore } from '../claims/open-claims-store';
import { detectFormat } from './import/file-format';
import { claimsOverview } from './claims-overview';
import { createUploadLoad, getLoad, listLoads, loadErrors } from './loads.service';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping } from './mappings.service';

const READ = 'medfund.data.read';
const LOAD = 'medfund.data.load';
const TableName = z.enum(CLAIMS_TABLE_NAMES);
const Status = z.enum(['queued', 'running', 'succeeded', 'failed', 'duplicate']);

const LoadView = z.object({
  id: z.number(), source: z.enum(['upload', 'cli', 'generator']), targetTable: z.string(), mappingId: z.number().nullable(), mappingName: z.string().nullable(),
  fileName: z.string(), fileFormat: z.enum(['csv', 'xlsx', 'parquet', 'generated']), fileSize: z.number(), fileSha256: z.string().nullable(),
  status: Status, duplicateOf: z.number().nullable(), rowsRead: z.number(), rowsAdded: z.number(), rowsExisting: z.number(), rowsRejected: z.number(),
  error: z.string().nullable(), progress: z.object({ done: z.number(), total: z.number(), message: z.string().optional() }).nullable(),
  claimsEngine: z.enum(['duckdb', 'postgres']), createdBy: z.string().nullable(), createdAt: z.date(), startedAt: z.date().nullable(), finishedAt: z.date().nullable(),
});
const LoadErrorView = z.object({ rowNo: z.number(), column: z.string(), code: z.string(), message: z.string(), value: z.string().nullable() });
const MappingView = z.object({
  id: z.number(), name: z.string(), targetTable: z.string(), columns: z.record(z.string(), z.string()),
  dateFormat: z.enum(['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD']), delimiter: z.string(), builtin: z.boolean(), updatedAt: z.date(),
});
const MappingInput = z.object({
  name: z.string().trim().min(1, '请填写映射名称').max(100),
  targetTable: TableName,
  columns: z.record(z.string(), z.string().max(100)),
  dateFormat: z.enum(['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD']).default('YYYY-MM-DD'),
  delimiter: z.enum([',', ';', '|', '\t']).default(','),
});
const IdParams = z.object({ id: z.coerce.number().int().positive() });

/**
 * 医保数据加载 (docs/medfund/IMPORT.md, docs/API.md): the claims tables and their columns, saved
 * column mappings, uploads of claims files as background loads with progress, their per-row error
 * reports (Excel), and an overview of what the claims store holds.
 */
export const medfundDataRoutes: Routes = (app, deps) => {
  bindClaimsStore(deps.db, deps.config);
  app.addHook('onClose', async () => closeClaimsStore(deps.db));
  const engine = claimsStoreLocation(deps.config).engine;
  const uploadDir = path.join(deps.config.dataDir, 'medfund', 'uploads');

  app.get('/medfund/tables', {
    config: { access: READ },
    schema: {
      tags: ['medfund'], summary: '医保数据表及其列（国家医保信息平台字段名）',
      response: { 200: z.array(z.object({ name: z.string(), zh: z.string(), en: z.string(), key: z.array(z.string()), loadOrder: z.number(),
        columns: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), zh: z.string(), en: z.string() })) })) },
    },
  }, async () => LOAD_ORDER.map((t, i) => {
    const d = CLAIMS_TABLES[t];
    return { name: d.name, zh: d.zh, en: d.en, key: [...d.key], loadOrder: i + 1, columns: d.columns.filter((c) => c.name !== 'load_id').map((c) => ({ ...c, required: !!c.required })) };
  }));

  app.get('/medfund/overview', {
    config: { access: READ },
    schema: {
      tags: ['medfund'], summary: '医保数据概况：各表行数、按月结算（冲销后）、按机构类别',
      response: { 200: z.object({
        engine: z.enum(['duckdb', 'postgres']), tables: z.record(z.string(), z.number()), netted: z.number(),
        months: z.array(z.object({ year: z.number(), month: z.number(), settlements: z.number(), medfee: z.number(), fund: z.number(), inpatient: z.number() })),
        providerKinds: z.array(z.object({ kind: z.string(), settlements: z.number(), fund: z.number() })),
      }) },
    },
  }, async () => claimsOverview(await claimsStoreOf(deps.db)));

  // --- mappings -------------------------------------------------------------------------------
  app.get('/medfund/mappings', {
    config: { access: READ },
    schema: { tags: ['medfund'], summary: '列映射（含各表的国家标准映射）', querystring: z.object({ table: TableName.optional() }), response: { 200: z.array(MappingView) } },
  }, async (req) => listMappings(ctxOf(req, deps), req.query.table));

  app.get('/medfund/mappings/:id', {
    config: { access: READ },
    schema: { tags: ['medfund'], summary: '一个列映射', params: IdParams, response: { 200: MappingView } },
  }, async (req) => getMapping(deps.db, req.params.id));

  app.post('/medfund/mappings', {
    config: { access: LOAD },
    schema: { tags: ['medfund'], summary: '保存列映射（文件表头 → 数据表的列）', body: MappingInput, response: { 201: MappingView } },
  }, async (req, reply) => reply.code(201).send(await createMapping(ctxOf(req, deps), req.body)));

  app.put('/medfund/mappings/:id', {
    config: { access: LOAD },
    schema: { tags: ['medfund'], summary: '修改列映射（内置映射不可改）', params: IdParams, body: MappingInput, response: { 200: MappingView } },
  }, async (req) => updateMapping(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/medfund/mappings/:id', {
    config: { access: LOAD },
    schema: { tags: ['medfund'], summary: '删除列映射（内置映射不可删）', params: IdParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await deleteMapping(ctxOf(req, deps), req.params.id);
    return reply.code(204).send(null);
  });

  // --- loads ----------------------------------------------------------------------------------
  app.get('/medfund/loads', {
    config: { access: READ },
    schema: { tags: ['medfund'], summary: '数据加载批次（最新在前）', querystring: PageQuery.extend({ status: Status.optional(), table: TableName.optional() }), response: { 200: pageOf(LoadView) } },
  }, async (req) => ({ ...(await listLoads(ctxOf(req, deps), req.query)), totalEstimated: false }));

  app.get('/medfund/loads/:id', {
    config: { access: READ },
    schema: {
      tags: ['medfund'], summary: '一个数据加载批次：状态、进度、计数、前 100 条错误（个人信息脱敏）', params: IdParams,
      response: { 200: LoadView.extend({ errorsByCode: z.record(z.string(), z.number()), errors: z.array(LoadErrorView) }) },
    },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    const load = await getLoad(deps.db, req.params.id);
    const { errors, byCode } = await loadErrors(ctx, load.id, { reveal: false, limit: 100 });
    return { ...load, errorsByCode: byCode, errors };
  });

  app.get('/medfund/loads/:id/errors.xlsx', {
    config: { access: READ },
    schema: {
      tags: ['medfund'], summary: '错误报告（Excel）：每行的错误；reveal=true 显示完整证件号和姓名（需 personal.reveal，留痕）',
      params: IdParams, querystring: z.object({ reveal: z.enum(['true', 'false']).default('false') }),
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const load = await getLoad(deps.db, req.params.id);
    const { errors } = await loadErrors(ctx, load.id, { reveal: req.query.reveal === 'true' });
    const buffer = await writeXlsx('错误报告', [
      { header: '行号', width: 8, value: (e) => e.rowNo },
      { header: '列', width: 18, value: (e) => e.column },
      { header: '错误代码', width: 20, value: (e) => e.code },
      { header: '说明', width: 60, value: (e) => e.message },
      { header: '文件中的值', width: 24, value: (e) => e.value },
    ], errors);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(`错误报告-${load.id}-${load.fileName}.xlsx`)).send(buffer);
  });

  app.post('/medfund/loads', {
    config: { access: LOAD },
    schema: {
      tags: ['medfund'],
      summary: '上传医保数据文件（CSV / Excel / Parquet，multipart 字段 file），按列映射加载到数据表；后台任务，返回 202',
      description: 'The same content into the same table again is recorded as duplicate and adds nothing. mappingId omitted = the national layout (headers = column names).',
      querystring: z.object({ table: TableName, mappingId: z.coerce.number().int().positive().optional() }),
      response: { 202: LoadView },
    },
  }, async (req, reply) => {
    const ctx = ctxOf(req, deps);
    const maxBytes = deps.config.MEDFUND_UPLOAD_MAX_MB * 1024 * 1024;
    if (req.query.mappingId) {
      const m = await getMapping(deps.db, req.query.mappingId);
      if (m.targetTable !== req.query.table) {
        throw new AppError('MEDFUND_MAPPING_TABLE_MISMATCH', { mappingId: `映射「${m.name}」是数据表 ${m.targetTable} 的，不是 ${req.query.table} 的` });
      }
    }
    let part;
    try {
      part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    } catch {
      throw new AppError('FILE_MISSING', { file: '请以 multipart/form-data 上传文件（字段 file）' });
    }
    if (!part) throw new AppError('FILE_MISSING', { file: '请选择要上传的文件' });
    const name = (part.filename.split(/[\\/]/).pop() || 'file').replace(/[\u0000-\u001f"]/g, '').slice(0, 120) || 'file';
    fs.mkdirSync(uploadDir, { recursive: true });
    const filePath = path.join(uploadDir, `${Date.now()}-${crypto.randomUUID()}${path.extname(name).toLowerCase().replace(/[^.a-z]/g, '')}`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    try {
      await pipeline(part.file, new Transform({ transform(chunk, _e, cb) { hash.update(chunk); size += chunk.length; cb(null, chunk); } }), fs.createWriteStream(filePath));
    } catch (err) {
      fs.rmSync(filePath, { force: true });
      throw err;
    }
    if (part.file.truncated) {
      fs.rmSync(filePath, { force: true });
      const msg = `文件「${name}」超过 ${deps.config.MEDFUND_UPLOAD_MAX_MB} MB；更大的文件请用命令行加载（docs/medfund/IMPORT.md）`;
      throw new AppError('FILE_TOO_LARGE', { file: msg }, { zh: msg, en: `The file is larger than ${deps.config.MEDFUND_UPLOAD_MAX_MB} MB; load it with the CLI` });
    }
    if (size === 0) {
      fs.rmSync(filePath, { force: true });
      throw new AppError('FILE_EMPTY', { file: `文件「${name}」为空` });
    }
    const load = await createUploadLoad(ctx, {
      table: req.query.table, mappingId: req.query.mappingId ?? null, fileName: name, filePath, fileSize: size,
      sha256: hash.digest('hex'), format: detectFormat(filePath), claimsEngine: engine,
    });
    return reply.code(202).send(load);
  });
};
