import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { recurring } from '../../../core/jobs/job-runner';
import { Notifier } from '../../../core/notifications/notifier';
import { escalationLevel } from './domain/stage-rules';
import { localDate } from './project.repo';

export const ESCALATION_JOB = 'economy.milestone_escalation';
/** How often overdue milestones are looked for (after the previous run ends). */
export const ESCALATION_EVERY_MS = 10 * 60_000;

/** Without the app's notifier (tests calling the function): in-app rows and the outbox. */
const IN_APP_ONLY = new Notifier({ send: async () => {} });

export interface EscalationResult { owner: number; leaders: number }

/**
 * Overdue milestones (项目节点逾期督办): an open milestone of an active project past its due date is
 * escalated once per level — level 1 (from the day after the due date) tells the project's owner;
 * level 2 (from 7 days late) tells the owner again and the leaders (users holding the
 * economy_leader role). The level is raised with a conditional UPDATE (… WHERE escalation < level),
 * so two overlapping runs tell nobody twice; each escalation is audited with the system as actor.
 */
export async function escalateOverdueMilestones(db: Kysely<DB>, now: Date, notifier: Notifier = IN_APP_ONLY): Promise<EscalationResult> {
  const today = localDate(now);
  const open = await db.selectFrom('economy_project_milestones as m').innerJoin('economy_projects as p', 'p.id', 'm.project_id')
    .innerJoin('economy_project_stages as s', 's.code', 'm.stage')
    .select(['m.id', 'm.name', 'm.due_date', 'm.escalation', 'p.id as project_id', 'p.name as project_name', 'p.owner_id', 's.name as stage_name'])
    .where('m.done_at', 'is', null).where('m.due_date', '<', today).where('p.status', '=', 'active').execute();
  const result: EscalationResult = { owner: 0, leaders: 0 };
  for (const m of open) {
    const level = escalationLevel(m.due_date, today, false);
    if (level <= m.escalation) continue;
    await db.transaction().execute(async (tx) => {
      const raised = await tx.updateTable('economy_project_milestones').set({ escalation: level })
        .where('id', '=', m.id).where('escalation', '<', level).where('done_at', 'is', null).executeTakeFirst();
      if (Number(raised.numUpdatedRows) === 0) return;
      const leaders = level === 2 ? (await tx.selectFrom('users as u').select('u.id').where('u.status', '=', 'active')
        .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = u.id AND ur.role_code = 'economy_leader')`).execute()).map((u) => u.id) : [];
      const text = {
        title: level === 2 ? `【督办】招商项目节点逾期 7 天以上：${m.project_name}` : `招商项目节点已逾期：${m.project_name}`,
        body: `${m.stage_name}阶段“${m.name}”应于 ${m.due_date} 完成，尚未完成。`,
        link: `/economy/projects/${m.project_id}`,
      };
      for (const id of new Set([m.owner_id, ...leaders])) await notifier.notify(tx, id, text);
      await tx.insertInto('audit_log').values({
        at: now, actor_id: null, actor_name: '系统', action: 'economy.project.milestone_escalate', entity_type: 'economy_project', entity_id: m.project_id,
        after: JSON.stringify({ milestoneId: m.id, name: m.name, dueDate: m.due_date, level, told: [...new Set([m.owner_id, ...leaders])].length }),
      }).execute();
      if (level === 2) result.leaders++;
      else result.owner++;
    });
  }
  return result;
}

export const milestoneEscalationJob = recurring(ESCALATION_EVERY_MS, (_job, ctx) => escalateOverdueMilestones(ctx.db, ctx.now(), ctx.notifier));
