import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { maskName } from '../../../core/privacy/mask';
import type { Notifier } from '../../../core/notifications/notifier';
import { AppError } from '../../../http/app-error';
import type { MedfundCheckResult, MedfundTransferPurpose } from '../../../db/schema';
import { STAGE_NAMES } from './domain/review-chain';
import { partnerDepartmentOf } from './case-access';
import { caseFindings, transfersOf } from './case.service';
import { insertEvent, lockCase } from './case-store';
import { todayOf } from './stage-limits';

const PURPOSE_NAMES: Record<MedfundTransferPurpose, string> = { clue: '线索移交', joint_check: '联合检查' };

/**
 * Transfers a case to partner departments (线索移交), or — in the investigation stage — asks them
 * to each check it (联合检查: one case, many checks). Every department must be an active member of
 * the community; an inactive or unknown one refuses the whole request, naming it. A department
 * already holding the same kind of transfer of this case is skipped (named in the result). Each
 * department's handlers are notified.
 */
export async function transferCase(ctx: Ctx, notifier: Notifier, caseId: number, input: { departmentIds: string[]; note?: string; purpose: MedfundTransferPurpose }) {
  const depIds = [...new Set(input.departmentIds)];
  if (depIds.length === 0) throw new AppError('VALIDATION_FAILED', { departmentIds: '请选择至少一个协作部门' });
  return ctx.db.transaction().execute(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (c.stage === 'closed' && input.purpose === 'joint_check') {
      throw new AppError('MEDFUND_CASE_STAGE_ORDER', undefined, { zh: `案件 ${c.number} 已处理完毕，不能再发起联合检查`, en: `Case ${c.number} is closed; no joint inspection can start` });
    }
    if (input.purpose === 'joint_check' && c.stage !== 'investigation') {
      throw new AppError('MEDFUND_CASE_STAGE_ORDER', undefined, {
        zh: `联合检查在调查核实阶段进行；案件 ${c.number} 当前处于「${STAGE_NAMES[c.stage].zh}」阶段`,
        en: `A joint inspection belongs to the investigation stage; case ${c.number} is at the ${STAGE_NAMES[c.stage].en} stage`,
      });
    }
    const deps = await tx.selectFrom('departments as d').leftJoin('medfund_partner_departments as p', 'p.department_id', 'd.id')
      .select(['d.id', 'd.name', 'p.active', 'p.department_id as member']).where('d.id', 'in', depIds).execute();
    const unknown = depIds.filter((id) => !deps.some((d) => d.id === id && d.member));
    if (unknown.length) {
      const named = deps.filter((d) => unknown.includes(d.id)).map((d) => d.name);
      const what = named.length ? named.join('、') : unknown.join('、');
      throw new AppError('MEDFUND_PARTNER_NOT_FOUND', { departmentIds: `不是联合监管共同体成员：${what}` }, { zh: `不是联合监管共同体成员单位：${what}`, en: `Not a member of the joint supervision community: ${what}` });
    }
    const inactive = deps.filter((d) => !d.active);
    if (inactive.length) {
      const names = inactive.map((d) => d.name).join('、');
      throw new AppError('MEDFUND_PARTNER_INACTIVE', { departmentIds: `已停用：${names}` }, { zh: `协作部门已停用，不能移交：${names}`, en: `Inactive partner department, cannot receive a transfer: ${names}` });
    }
    const existing = await tx.selectFrom('medfund_case_transfers').select('department_id').where('case_id', '=', caseId).where('purpose', '=', input.purpose).where('department_id', 'in', depIds).execute();
    const skip = new Set(existing.map((e) => e.department_id));
    const fresh = deps.filter((d) => !skip.has(d.id));
    const created = fresh.length
      ? await tx.insertInto('medfund_case_transfers').values(fresh.map((d) => ({
          case_id: caseId, department_id: d.id, department_name: d.name, purpose: input.purpose, note: input.note?.trim() ?? '',
          transferred_by: ctx.actor.userId, transferred_by_name: ctx.actor.displayName, transferred_at: ctx.now,
        }))).returning(['id', 'department_id', 'department_name']).execute()
      : [];
    if (created.length) {
      await insertEvent(tx, ctx, { caseId, type: input.purpose === 'clue' ? 'transferred' : 'joint_inspection', stage: c.stage, note: input.note?.trim() ?? '', payload: { departments: created.map((t) => t.department_name) } });
      await recordAudit(tx, ctx, { action: `medfund.case.${input.purpose === 'clue' ? 'transfer' : 'joint_inspection'}`, entityType: 'medfund_case', entityId: String(caseId), after: { departments: created.map((t) => t.department_name), transferIds: created.map((t) => t.id) } });
      const handlers = await tx.selectFrom('users as u').innerJoin('departments as s', 's.id', 'u.department_id')
        .select(['u.id', sql<string>`coalesce(s.parent_id, s.id)`.as('dep')]).where('u.status', '=', 'active')
        .where(sql<boolean>`coalesce(s.parent_id, s.id) IN (${sql.join(created.map((t) => t.department_id))})`)
        .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code WHERE ur.user_id = u.id AND 'medfund.transfers.handle' = ANY(ro.permissions))`)
        .execute();
      for (const h of handlers) {
        const t = created.find((x) => x.department_id === h.dep)!;
        await notifier.notify(tx, h.id, { title: `收到医保局${PURPOSE_NAMES[input.purpose]}：${c.number}`, body: `${c.title}。请签收并反馈处理情况。`, link: `/medfund/inbox/${t.id}` });
      }
    }
    return { created: created.map((t) => ({ id: t.id, departmentName: t.department_name })), skipped: deps.filter((d) => skip.has(d.id)).map((d) => d.name) };
  });
}

const transferNotFound = (id: number) => new AppError('MEDFUND_TRANSFER_NOT_FOUND', undefined, { zh: `移交记录 #${id} 不存在或不是移交给本部门的`, en: `Transfer #${id} does not exist or was not made to your department` });

async function myDepartment(ctx: Ctx) {
  const dep = await partnerDepartmentOf(ctx);
  if (!dep) {
    throw new AppError('MEDFUND_PARTNER_NOT_FOUND', undefined, { zh: '您所在的部门不是联合监管共同体成员单位，没有移交线索', en: 'Your department is not a member of the joint supervision community' });
  }
  return dep;
}

/** A partner department's inbox: what was transferred to it, newest first. Nothing else exists for it. */
export async function inbox(ctx: Ctx, q: { status?: 'unreceived' | 'open' | 'reported'; page: number; pageSize: number }) {
  const dep = await myDepartment(ctx);
  let b = ctx.db.selectFrom('medfund_case_transfers as t').innerJoin('medfund_cases as c', 'c.id', 't.case_id').where('t.department_id', '=', dep.id);
  if (q.status === 'unreceived') b = b.where('t.received_at', 'is', null);
  if (q.status === 'open') b = b.where('t.received_at', 'is not', null).where('t.reported_at', 'is', null);
  if (q.status === 'reported') b = b.where('t.reported_at', 'is not', null);
  const [rows, total] = await Promise.all([
    b.select(['t.id', 't.purpose', 't.note', 't.transferred_at', 't.transferred_by_name', 't.received_at', 't.received_by_name', 't.reported_at', 't.check_result',
      'c.id as case_id', 'c.number', 'c.title', 'c.stage', 'c.subject_kind', 'c.subject_name', 'c.provider_names', 'c.amount_at_risk_fen'])
      .orderBy('t.transferred_at', 'desc').orderBy('t.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    b.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    department: dep,
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id, purpose: r.purpose, note: r.note, transferredAt: r.transferred_at, transferredByName: r.transferred_by_name, receivedAt: r.received_at,
      receivedByName: r.received_by_name, reportedAt: r.reported_at, checkResult: r.check_result, caseId: r.case_id, caseNumber: r.number, caseTitle: r.title,
      caseStage: r.stage, subjectName: r.subject_kind === 'person' ? maskName(r.subject_name) : r.subject_name, providerNames: r.provider_names,
      amountAtRiskFen: Number(r.amount_at_risk_fen),
    })),
  };
}

/**
 * One transferred clue as the department sees it: the case's summary and findings (masked), and
 * its own transfer with its actions — not other departments' transfers. Audited: it is a read of
 * people's medical records.
 */
export async function inboxItem(ctx: Ctx, transferId: number) {
  const dep = await myDepartment(ctx);
  const t = await ctx.db.selectFrom('medfund_case_transfers').select(['case_id']).where('id', '=', transferId).where('department_id', '=', dep.id).executeTakeFirst();
  if (!t) throw transferNotFound(transferId);
  const c = await ctx.db.selectFrom('medfund_cases').selectAll().where('id', '=', t.case_id).executeTakeFirstOrThrow();
  const [findings, mine] = await Promise.all([caseFindings(ctx.db, c.id), transfersOf(ctx.db, c.id, dep.id)]);
  await recordAudit(ctx.db, ctx, { action: 'medfund.transfer.read', entityType: 'medfund_case_transfer', entityId: String(transferId), after: { number: c.number, department: dep.name } });
  const today = todayOf(ctx.now);
  return {
    transfer: mine.find((x) => x.id === transferId)!,
    otherTransfers: mine.filter((x) => x.id !== transferId),
    case: {
      id: c.id, number: c.number, title: c.title, stage: c.stage, stageDueOn: c.stage_due_on, overdue: c.stage !== 'closed' && c.stage_due_on !== null && today > c.stage_due_on,
      subjectKind: c.subject_kind, subjectName: c.subject_kind === 'person' ? maskName(c.subject_name) : c.subject_name, providerNames: c.provider_names,
      amountAtRiskFen: Number(c.amount_at_risk_fen), decision: c.decision, ownerName: c.owner_name, openedAt: c.opened_at,
    },
    findings,
  };
}

/** The transfer, locked, when it was made to `dep` (found before the transaction: PGlite has one session). */
async function lockMine(tx: Ctx['db'], dep: { id: string }, transferId: number) {
  const t = await tx.selectFrom('medfund_case_transfers').selectAll().where('id', '=', transferId).where('department_id', '=', dep.id).forUpdate().executeTakeFirst();
  if (!t) throw transferNotFound(transferId);
  return t;
}

/** 签收: who and when; a second receipt changes nothing. */
export async function receiveTransfer(ctx: Ctx, transferId: number) {
  const dep = await myDepartment(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const t = await lockMine(tx, dep, transferId);
    if (t.received_at) return { receivedAt: t.received_at, receivedByName: t.received_by_name };
    await tx.updateTable('medfund_case_transfers').set({ received_at: ctx.now, received_by: ctx.actor.userId, received_by_name: ctx.actor.displayName }).where('id', '=', transferId).execute();
    await insertEvent(tx, ctx, { caseId: t.case_id, type: 'received', stage: '', payload: { department: t.department_name, purpose: t.purpose } });
    await recordAudit(tx, ctx, { action: 'medfund.transfer.receive', entityType: 'medfund_case_transfer', entityId: String(transferId), after: { department: t.department_name } });
    return { receivedAt: ctx.now, receivedByName: ctx.actor.displayName };
  });
}

