import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { recurring } from '../../../core/jobs/job-runner';
import { Notifier } from '../../../core/notifications/notifier';
import { STAGE_NAMES, type OpenStage } from './domain/review-chain';
import { usersHolding } from './case-access';
import { insertEvent } from './case-store';
import { todayOf } from './stage-limits';

export const CASE_ESCALATION_JOB = 'medfund.case_escalation';
/** How often the escalation runs (after the previous run ends). Deadlines are whole days. */
export const CASE_ESCALATION_EVERY_MS = 10 * 60_000;

const IN_APP_ONLY = new Notifier({ send: async () => {} });

/**
 * Overdue case stages (超期督办): each open stage whose deadline (a local date) has passed is
 * escalated once — marked with a conditional UPDATE (… WHERE escalated_at IS NULL, so two runs
 * never escalate it twice), a timeline entry and a system audit row — and the case's owner and
 * the leads (medfund.cases.supervise) are notified. The deadline was computed on the app's
 * working-day calendar when the stage opened.
 */
export async function runCaseEscalation(db: Kysely<DB>, now: Date, notifier: Notifier = IN_APP_ONLY): Promise<{ escalated: number }> {
  const today = todayOf(now);
  const due = await db.selectFrom('medfund_case_stages as s').innerJoin('medfund_cases as c', 'c.id', 's.case_id')
    .select(['s.id', 's.case_id', 's.stage', 's.due_on', 'c.number', 'c.title', 'c.owner_id'])
    .where('s.ended_at', 'is', null).where('s.escalated_at', 'is', null).where('s.due_on', '<', today)
    .orderBy('s.id').limit(1000).execute();
  if (due.length === 0) return { escalated: 0 };
  const leads = await usersHolding(db, ['medfund.cases.supervise']);
  let escalated = 0;
  for (const s of due) {
    const done = await db.transaction().execute(async (tx) => {
      const r = await tx.updateTable('medfund_case_stages').set({ escalated_at: now }).where('id', '=', s.id).where('escalated_at', 'is', null).where('ended_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      const name = STAGE_NAMES[s.stage as OpenStage].zh;
      await insertEvent(tx, null, { caseId: s.case_id, type: 'escalated', stage: s.stage, note: `「${name}」已超过期限 ${s.due_on}`, payload: { dueOn: s.due_on }, at: now });
      await tx.insertInto('audit_log').values({
        at: now, actor_id: null, actor_name: '系统', action: 'medfund.case.escalate', entity_type: 'medfund_case', entity_id: String(s.case_id),
        enterprise_id: null, after: JSON.stringify({ stage: s.stage, dueOn: s.due_on }),
      }).execute();
      const to = new Set([...(s.owner_id ? [s.owner_id] : []), ...leads]);
      for (const userId of to) {
        await notifier.notify(tx, userId, { title: `案件 ${s.number}「${name}」已超期`, body: `${s.title}：期限 ${s.due_on}，请督办`, link: `/medfund/cases/${s.case_id}` });
      }
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}

/** The deadlines were set on the app's working-day calendar when each stage opened: the run compares dates only. */
export const caseEscalationJob = recurring(CASE_ESCALATION_EVERY_MS, async (_job, ctx) => runCaseEscalation(ctx.db, ctx.now(), ctx.notifier));
