import type { Talent } from '../../../db/schema';
import { invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';

/**
 * Moves a talent to another employer inside a transaction: the current employment ends on the
 * move date, a new one starts the same day. History is kept; the person stays one talent.
 */
export async function moveWithin(
  tx: Tx,
  ctx: Ctx,
  talent: Talent,
  move: { enterpriseId: string; startedOn: string; note: string; action: string },
): Promise<void> {
  if (talent.enterprise_id === move.enterpriseId) throw invalid({ enterpriseId: '人才已在该企业' });
  const current = await tx
    .selectFrom('talent_employments')
    .select(['id', 'started_on'])
    .where('talent_id', '=', talent.id)
    .where('ended_on', 'is', null)
    .executeTakeFirst();
  if (current && current.started_on > move.startedOn) throw invalid({ startedOn: `不能早于现任职起始日 ${current.started_on}` });
  if (current) await tx.updateTable('talent_employments').set({ ended_on: move.startedOn }).where('id', '=', current.id).execute();
  await tx.insertInto('talent_employments').values({ talent_id: talent.id, enterprise_id: move.enterpriseId, started_on: move.startedOn }).execute();
  await tx
    .updateTable('talents')
    .set({ enterprise_id: move.enterpriseId, updated_at: ctx.now, version: talent.version + 1 })
    .where('id', '=', talent.id)
    .execute();
  await recordAudit(tx, ctx, {
    action: move.action, entityType: 'talent', entityId: talent.id, enterpriseId: move.enterpriseId,
    before: { enterpriseId: talent.enterprise_id }, after: { enterpriseId: move.enterpriseId, startedOn: move.startedOn, note: move.note },
  });
}
