import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../../../core/context';
import type { DB, MedfundRunKind } from '../../../../db/schema';
import { recordAudit } from '../../../../core/audit/audit';
import { enqueueJob } from '../../../../core/jobs/job-queue';
import { AppError } from '../../../../http/app-error';

export const SCREENING_JOB = 'medfund.screening';

export interface RunView {
  id: number;
  kind: MedfundRunKind;
  status: string;
  engine: string;
  periodFrom: string | null;
  periodTo: string | null;
  dataVersion: string;
  ruleVersions: { rule: string; version: number }[];
  progressDone: number;
  progressTotal: number;
  progressNote: string;
  counts: Record<string, number>;
  error: string | null;
  requestedByName: string;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

type RunRow = Awaited<ReturnType<typeof runRows>>[number];
const runRows = (db: Kysely<DB>) => db.selectFrom('medfund_screening_runs').selectAll().execute();

function view(r: RunRow): RunView {
  return {
    id: r.id, kind: r.kind, status: r.status, engine: r.engine, periodFrom: r.period_from, periodTo: r.period_to,
    dataVersion: r.data_version, ruleVersions: r.rule_versions, progressDone: r.progress_done, progressTotal: r.progress_total,
    progressNote: r.progress_note, counts: r.counts, error: r.error, requestedByName: r.requested_by_name,
    requestedAt: r.requested_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

export interface StartRunInput {
  kind: MedfundRunKind;
  /** Full runs only: screen settlements from / to these days (default: all the store holds). */
  periodFrom?: string;
  periodTo?: string;
}

/**
 * Queues a screening run as a background job. One queued or running run per claims store: a
 * second request is refused with 409 MEDFUND_RUN_ACTIVE (the partial unique index decides, so two
 * processes cannot both start one).
 */
export async function startRun(ctx: Ctx, store: { key: string; engine: string }, input: StartRunInput): Promise<RunView> {
  if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom) {
    throw new AppError('VALIDATION_FAILED', { periodTo: '截止日期早于起始日期' });
  }
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const run = await tx
        .insertInto('medfund_screening_runs')
        .values({
          kind: input.kind, status: 'queued', engine: store.engine, store_key: store.key,
          period_from: input.kind === 'full' ? (input.periodFrom ?? null) : null,
          period_to: input.kind === 'full' ? (input.periodTo ?? null) : null,
          rule_versions: JSON.stringify([]), counts: JSON.stringify({}),
          requested_by: ctx.actor.userId, requested_by_name: ctx.actor.displayName,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const jobId = await enqueueJob(tx, { kind: SCREENING_JOB, payload: { runId: run.id }, createdBy: ctx.actor.userId, maxAttempts: 1 });
      await tx.updateTable('medfund_screening_runs').set({ job_id: jobId }).where('id', '=', run.id).execute();
      await recordAudit(tx, ctx, { action: 'medfund.run.start', entityType: 'medfund_screening_run', entityId: String(run.id), after: { kind: input.kind, periodFrom: input.periodFrom ?? null, periodTo: input.periodTo ?? null } });
      return { ...run, job_id: jobId };
    });
    return view(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      const active = await ctx.db.selectFrom('medfund_screening_runs').select(['id', 'status']).where('store_key', '=', store.key).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      throw new AppError('MEDFUND_RUN_ACTIVE', undefined, {
        zh: `筛查批次 #${active?.id ?? '?'} 正在${active?.status === 'running' ? '进行' : '排队'}，同一份结算数据不能同时发起第二次筛查`,
        en: `Screening run #${active?.id ?? '?'} over the same claims data is ${active?.status ?? 'active'}; wait for it to finish`,
      });
    }
    throw err;
  }
}

/**
 * A full run queued by the platform itself (the demo's first start, once its year is generated),
 * without a user. Does nothing when a run of the store is already queued or running.
 */
export async function queueSystemRun(db: Kysely<DB>, store: { key: string; engine: string }, requestedByName: string, opts: { demo?: boolean } = {}): Promise<number | null> {
  try {
    return await db.transaction().execute(async (tx) => {
      const run = await tx.insertInto('medfund_screening_runs').values({
        kind: 'full', status: 'queued', engine: store.engine, store_key: store.key, rule_versions: JSON.stringify([]), counts: JSON.stringify({}),
        requested_by: null, requested_by_name: requestedByName,
      }).returning('id').executeTakeFirstOrThrow();
      // the demo's run (opts.demo) hands over to the demo cases when it ends (run-job.ts)
      const jobId = await enqueueJob(tx, { kind: SCREENING_JOB, payload: { runId: run.id, ...(opts.demo ? { demo: true } : {}) }, maxAttempts: 1 });
      await tx.updateTable('medfund_screening_runs').set({ job_id: jobId }).where('id', '=', run.id).execute();
      return run.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export async function listRuns(db: Kysely<DB>, limit = 50): Promise<RunView[]> {
  const rows = await db.selectFrom('medfund_screening_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(view);
}

export async function getRun(db: Kysely<DB>, id: number): Promise<RunView> {
  const row = await db.selectFrom('medfund_screening_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('MEDFUND_RUN_NOT_FOUND', undefined, { zh: `筛查批次 #${id} 不存在`, en: `Screening run #${id} not found` });
  return view(row);
}

/** The last day screened by a finished run of this store (incremental runs continue after it). */
export async function lastScreenedDay(db: Kysely<DB>, storeKey: string): Promise<string | null> {
  const row = await db
    .selectFrom('medfund_screening_runs')
    .select(sql<string | null>`max(period_to)`.as('day'))
    .where('store_key', '=', storeKey)
    .where('status', '=', 'done')
    .executeTakeFirst();
  return row?.day ?? null;
}
