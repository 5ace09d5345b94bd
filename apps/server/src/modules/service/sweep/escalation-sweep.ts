import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Tx } from '../../../core/context';
import { Notifier } from '../../../core/notifications/notifier';
import { CalendarHolder } from '../../../core/reference/workday-calendar';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { recurring } from '../../../core/jobs/job-runner';
import { applyAction, sweepOpenSteps, type OpenStepInput, type OpenStepStatus, type RequestEvent, type ServiceStep } from '../domain';
import { SYSTEM_ACTOR } from '../service-actor';
import { categoryTreeOf, loadCategories } from '../settings/catalog';
import { loadPolicyBook, type PolicyBook, type PolicyInForce } from '../settings/service-level-policy-store';
import { insertEvents, loadSnapshot } from '../requests/request.store';
import { dispatchers, notifyAll, requestLink, unitStaff } from '../requests/notify';
import { recordSystemAudits, type SystemAuditEntry } from './system-audit';
import { chaseFollowUps } from './follow-up-chase';

export const SWEEP_JOB = 'service.escalation_sweep';
/** How often the sweep runs (after the previous run ends). */
export const SWEEP_EVERY_MS = 60_000;

export const STEP_NAMES: Record<ServiceStep, string> = { accept: '受理', dispatch: '交办', respond: '回应', resolve: '办结', follow_up: '回访' };
/** Statuses in which the request is in a handling unit's hands: 督办 is a lifecycle event there. */
const WITH_UNIT = new Set(['dispatched', 'signed', 'responded']);

export interface SweepResult {
  open: number;
  warnings: number;
  overdue: number;
  /** 回访催办: reminders sent to enterprises, requests handed to the hotline. */
  followUpReminders: number;
  followUpToHotline: number;
  /** Where the run's time went (ms): chasing follow-ups, reading the open steps, evaluating them, writing the marks. */
  ms: { chase: number; read: number; evaluate: number; write: number };
}

/** An open step as the sweep reads it, with what its deadline needs. */
export interface SweepStep {
  id: number;
  request_id: string;
  step: string;
  round: number;
  startMs: number;
  /** Warned already (warned_at set): a warning is given once. */
  warned: boolean;
  category_id: string | null;
}

/** The notifier of tests that call markStep directly and of a runner without the app: in-app rows and the outbox (sent by its job). */
const IN_APP_ONLY = new Notifier({ send: async () => {} });

/**
 * The escalation sweep (超时预警与督办): the state of every open step now (sweepOpenSteps, pure and
 * fast, each step under the service-level policy in force when it opened), then, once per step, a
 * warning when its warning window opens and an overdue mark when its deadline passes. Marks are
 * set with a conditional UPDATE (… WHERE warned_at IS NULL), so a step is warned and supervised
 * once even if two sweeps overlapped. An overdue step of a request in a unit's hands is also
 * supervised (督办, the lifecycle's `supervise` as the system). Every mark and 督办 is audited with
 * the system as the actor. The people whose turn it is get an in-app notification and — when
 * they have a phone or e-mail — an SMS / e-mail queued in the outbox with it, once per step.
 * Unanswered follow-ups are chased first (follow-up-chase.ts). Phases timed in the result: chase,
 * read (readOpenSteps), evaluate (evaluateOpenSteps), write.
 */
