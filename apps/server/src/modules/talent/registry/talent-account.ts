import type { TalentAccountInput } from '@zhizhi/contracts';
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx } from '../../../core/context';
import { TALENT_ROLE } from '../access';
import { loadVisibleTalent } from './talent.service';

/**
 * A talent's own login (talents.user_id): the account an administrator created with the 人才 role,
 * linked by the talent office so that the person sees their own file and points (talent-scope.ts:
 * self = user_id). Linking replaces a previous link; unlinking leaves the account itself alone.
 */
export async function linkTalentAccount(ctx: Ctx, talentId: string, input: TalentAccountInput): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const talent = await loadVisibleTalent(ctx, talentId, tx, true);
    const user = await tx
      .selectFrom('users as u')
      .select(['u.id', 'u.username', (eb) => eb.exists(eb.selectFrom('user_roles as r').whereRef('r.user_id', '=', 'u.id').where('r.role_code', '=', TALENT_ROLE)).as('is_talent')])
      .where('u.username', '=', input.username)
      .executeTakeFirst();
    if (!user) throw invalid({ username: `用户 ${input.username} 不存在（先在“用户管理”中以“人才”角色创建）` });
    if (!user.is_talent) throw invalid({ username: `用户 ${input.username} 没有“人才”角色，不能关联为人才本人账号` });
    if (talent.user_id === user.id) return;
    const other = await tx.selectFrom('talents').select('id').where('user_id', '=', user.id).where('id', '<>', talentId).executeTakeFirst();
    if (other) throw new AppError('TALENT_ACCOUNT_IN_USE', { username: '该账号已关联其他人才，请先在那位人才的档案中解除' });
    await tx.updateTable('talents').set({ user_id: user.id, updated_at: ctx.now }).where('id', '=', talentId).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.account.link', entityType: 'talent', entityId: talentId, enterpriseId: talent.enterprise_id,
      before: { userId: talent.user_id }, after: { userId: user.id, username: user.username },
    });
  });
}

export async function unlinkTalentAccount(ctx: Ctx, talentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const talent = await loadVisibleTalent(ctx, talentId, tx, true);
    if (talent.user_id === null) return;
    await tx.updateTable('talents').set({ user_id: null, updated_at: ctx.now }).where('id', '=', talentId).execute();
    await recordAudit(tx, ctx, {
      action: 'talent.account.unlink', entityType: 'talent', entityId: talentId, enterpriseId: talent.enterprise_id,
      before: { userId: talent.user_id }, after: { userId: null },
    });
  });
}
