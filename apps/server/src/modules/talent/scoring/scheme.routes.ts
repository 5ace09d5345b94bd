import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf, type Routes } from '../../../http/deps';
import { attachment, XLSX_MIME } from '../../../core/excel/write-xlsx';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { recordAudit } from '../../../core/audit/audit';
import { localDateOf } from '../../../core/reference/domain/workday';
import { AppError } from '../../../http/app-error';
import {
  AsOfInput, DiffQuery, IdParams, JobStarted, PublishResult, RecomputeInput, SchemeDiff, SchemeList, SchemeListQuery, SchemeSourceInput,
  SchemeUpdateInput, SchemeValidation, SchemeVersionDetail, SchemeVersionSummary, WhatIfRowPage, WhatIfRowsQuery, WhatIfRunList,
  WhatIfRunView, WhatIfStarted,
  PublishInput,
} from './schemas';
import {
  clampToPeriod, createDraft, deleteDraft, diffScheme, getScheme, listSchemes, loadScheme, publishScheme, retireScheme, updateDraft, validateSource,
} from './scheme.service';
import { getWhatIf, listWhatIfs, startWhatIf, whatIfRows, whatIfXlsx } from './what-if.service';
import { SchemeRejected, sendRejected } from './scheme-issues';
import { RECOMPUTE_JOB } from './recompute';
import { currentVersion } from './scheme.repo';

const TAG = ['talent-scoring'];
const MANAGE = 'talent.scheme.manage';
const ISSUES = '400: VALIDATION_FAILED with error.issues [{ path, code, zh, en }] and error.fields (path → message)';

/** Runs a handler's work; a rejected scheme becomes the 400/409 answer listing each problem and where. */
export async function orReject<T>(req: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SchemeRejected) return sendRejected(req, reply, err);
    throw err;
  }
}

