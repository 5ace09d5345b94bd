import { sql, type Kysely } from 'kysely';
import { amountAtRisk } from '../domain/settlement-amount';
import type { DB } from '../../../db/schema';
import type { Ctx } from '../../../core/context';
import type { JobHandler } from '../../../core/jobs/job-runner';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { Notifier } from '../../../core/notifications/notifier';
import { loadUserActor } from '../../../core/identity/sessions';
import { packageCalendar } from '../../../core/reference/domain/workday';
import { boundClaimsStore } from '../claims/open-claims-store';
import { DEMO_CASES_JOB, DEMO_GLUE_JOB } from '../demo-jobs';
import { actOnCase, decideCase, openCase } from './case.service';
import { receiveTransfer, recordTransferAction, reportBack, transferCase } from './transfer.service';
import { recordRecovery } from './recovery.service';
import { runCaseEscalation } from './escalation';

export { DEMO_CASES_JOB };
/** The article's recovery (余杭: 重复报销 found by a red warning, 1,133.81 yuan recovered). */
export const ARTICLE_RECOVERY_FEN = 113_381;

const DAY = 86_400_000;

/**
 * Opens the demo county's cases, once: every stage of the chain, a joint inspection, transfers
 * with receipts and reports, and a duplicate-reimbursement case that ends in the article's
 * recovery of 1,133.81 yuan. Nobody polls for the findings: the end of the demo year's screening
 * run queues this job (rules/screening/run-job.ts, behind that run's roll-up), and so only when
 * the demo screening is on (MEDFUND_DEMO_SCREENING; off in API tests, then no cases either — the
 * job skips before anything else if it is queued anyway). At its end it queues the glue that
 * links the cases to their warnings (reports/demo-glue.ts). Cases are opened through the same
 * services as the API, acting as the demo accounts, at dates in the past so the timeline and the
 * deadlines read as real.
 */
export const demoCasesJob: JobHandler = async (_job, jctx) => {
  const db = jctx.db;
  if (!boundClaimsStore(db).demoScreening) return { skipped: 'demo screening is off' };
  if (await db.selectFrom('medfund_cases').select('id').limit(1).executeTakeFirst()) return { skipped: 'cases exist' };
  const findings = Number((await db.selectFrom('medfund_findings').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  if (findings === 0) return { skipped: 'no findings' };
  const opened = await openDemoCases(db, jctx.now());
  await enqueueJob(db, { kind: DEMO_GLUE_JOB, maxAttempts: 1 });
  return { findings, ...opened, then: DEMO_GLUE_JOB };
};

const IN_APP_ONLY = new Notifier({ send: async () => {} });

async function actorCtx(db: Kysely<DB>, username: string, at: Date): Promise<Ctx> {
  const u = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadUserActor(db, u.id))!;
  return { db, actor, requestId: `demo-${username}`, ip: '127.0.0.1', now: at, countyCode: '330110' };
}

interface Pick {
  ids: number[];
  provider: string;
}

/** Groups of findings by provider and rule, unused so far, largest first. */
async function pickGroups(db: Kysely<DB>, used: Set<number>, rule: string | null, n: number, perCase: number): Promise<Pick[]> {
  let q = db.selectFrom('medfund_findings').select(['id', 'fixmedins_code', 'rule_code', 'amount_fen']).orderBy('amount_fen', 'desc').orderBy('id');
  if (rule) q = q.where('rule_code', '=', rule);
  const rows = (await q.limit(5000).execute()).filter((r) => !used.has(r.id));
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = `${r.fixmedins_code}|${r.rule_code}`;
    const g = groups.get(k) ?? [];
    if (g.length < perCase) g.push(r.id);
    groups.set(k, g);
  }
  const out: Pick[] = [];
  const providers = new Set<string>();
  for (const [k, ids] of groups) {
    const provider = k.split('|')[0]!;
    if (providers.has(provider)) continue; // one case per provider reads better
    providers.add(provider);
    out.push({ ids, provider });
    for (const id of ids) used.add(id);
    if (out.length >= n) break;
  }
  return out;
}

async function ownerOf(db: Kysely<DB>, caseId: number): Promise<string> {
  const c = await db.selectFrom('medfund_cases as c').leftJoin('users as u', 'u.id', 'c.owner_id').select('u.username').where('c.id', '=', caseId).executeTakeFirstOrThrow();
  return c.username ?? 'mf_inspector';
}