export async function runEscalationSweep(db: Kysely<DB>, calendar: WorkdayCalendar, now: Date, notifier: Notifier = IN_APP_ONLY): Promise<SweepResult> {
  const t0 = performance.now();
  const book = await loadPolicyBook(db, calendar);
  const chase = await chaseFollowUps(db, book, now, notifier);
  const t1 = performance.now();
  const open = await readOpenSteps(db);
  const t2 = performance.now();
  const states = evaluateOpenSteps(open, book, now);
  const t3 = performance.now();
  const marks: Mark[] = [];
  for (let i = 0; i < open.steps.length; i++) {
    const row = open.steps[i]!;
    const st = states[i]!;
    if (st.state === 'overdue') marks.push({ step: row, kind: 'overdue', dueMs: st.dueMs! });
    else if (st.state === 'warning' && !row.warned) marks.push({ step: row, kind: 'warning', dueMs: st.dueMs! });
  }
  let warnings = 0;
  let overdue = 0;
  for (let i = 0; i < marks.length; i += MARK_BATCH) {
    const done = await markSteps(db, notifier, marks.slice(i, i + MARK_BATCH), now);
    warnings += done.warnings;
    overdue += done.overdue;
  }
  const t4 = performance.now();
  const ms = (a: number, b: number) => Math.round(b - a);
  return {
    open: open.steps.length, warnings, overdue, followUpReminders: chase.reminded, followUpToHotline: chase.toHotline,
    ms: { chase: ms(t0, t1), read: ms(t1, t2), evaluate: ms(t2, t3), write: ms(t3, t4) },
  };
}

const OPEN_STEP = sql`s.completed_at IS NULL AND s.cancelled_at IS NULL AND s.overdue_at IS NULL`;
/** Epoch milliseconds of a timestamptz, truncated as a JavaScript Date would be. */
const epochMs = (column: ReturnType<typeof sql.ref>) => sql`floor(extract(epoch FROM ${column}) * 1000)`;

/**
 * Every open step not yet marked overdue, with its request's pauses and the category tree.
 *
 * Each list comes back as ONE text value (string_agg of comma-separated fields), split here:
 * on PGlite every result row costs its own decoding and its copy out of the database's worker
 * thread, which made 100,000 rows take 3–7 s against ~0.6 s for the query itself
 * (bench/RESULTS.md, run 9). No field can hold a comma (ids, uuids, step names, numbers, category
 * ids by their CHECK), and concat_ws drops NULLs, so only the last field may be empty.
 */
export async function readOpenSteps(db: Kysely<DB>) {
  const stepsText = await sql<{ t: string | null }>`
    SELECT string_agg(concat_ws(',', s.id, s.request_id, s.step, s.round, ${epochMs(sql.ref('s.started_at'))},
                                (s.warned_at IS NOT NULL)::int, r.category_id), E'\n') AS t
      FROM service_request_steps s JOIN service_requests r ON r.id = s.request_id
     WHERE ${OPEN_STEP}`.execute(db);
  const steps: SweepStep[] = splitLines(stepsText.rows[0]?.t).map((line) => {
    const f = line.split(',');
    return { id: Number(f[0]), request_id: f[1]!, step: f[2]!, round: Number(f[3]), startMs: Number(f[4]), warned: f[5] === '1', category_id: f[6] || null };
  });
  steps.sort((a, b) => a.id - b.id); // marks in a stable order (oldest step first)
  const pausesOf = new Map<string, { fromMs: number; toMs: number | null }[]>();
  if (steps.length > 0) {
    const pausesText = await sql<{ t: string | null }>`
      SELECT string_agg(concat_ws(',', p.request_id, ${epochMs(sql.ref('p.from_at'))}, ${epochMs(sql.ref('p.to_at'))}), E'\n') AS t
        FROM service_pauses p
       WHERE p.request_id IN (SELECT s.request_id FROM service_request_steps s WHERE ${OPEN_STEP})`.execute(db);
    for (const line of splitLines(pausesText.rows[0]?.t)) {
      const [requestId, from, to] = line.split(',');
      const list = pausesOf.get(requestId!) ?? [];
      list.push({ fromMs: Number(from), toMs: to ? Number(to) : null });
      pausesOf.set(requestId!, list);
    }
  }
  const tree = categoryTreeOf(await loadCategories(db));
  return { steps, pausesOf, tree };
}

const splitLines = (text: string | null | undefined): string[] => (text ? text.split('\n') : []);

/**
 * The state of each open step at `now`, in the order read (no database): each step under the
 * policy version in force when it opened, one pure pass per version (its own clock).
 */
