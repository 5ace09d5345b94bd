import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { JobHandler } from '../../../core/jobs/job-runner';
import { DEMO_GLUE_JOB } from '../demo-jobs';

export { DEMO_GLUE_JOB };

/**
 * The demo's glue between warnings and cases: the discipline inspection group's account
 * (mf_jijian) also acts for its department as a partner of the joint supervision community (clues
 * transferred to 纪委监委派驻纪检监察组), and, once the demo cases exist (the demo cases job queues
 * this one at its end: cases/demo-cases.ts), a job points each demo case at the warning that
 * shares most of its findings (red first), so that the 0034 trigger puts the warning where its case
 * is — in a case, or closed with its outcome — and the oversight view shows how each red warning
 * was handled, the article's recovery among them.
 */
export async function seedDemoGlue(tx: Transaction<DB>): Promise<Record<string, number>> {
  const jijian = await tx.selectFrom('users').select('id').where('username', '=', 'mf_jijian').executeTakeFirst();
  if (jijian) {
    await tx.insertInto('user_roles').values({ user_id: jijian.id, role_code: 'medfund_partner' })
      .onConflict((oc) => oc.doNothing()).execute();
  }
  return { medfundGlueRoles: jijian ? 1 : 0 };
}

export const demoGlueJob: JobHandler = async (_job, jctx) => {
  const db = jctx.db;
  const cases = await db.selectFrom('medfund_cases').select('id').limit(1).executeTakeFirst();
  if (!cases) return { skipped: 'no demo cases' };
  return { linked: await linkCasesToWarnings(db) };
};

/**
 * Each case without a warning gets the one sharing most of its findings (red first, then newest),
 * one case per warning. Under the roll-up's advisory lock: a roll-up still writing its warnings
 * (another process took it) is waited for, not half read.
 */
export async function linkCasesToWarnings(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'))`.execute(tx);
    const pairs = await sql<{ case_id: number; warning_id: number }>`
      SELECT DISTINCT ON (cf.case_id) cf.case_id, wf.warning_id
        FROM medfund_case_findings cf
        JOIN medfund_cases c ON c.id = cf.case_id AND c.warning_id IS NULL
        JOIN medfund_warning_findings wf ON wf.finding_id = cf.finding_id
        JOIN medfund_warnings w ON w.id = wf.warning_id AND w.status <> 'dismissed'
       WHERE NOT EXISTS (SELECT 1 FROM medfund_cases o WHERE o.warning_id = wf.warning_id)
       GROUP BY cf.case_id, wf.warning_id, w.level
       ORDER BY cf.case_id, (w.level = 'red') DESC, count(*) DESC, wf.warning_id DESC`.execute(tx);
    const taken = new Set<number>();
    let linked = 0;
    for (const p of pairs.rows) {
      if (taken.has(Number(p.warning_id))) continue;
      taken.add(Number(p.warning_id));
      await tx.updateTable('medfund_cases').set({ warning_id: Number(p.warning_id) }).where('id', '=', Number(p.case_id)).execute();
      linked += 1;
    }
    return linked;
  });
}