function assertReceived(t: { received_at: Date | null; department_name: string; id: number }) {
  if (!t.received_at) {
    throw new AppError('MEDFUND_TRANSFER_NOT_RECEIVED', undefined, { zh: `${t.department_name}尚未签收移交 #${t.id}，请先签收再记录处理情况`, en: `Transfer #${t.id} has not been signed for yet; sign for it first` });
  }
}

/** One action of the department on the transfer (立案侦查, 约谈, 现场检查 …), with its date. */
export async function recordTransferAction(ctx: Ctx, transferId: number, input: { action: string; actedOn: string }) {
  if (input.actedOn > todayOf(ctx.now)) throw new AppError('VALIDATION_FAILED', { actedOn: '处理日期不能晚于今天' });
  const dep = await myDepartment(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const t = await lockMine(tx, dep, transferId);
    assertReceived(t);
    const a = await tx.insertInto('medfund_transfer_actions').values({ transfer_id: transferId, action: input.action.trim(), acted_on: input.actedOn, recorded_by: ctx.actor.userId, recorded_by_name: ctx.actor.displayName, recorded_at: ctx.now })
      .returning('id').executeTakeFirstOrThrow();
    await insertEvent(tx, ctx, { caseId: t.case_id, type: 'partner_action', stage: '', note: input.action.trim(), payload: { department: t.department_name, actedOn: input.actedOn } });
    await recordAudit(tx, ctx, { action: 'medfund.transfer.action', entityType: 'medfund_case_transfer', entityId: String(transferId), after: { action: input.action.trim(), actedOn: input.actedOn } });
    return { id: a.id };
  });
}

