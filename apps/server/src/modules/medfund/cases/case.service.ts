import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { can } from '../../../core/identity/actor';
import { maskIdNumber, maskName } from '../../../core/privacy/mask';
import type { Notifier } from '../../../core/notifications/notifier';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import { AppError } from '../../../http/app-error';
import type { MedfundCaseStage } from '../../../db/schema';
import {
  applyStageAction, CaseRefusal, decide, DECISION_NAMES, STAGE_NAMES, stageDueOn, type DecisionInput, type Measure, type StageAction,
} from './domain/review-chain';
import { assertInArea, areaOf, caseInArea, usersHolding } from './case-access';
import { caseNotFound, insertEvent, lockCase, moveStage, type CaseRow } from './case-store';
import { loadStageLimits, todayOf, workdaysOf } from './stage-limits';
import { amountAtRisk, countedAmounts } from '../domain/settlement-amount';
import { moneyAtRiskOfCases } from './case-amounts';

/** A refusal of the pure chain as the API's error. */
export function asAppError(e: unknown): unknown {
  if (e instanceof CaseRefusal) return new AppError(e.refusal.code, e.refusal.fields, { zh: e.refusal.zh, en: e.refusal.en });
  return e;
}
async function refusing<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asAppError(e);
  }
}

export interface CaseDeps {
  calendar: WorkdayCalendar;
  notifier: Notifier;
}

export interface OpenCaseInput {
  findingIds?: number[];
  warningId?: number | null;
  title?: string;
  note?: string;
}

const caseLink = (id: number) => `/medfund/cases/${id}`;
/** Findings chosen one by one; a warning brings all of its own (a provider's red warning may have hundreds). */
const MAX_CHOSEN = 500;
const MAX_FROM_WARNING = 5000;

const findingsInvalid = (zh: string, en: string) => new AppError('MEDFUND_CASE_FINDINGS_INVALID', { findingIds: zh }, { zh, en });

/**
 * The warning a case is opened from (立案 on the warning's page), locked for the transaction: it
 * must exist and be open (待处置) with no open case of its own — a second 立案 on the same warning
 * (two analysts, a double click) is a 409 naming the case that has it. Its findings come along.
 */
async function warningForCase(tx: Ctx['db'], warningId: number): Promise<number[]> {
  const w = await tx.selectFrom('medfund_warnings').select(['id', 'status']).where('id', '=', warningId).forUpdate().executeTakeFirst();
  if (!w) throw new AppError('MEDFUND_WARNING_NOT_FOUND', { warningId: `预警 #${warningId} 不存在` }, { zh: `预警 #${warningId} 不存在`, en: `Warning #${warningId} does not exist` });
  const linked = await tx.selectFrom('medfund_cases').select(['number', 'stage']).where('warning_id', '=', warningId).orderBy('id', 'desc').executeTakeFirst();
  if (linked && linked.stage !== 'closed') {
    throw new AppError('MEDFUND_WARNING_STATUS', { warningId: `预警 #${warningId} 已立案（案件 ${linked.number}）` },
      { zh: `预警 #${warningId} 已立案（案件 ${linked.number}），不能重复立案`, en: `Warning #${warningId} is already in case ${linked.number}` });
  }
  if (w.status !== 'open') {
    const zhStatus = { in_case: '已立案', closed: '已办结', dismissed: '已排除', open: '待处置' }[w.status];
    throw new AppError('MEDFUND_WARNING_STATUS', { warningId: `预警 #${warningId}${zhStatus}` },
      { zh: `预警 #${warningId}${zhStatus}，只有待处置的预警可以立案（需要时先重新打开）`, en: `Warning #${warningId} is ${w.status}: only an open warning can be taken into a case (reopen it first)` });
  }
  const rows = await tx.selectFrom('medfund_warning_findings').select('finding_id').where('warning_id', '=', warningId).orderBy('finding_id').execute();
  return rows.map((r) => Number(r.finding_id));
}