/** Points schemes (积分办法): versions, drafts, validation, diff, publish, retire, what-if runs, recompute. */
export const schemeRoutes: Routes = (app, deps) => {
  app.get('/talent/schemes', {
    config: { access: 'talent.read' },
    schema: {
      tags: TAG, summary: '积分办法版本列表（草稿仅管理者可见）', querystring: SchemeListQuery, response: { 200: SchemeList },
      description: 'Every version of the personal and enterprise schemes. Drafts are listed only for talent.scheme.manage.',
    },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    const list = await listSchemes(ctx, req.query);
    return ctx.actor.permissions.has(MANAGE) ? list : { items: list.items.filter((v) => v.status !== 'draft') };
  });

  app.post('/talent/schemes/validate', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '校验积分办法文本（不保存；编辑器实时校验）', body: SchemeSourceInput, response: { 200: SchemeValidation },
      description: 'Always 200: { ok, issues: [{ path, code, zh, en }], summary }. Nothing is stored.',
    },
  }, async (req) => validateSource(req.body.source, req.body.format));

  app.get('/talent/schemes/:id', {
    config: { access: 'talent.read' },
    schema: { tags: TAG, summary: '积分办法版本（文档与原文，含注释）', params: IdParams, response: { 200: SchemeVersionDetail } },
  }, async (req) => {
    const ctx = ctxOf(req, deps);
    const v = await getScheme(ctx, req.params.id);
    if (v.status === 'draft' && !ctx.actor.permissions.has(MANAGE)) throw new AppError('NOT_FOUND');
    return v;
  });

  app.post('/talent/schemes', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '新建积分办法草稿（YAML 或 JSON 文本）', body: SchemeSourceInput, response: { 201: SchemeVersionDetail },
      description: `The text is validated (docs/talent/SCHEME_FORMAT.md). ${ISSUES}; the same code + version twice is an issue at path "version".`,
    },
  }, async (req, reply) => orReject(req, reply, async () => reply.status(201).send(await createDraft(ctxOf(req, deps), req.body))));

  app.put('/talent/schemes/:id', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '修改草稿（版本校验 revision）', params: IdParams, body: SchemeUpdateInput, response: { 200: SchemeVersionDetail },
      description: `${ISSUES}. 409 CONFLICT when the revision is stale or the version is no longer a draft.`,
    },
  }, async (req, reply) => orReject(req, reply, async () => updateDraft(ctxOf(req, deps), req.params.id, req.body)));

  app.delete('/talent/schemes/:id', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '删除草稿（已发布的版本不能删除）', params: IdParams },
  }, async (req, reply) => orReject(req, reply, async () => {
    await deleteDraft(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  }));

  app.get('/talent/schemes/:id/diff', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '草稿与现行版本的差异', params: IdParams, querystring: DiffQuery, response: { 200: SchemeDiff },
      description: 'Changed paths, lists matched by id/key/value: items[id=education].rule.categories[value=master].points.',
    },
  }, async (req) => diffScheme(ctxOf(req, deps), req.params.id, req.query.against));

  app.post('/talent/schemes/:id/publish', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '发布草稿（有效期不得与同类已发布版本重叠；发布后重新计算积分）', params: IdParams, body: PublishInput.nullish(), response: { 200: PublishResult },
      description: '409 CONFLICT with an issue at path "effective" (code period-overlap) naming the published version it overlaps. `replaces` retires the named published versions in the same transaction (all or nothing). Older versions\' scores are kept. Starts the recompute job.',
    },
  }, async (req, reply) => orReject(req, reply, async () => {
    const out = await publishScheme(ctxOf(req, deps), req.params.id, req.body?.replaces ?? []);
    deps.jobs.poke();
    return out;
  }));

  app.post('/talent/schemes/:id/retire', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '停用已发布的版本（其积分结果保留）', params: IdParams, response: { 200: SchemeVersionSummary } },
  }, async (req, reply) => orReject(req, reply, async () => retireScheme(ctxOf(req, deps), req.params.id)));

  app.post('/talent/schemes/:id/what-if', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '试算：草稿应用于全部现有人才和企业，与现行版本比较', params: IdParams, body: AsOfInput.optional(), response: { 202: WhatIfStarted },
      description: 'A job (GET /api/jobs/:jobId for progress). Then GET /api/talent/what-if/:runId for the counts, …/rows for the list, …/rows.xlsx to download.',
    },
  }, async (req, reply) => orReject(req, reply, async () => {
    const out = await startWhatIf(ctxOf(req, deps), req.params.id, req.body ?? {});
    deps.jobs.poke();
    return reply.status(202).send(out);
  }));

  app.get('/talent/schemes/:id/what-if', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '草稿的试算记录', params: IdParams, response: { 200: WhatIfRunList } },
  }, async (req) => listWhatIfs(ctxOf(req, deps), req.params.id));

  app.get('/talent/what-if/:id', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '试算结果：人才和企业增减分、档次变化的人数', params: IdParams, response: { 200: WhatIfRunView } },
  }, async (req) => getWhatIf(ctxOf(req, deps), req.params.id));

  app.get('/talent/what-if/:id/rows', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '试算结果明细（积分或档次有变化的人才和企业）', params: IdParams, querystring: WhatIfRowsQuery, response: { 200: WhatIfRowPage } },
  }, async (req) => whatIfRows(ctxOf(req, deps), req.params.id, req.query));

  app.get('/talent/what-if/:id/rows.xlsx', {
    config: { access: MANAGE },
    schema: { tags: TAG, summary: '下载试算结果明细（Excel）', params: IdParams },
  }, async (req, reply) => {
    const file = await whatIfXlsx(ctxOf(req, deps), req.params.id);
    return reply.type(XLSX_MIME).header('content-disposition', attachment(file.fileName)).send(file.buffer);
  });

  app.post('/talent/scores/recompute', {
    config: { access: MANAGE },
    schema: {
      tags: TAG, summary: '重新计算积分（后台任务，报告进度）', body: RecomputeInput, response: { 202: JobStarted },
      description: 'Recomputes every active talent (personal; then the enterprise points in effect that day) or every enterprise, under a published version, as of a day in its period.',
    },
  }, async (req, reply) => orReject(req, reply, async () => {
    const ctx = ctxOf(req, deps);
    const today = localDateOf(ctx.now);
    const v = req.body.versionId ? await loadScheme(ctx, req.body.versionId) : await currentVersion(ctx.db, req.body.kind, today);
    if (!v || v.status === 'draft') throw new AppError('NOT_FOUND');
    const asOf = req.body.asOf ?? clampToPeriod(v, today);
    if (clampToPeriod(v, asOf) !== asOf)
      throw new SchemeRejected([{ path: 'asOf', code: 'outside-period', zh: `${asOf} 不在该版本的有效期内`, en: `${asOf} is outside the version's effective period` }]);
    const jobId = await ctx.db.transaction().execute(async (tx) => {
      const id = await enqueueJob(tx, { kind: RECOMPUTE_JOB, payload: { kind: v.kind, versionId: v.id, asOf }, createdBy: ctx.actor.userId, runAt: ctx.now });
      await recordAudit(tx, ctx, { action: 'talent.scores.recompute', entityType: 'talent_scheme_version', entityId: v.id, after: { asOf, jobId: id } });
      return id;
    });
    deps.jobs.poke();
    return reply.status(202).send({ jobId });
  }));
};