/**
 * The department's report back (反馈): its conclusion and, for a joint-inspection check, the
 * result of its check. The case's owner hears of it. A later report replaces the earlier one
 * (the audit log keeps both).
 */
export async function reportBack(ctx: Ctx, notifier: Notifier, transferId: number, input: { report: string; checkResult?: MedfundCheckResult }) {
  const dep = await myDepartment(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const t = await lockMine(tx, dep, transferId);
    assertReceived(t);
    if (t.purpose === 'joint_check' && !input.checkResult) throw new AppError('VALIDATION_FAILED', { checkResult: '联合检查须填写本部门的检查结论' });
    await tx.updateTable('medfund_case_transfers').set({
      report: input.report.trim(), check_result: t.purpose === 'joint_check' ? input.checkResult! : (input.checkResult ?? null),
      reported_at: ctx.now, reported_by: ctx.actor.userId, reported_by_name: ctx.actor.displayName,
    }).where('id', '=', transferId).execute();
    await insertEvent(tx, ctx, { caseId: t.case_id, type: t.purpose === 'joint_check' ? 'check_recorded' : 'reported', stage: '', note: input.report.trim(), payload: { department: t.department_name, checkResult: input.checkResult ?? null } });
    await recordAudit(tx, ctx, { action: 'medfund.transfer.report', entityType: 'medfund_case_transfer', entityId: String(transferId), before: { report: t.report, checkResult: t.check_result }, after: { report: input.report.trim(), checkResult: input.checkResult ?? null } });
    const c = await tx.selectFrom('medfund_cases').select(['number', 'owner_id']).where('id', '=', t.case_id).executeTakeFirstOrThrow();
    if (c.owner_id) await notifier.notify(tx, c.owner_id, { title: `${t.department_name}反馈了案件 ${c.number}`, body: input.report.trim().slice(0, 120), link: `/medfund/cases/${t.case_id}` });
    return { reportedAt: ctx.now };
  });
}