/**
 * Opens a case (立案) from findings, or from a warning with its findings (the 0034 trigger then
 * marks the warning 已立案, in this transaction). Chosen findings already in an open case are
 * refused, naming the case; a warning's findings already in an open case stay there and are left
 * out of the new one (returned in `skippedFindings`, kept in the timeline). The case goes to first
 * review, owned by the inspector whose area covers its providers (when one does), who is notified.
 */
export async function openCase(ctx: Ctx, deps: CaseDeps, input: OpenCaseInput): Promise<{ id: number; number: string; findings: number; skippedFindings: number[] }> {
  const chosen = input.findingIds ? [...new Set(input.findingIds)] : null;
  if (!input.warningId && (!chosen || chosen.length === 0)) throw findingsInvalid('请选择至少一条疑点', 'Choose at least one finding');
  if (chosen && chosen.length > MAX_CHOSEN) throw findingsInvalid(`一个案件最多 ${MAX_CHOSEN} 条疑点`, `A case takes at most ${MAX_CHOSEN} findings`);
  return ctx.db.transaction().execute(async (tx) => {
    const warningId = input.warningId ?? null;
    let ids = chosen ?? [];
    if (warningId) {
      const own = await warningForCase(tx, warningId);
      if (chosen && chosen.length) {
        const mine = new Set(own);
        const foreign = chosen.filter((id) => !mine.has(id));
        if (foreign.length) throw findingsInvalid(`疑点 #${foreign.join('、#')} 不属于预警 #${warningId}`, `Finding #${foreign.join(', #')} is not in warning #${warningId}`);
      } else ids = own;
      if (ids.length === 0) throw findingsInvalid(`预警 #${warningId} 没有疑点`, `Warning #${warningId} has no findings`);
      if (ids.length > MAX_FROM_WARNING) throw findingsInvalid(`预警 #${warningId} 有 ${ids.length} 条疑点，一个案件最多 ${MAX_FROM_WARNING} 条：请在疑点列表中分批立案`, `Warning #${warningId} has ${ids.length} findings; a case takes at most ${MAX_FROM_WARNING}`);
    }
    const found = await tx.selectFrom('medfund_findings').select(['id', 'psn_no', 'psn_name', 'fixmedins_code', 'fixmedins_name', 'amount_fen', 'rule_code', 'setl_id'])
      .where('id', 'in', ids).orderBy('id').execute();
    const present = new Set(found.map((f) => f.id));
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length) throw findingsInvalid(`疑点 #${missing.join('、#')} 不存在`, `Finding #${missing.join(', #')} does not exist`);
    const taken = await tx.selectFrom('medfund_case_findings as cf').innerJoin('medfund_cases as c', 'c.id', 'cf.case_id')
      .select(['cf.finding_id', 'c.number']).where('cf.finding_id', 'in', ids).where('c.stage', '<>', 'closed').execute();
    const takenIds = new Set(taken.map((t) => Number(t.finding_id)));
    const findings = warningId ? found.filter((f) => !takenIds.has(f.id)) : found;
    if (taken.length && (!warningId || findings.length === 0)) {
      const list = taken.map((t) => `#${t.finding_id}（${t.number}）`).join('、');
      throw findingsInvalid(`疑点已在办理中的案件里：${list}`, `Findings already in an open case: ${taken.map((t) => `#${t.finding_id} (${t.number})`).join(', ')}`);
    }
    const skippedFindings = warningId ? [...takenIds].sort((a, b) => a - b) : [];
    const providers = new Map<string, string>();
    for (const f of findings) providers.set(f.fixmedins_code, f.fixmedins_name);
    const persons = new Set(findings.map((f) => f.psn_no));
    // the money at risk: each settlement once, at its largest finding (the warning's own rule)
    const money = findings.map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) }));
    const amount = amountAtRisk(money);
    const counted = countedAmounts(money);
    const subject = providers.size === 1 || persons.size !== 1
      ? { kind: 'provider' as const, key: [...providers.keys()][0]!, name: [...providers.values()][0]! }
      : { kind: 'person' as const, key: findings[0]!.psn_no, name: findings[0]!.psn_name };
    if (providers.size > 1 && persons.size !== 1) {
      // several providers and several people: the provider with the largest amount names the case
      const byProvider = new Map<string, number>();
      for (const f of findings) byProvider.set(f.fixmedins_code, (byProvider.get(f.fixmedins_code) ?? 0) + counted.get(f.id)!);
      const top = [...byProvider.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      subject.key = top;
      subject.name = providers.get(top)!;
    }
    const owner = await ownerFor(tx, [...providers.keys()]);
    const today = todayOf(ctx.now);
    const limits = await loadStageLimits(tx);
    const dueOn = stageDueOn('first_review', today, limits, workdaysOf(deps.calendar));
    const title = input.title?.trim() || `${subject.kind === 'provider' ? subject.name : `参保人 ${maskName(subject.name)}`}：${findings.length} 条疑点`;
    const year = today.slice(0, 4);
    const inserted = await tx.insertInto('medfund_cases').values({
      number: `pending-${ctx.requestId}-${Date.now()}`, title, warning_id: null,
      subject_kind: subject.kind, subject_key: subject.key, subject_name: subject.name,
      provider_codes: [...providers.keys()].sort(), provider_names: [...providers.keys()].sort().map((k) => providers.get(k)!),
      stage: 'first_review', stage_due_on: dueOn, owner_id: owner?.id ?? null, owner_name: owner?.name ?? '',
      amount_at_risk_fen: amount, opened_by: ctx.actor.userId, opened_by_name: ctx.actor.displayName, opened_at: ctx.now, updated_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    const number = `YBJG-${year}-${String(inserted.id).padStart(5, '0')}`;
    // the number is known once the row is: the warning is linked with it, so that the 0034 trigger's
    // history entry on the warning (立案：案件 …) names the case by its number
    await tx.updateTable('medfund_cases').set({ number, warning_id: warningId }).where('id', '=', inserted.id).execute();
    await tx.insertInto('medfund_case_findings').values(findings.map((f) => ({ case_id: inserted.id, finding_id: f.id }))).execute();
    await moveStage(tx, inserted.id, ctx.now, { stage: 'first_review', dueOn });
    await insertEvent(tx, ctx, { caseId: inserted.id, type: 'opened', stage: 'first_review', note: input.note ?? '', payload: { findings: findings.length, amountFen: amount, warningId, skippedFindings, owner: owner?.name ?? null, dueOn } });
    await recordAudit(tx, ctx, { action: 'medfund.case.open', entityType: 'medfund_case', entityId: String(inserted.id), after: { number, findingIds: findings.map((f) => f.id), warningId, skippedFindings, ownerId: owner?.id ?? null } });
    if (owner) await deps.notifier.notify(tx, owner.id, { title: `新案件 ${number} 待初审`, body: `${title}，初审期限 ${dueOn}`, link: caseLink(inserted.id) });
    return { id: inserted.id, number, findings: findings.length, skippedFindings };
  });
}