async function openDemoCases(db: Kysely<DB>, now: Date) {
  const cal = packageCalendar;
  const deps = { calendar: cal, notifier: IN_APP_ONLY };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const used = new Set<number>();
  const dep = async (name: string) => (await db.selectFrom('departments').select('id').where('name', '=', name).where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
  const [wjw, scjg, gaj, jjz] = await Promise.all([dep('余杭区卫生健康局'), dep('余杭区市场监督管理局'), dep('余杭区公安分局'), dep('纪委监委派驻纪检监察组')]);
  const open = async (ids: number[], daysAgo: number, title?: string) => openCase(await actorCtx(db, 'mf_analyst', at(daysAgo)), deps, { findingIds: ids, title });
  const as = async (caseId: number, daysAgo: number) => actorCtx(db, await ownerOf(db, caseId), at(daysAgo));
  /** The owner the day after the case's appeal window closed (holidays may stretch it): the investigation may start. */
  const afterAppeal = async (caseId: number) => {
    const c = await db.selectFrom('medfund_cases').select('appeal_deadline').where('id', '=', caseId).executeTakeFirstOrThrow();
    const day = new Date(`${c.appeal_deadline}T02:00:00Z`).getTime() + DAY; // 10:00 in Beijing the next day
    return actorCtx(db, await ownerOf(db, caseId), new Date(Math.min(day, now.getTime())));
  };
  let cases = 0;

  // 1. The article's case: duplicate reimbursement (医保与工伤重复报销) → 纪检监察组 → verified → 1,133.81 yuan recovered.
  const dup = await db.selectFrom('medfund_findings').select(['id', 'psn_no', 'amount_fen']).where('rule_code', '=', 'WI_DUPLICATE').orderBy('amount_fen', 'desc').orderBy('id').execute();
  if (dup.length) {
    const enough = [...dup].reverse().find((f) => Number(f.amount_fen) >= ARTICLE_RECOVERY_FEN);
    const ids = enough ? [enough.id] : dup.filter((f) => f.psn_no === dup[0]!.psn_no).map((f) => f.id);
    ids.forEach((id) => used.add(id));
    const c = await open(ids, 40, undefined);
    await transferCase(await actorCtx(db, 'mf_analyst', at(40)), IN_APP_ONLY, c.id, { departmentIds: [jjz], note: '红色预警：医保与工伤重复报销，请纪检监察组监督', purpose: 'clue' });
    await actOnCase(await as(c.id, 38), deps, c.id, { action: 'pass_first_review', note: '工伤认定与医保结算同一次住院，疑点成立' });
    await actOnCase(await as(c.id, 34), deps, c.id, { action: 'confirm_second_review', note: '复审确认，已书面告知定点医疗机构' });
    await actOnCase(await afterAppeal(c.id), deps, c.id, { action: 'start_investigation', note: '申诉期满，机构未申诉' });
    const confirmed = await db.selectFrom('medfund_findings').select(['id', 'setl_id', 'amount_fen']).where('id', 'in', ids).execute();
    const confirmedFen = amountAtRisk(confirmed.map((f) => ({ id: f.id, setlId: f.setl_id, amountFen: Number(f.amount_fen) })));
    await decideCase(await as(c.id, 12), c.id, {
      decision: 'confirmed', basis: '《医疗保障基金使用监督管理条例》第二十条；经核实同一次住院费用已由工伤保险基金支付，医保基金重复支付部分予以追回',
      measures: ['recovery'], recoveryFen: ARTICLE_RECOVERY_FEN,
      overReason: confirmedFen < ARTICLE_RECOVERY_FEN ? '核实时发现同次住院另有医保基金支付的检查费用，一并追回' : undefined,
    });
    await recordRecovery(await as(c.id, 5), c.id, { amountFen: ARTICLE_RECOVERY_FEN, recoveredOn: at(5).toISOString().slice(0, 10), reference: 'ZH-2025-0113', overReason: confirmedFen < ARTICLE_RECOVERY_FEN ? '同决定' : undefined });
    const t = await db.selectFrom('medfund_case_transfers').select('id').where('case_id', '=', c.id).executeTakeFirst();
    if (t) {
      const jj = await db.selectFrom('users as u').innerJoin('user_roles as r', 'r.user_id', 'u.id').select('u.username').where('u.department_id', '=', jjz).where('r.role_code', '=', 'medfund_partner').executeTakeFirst();
      if (jj) {
        const jctx = await actorCtx(db, jj.username, at(39));
        await receiveTransfer(jctx, t.id);
        await reportBack({ ...jctx, now: at(4) }, IN_APP_ONLY, t.id, { report: '已督促医保局核实处理，追回款已到账，问题线索办结' });
      }
    }
    cases++;
  }

  const groups = await pickGroups(db, used, null, 8, 3);
  const next = () => groups.shift();
  // 2. Fresh, in first review.
  let g = next();
  if (g) { await open(g.ids, 1); cases++; }
  // 3. First review overdue (opened a month ago): the escalation below marks it.
  g = next();
  if (g) { await open(g.ids, 30); cases++; }
  // 4. In second review.
  g = next();
  if (g) {
    const c = await open(g.ids, 12);
    await actOnCase(await as(c.id, 8), deps, c.id, { action: 'pass_first_review', note: '疑点成立，转复审' });
    cases++;
  }
  // 5. In the appeal stage, the provider has appealed.
  g = next();
  if (g) {
    const c = await open(g.ids, 16);
    await actOnCase(await as(c.id, 13), deps, c.id, { action: 'pass_first_review' });
    await actOnCase(await as(c.id, 3), deps, c.id, { action: 'confirm_second_review', note: '已告知机构，5 个工作日内可申诉' });
    await actOnCase(await as(c.id, 1), deps, c.id, { action: 'record_appeal', statement: '机构申诉：相关项目有医嘱和护理记录，申请复核' });
    cases++;
  }
  // 6. Under investigation with a joint inspection (卫健 + 市场监管), 卫健 has reported its check.
  g = next();
  if (g) {
    const c = await open(g.ids, 30);
    await actOnCase(await as(c.id, 27), deps, c.id, { action: 'pass_first_review' });
    await actOnCase(await as(c.id, 22), deps, c.id, { action: 'confirm_second_review' });
    await actOnCase(await afterAppeal(c.id), deps, c.id, { action: 'start_investigation', note: '申诉期满未申诉' });
    await transferCase(await as(c.id, 9), IN_APP_ONLY, c.id, { departmentIds: [wjw, scjg], note: '联合检查：诊疗行为和收费公示', purpose: 'joint_check' });
    const t = await db.selectFrom('medfund_case_transfers').select('id').where('case_id', '=', c.id).where('department_id', '=', wjw).executeTakeFirstOrThrow();
    const wctx = await actorCtx(db, 'mf_wjw', at(8));
    await receiveTransfer(wctx, t.id);
    await recordTransferAction({ ...wctx, now: at(6) }, t.id, { action: '现场检查病历 32 份，约谈科室主任', actedOn: at(6).toISOString().slice(0, 10) });
    await reportBack({ ...wctx, now: at(5) }, IN_APP_ONLY, t.id, { report: '部分项目无医嘱支撑，建议按违规处理', checkResult: 'violation' });
    cases++;
  }
  // 7. Dismissed at second review.
  g = next();
  if (g) {
    const c = await open(g.ids, 25);
    await actOnCase(await as(c.id, 22), deps, c.id, { action: 'pass_first_review' });
    await decideCase(await as(c.id, 18), c.id, { decision: 'dismissed', basis: '复审核对原始病历，项目有医嘱和执行记录，疑点排除' });
    cases++;
  }
  // 8. Data quality problem: corrected, not punished.
  g = next();
  if (g) {
    const c = await open(g.ids, 28);
    await decideCase(await as(c.id, 24), c.id, { decision: 'data_quality', basis: '医院 HIS 接口上传的项目编码错位，已要求整改并重新上传，不予处罚' });
    cases++;
  }
  // 9. Confirmed, refusal of payment and a transfer to 公安 (clue signed for and acted on).
  g = next();
  if (g) {
    const c = await open(g.ids, 45);
    await actOnCase(await as(c.id, 43), deps, c.id, { action: 'pass_first_review' });
    await actOnCase(await as(c.id, 39), deps, c.id, { action: 'confirm_second_review' });
    await actOnCase(await afterAppeal(c.id), deps, c.id, { action: 'start_investigation' });
    const risk = Number((await db.selectFrom('medfund_cases').select('amount_at_risk_fen').where('id', '=', c.id).executeTakeFirstOrThrow()).amount_at_risk_fen);
    await decideCase(await as(c.id, 15), c.id, {
      decision: 'confirmed', basis: '《医疗保障基金使用监督管理条例》第四十条：涉嫌欺诈骗保，拒付并移送公安机关',
      measures: ['refuse_payment', 'transfer_police'], refusedFen: Math.max(1, risk),
    });
    await transferCase(await as(c.id, 15), IN_APP_ONLY, c.id, { departmentIds: [gaj], note: '涉嫌欺诈骗取医保基金，移送立案侦查', purpose: 'clue' });
    const t = await db.selectFrom('medfund_case_transfers').select('id').where('case_id', '=', c.id).where('department_id', '=', gaj).executeTakeFirstOrThrow();
    const gctx = await actorCtx(db, 'mf_gaj', at(14));
    await receiveTransfer(gctx, t.id);
    await recordTransferAction({ ...gctx, now: at(7) }, t.id, { action: '已受案审查，调取结算记录', actedOn: at(7).toISOString().slice(0, 10) });
    cases++;
  }
  const escalation = await runCaseEscalation(db, now);
  return { cases, escalated: escalation.escalated };
}
