import type { Kysely, Selectable } from 'kysely';
import type { DB, MedfundWarningRollupTable } from '../../../../db/schema';

const view = (r: Selectable<MedfundWarningRollupTable>) => ({
  id: r.id, trigger: r.trigger, mode: r.mode, runId: r.run_id, ruleVersion: r.rule_version, status: r.status, asOf: r.as_of, periodFrom: r.period_from, counts: r.counts,
  error: r.error, requestedByName: r.requested_by_name, requestedAt: r.requested_at, startedAt: r.started_at, finishedAt: r.finished_at,
});

export async function listRollups(db: Kysely<DB>, limit = 20) {
  return (await db.selectFrom('medfund_warning_rollups').selectAll().orderBy('id', 'desc').limit(limit).execute()).map(view);
}

export async function rollupView(db: Kysely<DB>, id: number) {
  const r = await db.selectFrom('medfund_warning_rollups').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? view(r) : null;
}