/** The inspector whose area covers every provider (by area name, then username). */
async function ownerFor(tx: Ctx['db'], providerCodes: string[]): Promise<{ id: string; name: string } | null> {
  const rows = await tx.selectFrom('medfund_inspector_areas as a').innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['u.id', 'u.display_name', 'a.provider_codes']).where('u.status', '=', 'active').orderBy('a.area_name').orderBy('u.username').execute();
  const hit = rows.find((r) => caseInArea({ areaName: '', providerCodes: r.provider_codes }, providerCodes));
  return hit ? { id: hit.id, name: hit.display_name } : null;
}

export interface CaseListQuery {
  stage?: MedfundCaseStage;
  decision?: 'confirmed' | 'dismissed' | 'data_quality';
  provider?: string;
  q?: string;
  overdue?: boolean;
  mine?: boolean;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

function listBase(ctx: Ctx, q: Omit<CaseListQuery, 'page' | 'pageSize'>) {
  let b = ctx.db.selectFrom('medfund_cases as c');
  if (q.stage) b = b.where('c.stage', '=', q.stage);
  if (q.decision) b = b.where('c.decision', '=', q.decision);
  if (q.provider) {
    const like = `%${q.provider.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    b = b.where((eb) => eb.or([sql<boolean>`${q.provider} = ANY(c.provider_codes)`, sql<boolean>`array_to_string(c.provider_names, ' ') LIKE ${like}`]));
  }
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
    b = b.where((eb) => eb.or([eb('c.number', 'like', like), eb('c.title', 'like', like)]));
  }
  if (q.overdue) b = b.where('c.stage', '<>', 'closed').where('c.stage_due_on', '<', todayOf(ctx.now));
  if (q.mine) b = b.where('c.owner_id', '=', ctx.actor.userId);
  if (q.from) b = b.where(sql<boolean>`(c.opened_at AT TIME ZONE 'Asia/Shanghai')::date >= ${q.from}::date`);
  if (q.to) b = b.where(sql<boolean>`(c.opened_at AT TIME ZONE 'Asia/Shanghai')::date <= ${q.to}::date`);
  return b;
}

const SUMMARY_COLUMNS = ['c.id', 'c.number', 'c.title', 'c.warning_id', 'c.subject_kind', 'c.subject_key', 'c.subject_name', 'c.provider_codes', 'c.provider_names',
  'c.stage', 'c.stage_due_on', 'c.appeal_deadline', 'c.owner_id', 'c.owner_name', 'c.amount_at_risk_fen', 'c.decision', 'c.measures', 'c.confirmed_fen',
  'c.recovery_decided_fen', 'c.recovered_fen', 'c.opened_at', 'c.opened_by_name', 'c.decided_at'] as const;

type SummaryRow = Pick<CaseRow, 'id' | 'number' | 'title' | 'warning_id' | 'subject_kind' | 'subject_key' | 'subject_name' | 'provider_codes' | 'provider_names' | 'stage'
  | 'stage_due_on' | 'appeal_deadline' | 'owner_id' | 'owner_name' | 'amount_at_risk_fen' | 'decision' | 'measures' | 'confirmed_fen' | 'recovery_decided_fen'
  | 'recovered_fen' | 'opened_at' | 'opened_by_name' | 'decided_at'>;

/** A case as lists show it: a person's name is always masked here. */
export function caseSummary(r: SummaryRow, today: string) {
  return {
    id: r.id, number: r.number, title: r.title, warningId: r.warning_id, subjectKind: r.subject_kind, subjectKey: r.subject_key,
    subjectName: r.subject_kind === 'person' ? maskName(r.subject_name) : r.subject_name, providerCodes: r.provider_codes, providerNames: r.provider_names,
    stage: r.stage, stageDueOn: r.stage_due_on, overdue: r.stage !== 'closed' && r.stage_due_on !== null && today > r.stage_due_on,
    appealDeadline: r.appeal_deadline, ownerId: r.owner_id, ownerName: r.owner_name, amountAtRiskFen: Number(r.amount_at_risk_fen), decision: r.decision,
    measures: r.measures as Measure[], confirmedFen: Number(r.confirmed_fen), recoveryDecidedFen: Number(r.recovery_decided_fen), recoveredFen: Number(r.recovered_fen),
    openedAt: r.opened_at, openedByName: r.opened_by_name, decidedAt: r.decided_at,
  };
}

/**
 * Cases with filters, newest first, a page at a time, with the totals of all that match. The
 * total amount at risk is that of the cases' findings together, each settlement once at its
 * largest finding (the cases' own amounts may share a settlement, or a finding a closed case and
 * its successor have both held): not the sum of the rows.
 */
export async function listCases(ctx: Ctx, q: CaseListQuery) {
  const base = listBase(ctx, q);
  const today = todayOf(ctx.now);
  const [rows, totals, risk] = await Promise.all([
    base.select([...SUMMARY_COLUMNS]).orderBy('c.opened_at', 'desc').orderBy('c.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(c.recovered_fen), 0)`.as('recovered')]).executeTakeFirstOrThrow(),
    moneyAtRiskOfCases(ctx.db, base.select('c.id')),
  ]);
  return { total: Number(totals.n), amountAtRiskFen: risk, recoveredFen: Number(totals.recovered), items: rows.map((r) => caseSummary(r, today)) };
}