export function evaluateOpenSteps(open: Awaited<ReturnType<typeof readOpenSteps>>, book: PolicyBook, now: Date): OpenStepStatus[] {
  const groups = new Map<PolicyInForce, number[]>();
  open.steps.forEach((r, i) => {
    const p = book.at(new Date(r.startMs));
    const list = groups.get(p);
    if (list) list.push(i);
    else groups.set(p, [i]);
  });
  const noPauses: OpenStepInput['pauses'] = [];
  const states: OpenStepStatus[] = new Array(open.steps.length);
  for (const [p, idx] of groups) {
    // One rule per category and step (a dozen or so), not a category-path walk per step.
    const rules = new Map<string, OpenStepInput['rule']>();
    const ruleOf = (categoryId: string | null, step: string) => {
      const key = `${categoryId ?? ''}|${step}`;
      let rule = rules.get(key);
      if (!rule) rules.set(key, (rule = p.levels.ruleFor(open.tree.pathOf(categoryId ?? ''), step as ServiceStep)));
      return rule;
    };
    const inputs: OpenStepInput[] = idx.map((i) => {
      const r = open.steps[i]!;
      return { rule: ruleOf(r.category_id, r.step), startMs: r.startMs, pauses: open.pausesOf.get(r.request_id) ?? noPauses };
    });
    const out = sweepOpenSteps(p.clock, inputs, now.getTime());
    idx.forEach((i, k) => { states[i] = out[k]!; });
  }
  return states;
}

/** A mark the sweep makes: a step's warning or overdue, with the deadline it was judged against. */
export interface Mark {
  step: { id: number; request_id: string; step: string; round: number };
  kind: 'warning' | 'overdue';
  dueMs: number;
}
/** Marks per transaction: short enough that an action on one of the requests waits briefly. */
export const MARK_BATCH = 200;

/** Marks one step; see markSteps. Exported for the tests. */
export async function markStep(db: Kysely<DB>, notifier: Notifier, step: Mark['step'], kind: Mark['kind'], dueMs: number, now: Date): Promise<boolean> {
  const done = await markSteps(db, notifier, [{ step, kind, dueMs }], now);
  return done.warnings + done.overdue > 0;
}

/**
 * Marks a batch of steps (warning or overdue), audits each mark and tells whose turn it is, in one
 * transaction: one UPDATE per kind of mark, one INSERT of the sweep's events and one of their audit
 * entries; the supervision (督办) of each overdue request in a unit's hands, the in-app
 * notifications per mark, whose SMS / e-mail are queued in the outbox in it and delivered after it
 * commits (a rolled-back mark sends nothing, and a mark is made once, so each message once per step). Locks in
 * the order every user action takes them — the requests (FOR UPDATE, in id order) first, then their
 * steps — so the sweep and an action on the same request wait for each other. A step completed or
 * cancelled (e.g. by a merge) meanwhile is left alone.
 */
