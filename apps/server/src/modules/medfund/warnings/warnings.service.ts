import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../../../core/context';
import type { MedfundWarningLevel, MedfundWarningTable } from '../../../db/schema';
import { recordAudit } from '../../../core/audit/audit';
import { maskIdNumber, maskName } from '../../../core/privacy/mask';
import type { Notifier } from '../../../core/notifications/notifier';
import { AppError } from '../../../http/app-error';
import { warningScope } from './access';
import { notifyRedWarnings } from './rollup/notify-oversight';
import { handlingOfWarnings, type WarningHandling } from '../reports/warning-handling';

export interface WarningQuery {
  level?: MedfundWarningLevel;
  subjectKind?: 'person' | 'provider';
  status?: 'open' | 'in_case' | 'closed' | 'dismissed';
  from?: string;
  to?: string;
  provider?: string;
  subject?: string;
  page: number;
  pageSize: number;
}

export const notFound = (id: number) => new AppError('MEDFUND_WARNING_NOT_FOUND', undefined, { zh: `预警 #${id} 不存在`, en: `Warning #${id} not found` });

/** The warnings an actor may see with the list's filters (oversight: red ones only, inside the query). */
export function filteredWarnings(ctx: Ctx, q: Omit<WarningQuery, 'page' | 'pageSize'>) {
  let base = ctx.db.selectFrom('medfund_warnings as w');
  if (warningScope(ctx.actor) === 'red') base = base.where('w.level', '=', 'red');
  if (q.level) base = base.where('w.level', '=', q.level);
  if (q.subjectKind) base = base.where('w.subject_kind', '=', q.subjectKind);
  if (q.status) base = base.where('w.status', '=', q.status);
  // the period: warnings whose findings fall (partly) within it
  if (q.from) base = base.where('w.last_occurred_on', '>=', q.from);
  if (q.to) base = base.where('w.first_occurred_on', '<=', q.to);
  if (q.provider) base = base.where(sql<boolean>`w.providers @> ARRAY[${q.provider}]::text[]`);
  if (q.subject) base = base.where((eb) => eb.or([eb('w.subject_key', '=', q.subject!), eb('w.subject_certno', '=', q.subject!)]));
  return base;
}

const LEVEL_ORDER = sql`CASE w.level WHEN 'red' THEN 3 WHEN 'orange' THEN 2 ELSE 1 END`;

type Row = Selectable<MedfundWarningTable>;