/** Every case matching the filters (the export), at most 20,000. */
export async function allCases(ctx: Ctx, q: Omit<CaseListQuery, 'page' | 'pageSize'>) {
  const today = todayOf(ctx.now);
  const rows = await listBase(ctx, q).select([...SUMMARY_COLUMNS]).orderBy('c.opened_at', 'desc').orderBy('c.id', 'desc').limit(20_000).execute();
  return rows.map((r) => caseSummary(r, today));
}

/** Counts by stage and overdue (the list's tabs and the case dashboard). */
export async function caseCounts(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('medfund_cases').select(['stage', sql<number>`count(*)`.as('n'), sql<number>`count(*) FILTER (WHERE stage <> 'closed' AND stage_due_on < ${todayOf(ctx.now)}::date)`.as('overdue')])
    .groupBy('stage').execute();
  return rows.map((r) => ({ stage: r.stage, count: Number(r.n), overdue: Number(r.overdue) }));
}

/** The findings of a case, masked. */
export async function caseFindings(db: Ctx['db'], caseId: number) {
  const rows = await db.selectFrom('medfund_case_findings as cf').innerJoin('medfund_findings as f', 'f.id', 'cf.finding_id').innerJoin('medfund_rules as r', 'r.code', 'f.rule_code')
    .select(['f.id', 'f.rule_code', 'r.name as rule_name', 'r.name_en as rule_name_en', 'f.severity', 'f.psn_no', 'f.psn_name', 'f.certno', 'f.fixmedins_code', 'f.fixmedins_name',
      'f.setl_id', 'f.occurred_on', 'f.amount_fen', 'cf.outcome'])
    .where('cf.case_id', '=', caseId).orderBy('f.occurred_on').orderBy('f.id').execute();
  return rows.map((f) => ({
    id: f.id, ruleCode: f.rule_code, ruleName: f.rule_name, ruleNameEn: f.rule_name_en, severity: f.severity, psnNo: f.psn_no, psnName: maskName(f.psn_name),
    certno: maskIdNumber(f.certno), fixmedinsCode: f.fixmedins_code, fixmedinsName: f.fixmedins_name, setlId: f.setl_id, occurredOn: f.occurred_on,
    amountFen: Number(f.amount_fen), outcome: f.outcome,
  }));
}