export async function markSteps(db: Kysely<DB>, notifier: Notifier, marks: readonly Mark[], now: Date): Promise<{ warnings: number; overdue: number }> {
  if (marks.length === 0) return { warnings: 0, overdue: 0 };
  const made = await db.transaction().execute(async (tx) => {
    const requestIds = [...new Set(marks.map((m) => m.step.request_id))].sort();
    const requests = new Map((await tx.selectFrom('service_requests').selectAll().where('id', 'in', requestIds).orderBy('id').forUpdate().execute()).map((r) => [r.id, r]));
    const hit = new Set<number>();
    for (const kind of ['warning', 'overdue'] as const) {
      const ids = marks.filter((m) => m.kind === kind && requests.has(m.step.request_id)).map((m) => m.step.id);
      if (ids.length === 0) continue;
      const column = kind === 'warning' ? 'warned_at' : 'overdue_at';
      const rows = await tx
        .updateTable('service_request_steps')
        .set(kind === 'warning' ? { warned_at: now } : { overdue_at: now, warned_at: sql`coalesce(warned_at, ${now})` })
        .where('id', 'in', ids)
        .where(column, 'is', null)
        .where('completed_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .returning('id')
        .execute();
      for (const r of rows) hit.add(Number(r.id));
    }
    const marked = marks.filter((m) => hit.has(m.step.id));
    if (marked.length === 0) return { warnings: 0, overdue: 0 };
    await tx.insertInto('service_request_events').values(marked.map((m) => ({
      request_id: m.step.request_id, type: m.kind === 'warning' ? 'step_warning' : 'step_overdue', at: now, actor_role: 'system', actor_id: null,
      actor_name: '系统', unit_id: null, payload: JSON.stringify({ step: m.step.step, round: m.step.round, dueAt: new Date(m.dueMs).toISOString() }),
    }))).execute();
    const audits: SystemAuditEntry[] = [];
    const recipientsOf = new Map<string, string[]>();
    for (const m of marked) {
      const request = requests.get(m.step.request_id)!;
      const name = STEP_NAMES[m.step.step as ServiceStep];
      const audited = { step: m.step.step, round: m.step.round, dueAt: new Date(m.dueMs).toISOString(), status: request.status };
      audits.push({
        action: m.kind === 'warning' ? 'service.sweep.step_warning' : 'service.sweep.step_overdue',
        entityType: 'service_request', entityId: request.id, enterpriseId: request.enterprise_id, after: audited,
      });
      let supervised = false;
      if (m.kind === 'overdue' && WITH_UNIT.has(request.status)) {
        const events: RequestEvent[] = [];
        const result = applyAction(await loadSnapshot(tx, request), { type: 'supervise', note: `${name}超时督办` }, SYSTEM_ACTOR, now);
        if (result.ok) {
          events.push(...result.events);
          supervised = true;
          audits.push({
            action: 'service.request.supervise', entityType: 'service_request', entityId: request.id, enterpriseId: request.enterprise_id,
            after: { ...audited, role: 'system', events: result.events.map((e) => e.type), note: `${name}超时督办` },
          });
        }
        await insertEvents(tx, events, '系统');
      }
      const who = `${request.status}|${request.lead_unit_id}|${m.kind}`;
      let recipients = recipientsOf.get(who);
      if (!recipients) recipientsOf.set(who, (recipients = await recipientsFor(tx, request.status, request.lead_unit_id, m.kind)));
      const title = m.kind === 'warning'
        ? `诉求 ${request.number} 即将超过${name}时限`
        : `诉求 ${request.number} 已超过${name}时限${supervised ? '，已督办' : ''}`;
      await notifyAll(notifier, tx, recipients, { title, body: request.title, link: requestLink(request.id), text: `【亲企办】${title}，请及时办理。` });
    }
    await recordSystemAudits(tx, now, audits);
    return { warnings: marked.filter((m) => m.kind === 'warning').length, overdue: marked.filter((m) => m.kind === 'overdue').length };
  });
  return made;
}

/** In a unit's hands: its staff (and, when overdue, the dispatchers who chase it); otherwise the office. */
async function recipientsFor(tx: Tx, status: string, leadUnitId: string | null, kind: 'warning' | 'overdue'): Promise<string[]> {
  if (WITH_UNIT.has(status) && leadUnitId) {
    const staff = await unitStaff(tx, [leadUnitId]);
    return kind === 'overdue' ? [...staff, ...(await dispatchers(tx))] : staff;
  }
  return dispatchers(tx);
}

/** The working-day calendar of the process running the job: loaded once per database, refreshed as the API's is. */
const calendars = new WeakMap<Kysely<DB>, CalendarHolder>();
async function calendarFor(db: Kysely<DB>): Promise<WorkdayCalendar> {
  let holder = calendars.get(db);
  if (!holder) calendars.set(db, (holder = await CalendarHolder.load(db)));
  return holder.fresh();
}

export const escalationSweepJob = recurring(SWEEP_EVERY_MS, async (_job, ctx) =>
  runEscalationSweep(ctx.db, await calendarFor(ctx.db), ctx.now(), ctx.notifier));
