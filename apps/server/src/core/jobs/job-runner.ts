import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../../db/schema';
import { claimJob, completeJob, ensureRecurringJob, failJob, recurrenceOf, reportProgress, rescheduleJob, type Job } from './job-queue';
import type { Notifier } from '../notifications/notifier';

export interface JobContext {
  db: Kysely<DB>;
  now: () => Date;
  progress: (done: number, total: number, message?: string) => Promise<void>;
  log: FastifyBaseLogger;
  /** The app's notifier (in-app rows with their SMS / e-mail queued in the outbox; the outbox's delivery job sends through its adapter), when the app set one. */
  notifier?: Notifier;
}

export interface JobHandler {
  (job: Job, ctx: JobContext): Promise<unknown>;
  /** Set (by `recurring`) on a handler that runs periodically: the runner keeps one row of its kind queued. */
  everyMs?: number;
}

/** A handler that runs every `everyMs` (after the previous run ends), in one process at a time. */
export function recurring(everyMs: number, handler: (job: Job, ctx: JobContext) => Promise<unknown>): JobHandler {
  return Object.assign(handler, { everyMs });
}

/**
 * Polls the job table and runs the jobs whose kind it has a handler for, one at a time per
 * process. `stop()` lets the running job finish (graceful shutdown).
 */
export class JobRunner {
  readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private notifier: Notifier | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
    private readonly pollMs = 500,
  ) {}

  /** Jobs that tell people (the service escalation sweep) use the app's notifier; the outbox's delivery job, its adapter. */
  useNotifier(notifier: Notifier): void {
    this.notifier = notifier;
  }

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Job kind ${kind} registered twice`);
    this.handlers.set(kind, handler);
  }

  start(): void {
    this.stopped = false;
    this.ensureRecurring()
      .catch((err) => this.log.error({ err }, 'could not schedule the recurring jobs'))
      .finally(() => this.schedule(0));
  }

  /** Makes sure each recurring kind has its one queued row (first run now). start() calls it. */
  async ensureRecurring(): Promise<void> {
    for (const [kind, handler] of this.handlers) {
      if (handler.everyMs) await ensureRecurringJob(this.db, kind, handler.everyMs, this.now());
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs due jobs until none is left; returns how many ran. Tests call it directly. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOne()) n++;
    return n;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((err) => this.log.error({ err }, 'job runner failed'))
        .finally(() => {
          this.running = null;
          this.schedule(this.pollMs);
        });
    }, ms);
  }

  /** Wakes the runner now (after a job was queued), instead of at the next poll. */
  poke(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private async runOne(): Promise<boolean> {
    const job = await claimJob(this.db, this.workerId, [...this.handlers.keys()], this.now());
    if (!job) return false;
    const handler = this.handlers.get(job.kind)!;
    const log = this.log.child({ jobId: job.id, kind: job.kind });
    try {
      const result = await handler(job, {
        db: this.db,
        now: this.now,
        log,
        progress: (done, total, message) => reportProgress(this.db, job.id, { done, total, message }),
        ...(this.notifier ? { notifier: this.notifier } : {}),
      });
      const every = recurrenceOf(job);
      if (every) await rescheduleJob(this.db, job.id, every, { result }, this.now());
      else await completeJob(this.db, job.id, result, this.now());
    } catch (err) {
      log.error({ err }, 'job failed');
      const every = recurrenceOf(job);
      // A recurring job that fails runs again at its next turn; it is never given up.
      if (every) await rescheduleJob(this.db, job.id, every, { error: (err as Error).message }, this.now());
      else await failJob(this.db, job, (err as Error).message, this.now());
    }
    return true;
  }
}