export async function transfersOf(db: Ctx['db'], caseId: number, departmentId?: string) {
  let q = db.selectFrom('medfund_case_transfers').selectAll().where('case_id', '=', caseId);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const transfers = await q.orderBy('id').execute();
  const actions = transfers.length
    ? await db.selectFrom('medfund_transfer_actions').selectAll().where('transfer_id', 'in', transfers.map((t) => t.id)).orderBy('id').execute()
    : [];
  return transfers.map((t) => ({
    id: t.id, caseId: t.case_id, departmentId: t.department_id, departmentName: t.department_name, purpose: t.purpose, note: t.note,
    transferredByName: t.transferred_by_name, transferredAt: t.transferred_at, receivedByName: t.received_by_name, receivedAt: t.received_at,
    checkResult: t.check_result, report: t.report, reportedByName: t.reported_by_name, reportedAt: t.reported_at,
    actions: actions.filter((a) => a.transfer_id === t.id).map((a) => ({ id: a.id, action: a.action, actedOn: a.acted_on, recordedByName: a.recorded_by_name, recordedAt: a.recorded_at })),
  }));
}

/**
 * The whole case, for the bureau: summary, findings (masked), stages with their deadlines,
 * timeline, transfers with each department's actions, recovered payments. Reading it reads
 * people's medical records: audited (medfund.case.read). Whether the reader may act on it
 * (their area) comes with it, so the page shows the right buttons.
 */
