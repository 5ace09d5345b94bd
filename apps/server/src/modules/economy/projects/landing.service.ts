import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { can } from '../../../core/identity/actor';
import { enterpriseInScope } from '../../../core/identity/scope';
import { registerEnterprise } from '../../../core/enterprises/enterprise.service';
import { getProject, loadProject } from './projects.service';
import type { LandInput } from './project.schemas';

/**
 * The enterprise a project lands as (项目落地): an enterprise already in the registry (inside the
 * officer's scope), or a new one registered here through the core registry (its checks, its audit
 * entry, the same transaction). Its figures then flow into the indicators like any enterprise's.
 */
export async function landProject(ctx: Ctx, id: string, input: z.infer<typeof LandInput>) {
  await ctx.db.transaction().execute(async (tx) => {
    const p = await loadProject(tx, ctx, id, true);
    if (p.status === 'dropped') throw new AppError('ECONOMY_PROJECT_CLOSED');
    let enterpriseId: string;
    let created = false;
    if ('enterpriseId' in input) {
      const e = await tx.selectFrom('enterprises as e').select('e.id').where('e.id', '=', input.enterpriseId).where(enterpriseInScope(ctx.actor)).executeTakeFirst();
      if (!e) throw new AppError('NOT_FOUND', { enterpriseId: '企业不存在或不在您的数据范围内' }, { zh: '要关联的企业不存在或不在您的数据范围内', en: 'The enterprise to link does not exist or is outside your scope' });
      enterpriseId = e.id;
    } else {
      if (!can(ctx.actor, 'enterprise.create')) throw new AppError('FORBIDDEN');
      enterpriseId = await registerEnterprise(tx, ctx, input.enterprise);
      created = true;
    }
    await tx.updateTable('economy_projects').set({ enterprise_id: enterpriseId, updated_at: ctx.now, version: p.version + 1 }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, {
      action: 'economy.project.land', entityType: 'economy_project', entityId: id, enterpriseId,
      before: { enterpriseId: p.enterprise_id }, after: { enterpriseId, created },
    });
  });
  return getProject(ctx, id);
}
