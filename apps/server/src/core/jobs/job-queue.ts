import { sql, type Kysely } from 'kysely';
import type { DB, JobStatus } from '../../db/schema';
import type { Tx } from '../context';

/**
 * A job table in the database: jobs survive restarts, and a job is claimed with
 * FOR UPDATE SKIP LOCKED, so that two server processes never run the same job. A claim is a
 * lease: if its process dies, the job becomes claimable again when the lease runs out.
 */
export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  created_by: string | null;
}

export const LEASE_MS = 5 * 60_000;

export async function enqueueJob(
  tx: Tx,
  job: { kind: string; payload?: Record<string, unknown>; createdBy?: string | null; runAt?: Date; maxAttempts?: number },
): Promise<number> {
  const row = await tx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      created_by: job.createdBy ?? null,
      run_at: job.runAt ?? new Date(),
      max_attempts: job.maxAttempts ?? 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function claimJob(db: Kysely<DB>, workerId: string, kinds: string[], now: Date): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const r = await sql<Job>`
    UPDATE jobs SET status = 'running', locked_by = ${workerId}, locked_until = ${leaseUntil},
                    attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE kind = ANY(${kinds}::text[])
        AND ((status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND locked_until < ${now}))
      ORDER BY run_at, id
      FOR UPDATE SKIP LOCKED
      LIMIT 1)
    RETURNING id, kind, payload, attempts, max_attempts, created_by`.execute(db);
  return r.rows[0] ?? null;
}

/**
 * A recurring job (e.g. the service escalation sweep): one row per kind, with
 * `payload.everyMs`, that the runner puts back in the queue (run_at = end + everyMs) after each
 * run instead of finishing it. So it survives restarts (the row stays), and it never runs twice
 * at once: there is one row, claimed FOR UPDATE SKIP LOCKED under a lease like any job.
 * Ensuring the row is serialised across processes with a transaction-level advisory lock, so two
 * servers starting together create it once. A changed interval is written to the row.
 */
export async function ensureRecurringJob(db: Kysely<DB>, kind: string, everyMs: number, firstRunAt: Date): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(4202, hashtext(${kind}))`.execute(tx);
    const existing = await tx
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('kind', '=', kind)
      .where('status', 'in', ['queued', 'running'])
      .where(sql<boolean>`payload ? 'everyMs'`)
      .orderBy('id')
      .executeTakeFirst();
    if (existing) {
      if (existing.payload.everyMs !== everyMs) {
        await tx.updateTable('jobs').set({ payload: JSON.stringify({ ...existing.payload, everyMs }) }).where('id', '=', existing.id).execute();
      }
      return existing.id;
    }
    return enqueueJob(tx, { kind, payload: { everyMs }, runAt: firstRunAt, maxAttempts: 1 });
  });
}

/** The interval of a recurring job, or null for a one-off. */
export function recurrenceOf(job: Pick<Job, 'payload'>): number | null {
  const every = job.payload.everyMs;
  return typeof every === 'number' && every > 0 ? every : null;
}

/** After a run of a recurring job (success or failure): queued again for its next run. */
export async function rescheduleJob(db: Tx, id: number, everyMs: number, outcome: { result?: unknown; error?: string }, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: 'queued', locked_by: null, locked_until: null, attempts: 0, finished_at: now,
      run_at: new Date(now.getTime() + everyMs),
      result: JSON.stringify(outcome.result ?? null), error: outcome.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

export async function reportProgress(db: Tx, id: number, progress: { done: number; total: number; message?: string }): Promise<void> {
  await db.updateTable('jobs').set({ progress: JSON.stringify(progress) }).where('id', '=', id).execute();
}

export async function completeJob(db: Tx, id: number, result: unknown, now: Date): Promise<void> {
  await finish(db, id, 'succeeded', { result: JSON.stringify(result ?? null), finished_at: now });
}

/** A failed attempt is retried later (with backoff) until max_attempts, then marked failed. */
export async function failJob(db: Tx, job: Job, error: string, now: Date): Promise<JobStatus> {
  if (job.attempts < job.max_attempts) {
    const backoff = 2 ** job.attempts * 1000;
    await db
      .updateTable('jobs')
      .set({ status: 'queued', error, locked_by: null, locked_until: null, run_at: new Date(now.getTime() + backoff) })
      .where('id', '=', job.id)
      .execute();
    return 'queued';
  }
  await finish(db, job.id, 'failed', { error, finished_at: now });
  return 'failed';
}

async function finish(db: Tx, id: number, status: JobStatus, values: Record<string, unknown>): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status, locked_by: null, locked_until: null, ...values })
    .where('id', '=', id)
    .execute();
}

export async function getJob(db: Tx, id: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'status', 'progress', 'result', 'error', 'created_by', 'created_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
