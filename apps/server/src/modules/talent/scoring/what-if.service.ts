import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { writeXlsx } from '../../../core/excel/write-xlsx';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx } from '../../../core/context';
import type { TalentSchemeKind, TalentWhatIfRunTable } from '../../../db/schema';
import { clampToPeriod, loadScheme } from './scheme.service';
import { SchemeRejected, issue } from './scheme-issues';
import { baselineFor, WHATIF_JOB } from './what-if';

type RunRow = Selectable<TalentWhatIfRunTable> & { kind: TalentSchemeKind; current_hash: string };

function runQuery(ctx: Ctx) {
  return ctx.db
    .selectFrom('talent_whatif_runs as r')
    .innerJoin('talent_scheme_versions as v', 'v.id', 'r.draft_id')
    .selectAll('r')
    .select(['v.kind', 'v.content_hash as current_hash']);
}

function toView(r: RunRow) {
  return {
    id: r.id, draftId: r.draft_id, baselineId: r.baseline_id, kind: r.kind, asOf: r.as_of, status: r.status,
    draftChangedSince: r.current_hash !== r.draft_hash,
    talentCounts: r.talent_counts, enterpriseCounts: r.enterprise_counts, jobId: r.job_id, error: r.error,
    createdAt: r.created_at, finishedAt: r.finished_at,
  };
}

/** Starts a what-if run of a draft (a job); the result is read with getWhatIf. */
export async function startWhatIf(ctx: Ctx, draftId: string, input: { asOf?: string }) {
  const draft = await loadScheme(ctx, draftId);
  if (draft.status !== 'draft')
    throw new SchemeRejected([issue('status', 'not-draft', '只能对草稿试算', 'a what-if run applies a draft')], 409);
  if (draft.kind === 'evaluation_bonus')
    throw new SchemeRejected([issue('kind', 'no-what-if', '综合评价加分办法暂不支持试算：发布后重新计算即可看到结果', 'a what-if run is not offered for an evaluation-bonus scheme yet: publish and recompute')], 409);
  const asOf = input.asOf ?? clampToPeriod(draft, localDateOf(ctx.now));
  const baseline = await baselineFor(ctx.db, draft, asOf);
  const { runId, jobId } = await ctx.db.transaction().execute(async (tx) => {
    const run = await tx
      .insertInto('talent_whatif_runs')
      .values({ draft_id: draft.id, baseline_id: baseline?.id ?? null, draft_hash: draft.content_hash, as_of: asOf, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const jobId = await enqueueJob(tx, { kind: WHATIF_JOB, payload: { runId: run.id }, createdBy: ctx.actor.userId, runAt: ctx.now, maxAttempts: 1 });
    await tx.updateTable('talent_whatif_runs').set({ job_id: jobId }).where('id', '=', run.id).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.scheme.what_if', entityType: 'talent_scheme_version', entityId: draft.id,
      after: { runId: run.id, asOf, baselineId: baseline?.id ?? null, draftHash: draft.content_hash },
    });
    return { runId: run.id, jobId };
  });
  return { run: await getWhatIf(ctx, runId), jobId };
}

export async function getWhatIf(ctx: Ctx, runId: string) {
  const r = await runQuery(ctx).where('r.id', '=', runId).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return toView(r as RunRow);
}

export async function listWhatIfs(ctx: Ctx, draftId: string) {
  const rows = await runQuery(ctx).where('r.draft_id', '=', draftId).orderBy('r.created_at', 'desc').limit(50).execute();
  return { items: rows.map((r) => toView(r as RunRow)) };
}

type RowFilter = { subject?: 'talent' | 'enterprise'; change?: string };