export async function getCase(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('medfund_cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw caseNotFound(id);
  const today = todayOf(ctx.now);
  const [findings, stages, events, transfers, recoveries, area] = await Promise.all([
    caseFindings(ctx.db, id),
    ctx.db.selectFrom('medfund_case_stages').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    ctx.db.selectFrom('medfund_case_events').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    transfersOf(ctx.db, id),
    ctx.db.selectFrom('medfund_recoveries').selectAll().where('case_id', '=', id).orderBy('recovered_on').orderBy('id').execute(),
    can(ctx.actor, 'medfund.cases.review') ? areaOf(ctx.db, ctx.actor.userId) : Promise.resolve(null),
  ]);
  await recordAudit(ctx.db, ctx, { action: 'medfund.case.read', entityType: 'medfund_case', entityId: String(id), after: { number: c.number } });
  return {
    ...caseSummary(c, today),
    appealedAt: c.appealed_at, appealStatement: c.appeal_statement, refusedFen: Number(c.refused_fen), penaltyFen: Number(c.penalty_fen),
    decisionBasis: c.decision_basis, overReason: c.over_reason, decidedByName: c.decided_by_name, version: c.version,
    canHandle: caseInArea(area, c.provider_codes),
    findings,
    stages: stages.map((s) => ({
      stage: s.stage, startedAt: s.started_at as Date, dueOn: s.due_on, endedAt: s.ended_at, escalatedAt: s.escalated_at,
      overdue: s.ended_at === null ? today > s.due_on : todayOf(s.ended_at) > s.due_on,
    })),
    events: events.map((e) => ({ id: e.id, type: e.type, stage: e.stage, note: e.note, payload: e.payload, actorName: e.actor_name, at: e.created_at })),
    transfers,
    recoveries: recoveries.map((r) => ({ id: r.id, amountFen: Number(r.amount_fen), recoveredOn: r.recovered_on, reference: r.reference, overReason: r.over_reason, recordedByName: r.recorded_by_name, createdAt: r.created_at })),
  };
}

/** The names and ID numbers of the people in a case's findings, unmasked (personal.reveal; audited). */
export async function revealCase(ctx: Ctx, id: number) {
  const c = await ctx.db.selectFrom('medfund_cases').select(['number', 'subject_kind', 'subject_name']).where('id', '=', id).executeTakeFirst();
  if (!c) throw caseNotFound(id);
  const people = await ctx.db.selectFrom('medfund_case_findings as cf').innerJoin('medfund_findings as f', 'f.id', 'cf.finding_id')
    .select(['f.id', 'f.psn_no', 'f.psn_name', 'f.certno']).where('cf.case_id', '=', id).orderBy('f.id').execute();
  await recordAudit(ctx.db, ctx, { action: 'medfund.person.reveal', entityType: 'medfund_case', entityId: String(id), after: { number: c.number, persons: [...new Set(people.map((p) => p.psn_no))] } });
  return {
    subjectName: c.subject_name,
    findings: people.map((p) => ({ findingId: p.id, psnNo: p.psn_no, psnName: p.psn_name, certno: p.certno })),
  };
}

/**
 * One move along the review chain, by an inspector of the case's area; the stage's row closes,
 * the next opens with its deadline, the timeline and the audit log say who and when.
 */
export async function actOnCase(ctx: Ctx, deps: CaseDeps, id: number, action: StageAction) {
  return refusing(() => ctx.db.transaction().execute(async (tx) => {
    const c = await lockCase(tx, id);
    await assertInArea(ctx, tx, c);
    const today = todayOf(ctx.now);
    const limits = await loadStageLimits(tx);
    const cal = workdaysOf(deps.calendar);
    const t = applyStageAction({ stage: c.stage, appealDeadline: c.appeal_deadline, appealed: c.appealed_at !== null }, action, today, limits, cal);
    const dueOn = t.entersStage ? (t.entersStage === 'appeal' ? t.appealDeadline! : stageDueOn(t.entersStage, today, limits, cal)) : c.stage_due_on;
    await tx.updateTable('medfund_cases').set({
      stage: t.stage, stage_due_on: dueOn, appeal_deadline: t.appealDeadline,
      ...(action.action === 'record_appeal' ? { appealed_at: ctx.now, appeal_statement: action.statement.trim() } : {}),
      version: sql`version + 1`, updated_at: ctx.now,
    }).where('id', '=', id).execute();
    if (t.entersStage) await moveStage(tx, id, ctx.now, { stage: t.entersStage, dueOn: dueOn! });
    const note = action.action === 'record_appeal' ? action.statement.trim() : (action.note ?? '').trim();
    await insertEvent(tx, ctx, { caseId: id, type: action.action, stage: t.stage, note, payload: { from: c.stage, to: t.stage, dueOn, appealDeadline: t.appealDeadline } });
    await recordAudit(tx, ctx, { action: `medfund.case.${action.action}`, entityType: 'medfund_case', entityId: String(id), before: { stage: c.stage }, after: { stage: t.stage, dueOn } });
    return { stage: t.stage };
  }));
}

/**
 * The decision (违规处理): closes the case, sets each finding's outcome, the measures and their
 * amounts. Confirmed with a transfer measure notifies nobody by itself: the transfer to 公安 or
 * 纪委监委 is a clue transfer (transfer.service.ts) the inspector makes next.
 */
export async function decideCase(ctx: Ctx, id: number, input: DecisionInput) {
  return refusing(() => ctx.db.transaction().execute(async (tx) => {
    const c = await lockCase(tx, id);
    await assertInArea(ctx, tx, c);
    const findings = await tx.selectFrom('medfund_case_findings as cf').innerJoin('medfund_findings as f', 'f.id', 'cf.finding_id')
      .select(['f.id', 'f.setl_id', 'f.amount_fen']).where('cf.case_id', '=', id).execute();
    const d = decide({ stage: c.stage, appealDeadline: c.appeal_deadline, appealed: c.appealed_at !== null }, input,
      findings.map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) })));
    await tx.updateTable('medfund_cases').set({
      stage: 'closed', stage_due_on: null, decision: d.decision, measures: d.measures, confirmed_fen: d.confirmedFen, recovery_decided_fen: d.recoveryFen,
      refused_fen: d.refusedFen, penalty_fen: d.penaltyFen, decision_basis: input.basis.trim(), over_reason: d.overReason,
      decided_by: ctx.actor.userId, decided_by_name: ctx.actor.displayName, decided_at: ctx.now, version: sql`version + 1`, updated_at: ctx.now,
    }).where('id', '=', id).execute();
    for (const outcome of ['confirmed', 'dismissed', 'data_quality'] as const) {
      const ids = [...d.outcomes].filter(([, o]) => o === outcome).map(([fid]) => fid);
      if (ids.length) await tx.updateTable('medfund_case_findings').set({ outcome }).where('case_id', '=', id).where('finding_id', 'in', ids).execute();
    }
    await moveStage(tx, id, ctx.now, null);
    await insertEvent(tx, ctx, {
      caseId: id, type: 'decided', stage: 'closed', note: input.basis.trim(),
      payload: { from: c.stage, decision: d.decision, measures: d.measures, confirmedFen: d.confirmedFen, recoveryFen: d.recoveryFen, refusedFen: d.refusedFen, penaltyFen: d.penaltyFen, overReason: d.overReason },
    });
    await recordAudit(tx, ctx, {
      action: 'medfund.case.decide', entityType: 'medfund_case', entityId: String(id), before: { stage: c.stage },
      after: { decision: d.decision, measures: d.measures, recoveryFen: d.recoveryFen, outcomes: Object.fromEntries(d.outcomes) },
    });
    return { stage: 'closed' as const, decision: d.decision, label: DECISION_NAMES[d.decision].zh, from: STAGE_NAMES[c.stage].zh };
  }));
}