/** A warning as lists show it: a person's name and ID number masked. */
export function itemOf(r: Row) {
  const person = r.subject_kind === 'person';
  return {
    id: r.id, subjectKind: r.subject_kind, subjectKey: r.subject_key, subjectName: person ? maskName(r.subject_name) : r.subject_name,
    subjectCertno: person && r.subject_certno ? maskIdNumber(r.subject_certno) : '', level: r.level, computedLevel: r.computed_level, levelPinned: r.level_pinned,
    status: r.status, amountFen: Number(r.amount_fen), findingsCount: r.findings_count, redFindings: r.red_findings, reasons: r.reasons, providers: r.providers,
    ruleCodes: r.rule_codes, firstOccurredOn: r.first_occurred_on, lastOccurredOn: r.last_occurred_on, ruleVersion: r.rule_version, notifiedAt: r.notified_at,
    handledByName: r.handled_by_name, handledAt: r.handled_at, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** The list: red first, then by amount; totals and counts per level under the same filters. */
export async function listWarnings(ctx: Ctx, q: WarningQuery) {
  const base = filteredWarnings(ctx, q);
  const [rows, totals] = await Promise.all([
    base.selectAll('w').orderBy(LEVEL_ORDER, 'desc').orderBy('w.amount_fen', 'desc').orderBy('w.id', 'desc')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select([
      sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(w.amount_fen), 0)`.as('amount'),
      sql<number>`count(*) FILTER (WHERE w.level = 'red')`.as('red'), sql<number>`count(*) FILTER (WHERE w.level = 'orange')`.as('orange'),
      sql<number>`count(*) FILTER (WHERE w.level = 'yellow')`.as('yellow'),
    ]).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(totals.n), amountFen: Number(totals.amount),
    byLevel: { red: Number(totals.red), orange: Number(totals.orange), yellow: Number(totals.yellow) },
    scope: warningScope(ctx.actor),
    items: await withHandling(ctx, rows.map(itemOf)),
  };
}

/** Each warning with how it was handled: the case opened from it, its stage and outcome (reports/warning-handling.ts, the 0034 glue). */
async function withHandling<T extends { id: number }>(ctx: Ctx, items: T[]): Promise<(T & { handling: WarningHandling | null })[]> {
  const handling = await handlingOfWarnings(ctx.db, items.map((i) => i.id));
  return items.map((i) => ({ ...i, handling: handling.get(i.id) ?? null }));
}

async function visibleWarning(ctx: Ctx, id: number): Promise<Row> {
  let q = ctx.db.selectFrom('medfund_warnings as w').selectAll('w').where('w.id', '=', id);
  if (warningScope(ctx.actor) === 'red') q = q.where('w.level', '=', 'red');
  const row = await q.executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/**
 * A warning with its findings (masked) and its history. A person's warning is a person's records:
 * the read is audited (medfund.warning.read), as part 1 audits a finding's evidence.
 */
export async function getWarning(ctx: Ctx, id: number) {
  const w = await visibleWarning(ctx, id);
  const [findings, events] = await Promise.all([
    ctx.db.selectFrom('medfund_warning_findings as wf')
      .innerJoin('medfund_findings as f', 'f.id', 'wf.finding_id')
      .innerJoin('medfund_rules as r', 'r.code', 'f.rule_code')
      .select(['f.id', 'f.rule_code', 'r.name as rule_name', 'r.name_en as rule_name_en', 'f.severity', 'f.psn_no', 'f.psn_name', 'f.certno', 'f.fixmedins_code',
        'f.fixmedins_name', 'f.setl_id', 'f.occurred_on', 'f.amount_fen', 'f.department_name'])
      .where('wf.warning_id', '=', id).orderBy('f.occurred_on', 'desc').orderBy('f.id', 'desc').limit(500).execute(),
    ctx.db.selectFrom('medfund_warning_events').selectAll().where('warning_id', '=', id).orderBy('id', 'desc').execute(),
  ]);
  if (w.subject_kind === 'person') {
    await recordAudit(ctx.db, ctx, { action: 'medfund.warning.read', entityType: 'medfund_warning', entityId: String(id), after: { psnNo: w.subject_key } });
  }
  const [item] = await withHandling(ctx, [itemOf(w)]);
  return {
    ...item!,
    findings: findings.map((f) => ({
      id: f.id, ruleCode: f.rule_code, ruleName: f.rule_name, ruleNameEn: f.rule_name_en, severity: f.severity, psnNo: f.psn_no, psnName: maskName(f.psn_name),
      certno: maskIdNumber(f.certno), fixmedinsCode: f.fixmedins_code, fixmedinsName: f.fixmedins_name, setlId: f.setl_id, occurredOn: f.occurred_on,
      amountFen: Number(f.amount_fen), departmentName: f.department_name,
    })),
    events: events.map((e) => ({ id: e.id, kind: e.kind, from: e.from_value, to: e.to_value, reason: e.reason, actorName: e.actor_name, rollupId: e.rollup_id, at: e.at })),
  };
}

/** The full name and ID number of a person's warning (personal.reveal), audited. */
export async function revealWarning(ctx: Ctx, id: number) {
  const w = await visibleWarning(ctx, id);
  await recordAudit(ctx.db, ctx, { action: 'medfund.person.reveal', entityType: 'medfund_warning', entityId: String(id), after: { psnNo: w.subject_key } });
  return { subjectKey: w.subject_key, subjectName: w.subject_name, subjectCertno: w.subject_certno };
}

const LEVEL_ZH = { red: '红色', orange: '橙色', yellow: '黄色' } as const;

/**
 * An analyst sets the level, with a reason (the history and the audit log keep both). The level
 * is then pinned: later roll-ups may raise it, never lower it. Raised to red: the discipline
 * inspection group is notified (once per warning).
 */
export async function changeLevel(ctx: Ctx, notifier: Notifier, id: number, input: { level: MedfundWarningLevel; reason: string }) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await tx.selectFrom('medfund_warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!w) throw notFound(id);
    if (w.level === input.level) {
      throw new AppError('MEDFUND_WARNING_STATUS', { level: `已经是${LEVEL_ZH[input.level]}预警` }, { zh: `预警 #${id} 已经是${LEVEL_ZH[input.level]}预警`, en: `Warning #${id} is ${input.level} already` });
    }
    await tx.updateTable('medfund_warnings').set({ level: input.level, level_pinned: true, updated_at: ctx.now }).where('id', '=', id).execute();
    await tx.insertInto('medfund_warning_events').values({
      warning_id: id, kind: 'level', from_value: w.level, to_value: input.level, reason: input.reason, actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now,
    }).execute();
    await recordAudit(tx, ctx, { action: 'medfund.warning.level', entityType: 'medfund_warning', entityId: String(id), before: { level: w.level }, after: { level: input.level, reason: input.reason } });
    if (input.level === 'red') await notifyRedWarnings(tx, notifier, [id], null, ctx.now, { id: ctx.actor.userId, name: ctx.actor.displayName });
  });
  return getWarning(ctx, id);
}

/**
 * Handling: close (核实处置完毕) or dismiss (排除: not a problem) an open or in-case warning, or
 * reopen a closed or dismissed one, always with a reason. A subject has at most one open warning:
 * reopening while another is open is a 409. Moving into or out of a case is the cases part's.
 */
export async function changeStatus(ctx: Ctx, id: number, input: { status: 'open' | 'closed' | 'dismissed'; reason: string }) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await tx.selectFrom('medfund_warnings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!w) throw notFound(id);
    const allowed = input.status === 'open' ? ['closed', 'dismissed'] : ['open', 'in_case'];
    if (!allowed.includes(w.status)) {
      throw new AppError('MEDFUND_WARNING_STATUS', { status: `当前状态 ${w.status} 不能改为 ${input.status}` }, {
        zh: `预警 #${id} 当前为「${STATUS_ZH[w.status]}」，不能改为「${STATUS_ZH[input.status]}」`, en: `Warning #${id} is ${w.status}; it cannot become ${input.status}`,
      });
    }
    if (input.status === 'open') {
      const other = await tx.selectFrom('medfund_warnings').select('id').where('subject_kind', '=', w.subject_kind).where('subject_key', '=', w.subject_key)
        .where('status', '=', 'open').executeTakeFirst();
      if (other) {
        throw new AppError('MEDFUND_WARNING_OPEN_EXISTS', { status: `预警 #${other.id} 待处置` }, {
          zh: `该对象已有待处置的预警 #${other.id}，请在那条预警上处置`, en: `Warning #${other.id} of the same subject is open; handle that one`,
        });
      }
    }
    const handled = input.status === 'open' ? { handled_by: null, handled_by_name: '', handled_at: null } : { handled_by: ctx.actor.userId, handled_by_name: ctx.actor.displayName, handled_at: ctx.now };
    await tx.updateTable('medfund_warnings').set({ status: input.status, ...handled, updated_at: ctx.now }).where('id', '=', id).execute();
    await tx.insertInto('medfund_warning_events').values({
      warning_id: id, kind: 'status', from_value: w.status, to_value: input.status, reason: input.reason, actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now,
    }).execute();
    await recordAudit(tx, ctx, { action: 'medfund.warning.status', entityType: 'medfund_warning', entityId: String(id), before: { status: w.status }, after: { status: input.status, reason: input.reason } });
  });
  return getWarning(ctx, id);
}

export const STATUS_ZH = { open: '待处置', in_case: '已立案', closed: '已办结', dismissed: '已排除' } as const;
export { LEVEL_ZH };