function rowsQuery(ctx: Ctx, runId: string, f: RowFilter) {
  let qb = ctx.db
    .selectFrom('talent_whatif_rows as w')
    .leftJoin('talents as t', (j) => j.onRef('t.id', '=', 'w.subject_id').on('w.subject_type', '=', 'talent'))
    .leftJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .where('w.run_id', '=', runId);
  if (f.subject) qb = qb.where('w.subject_type', '=', f.subject);
  if (f.change === 'tierChanged') qb = qb.where('w.tier_changed', '=', true);
  else if (f.change) qb = qb.where('w.change', '=', f.change);
  return qb.select([
    'w.subject_type', 'w.subject_id', 'w.enterprise_id', 'w.before_total', 'w.before_tier', 'w.after_total', 'w.after_tier',
    'w.delta', 'w.change', 'w.tier_changed', 'w.tier_move', 't.name as talent_name', 'e.name as enterprise_name',
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>[number];
const rowView = (r: Row) => ({
  subjectType: r.subject_type, subjectId: r.subject_id,
  name: r.subject_type === 'talent' ? (r.talent_name ?? null) : (r.enterprise_name ?? null),
  enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name ?? null,
  beforeTotal: r.before_total === null ? null : Number(r.before_total), beforeTier: r.before_tier,
  afterTotal: r.after_total === null ? null : Number(r.after_total), afterTier: r.after_tier,
  delta: r.delta === null ? null : Number(r.delta), change: r.change, tierChanged: r.tier_changed, tierMove: r.tier_move,
});

/** The subjects whose points or tier would change, biggest change first. */
export async function whatIfRows(ctx: Ctx, runId: string, q: RowFilter & { page: number; pageSize: number }) {
  await getWhatIf(ctx, runId);
  const base = rowsQuery(ctx, runId, q);
  const [rows, count] = await Promise.all([
    base.orderBy('w.subject_type', 'desc').orderBy(sql`abs(w.delta) DESC NULLS LAST`).orderBy('w.subject_id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    ctx.db.selectFrom(base.as('x')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(rowView), total: Number(count.n), totalEstimated: false };
}

const CHANGE_ZH: Record<string, string> = {
  gained: '增加', lost: '减少', unchanged: '不变', undecided: '无法比较（事实缺失）', onlyPublished: '仅现行办法有结果', onlyDraft: '仅草稿有结果',
};

/** Every changed row as .xlsx (talents, then enterprises). */
export async function whatIfXlsx(ctx: Ctx, runId: string): Promise<{ fileName: string; buffer: Buffer }> {
  const run = await getWhatIf(ctx, runId);
  const rows = (await rowsQuery(ctx, runId, {}).orderBy('w.subject_type', 'desc').orderBy(sql`abs(w.delta) DESC NULLS LAST`).orderBy('w.subject_id').execute()).map(rowView);
  const num = (n: number | null) => (n === null ? null : n);
  const buffer = await writeXlsx('试算结果', [
    { header: '对象', width: 8, value: (r: (typeof rows)[number]) => (r.subjectType === 'talent' ? '人才' : '企业') },
    { header: '名称', width: 24, value: (r) => r.name },
    { header: '所属企业', width: 30, value: (r) => (r.subjectType === 'talent' ? r.enterpriseName : null) },
    { header: '现行积分', width: 10, value: (r) => num(r.beforeTotal) },
    { header: '草稿积分', width: 10, value: (r) => num(r.afterTotal) },
    { header: '变化', width: 10, value: (r) => num(r.delta) },
    { header: '变化类型', width: 18, value: (r) => CHANGE_ZH[r.change] ?? r.change },
    { header: '现行档次', width: 10, value: (r) => r.beforeTier },
    { header: '草稿档次', width: 10, value: (r) => r.afterTier },
    { header: '档次变化', width: 10, value: (r) => (r.tierMove === 'up' ? '升档' : r.tierMove === 'down' ? '降档' : r.tierChanged ? '变化' : '') },
    { header: 'ID', width: 38, value: (r) => r.subjectId },
  ], rows);
  return { fileName: `积分试算_${run.asOf}_${run.id.slice(0, 8)}.xlsx`, buffer };
}
