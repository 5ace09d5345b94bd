import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';

export const claimLink = (id: string) => `/talent/claims/${id}`;

/** The users of an enterprise who edit its talents (talent.write), active. */
async function enterpriseTalentEditors(tx: Tx, enterpriseId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('users as u')
    .select('u.id')
    .where('u.status', '=', 'active')
    .where('u.enterprise_id', '=', enterpriseId)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code
      WHERE ur.user_id = u.id AND 'talent.write' = ANY (ro.permissions))`)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Tells those a step concerns (in-app): the enterprise's talent HR always; the talent, through
 * their own login, when their facts are decided (approved or rejected).
 */
export async function notifyClaimStep(
  notifier: Notifier,
  tx: Tx,
  claim: { id: string; enterprise_id: string; talent_id: string | null },
  n: { title: string; body: string; toTalent: boolean },
): Promise<void> {
  const editors = await enterpriseTalentEditors(tx, claim.enterprise_id);
  for (const id of editors) await notifier.notify(tx, id, { title: n.title, body: n.body, link: claimLink(claim.id) });
  if (n.toTalent && claim.talent_id) {
    const t = await tx.selectFrom('talents').select('user_id').where('id', '=', claim.talent_id).executeTakeFirst();
    // the talent reads their own file, not the claim
    if (t?.user_id && !editors.includes(t.user_id)) await notifier.notify(tx, t.user_id, { title: n.title, body: n.body, link: '/talent/me' });
  }
}
